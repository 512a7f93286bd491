"""`Filters`: what the analyst narrowed the corpus to (dates, text, types, actors, minimum mentions),
read from and written to the URL's query string, and the file names of downloads made under it.

`analysis.tables.filters.apply_filters` applies it; the order of its steps is documented there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from analysis.schema import ACTOR_TYPES

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLUG = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class Filters:
    """What the analyst narrowed the corpus to; hashable, so it can key a cache."""

    date_from: str = ""
    date_to: str = ""
    actors: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    min_mentions: int = 1
    query: str = ""
    include_undated: bool = True
    once: bool = True  # syndicated copies (articles with duplicate_of set) counted once

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value and not _ISO.match(value):
                raise ValueError(f"{name} must be YYYY-MM-DD, not {value!r}")
        bad = set(self.actor_types) - set(ACTOR_TYPES)
        if bad:
            raise ValueError(f"unknown actor types {sorted(bad)}; use {ACTOR_TYPES}")
        if self.min_mentions < 1:
            raise ValueError("min_mentions must be at least 1")

    @property
    def is_default(self) -> bool:
        return self == Filters()

    def to_query_params(self) -> dict[str, str | list[str]]:
        """URL parameters holding only what differs from the defaults (list = repeated key)."""
        params: dict[str, str | list[str]] = {}
        if self.date_from:
            params["from"] = self.date_from
        if self.date_to:
            params["to"] = self.date_to
        if self.actors:
            params["actor"] = list(self.actors)
        if self.actor_types:
            params["type"] = list(self.actor_types)
        if self.min_mentions != 1:
            params["min"] = str(self.min_mentions)
        if self.query:
            params["q"] = self.query
        if not self.include_undated:
            params["undated"] = "0"
        if not self.once:
            params["copies"] = "all"
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]]) -> Filters:
        """Filters from URL parameters; a malformed value is ignored (a shared link never crashes)."""

        def many(key: str) -> tuple[str, ...]:
            value = params.get(key, [])
            values = [value] if isinstance(value, str) else list(value)
            return tuple(dict.fromkeys(v for v in values if v))

        def one(key: str) -> str:
            value = params.get(key, "")
            return value if isinstance(value, str) else (value[-1] if value else "")

        dates = [d if _ISO.match(d) else "" for d in (one("from"), one("to"))]
        try:
            minimum = max(1, int(one("min") or 1))
        except ValueError:
            minimum = 1
        return cls(
            date_from=dates[0],
            date_to=dates[1],
            actors=many("actor"),
            actor_types=tuple(t for t in many("type") if t in ACTOR_TYPES),
            min_mentions=minimum,
            query=one("q").strip(),
            include_undated=one("undated") not in ("0", "false", "no"),
            once=one("copies") != "all",
        )

    def with_actors(self, actors: tuple[str, ...]) -> Filters:
        return replace(self, actors=tuple(actors))

    def slug(self) -> str:
        """A short, file-name-safe description of the filter ("all" when nothing is set)."""
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or 'start'}_to_{self.date_to or 'end'}")
        if self.actors:
            shown = "+".join(self.actors[:3]) + (
                f"+{len(self.actors) - 3}more" if len(self.actors) > 3 else ""
            )
            parts.append(f"actor-{shown}")
        if self.actor_types:
            parts.append("type-" + "+".join(self.actor_types))
        if self.min_mentions != 1:
            parts.append(f"min{self.min_mentions}")
        if self.query:
            parts.append(f"q-{self.query}")
        if not self.include_undated:
            parts.append("dated-only")
        if not self.once:
            parts.append("with-copies")
        text = "_".join(_SLUG.sub("-", p).strip("-") for p in parts) or "all"
        return text[:120].strip("-_")


def download_name(corpus: str, table: str, filters: Filters) -> str:
    """File name of a download: corpus, table and the filter that produced it."""
    corpus_part = _SLUG.sub("-", corpus).strip("-") or "corpus"
    return f"actorscope_{corpus_part}_{table}_{filters.slug()}.csv"
