"""The query files: the build's tables laid out for DuckDB, written right after the table step.

Under `<out>/query/`: articles, sentences and mentions sorted by article date (row groups of
`ROW_GROUP` rows, so a date filter skips whole groups by their min/max statistics), each row
with `_row` (its position in the build's table, so results keep the build's order), `_date` (its
article's date) and `_dup` (its article is a syndicated copy, `duplicate_of` set); the actors
catalogue, the build's co-occurrence and rejects as they are; and the rollup `actor_day`
(mentions per actor, day and copy flag) that the over-time charts read when no filter needs the
mentions themselves. Columns are read by schema: a column a later build adds is carried along.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

QUERY_DIR = "query"
ROW_GROUP = 100_000
BY_DATE = ("articles", "sentences", "mentions")


def query_dir(out: Path) -> Path:
    return Path(out) / QUERY_DIR


def write_query_files(out: Path, tables: Mapping[str, pd.DataFrame]) -> Path:
    """Write every query file for `tables` (as `analysis.store.read_tables` gives them) into
    `<out>/query/`, replacing the previous set whole (a new folder, then a rename)."""
    final = query_dir(out)
    tmp = Path(out) / f".{QUERY_DIR}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    articles = tables["articles"]
    dates = dict(zip(articles["article_id"], articles["date"].fillna(""), strict=True))
    copies = articles.get("duplicate_of", pd.Series("", index=articles.index)).fillna("")
    dup = dict(zip(articles["article_id"], copies != "", strict=True))
    for name, frame in tables.items():
        if name in BY_DATE:
            frame = _by_date(frame, dates, dup)
        _write(frame, tmp / f"{name}.parquet")
    _write(actor_day(tables["mentions"], dates, dup), tmp / "actor_day.parquet")
    old = Path(out) / f".{QUERY_DIR}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.replace(final, old)
    os.replace(tmp, final)
    shutil.rmtree(old, ignore_errors=True)
    return final


def _by_date(frame: pd.DataFrame, dates: dict, dup: dict) -> pd.DataFrame:
    ids = frame["article_id"]
    out = frame.assign(
        _row=pd.RangeIndex(len(frame)),
        _date=ids.map(dates).fillna("").astype(str),
        _dup=ids.map(dup).fillna(False).astype(bool),
    )
    return out.sort_values(["_date", "_row"], ignore_index=True)


def actor_day(mentions: pd.DataFrame, dates: dict, dup: dict) -> pd.DataFrame:
    """Mentions, tone sum and articles per (day, copy flag, actor): what a timeline sums."""
    ids = mentions["article_id"]
    frame = pd.DataFrame(
        {
            "_date": ids.map(dates).fillna("").astype(str),
            "_dup": ids.map(dup).fillna(False).astype(bool),
            "actor": mentions["actor"],
            "tone": mentions["tone"].astype(float),
        }
    )
    out = frame.groupby(["_date", "_dup", "actor"], as_index=False, sort=True).agg(
        mentions=("tone", "size"), tone_sum=("tone", "sum")
    )
    return out


def _write(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, row_group_size=ROW_GROUP)
