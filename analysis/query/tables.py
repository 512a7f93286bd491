"""Filtered tables from DuckDB: the rows of articles, sentences and mentions a filter keeps, the
actors table recomputed from them, counts, and CSV written batch by batch.

Every function takes a cursor (`Engine.cursor()`) and a `Filters`; the filter itself is
`analysis.query.scope.scope`, so every figure and download goes through the same SQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import duckdb
import pandas as pd

from analysis.query.scope import rolled, rolls_up, scope
from analysis.schema import ACTORS, TABLES
from analysis.store import to_csv_bytes
from analysis.tables.build import ALIAS_SEPARATOR
from analysis.tables.selection import Filters

HIDDEN = ("_row", "_date", "_dup", "_art")  # query-file columns that are not the build's
FILTERED = {"articles": "fa", "sentences": "fs", "mentions": "fm"}
BATCH = 50_000
COMPUTED = {"actor", "actor_type", "affiliation", "aliases", "mentions", "articles", "tone",
            "tone_sd", "first_date", "last_date"}  # fmt: skip


def run(cur: duckdb.DuckDBPyConnection, filters: Filters, select: str, **params) -> pd.DataFrame:
    """`select` (reading fa, fs, fm) under the WITH clause of `filters`, as a DataFrame."""
    found = scope(filters)
    return cur.execute(found.sql + select, {**found.params, **params}).df()


def run_rolled(
    cur: duckdb.DuckDBPyConnection, filters: Filters, select: str, **params
) -> pd.DataFrame:
    """`select` (reading ad, dd, kept) under the rollups' WITH clause of `filters`."""
    found = rolled(filters)
    return cur.execute(found.sql + select, {**found.params, **params}).df()


def columns(cur: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """The build's columns of table `name`, as its query file has them (schema first)."""
    have = [r[0] for r in cur.execute(f"DESCRIBE {name}").fetchall() if r[0] not in HIDDEN]
    known = [c for c in TABLES.get(name, ()) if c in have]
    return known + [c for c in have if c not in known]


def _quoted(names: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in names)


def filtered_table(
    cur: duckdb.DuckDBPyConnection, filters: Filters, name: str, *, limit: int | None = None
) -> pd.DataFrame:
    """Rows of articles, sentences or mentions that `filters` keeps, in the build's order;
    actors and cooccurrence are recomputed (see `actors_table`, `analysis.query.views`)."""
    if name == "actors":
        return actors_table(cur, filters)
    if name == "rejects":
        return cur.execute(f"SELECT {_quoted(columns(cur, name))} FROM rejects").df()
    if name not in FILTERED:
        raise ValueError(f"no filtered table {name!r}")
    tail = f" LIMIT {int(limit)}" if limit is not None else ""
    select = f"SELECT {_quoted(columns(cur, name))} FROM {FILTERED[name]} ORDER BY _row{tail}"
    return run(cur, filters, select)


def count_rows(cur: duckdb.DuckDBPyConnection, filters: Filters, name: str) -> int:
    if name == "rejects":
        return int(cur.execute("SELECT count(*) FROM rejects").fetchone()[0])
    if name == "actors":
        return int(run(cur, filters, "SELECT count(DISTINCT actor) AS n FROM fm")["n"].iloc[0])
    return int(run(cur, filters, f"SELECT count(*) AS n FROM {FILTERED[name]}")["n"].iloc[0])


ROLLED_AGG = """
, agg AS (
    SELECT actor, sum(mentions) AS mentions, sum(articles) AS articles,
           sum(tone_sum) / sum(toned) AS tone,
           CASE WHEN sum(toned) > 1 THEN sqrt(greatest(0, (sum(tone_sq)
                - sum(tone_sum) * sum(tone_sum) / sum(toned)) / (sum(toned) - 1))) END AS tone_sd,
           min(nullif(date, '')) AS first_date, max(nullif(date, '')) AS last_date,
           arg_min(actor_type, first_row) FILTER (WHERE actor_type IS NOT NULL) AS seen_type
    FROM ad WHERE actor IS NOT NULL {only} GROUP BY actor)"""
ACTORS_SQL = """
, agg AS (
    SELECT actor, count(*) AS mentions, count(DISTINCT _art) AS articles,
           avg(tone) AS tone, stddev_samp(tone) AS tone_sd,
           min(nullif(date, '')) AS first_date, max(nullif(date, '')) AS last_date,
           arg_min(actor_type, _row) FILTER (WHERE actor_type IS NOT NULL) AS seen_type
    FROM fm WHERE actor IS NOT NULL {only} GROUP BY actor)
, spelled AS (
    SELECT actor, text, count(*) AS n, min(_row) AS seen FROM fm
    WHERE actor IS NOT NULL AND text IS NOT NULL {only} GROUP BY actor, text)
, aliases AS (
    SELECT actor, string_agg(text, $sep ORDER BY n DESC, seen) AS aliases
    FROM spelled GROUP BY actor)
SELECT agg.actor, coalesce(c.actor_type, agg.seen_type) AS actor_type,
       coalesce(c.affiliation, '') AS affiliation, {aliases} AS aliases,
       agg.mentions, agg.articles, round(agg.tone, 4) AS tone,
       round(coalesce(agg.tone_sd, 0), 4) AS tone_sd,
       coalesce(agg.first_date, '') AS first_date, coalesce(agg.last_date, '') AS last_date {extra}
FROM agg LEFT JOIN actors AS c USING (actor) {join}
ORDER BY agg.mentions DESC, agg.actor
"""


def actors_table(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    aliases: bool = True,
    only: Sequence[str] | None = None,
    rollups: bool = True,
) -> pd.DataFrame:
    """The actors table recomputed from the filtered mentions (type and affiliation from the
    build's catalogue), most mentioned first; columns as `analysis.schema.ACTORS` (those it
    does not compute, e.g. affiliation_votes, are the catalogue's). `aliases=False` leaves that column empty (the
    costly part, for pages that show no alias); `only`: the rows of those actors alone. Without
    aliases, from the rollups when they answer `filters` (`rollups=False`: from the mentions)."""
    have = columns(cur, "actors")
    extra = [c for c in ACTORS if c not in COMPUTED and c in have]  # the catalogue's say
    sql = ACTORS_SQL.format(
        aliases="coalesce(aliases.aliases, '')" if aliases else "''",
        join="LEFT JOIN aliases USING (actor)" if aliases else "",
        extra="".join(f', c."{c}"' for c in extra),
        only="AND list_contains($only, actor)" if only is not None else "",
    )
    if not aliases:  # the alias CTEs are left out, not only unused
        sql = sql.split(", spelled AS")[0] + sql[sql.index("SELECT agg.actor") - 1 :]
    params = {"sep": ALIAS_SEPARATOR} if aliases else {}
    if only is not None:
        params["only"] = list(only)
    if not aliases and rollups and rolls_up(cur, filters):
        agg = ROLLED_AGG.replace(
            "{only}", "AND list_contains($only, actor)" if only is not None else ""
        )
        sql = agg + sql[sql.index("SELECT agg.actor") - 1 :]
        out = run_rolled(cur, filters, sql, **params)
    else:
        out = run(cur, filters, sql, **params)
    for name in ("mentions", "articles"):
        out[name] = out[name].astype("int64")
    for name in extra:  # an actor the catalogue lacks: 0 or "" (as the pandas reference)
        numeric = pd.api.types.is_numeric_dtype(out[name])
        out[name] = out[name].fillna(0).astype("int64") if numeric else out[name].fillna("")
    missing = [c for c in ACTORS if c not in out.columns]
    if missing:
        raise ValueError(f"the actors catalogue lacks {missing}: rebuild the corpus")
    return out[list(ACTORS)]


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


def iter_csv(frame_batches: Iterator[pd.DataFrame]) -> Iterator[bytes]:
    """CSV bytes of each batch (header once), spreadsheet-safe as `analysis.store.to_csv_bytes`."""
    first = True
    for batch in frame_batches:
        data = to_csv_bytes(batch, escape=True)
        if not first:
            data = data.split(b"\n", 1)[1] if b"\n" in data else b""
        first = False
        yield data


def table_batches(
    cur: duckdb.DuckDBPyConnection, filters: Filters, name: str, *, size: int = BATCH
) -> Iterator[pd.DataFrame]:
    """The filtered table `name` in batches of `size` rows (never all of it as one frame)."""
    if name not in FILTERED:
        yield filtered_table(cur, filters, name)
        return
    found = scope(filters)
    select = f"SELECT {_quoted(columns(cur, name))} FROM {FILTERED[name]} ORDER BY _row"
    reader = cur.sql(found.sql + select, params=found.params).to_arrow_reader(size)
    for batch in reader:
        yield batch.to_pandas()
