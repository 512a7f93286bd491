"""Which one-word names are people: spaCy's PERSON is not enough on its own.

The small model calls many one-word names PERSON that are not people ("Brexit", "Fedora",
"SpaceX", a town, a ship). Across the corpus, a one-word name typed person stays a person only
when it takes a person's evidence somewhere: a title or a noun only a person is before it ("Mr.
Fitzwater", "Pope Francis", "son Barron", "composer Mozart"; analysis.knowledge.roles),
a first name (a person of the corpus is named "Marlin Fitzwater"; or the name is a common given
name itself: "Zoe", analysis.knowledge.given_names), or, for at least
PRONOUN_SHARE of its mentions, a person's words around it ("Fitzwater, who", "Fitzwater said he",
"..., said Mauer"),
a pronoun that can only be its own ("Rosselló resigned after his chats leaked") or a place in a
list beside a person named in full ("Robert Mugabe and Tsvangirai"). A name without
any is typed "other": kept as its own actor, but not counted among the people.

Pure functions of mentions and article texts (no spaCy), run once over the whole corpus.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from analysis.knowledge.given_names import given_names
from analysis.knowledge.registry import Registry
from analysis.knowledge.roles import PERSON_NOUNS
from analysis.resolve.mention import Mention
from analysis.resolve.rules import INSTITUTION_WORDS, person_evidence

PRONOUN_SHARE: Final = 0.1  # share of a name's mentions that must take a person's words
_WINDOW: Final = 240  # characters searched for the end of a sentence
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*(?:\s+|$)(?=[A-Z\"“‘(]|$)|\n")
_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_KIN = re.compile(
    r"['’]s\s+(?:wife|husband|widow|son|sons|daughter|daughters|father|mother|brother|sister|"
    r"parents|family|death|funeral|birthday|career|lawyer|lawyers|attorney)\b"
)
_AGE = re.compile(r",\s+(?:an?\s+)?\d{1,3}-year-old\b")  # "Zoe, a 9-year-old"
_APPOSITION = re.compile(r",\s+(?:a|an|the|his|her|their)\s+((?:[\w-]+\s+){0,3}?[\w-]+)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|asked|wrote)\s+$")  # "..., said Mauer."
_LIST_GAPS: Final = frozenset({", ", " and ", ", and ", " or ", " & "})
_NOUN_BEFORE = re.compile(r"([A-Za-z]+)\.?,?\s+$")


def unsupported_people(
    mentions: list[Mention], registry: Registry, *, texts: Mapping[str, str]
) -> list[Mention]:
    """Mentions of a one-word person name that takes no person's evidence anywhere in the
    corpus, retyped "other"; every other mention as it was."""
    candidates = defaultdict(list)
    for i, m in enumerate(mentions):
        if _candidate(m, registry) and m.article_id in texts:
            candidates[m.key].append(i)
    if not candidates:
        return mentions
    named = _name_words(mentions) | given_names()
    by_article = _people_by_article(mentions)
    unsupported = set()
    for key, rows in candidates.items():
        if key in named:
            continue
        titled, spoken = False, 0
        for i in rows:
            m = mentions[i]
            text, people = texts[m.article_id], by_article.get(m.article_id, ([], [], []))
            if _titled(text, m.start, m.end, registry):
                titled = True
                break
            spoken += (
                person_evidence(text, m.start, m.end, registry)
                or _KIN.match(text, m.end) is not None
                or _apposition(text, m.end)
                or _SAID_BEFORE.search(text, max(0, m.start - 12), m.start) is not None
                or _own_pronoun(text, m, people)
                or _beside_person(text, m, people)
            )
        if not titled and spoken < max(1.0, PRONOUN_SHARE * len(rows)):
            unsupported.update(rows)
    return [
        replace(m, actor_type="other") if i in unsupported else m for i, m in enumerate(mentions)
    ]


def _candidate(m: Mention, registry: Registry) -> bool:
    """A one-word name the model called a person and no rule or registry entry made one."""
    return (
        m.actor_type == "person"
        and m.label == "PERSON"
        and " " not in m.key
        and m.key not in registry.names
    )


def _name_words(mentions: list[Mention]) -> set[str]:
    """Words of the corpus's multi-word person names ('marlin', 'fitzwater'): a one-word name
    among them takes a first name (or is one); institution words never count ('Toni House')."""
    words = set()
    for m in mentions:
        if m.actor_type == "person" and " " in m.key:
            words.update(w for w in m.key.split() if w not in INSTITUTION_WORDS)
    return words


People = tuple[list[int], list[int], list[str]]  # starts (sorted), ends, keys of one article


def _people_by_article(mentions: list[Mention]) -> dict[str, People]:
    """Per article, the starts, ends and keys of its person mentions, in text order."""
    found = defaultdict(list)
    for m in mentions:
        if m.actor_type == "person":
            found[m.article_id].append((m.start, m.end, m.key))
    out = {}
    for article, rows in found.items():
        rows.sort()
        out[article] = ([s for s, _, _ in rows], [e for _, e, _ in rows], [k for _, _, k in rows])
    return out


def _beside_person(text: str, m: Mention, people: People) -> bool:
    """Listed with a person named in full: 'Mugabe and Tsvangirai', 'Shearer, Beardsley'."""
    starts, ends, keys = people
    i = bisect.bisect_left(starts, m.start)
    before = i - 1 if i > 0 else None
    after = i + 1 if i + 1 < len(starts) else None
    gaps = []
    if before is not None and " " in keys[before]:
        gaps.append(text[ends[before] : m.start])
    if after is not None and " " in keys[after]:
        gaps.append(text[m.end : starts[after]])
    return any(gap in _LIST_GAPS for gap in gaps)


def _titled(text: str, start: int, end: int, registry: Registry) -> bool:
    """A person's title or a noun only a person is right before the name or inside its span:
    'Mr. Fitzwater', 'Imam Khomeini' (the span holds the title, the key does not), 'son Barron',
    'his mother, Anwar'; or an age after it ('Zoe, a 9-year-old')."""
    before = (text[max(0, start - 40) : start] + " " + text[start:end]).split()[:-1]
    if any(
        len(before) >= size and registry.is_title(" ".join(before[-size:])) for size in (3, 2, 1)
    ):
        return True
    noun = _NOUN_BEFORE.search(text, max(0, start - 30), start)
    if noun is not None and noun.group(1).islower() and noun.group(1) in PERSON_NOUNS:
        return True
    return _AGE.match(text, end) is not None


def _apposition(text: str, end: int) -> bool:
    """'Anwar, a mother of three', 'Groom, the MP': a person noun in the phrase after a comma."""
    found = _APPOSITION.match(text, end)
    return found is not None and any(w in PERSON_NOUNS for w in found.group(1).lower().split())


def _own_pronoun(text: str, m: Mention, people: People) -> bool:
    """A he/she/his/her after the name in its sentence (or opening the next one) when no other
    person is named in the sentence before that pronoun: then the pronoun can only be its own."""
    start = _sentence_start(text, m.start)
    rest = text[m.end : m.end + _WINDOW]
    end = _SENTENCE_END.search(rest)
    sentence_end = m.end + (end.end() if end else len(rest))
    pronoun = _PRONOUN.search(text, m.end, sentence_end)
    if pronoun is None:
        opening = re.match(r"(?:He|She|His|Her)\b", text[sentence_end : sentence_end + 4])
        if opening is None:
            return False
        at = sentence_end
    else:
        at = pronoun.start()
    starts, _, keys = people
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, at)
    return all(k == m.key for k in keys[lo:hi])


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos`, searched at most _WINDOW characters back."""
    lo = max(0, pos - _WINDOW)
    last = lo
    for found in _SENTENCE_END.finditer(text, lo, pos):
        last = found.end()
    return last
