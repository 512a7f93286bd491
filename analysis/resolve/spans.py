"""Span repair: the extent of a name when the model's span is too short, too long or two in one.

The small model cuts names ("singer-songwriter Carly [Simon]", "Wong Kwok[-hing]", "Dries
[Mertens]"), runs them together ("Council on American-Islamic Relations Alia Salem", "Rathbun the
Scientology"), and keeps what is not the name ("Sweden 1", "State Department Spokesperson",
"X Image"). `reshape` and `trim` repair one span from the article's text and the people the model
found in it; `coordinated` splits "North and South Korea". Plain text and registry only, no spaCy.
"""

from __future__ import annotations

import re

from analysis.knowledge.registry import Registry, name_key
from analysis.schema import ActorType

_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?) $")
_HYPHEN_TAIL = re.compile(r"-([a-z]+)\b")
_NOT_NAME_SUFFIXES = frozenset(
    "like style based led backed era type owned born linked made".split()
)
# A role word ending an organisation span is the person's role: "State Department Spokesperson".
_ROLE_TAILS = frozenset(
    "spokesperson spokesman spokeswoman sheriff secretary minister director chairman chairwoman "
    "commissioner administrator official spokespeople".split()
)
_NEXT_WORD = re.compile(r" ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?![-'’]\w)")
_CAMPUS = re.compile(r" at [A-Z][a-z]+(?: [A-Z][a-z]+)?\b")
_THE_INSIDE = re.compile(r"\s+the\s+(?=[A-Z])")
_COORDINATED = re.compile(r"^(?P<a>[A-Z][a-z]+) and (?P<b>[A-Z][a-z]+) (?P<head>[A-Z][\w-]+)$")
_FUNCTION_WORDS = frozenset(
    "a an the and but or nor of in on at for with by from to as if so not both all hi".split()
)
_DATE_WORD = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Today|Yesterday|Tomorrow)$"
)
_STANCE_BEFORE = re.compile(r"\b(?:pro|anti)[-‐‑]$", re.IGNORECASE)
_INNER_SCORE = re.compile(r"\s+\d{1,3}\s+(?=[A-Z])")
_SCORE_REST = re.compile(r"^\s+[A-Z][\w.'’ -]*\s\d{1,3}\s*$|^\s*$")  # the rest of a score line
_SCORE = re.compile(r"(?:\s*[-–—:])?\s+\d{1,2}$")  # "Sweden 1" in "Sweden 1 – 0 Korea Republic"
_CAPTION_TAIL = re.compile(r"(?:\s+|(?<=[a-z]))(?:Image|Photo|Picture|File|Video|Credit|Archived)$")
PRONOUNS = frozenset(
    "i me my he him his she her hers it its we us our they them their you your who whom this that".split()
)


def trim(text: str, start: int, end: int, label: str, registry: Registry) -> tuple[int, int]:
    """Cut words that are not the name: a caption word ("X Image"), a score ("Sweden 1"), a
    trailing title ("State Department Spokesperson", "Los Angeles Sheriff"), and the place of a
    stance glued before an organisation ("pro-Beijing New People Party")."""
    surface = text[start:end]
    caption = _CAPTION_TAIL.search(surface)
    if caption and caption.start() > 0:
        return start, start + caption.start()
    inner = _INNER_SCORE.search(surface)  # "Liverpool 1 Everton 1": two teams and a score
    if inner and inner.start() > 0:
        return start, start + inner.start()
    score = _SCORE.search(surface)
    if score and score.start() > 0:
        found = registry.lookup(surface[: score.start()])
        line_end = text.find("\n", end)
        rest = text[end : line_end if line_end != -1 else len(text)]
        if (found is not None and found.actor_type == "country") or _SCORE_REST.match(rest):
            return start, start + score.start()  # "Leeds 0 Newcastle 3", "Sweden 1 – 0"
    words = surface.split()
    if label == "PERSON" or len(words) < 2:
        return start, end
    if label == "ORG" and words[-1].lower() in _ROLE_TAILS and words[-2][:1].isupper():
        return start, start + surface.rindex(words[-1]) - 1
    if len(words) > 2 and _STANCE_BEFORE.search(text[max(0, start - 5) : start]):
        return start + len(words[0]) + 1, end
    return start, end


def _grown(
    text: str, start: int, end: int, label: str, people: set[str], registry: Registry
) -> tuple[int, str]:
    """A span the model cut short: 'Dries [Mertens]' when 'Mertens' is a person elsewhere in the
    article; 'University of North Carolina [at Greensboro]' (a campus)."""
    surface = text[start:end]
    after = _NEXT_WORD.match(text, end)
    if (
        after
        and " " not in surface
        and after.group(1) in people
        and registry.lookup(surface) is None
        and not registry.is_title(surface)
        and not registry.country_of_demonym(surface)
    ):
        return after.end(), "PERSON"
    campus = _CAMPUS.match(text, end)
    if label == "ORG" and surface.startswith("University") and campus:
        return campus.end(), label
    return end, label


def _person_apart(
    text: str, start: int, end: int, label: str, people: set[str]
) -> tuple[int, int, str]:
    """A person run together with the words before: 'Nonpartisan Paul Tse' (a word the article
    writes in lower case), 'Council on American-Islamic Relations Alia Salem' and 'Pan-democrat
    Lam Cheuk-ting' (a person the model found elsewhere in the article)."""
    surface = text[start:end]
    words = surface.split(" ")
    if label == "PERSON" and len(words) > 2 and _mostly_lower(text, words[0]):
        return start + len(words[0]) + 1, end, label
    if label != "PERSON" and len(words) > 2:
        for person in people:
            if " " in person and surface.endswith(" " + person):
                rest = surface[: -len(person) - 1]
                if " " in rest:  # an organisation of its own before the person
                    return start, start + len(rest), label
                return end - len(person), end, "PERSON"
    return start, end, label


def _cut_at_the(text: str, start: int, end: int, people: set[str]) -> int:
    """'According to Rathbun the Scientology property...': the span ends after a person of the
    article; 'Buffy the Vampire Slayer' and 'Stop the Steal' stay whole."""
    cut = _THE_INSIDE.search(text, start, end)
    return cut.start() if cut is not None and text[start : cut.start()] in people else end


def coordinated(
    text: str, start: int, end: int, registry: Registry
) -> list[tuple[int, int, str, ActorType, str]] | None:
    """'North and South Korea' -> (start, end, key, type, name) for 'North' (North Korea) and
    'South Korea', when both full names are registry entries of one type."""
    match = _COORDINATED.match(text[start:end])
    if match is None:
        return None
    first = registry.lookup(f"{match['a']} {match['head']}")
    second = registry.lookup(f"{match['b']} {match['head']}")
    if first is None or second is None or first.actor_type != second.actor_type:
        return None
    b = start + match.start("b")
    return [
        (start, start + match.end("a"), name_key(first.name), first.actor_type, match["a"]),
        (b, end, name_key(second.name), second.actor_type, text[b:end]),
    ]


def _mostly_lower(text: str, word: str) -> bool:
    """The article writes `word` in lower case more often than capitalised inside a sentence."""
    lower = sum(  # lower-cased lines say nothing: every word there is in lower case
        not _in_lower_line(text, m.start())
        for m in re.finditer(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text)
    )
    if not lower:
        return False
    inside = rf"(?<=[a-z,;] ){re.escape(word[:1].upper() + word[1:].lower())}(?![\w-])"
    return lower > len(re.findall(inside, text))


def _in_lower_line(text: str, pos: int) -> bool:
    end = text.find("\n", pos)
    line = text[text.rfind("\n", 0, pos) + 1 : end if end != -1 else len(text)]
    return not any(ch.isupper() for ch in line)


def _unknown(surface: str, registry: Registry) -> bool:
    """A one-word place name neither the registry nor the capitals know."""
    return registry.lookup(surface) is None and registry.country_of_capital(surface) is None


def _first_name_before(
    text: str, start: int, end: int, sentence_starts: list[int], registry: Registry
) -> int:
    """Where a one-word person span really starts: 'singer-songwriter Carly Simon' where the model
    tagged only 'Simon'. The word before joins when it is capitalised inside a sentence and is no
    title, known name, demonym, date word or common word."""
    if " " in text[start:end]:
        return start
    before = _NAME_BEFORE.search(text[max(0, start - 30) : start])
    if before is None:
        return start
    word_start = start - len(before.group(0))
    word = before.group(1)
    if (
        word_start in sentence_starts
        or text[max(0, word_start - 20) : word_start].rstrip()[-1:]
        in ("", ".", "!", "?", ":", "\n", '"', "“")
        or word.lower() in PRONOUNS | _FUNCTION_WORDS
        or _DATE_WORD.match(word)
        or registry.is_title(word)
        or registry.lookup(word) is not None
        or registry.country_of_demonym(word)
        or _mostly_lower(text, word)  # "Both", "Hi"
    ):
        return start
    return word_start


def reshape(
    text: str,
    start: int,
    end: int,
    label: str,
    *,
    people: set[str],
    covered: int,
    sentence_starts: list[int],
    registry: Registry,
) -> tuple[int, int, str]:
    """(start, end, label) of the name the model's span stands for; `people` are the article's
    PERSON spans as written, `covered` the end of the previous span (a span never grows into it)."""
    end, label = _grown(text, start, end, label, people, registry)
    start, end, label = _person_apart(text, start, end, label, people)
    if label == "PERSON" or (label in ("GPE", "LOC") and _unknown(text[start:end], registry)):
        # "Carly [Simon]", "Vitas [Gerulaitis]" (read as a place), "Duran [Duran]"
        first = _first_name_before(text, start, end, sentence_starts, registry)
        start = first if first >= covered else start
    if label == "PERSON":
        tail = _HYPHEN_TAIL.match(text, end)  # "Wong Kwok[-hing]", not "Warhol-like"
        if tail and " " in text[start:end] and tail.group(1) not in _NOT_NAME_SUFFIXES:
            end = tail.end()
    else:
        end = _cut_at_the(text, start, end, people)
    return start, end, label
