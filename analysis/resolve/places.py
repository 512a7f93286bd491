"""Is a capital named as the city or standing for its government, and which state of the past does
a span name in its article's time ("Moscow said" in 1989 is the Soviet Union)."""

from __future__ import annotations

import re

from analysis.knowledge.registry import Registry

# "Ankara refused", "spoke to Ankara": the government. "in Tehran", "Governor of Washington",
# "an Ottawa street", "Seattle, Washington", "Taipei, Taiwan", "Ottawa New Democrat MP": the city.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|into|outside|around|across|via|of|an?|downtown|central|capital,?)\s+|"
    r"\b[A-Z][a-z]+,\s*)$"
)
_FROM_TO = re.compile(
    r"\b(?:from\s+[A-Z][\w.' -]*\s+to|between\s+[A-Z][\w.' -]*\s+and)\s+$|\bfrom\s+$"
)
_PLACE_AFTER = re.compile(r"^(?:,\s*[A-Z]|\s+[A-Z]|\s+D\.?C\b|\s+\d{4}-\d\d-\d\d)")  # dateline


def past_state(
    text: str, start: int, end: int, label: str, registry: Registry, *, date: str = ""
) -> str | None:
    """The state of the past a span names: its name or demonym ("Soviet", "East German"; some only
    in their time: "Burmese" before 1989-06-18), or a capital standing for its government in the
    article's time ("Moscow said" in 1989, not "in Moscow")."""
    surface = text[start:end]
    state = registry.state_at(surface, date)
    if state is not None:
        return state
    if label in ("GPE", "ORG", "FAC", "LOC") and not named_as_place(text, start, end):
        return registry.history.capital_at(surface, date)
    return None


def named_as_place(text: str, start: int, end: int) -> bool:
    """A capital named as the city, not standing for its government."""
    before = text[max(0, start - 40) : start]
    return bool(
        _PLACE_BEFORE.search(before[-24:])
        or _PLACE_AFTER.match(text[end : end + 12])
        or _FROM_TO.search(before)
    )
