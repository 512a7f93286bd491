"""Small checks that keep corpus-wide resolution plausible: pure functions of a name, its article
text and counts, so the per-mention code and the columnar corpus steps can call them alike.

- `may_join_by_surname`: "House" (the House of Representatives) never becomes "Toni House" because
  a Toni House is the only House in the corpus; an institution's head word or a common noun joins a
  person by the surname rule only with evidence in its own article (a title, "House, who", "House
  said he").
- `looks_collective` / `is_group_name`: "the Contras", "Sandinistas" are groups, not people.
- `plausible_affiliation`: an affiliation needs a clear majority of enough votes and must not
  contradict the registry (a national party belongs to its own country).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Final

from analysis.knowledge.registry import Registry, name_key
from analysis.resolve.mention import Mention

# Head words of institutions and places, and common nouns, that news capitalises alone ("the House",
# "the Court", "Wall Street"): never a person's surname by the corpus-wide rule alone.
INSTITUTION_WORDS: Final = frozenset(
    """house senate congress parliament assembly court courts cabinet council committee commission
    ministry department office agency bureau board street avenue road square bank church temple
    mosque cathedral university college school academy institute hospital army navy police guard
    party union federation league club group company corporation embassy consulate palace kremlin
    pentagon capitol hall tower bridge river lake mountain island city state states county province
    republic kingdom empire government administration regime authority treasury exchange market
    fund foundation center centre museum library press times post news herald journal tribune
    radio television network station airport port""".split()
)
# Words right after a name that only a person takes: "House, who ...", "House said he ...".
_PERSON_AFTER = re.compile(
    r"^(?:,\s*(?:who|whose)\b|\s+(?:said|says|told|added|asked)\s+(?:he|she)\b|\s*,\s*\d{1,3},)"
)
# Plural names of groups that English news uses alone ("the Contras"): kept short on purpose, the
# suffix rule below covers most ("Sandinistas", "Islamists", "Shiites").
COLLECTIVES: Final = frozenset(
    """contras sandinistas mujahedeen mujahideen kurds sunnis shiites shias tamils druze maronites
    palestinians sikhs hindus muslims christians jews catholics protestants serbs croats bosnians
    albanians basques uighurs uyghurs rohingya hutus tutsis pashtuns cossacks bedouins boers
    afrikaners aborigines maoists islamists loyalists royalists rebels insurgents separatists
    jihadists houthis""".split()
)
_COLLECTIVE_SUFFIX = re.compile(r"(?:istas|istes|ists|ites|ians|eans)$")

# "Hurricane Humberto", "Tropical Storm Humberto", "Typhoon Haiyan": one storm, named by its given
# name; a storm is no actor of the story's politics but is named like a person: typed "other".
_STORM = re.compile(
    r"^(?:(?:Super\s+)?Typhoon|Hurricane|(?:Tropical|Subtropical|Winter)\s+Storm|Cyclone|"
    r"Tropical\s+(?:Cyclone|Depression)|Storm)\s+([A-Z][a-z]+)$"
)

MIN_VOTES: Final = 2  # votes an affiliation needs for a person seen in MANY_ARTICLES or more
MANY_ARTICLES: Final = 3
MIN_SHARE: Final = 0.5  # its share of the person's votes must be above this


def is_institution_word(word: str, *, text: str = "") -> bool:
    """An institution's head word, or a word the article also writes in lower case (a common noun:
    "the house" beside "House")."""
    key = name_key(word)
    if key in INSTITUTION_WORDS:
        return True
    if not text or " " in key:
        return False
    if _WORD.fullmatch(key):  # the same answer as the regex below, from the article's words
        return key in _words_of(text)
    return re.search(rf"\b{re.escape(key)}\b", text) is not None


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _words_of(text: str) -> frozenset[str]:
    """The article's words as written (mentions come article by article, so a few suffice)."""
    return frozenset(_WORD.findall(text))


def person_evidence(text: str, start: int, end: int, registry: Registry) -> bool:
    """The mention takes a person's title just before it ("Mr. House", "Justice House") or a
    person's words right after it ("House, who", "House said she")."""
    before = text[max(0, start - 40) : start].split()
    for size in (3, 2, 1):
        if len(before) >= size and registry.is_title(" ".join(before[-size:])):
            return True
    return _PERSON_AFTER.match(text[end : end + 24]) is not None


# A short name that is not the longer one it ends with: "the House" is never the White House.
DISTINCT_TAILS: Final = frozenset({("house", "white house")})


def may_join_tail(word: str, longer: str) -> bool:
    """Whether a one-word name may stand for a longer name ending with it ('Court' for 'Supreme
    Court'), unless the modifier makes another institution ('House' and 'White House')."""
    return (name_key(word), name_key(longer)) not in DISTINCT_TAILS


def reads_as_institution(word: str, *, text: str, start: int) -> bool:
    """'the House', 'the Court': an institution's head word after 'the' is never a person, even
    beside a Toni House in the same article."""
    return name_key(word) in INSTITUTION_WORDS and text[max(0, start - 4) : start].lower() == "the "


def may_join_by_surname(word: str, *, text: str, start: int, end: int, registry: Registry) -> bool:
    """Whether a one-word mention may join the corpus's dominant person of that surname: always,
    unless it is an institution's head word or a common noun; then only with person evidence in
    its own article (a full name there is joined earlier, inside the article)."""
    if reads_as_institution(word, text=text, start=start):
        return False
    if not is_institution_word(word, text=text):
        return True
    return person_evidence(text, start, end, registry)


def storm_name(name: str) -> str | None:
    """'Hurricane Humberto' -> 'Humberto'; None for anything that is not a named storm."""
    match = _STORM.match(name)
    return match.group(1) if match else None


def name_storms(mentions: list[Mention]) -> list[Mention]:
    """After 'Hurricane Humberto' in an article, its bare 'Humberto' is the storm too."""
    storms = {m.key for m in mentions if m.actor_type == "other" and _is_storm(m)}
    if not storms:
        return mentions
    return [replace(m, actor_type="other") if m.key in storms else m for m in mentions]


def _is_storm(m: Mention) -> bool:
    return name_key(m.name) == m.key and m.actor_type == "other" and " " not in m.key


def looks_collective(name: str) -> bool:
    """A one-word plural name of a group: "Contras", "Sandinistas", "Islamists"."""
    key = name_key(name)
    if " " in key or not name[:1].isupper():
        return False
    return key in COLLECTIVES or _COLLECTIVE_SUFFIX.search(key) is not None


def is_group_name(name: str, *, person_evidence_seen: bool) -> bool:
    """A name spaCy called a person is a group when it looks collective and never took a person's
    title, first name or person words anywhere in the corpus."""
    return looks_collective(name) and not person_evidence_seen


def plausible_affiliation(
    votes: dict[str, int],
    *,
    articles: int,
    registry_affiliation: str = "",
    countries: frozenset[str] = frozenset(),
) -> tuple[str, int]:
    """(affiliation, its votes) from one actor's votes, or ("", 0) when none is plausible.

    Votes for a country other than the registry's own affiliation of the actor are dropped (the US
    Democratic Party is not China's). The winner needs more than MIN_SHARE of the remaining votes
    and, for an actor seen in MANY_ARTICLES or more, at least MIN_VOTES of them: one odd parse
    neither outvotes the rest nor speaks for a person the corpus names hundreds of times."""
    if registry_affiliation:
        votes = {a: n for a, n in votes.items() if a == registry_affiliation or a not in countries}
    total = sum(votes.values())
    if not total:
        return "", 0
    best, count = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    if count <= MIN_SHARE * total or (articles >= MANY_ARTICLES and count < MIN_VOTES):
        return "", 0
    return best, count
