"""The resolved mention every resolution step passes along (spans, names, actors, teams)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.schema import ActorType


@dataclass(frozen=True)
class Mention:
    """A resolved mention: the cleaned span, spaCy's label, and the actor it names."""

    article_id: str
    sentence_id: int
    start: int
    end: int
    label: str
    key: str  # name key of the actor before display names are chosen
    actor_type: ActorType
    name: str  # the name as written, titles stripped (becomes an alias)
    affiliation_hint: str = ""
