"""The shapes ingest hands on: an `Article`, a `Reject` (or notice) naming an input, the `Corpus`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article as read from disk; `text` is the exact string every offset refers to."""

    article_id: str
    date: str  # ISO YYYY-MM-DD, or "" when the input gave none (undated)
    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    source_id: str = ""  # the input's own `id`, kept so results can be joined back
    path: str = ""
    location: str = ""
    language: str = "en"  # ISO 639-1 code from the offline identifier


@dataclass(frozen=True)
class Reject:
    """An input named with where it is (`file`, `row 3 (line 4)`) and what happened to it."""

    path: str
    location: str
    reason: str


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    notices: list[Reject] = field(default_factory=list)  # kept, but worth saying (e.g. undated)

    def languages(self) -> dict[str, int]:
        """Articles per language, most first: what the Corpora page and build.json count."""
        counts: dict[str, int] = {}
        for article in self.articles:
            counts[article.language] = counts.get(article.language, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


class InputError(ValueError):
    """A file or row that cannot become an article; the message says why."""


def article_id_for(text: str) -> str:
    """Stable id from the content, so identical texts share one id wherever they come from."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def clean_text(text: object) -> str:
    """A cell as text: None and NaN-free, newlines made LF, outer space trimmed."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    if isinstance(text, dict):  # JSON exports nest some fields: {"source": {"name": "Wire"}}
        text = next((text[k] for k in ("name", "title", "url", "text") if text.get(k)), "")
    elif isinstance(text, list):
        text = ", ".join(clean_text(item) for item in text)
    return str(text).replace("\r\n", "\n").replace("\r", "\n").strip()
