"""National teams: in a football report, "Belgium beat Panama 3-0" names two teams, not two states.

Counting such mentions as the countries would put a football result into a country's tone and
into the diplomatic network. An article reads as football coverage when it uses at least three
distinct football words, one of them unambiguous (football, FIFA, midfielder, ...); there a
country named as a place ("in Russia", "at Moscow") stays the country; any other country mention
("lost to England", "the Belgians") becomes "<Country> national football team", an organisation
affiliated to the country.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.knowledge.registry import Registry, name_key

STRONG = re.compile(
    r"\b(?:football|soccer|FIFA|UEFA|World Cup|midfielder|striker|goalkeeper|Champions League|"
    r"Euro 20\d\d|Premier League|La Liga|Serie A|Bundesliga)\b",
    re.IGNORECASE,
)
WEAK = re.compile(
    r"\b(?:goals?|scored|penalty|kick-?off|half-?time|match(?:es)?|draw|defender|coach|"
    r"group stage|round of 16|quarter-?finals?|semi-?finals?|final|tournament|squad|fans)\b",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|into|from|across|around|via)\s+(?:the\s+)?$", re.IGNORECASE
)

_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def is_football_report(text: str) -> bool:
    if STRONG.search(text) is None:  # most articles: no need to collect the weak words
        return False
    strong = {m.group().lower() for m in STRONG.finditer(text)}
    weak = {m.group().lower() for m in WEAK.finditer(text)}
    return len(strong) + len(weak) >= 3


def national_teams(text: str, mentions: list, registry: Registry) -> list:
    """Mentions with countries read as their national football teams where the article is a
    football report and the country is not named as a place."""
    if not is_football_report(text):
        return mentions
    out = []
    for m in mentions:
        before = text[max(0, m.start - 20) : m.start]
        if m.actor_type == "country" and (
            (m.label in ("GPE", "ORG", "PERSON") and not _PLACE_BEFORE.search(before))
            or (m.label == "NORP" and m.name.endswith("s") and _THE.search(before))  # the Belgians
        ):
            entry = registry.names.get(m.key)
            country = entry.name if entry is not None else m.name
            team = f"{country} national football team"
            m = replace(
                m,
                key=name_key(team),
                actor_type="organization",
                name=team,
                affiliation_hint=country,
            )
        out.append(m)
    return out
