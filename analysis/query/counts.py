"""Whole-filter counts for the page headers: articles, undated articles, the dated span, and the
syndicated copies the copy rule sets aside (from the rollups when they answer the filter)."""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pandas as pd

from analysis.query.scope import rolls_up
from analysis.query.tables import run, run_rolled
from analysis.tables.selection import Filters


def corpus_counts(cur: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """Articles, undated articles and the dated span that `filters` keeps (mentions and actors
    are the actors table's sum and length)."""
    if rolls_up(cur, filters):
        row = run_rolled(
            cur,
            filters,
            "SELECT sum(articles) AS articles, sum(articles) FILTER (_date = '') AS undated,"
            " min(nullif(_date, '')) AS first, max(nullif(_date, '')) AS last"
            " FROM dd WHERE articles > 0",
        ).iloc[0]
        return _counts(row)
    row = run(
        cur,
        filters,
        "SELECT (SELECT count(*) FROM fa) AS articles,"
        " (SELECT count(*) FROM fa WHERE coalesce(date, '') = '') AS undated,"
        " (SELECT min(nullif(date, '')) FROM fa) AS first,"
        " (SELECT max(nullif(date, '')) FROM fa) AS last",
    ).iloc[0]
    return _counts(row)


def _counts(row: pd.Series) -> dict:
    value = {k: None if pd.isna(v) else v for k, v in row.items()}  # an empty sum is NULL
    return {
        "articles": int(value["articles"] or 0),
        "undated": int(value["undated"] or 0),
        "first": value["first"] or "",
        "last": value["last"] or "",
    }


def copies_set_aside(cur: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """How many articles the copy rule leaves out of what the other filters keep."""
    wide = replace(filters, once=False)
    if rolls_up(cur, wide):
        found = run_rolled(cur, wide, "SELECT sum(articles) AS n FROM dd WHERE _dup")
        return 0 if pd.isna(found["n"].iloc[0]) else int(found["n"].iloc[0])
    return int(run(cur, wide, "SELECT count(*) AS n FROM fa WHERE _dup")["n"].iloc[0])
