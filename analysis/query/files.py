"""The query files: the build's tables laid out for DuckDB, written right after the table step.

Under `<out>/query/`: articles, sentences and mentions sorted by article date (row groups of
`ROW_GROUP` rows, so a date filter skips whole groups by their min/max statistics), each row
with `_row` (its position in the build's table, so results keep the build's order), `_date` (its
article's date) and `_dup` (its article is a syndicated copy, `duplicate_of` set); the actors
catalogue, the build's co-occurrence and rejects as they are; and the rollups of
`analysis.query.rollups` (per day and actor, per day, per day and pair) that pages read when no
filter needs the mentions themselves. Columns are read by schema: a column a later build adds is carried along.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.query.rollups import write_rollups

QUERY_DIR = "query"
VERSION = "6"  # of the layout below: a build whose query files differ has them rewritten
VERSION_FILE = "version.txt"
ROW_GROUP = 100_000
BY_DATE = ("articles", "sentences", "mentions")


def query_dir(out: Path) -> Path:
    return Path(out) / QUERY_DIR


def query_files_current(out: Path) -> bool:
    """Whether `<out>/query/` holds a complete set in this layout."""
    stamp = query_dir(out) / VERSION_FILE
    return stamp.exists() and stamp.read_text(encoding="utf-8").strip() == VERSION


def write_query_files(
    out: Path, tables: Mapping[str, pd.DataFrame], *, keep: tuple[str, ...] = ()
) -> Path:
    """Write every query file for `tables` (as `analysis.store.read_tables` gives them) into
    `<out>/query/`, replacing the previous set whole (a new folder, then a rename). A table in
    `keep` is linked from the current set when it is there (the caller knows it unchanged: for
    the by-date files that means the articles table too)."""
    final = query_dir(out)
    tmp = Path(out) / f".{QUERY_DIR}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    articles = tables["articles"]
    dates = dict(zip(articles["article_id"], articles["date"].fillna(""), strict=True))
    copies = articles.get("duplicate_of", pd.Series("", index=articles.index)).fillna("")
    dup = dict(zip(articles["article_id"], copies != "", strict=True))
    by_date = articles.assign(_d=articles["date"].fillna(""), _r=range(len(articles)))
    ordered = by_date.sort_values(["_d", "_r"])["article_id"]
    position = dict(zip(ordered, range(len(ordered)), strict=True))  # in file order
    current = query_files_current(out)
    for name, frame in tables.items():
        if name in keep and current and (final / f"{name}.parquet").exists():
            _link(final / f"{name}.parquet", tmp / f"{name}.parquet")
            continue
        if name in BY_DATE:
            frame = _by_date(frame, dates, dup, position)
        _write(frame, tmp / f"{name}.parquet")
    write_rollups(tmp)
    (tmp / VERSION_FILE).write_text(VERSION, encoding="utf-8")
    old = Path(out) / f".{QUERY_DIR}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.replace(final, old)
    os.replace(tmp, final)
    shutil.rmtree(old, ignore_errors=True)
    return final


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a filesystem without hard links
        shutil.copy2(source, target)


def _by_date(frame: pd.DataFrame, dates: dict, dup: dict, position: dict) -> pd.DataFrame:
    ids = frame["article_id"]
    out = frame.assign(
        _row=pd.RangeIndex(len(frame)),
        _art=ids.map(position).fillna(-1).astype("int64"),
        _date=ids.map(dates).fillna("").astype(str),
        _dup=ids.map(dup).fillna(False).astype(bool),
    )
    return out.sort_values(["_date", "_row"], ignore_index=True)


def _write(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, row_group_size=ROW_GROUP)
