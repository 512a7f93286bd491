"""Edits of the analyst's alias file as pure functions (Overrides in, Overrides out).

The Resolution page turns form input into one of these calls, then `builds.save_aliases` writes the
YAML and rebuilds the tables without spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from analysis.resolve.overrides import Overrides
from analysis.schema import ACTOR_TYPES


def merge(overrides: Overrides, sources: Iterable[str], target: str) -> Overrides:
    """Mentions of each source actor (by name or alias) become mentions of `target` (a rename
    when there is one source and `target` is new)."""
    target = target.strip()
    if not target:
        raise ValueError("name the actor to merge into")
    added = {s: target for s in sources if s.strip() and s != target}
    if not added:
        raise ValueError("choose at least one actor other than the target")
    chained = {k: (target if v in added else v) for k, v in overrides.merge.items()}
    return replace(overrides, merge=chained | added)


def drop(overrides: Overrides, actors: Iterable[str]) -> Overrides:
    names = {a for a in actors if a.strip()}
    if not names:
        raise ValueError("choose at least one actor to drop")
    return replace(overrides, drop=overrides.drop | names)


def retype(overrides: Overrides, actor: str, actor_type: str) -> Overrides:
    if actor_type not in ACTOR_TYPES:
        raise ValueError(f"type must be one of {ACTOR_TYPES}")
    return replace(overrides, types=overrides.types | {actor: actor_type})


def reaffiliate(overrides: Overrides, actor: str, affiliation: str) -> Overrides:
    """Set (or, with an empty affiliation, remove) the analyst's affiliation for `actor`."""
    kept = {k: v for k, v in overrides.affiliations.items() if k != actor}
    if affiliation.strip():
        kept[actor] = affiliation.strip()
    return replace(overrides, affiliations=kept)
