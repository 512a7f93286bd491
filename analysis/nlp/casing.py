"""Give the NER model cased text when a line has none: all-caps headlines, lower-cased text.

The small English model reads capital letters as a strong sign of a name, so "IRAN WARNS ISRAEL"
and "iran warns israel" both lose their entities. `recase_line` rewrites such a line with the same
length (every offset stays valid). In an all-caps line a word takes the spelling the rest of the
article gives it away from sentence starts ("MERKEL MEETS REUTERS" -> "Merkel meets Reuters" when
the body says "met Reuters editors"); a word the article does not spell otherwise becomes
capitalised (lower-cased when the article has a body that never uses it), except acronyms the
registry knows ("US", "NATO") and short function words. In
lower-cased lines, registry names (countries, demonyms, organisations) and sentence starts get
their capital back. Only spaCy sees the result; the tables keep the article's own text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache

from analysis.knowledge.registry import Registry, name_key

SMALL_WORDS = frozenset(
    "a an and as at by for from in into of on or the to with vs via over".split()
)
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’.-]*")
_NAME_WORD = re.compile(r"[A-Za-z\u00c0-\u024f](?:[\w'’-]*\w)?")
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]*?\s+\d{4}-\d{2}-\d{2}\s*$")  # CoNLL-2003 datelines
_BODY_WORDS = 15  # distinct words in mixed case: enough body to tell names from other words
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)([a-z])")


def _is_all_caps(line: str) -> bool:
    letters = "".join(filter(str.isalpha, line))  # filter and map: no Python loop per character
    return len(letters) >= 4 and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


def _is_lower(line: str) -> bool:
    return len(_WORD.findall(line)) >= 4 and not any(ch.isupper() for ch in line)


@lru_cache(maxsize=2)
def _names(registry: Registry) -> dict[str, str]:
    """Lower-case registry names (by key) with their usual spelling, e.g. 'iran' -> 'Iran'."""
    names: dict[str, str] = {}
    for key, entry in registry.names.items():
        if entry.actor_type in ("country", "organization") and len(key) >= 4:
            names.setdefault(key, entry.name if name_key(entry.name) == key else key.title())
    for key in registry.demonyms:
        names.setdefault(key, key.title())
    return names


def _keep_capitals(word: str, registry: Registry) -> bool:
    """Acronyms stay: 'US', 'NATO', 'EU', and short unknown words ('CDC' is safer than 'Cdc')."""
    bare = word.strip(".'’-")
    entry = registry.lookup(bare)
    if entry is not None:
        return entry.name.isupper() or name_key(entry.name) != name_key(bare)
    return len(bare) <= 3


@lru_cache(maxsize=4)
def document_spellings(text: str) -> dict[str, str]:
    """Lower-cased word -> its most common spelling in the mixed-case lines of `text`, leaving out
    words at the start of a line or sentence (their capital says nothing)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for line in text.split("\n"):
        if _is_all_caps(line) or _is_lower(line):
            continue
        for match in _WORD.finditer(line):
            before = line[: match.start()].rstrip(" \"'“‘(")
            if before and before[-1] not in ".!?:;—-":
                word = match.group().rstrip(".'’-")
                counts[word.lower()][word] += 1
    return {key: spellings.most_common(1)[0][0] for key, spellings in counts.items()}


def recase_line(line: str, registry: Registry, context: str = "") -> str:
    """`line` with usable capitals, same length; unchanged when its casing is already mixed.
    `context` is the whole article, whose mixed-case lines show how its words are spelt."""
    if _is_all_caps(line):
        known = document_spellings(context) if context else {}
        if _DATELINE.match(line):  # "NEW YORK 1996-09-08": a place and a date
            return _WORD.sub(
                lambda m: m.group() if _keep_capitals(m.group(), registry) and "." in m.group()
                else _capitalised(m.group()),
                line,
            )  # fmt: skip
        phrases = _phrases(line, context) if context else {}

        def fix(match: re.Match) -> str:
            word = match.group()
            if match.start() in phrases:
                return phrases[match.start()]
            bare = word.rstrip(".'’-")
            spelled = known.get(bare.lower())
            if spelled and len(spelled) == len(bare) and not spelled.isupper():
                if match.start() == 0:
                    spelled = spelled[:1].upper() + spelled[1:]
                return spelled + word[len(bare) :]
            if word.lower() in SMALL_WORDS and match.start() > 0:
                return word.lower()
            if _keep_capitals(word, registry):
                return word
            if len(known) >= _BODY_WORDS and match.start() > 0 and registry.lookup(bare) is None:
                return word.lower()  # the body never spells it: most likely not a name
            return _capitalised(word)

        out = _WORD.sub(fix, line)
    elif _is_lower(line):
        out = _SENTENCE_START.sub(lambda m: m.group()[:-1] + m.group(1).upper(), line)
        out = _capitalise_names(out, _names(registry))
    else:
        return line
    return out if len(out) == len(line) else line


def _capitalised(word: str) -> str:
    return word[:1] + word[1:].lower()


def _phrases(line: str, context: str) -> dict[int, str]:
    """Runs of two or three capitalised words the article writes as a phrase ("NEW YORK" when
    the body says "New York"): word start -> spelling."""
    words = list(_WORD.finditer(line))
    found: dict[int, str] = {}
    i = 0
    while i < len(words):
        for size in (3, 2):
            run = words[i : i + size]
            if len(run) < size or line[run[0].start() : run[-1].end()].count(" ") != size - 1:
                continue
            spelled = [_capitalised(w.group()) for w in run]
            if " ".join(spelled) in context:
                found.update((w.start(), s) for w, s in zip(run, spelled, strict=True))
                i += size - 1
                break
        i += 1
    return found


def _capitalise_names(line: str, names: dict[str, str]) -> str:
    """Registry names of up to three words get their spelling back ('united states')."""
    words = list(_NAME_WORD.finditer(line))
    chars = list(line)
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            if i + size > len(words):
                continue
            start, end = words[i].start(), words[i + size - 1].end()
            spelled = names.get(name_key(line[start:end]))
            if (
                spelled
                and len(spelled) == end - start
                and spelled.lower() == line[start:end].lower()
            ):
                chars[start:end] = spelled
                i += size
                break
        else:
            i += 1
    return "".join(chars)


def make_recaser(registry: Registry) -> Callable[[str, str], str]:
    """recase(line, article text)."""
    return lambda line, context: recase_line(line, registry, context)
