"""Which column holds what: the common names exports use, matched case-insensitively, or overrides.

Roles are text, date, title, url, source and id. A table without a text column is refused with the
columns it has, so the analyst can name the right one (`--text-column`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final, Literal

from analysis.ingest.model import InputError

Role = Literal["text", "date", "title", "url", "source", "id"]
ROLES: Final[tuple[Role, ...]] = ("text", "date", "title", "url", "source", "id")
# The names each role goes by in media-monitoring exports, scrapers and spreadsheets, best first.
NAMES: Final[dict[Role, tuple[str, ...]]] = {
    "text": ("text", "body", "content", "article", "full_text", "story", "maintext"),
    "date": (
        "date",
        "published",
        "publish_date",
        "published_at",
        "pubdate",
        "datetime",
        "timestamp",
        "created_at",
    ),
    "title": ("title", "headline"),
    "url": ("url", "link", "permalink"),
    "source": ("source", "media", "media_name", "outlet", "publication", "domain"),
    "id": ("id", "guid", "uuid"),
}

Mapping_ = dict[Role, str]  # role -> the column's name as the file spells it


def normal(name: object) -> str:
    """`Full Text`, `full-text` and ` FULL_TEXT ` all become `full_text`."""
    return "_".join(str(name).strip().lower().replace("-", " ").split())


def detect_columns(
    columns: Iterable[object], *, overrides: Mapping[str, str] | None = None
) -> tuple[Mapping_, list[str]]:
    """(role -> column, remarks) for a table's header; InputError when no column holds text.

    An override names a column for a role; one the file lacks is said in the remarks and the
    usual names are tried instead, so one option can serve a folder of differently made files.
    """
    header = [str(c) for c in columns if c is not None and str(c).strip()]
    by_normal: dict[str, str] = {}
    for name in header:
        by_normal.setdefault(normal(name), name)
    found: Mapping_ = {}
    remarks = []
    for role in ROLES:
        wanted = (overrides or {}).get(role)
        if wanted == "" and role != "text":
            continue  # the analyst said this file has no such column
        if wanted:
            if normal(wanted) in by_normal:
                found[role] = by_normal[normal(wanted)]
                continue
            remarks.append(f"no column {wanted!r} for --{role}-column here; usual names tried")
        taken = set(found.values())
        for candidate in NAMES[role]:
            name = by_normal.get(candidate)
            if name is not None and name not in taken:
                found[role] = name
                break
    if "text" not in found:
        names = ", ".join(repr(n) for n in header) or "none"
        raise InputError(
            f"no text column (columns: {names}); name it with --text-column "
            f"(recognised: {', '.join(NAMES['text'])})"
        )
    return found, remarks


def remap(record: Mapping[str, object], mapping: Mapping_) -> dict[str, object]:
    """The record keyed by role instead of by the file's column names."""
    return {role: record.get(column) for role, column in mapping.items()}
