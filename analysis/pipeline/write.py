"""The build's last step: the tables on disk (CSV and Parquet) and their query files.

The articles and sentences tables come from the alias-free base alone (analysis.store.base): when
the files on disk were written from this same base, as after an alias edit, they are kept, not
written again. A build that writes them first forgets the base `build.json` recorded, so a crash
half way never leaves a mix of two bases behind a record that vouches for one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis import store
from analysis.query.files import write_query_files

BASE_WRITTEN = ("articles", "sentences")  # tables that depend on the base only (not the aliases)


def write_outputs(
    out: Path, tables: Mapping[str, pd.DataFrame], *, base_key: str, escape: bool
) -> tuple[str, ...]:
    """Write every table and query file of `tables`; returns the tables kept as they were."""
    previous = store.read_json(out / "build.json")
    keep = BASE_WRITTEN if previous.get("base") == base_key else ()
    if not keep and "base" in previous:
        store.write_json(out / "build.json", {k: v for k, v in previous.items() if k != "base"})
    store.write_tables(tables, out, escape=escape, keep=keep)
    write_query_files(out, tables, keep=keep)
    return keep
