"""Filtered tables from DuckDB: the rows of articles, sentences and mentions a filter keeps, the
actors table recomputed from them and counts (downloads: `analysis.query.downloads`).

Every function takes a cursor (`Engine.cursor()`) and a `Filters`; the filter itself is
`analysis.query.scope.scope`, so every figure and download goes through the same SQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Literal

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.query.scope import own_rows, rolled_scope, rolls_up, scope
from analysis.schema import ACTORS, TABLES
from analysis.tables.build import ALIAS_SEPARATOR
from analysis.tables.selection import Filters

HIDDEN = ("_row", "_date", "_dup", "_art")  # query-file columns that are not the build's
FILTERED = {"articles": "fa", "sentences": "fs", "mentions": "fm"}
BATCH = 50_000
COMPUTED = {"actor", "actor_type", "affiliation", "aliases", "mentions", "articles", "tone",
            "tone_sd", "first_date", "last_date"}  # fmt: skip


def run(
    cur: duckdb.DuckDBPyConnection, filters: Filters, select: str, *, light=None, **params
) -> pd.DataFrame:
    """`select` (reading fa, fs, fm) under the WITH clause of `filters`, as a DataFrame;
    `light` (`actor_light(cur, filters)`, if made) gives rule 5 its kept actors."""
    if light is None or filters.min_mentions <= 1:
        found = scope(filters)
        return cur.execute(found.sql + select, {**found.params, **params}).df()
    found = scope(filters, kept="_light")
    with registered(cur, light):
        return cur.execute(found.sql + select, {**found.params, **params}).df()


def run_rolled(
    cur: duckdb.DuckDBPyConnection, filters: Filters, select: str, **params
) -> pd.DataFrame:
    """`select` (reading ad, dd, kept) under the rollups' WITH clause of `filters`."""
    found = rolled_scope(cur, filters)
    return cur.execute(found.sql + select, {**found.params, **params}).df()


@contextmanager
def registered(cur: duckdb.DuckDBPyConnection, light: pa.Table | None) -> Iterator[None]:
    """`light` (`actor_light`'s) readable as `_light` by the queries run inside, if given."""
    if light is None:
        yield
        return
    cur.register("_light", light)
    try:
        yield
    finally:
        cur.unregister("_light")


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
        return int(cur.execute("SELECT count(*) FROM rejects").fetchall()[0][0])
    if name == "actors":
        return int(run(cur, filters, "SELECT count(DISTINCT actor) AS n FROM fm")["n"].iloc[0])
    return int(run(cur, filters, f"SELECT count(*) AS n FROM {FILTERED[name]}")["n"].iloc[0])


# The actors table in two passes: counts and tone for every actor (`light`), then the rows
# asked for (`pick`: ordered, maybe cut), and only for those the dates, first type and aliases.
SD = """CASE WHEN sum({k}) > 1 THEN sqrt(greatest(0, (sum({q})
         - sum({s}) * sum({s}) / sum({k})) / (sum({k}) - 1))) END"""  # sample sd from sums
LIGHT = {  # counted per article first: a distinct count would cost a second hash join
    "fm": """
, per_art AS (
    SELECT actor, _art, count(*) AS n, sum(tone::DECIMAL(18, 4)) AS s,
           sum(tone::DECIMAL(18, 4) * tone::DECIMAL(18, 4)) AS q, count(tone) AS k
    FROM fm WHERE actor IS NOT NULL {only} GROUP BY actor, _art)
, light AS (  -- sentences: a distinct count here took 75 % more; the rollups have it free
    SELECT actor, sum(n) AS mentions, count(*) AS articles, sum(s) / sum(k) AS tone,
           %s AS tone_sd, NULL::HUGEINT AS sentences
    FROM per_art GROUP BY actor)""".replace("%s", SD.format(k="k", q="q", s="s")),
    "ad": """
, light AS (
    SELECT actor, mentions, articles, tone_sum / toned AS tone, %s AS tone_sd, sentences
    FROM acts WHERE true {only})""".replace(
        "%s", SD.replace("sum(", "(").format(k="toned", q="tone_sq", s="tone_sum")
    ),
    "_light": """
, light AS (SELECT actor, mentions, articles, tone, tone_sd FROM _light WHERE true {only})""",
}
FIRST_ROW = {"fm": "_row", "ad": "first_row"}
DATED = "min(nullif(date, '')) AS first_date, max(nullif(date, '')) AS last_date"
ACTORS_SQL = """{light}
, pick AS (SELECT *, round(tone, 4) AS tone4 FROM light ORDER BY {pick_order} {limit})
, total AS (  -- a join, not count(*) OVER (): a window here took seconds
    SELECT count(*) AS n_actors, sum(mentions) AS n_mentions,
           count(*) FILTER (WHERE mentions >= $ranked) AS n_ranked FROM light)
, heavy AS (
    SELECT actor, {dated},
           arg_min(actor_type, {first_row}) FILTER (WHERE actor_type IS NOT NULL) AS seen_type
    FROM {rows} WHERE actor IN (SELECT actor FROM pick{uncatalogued}) GROUP BY actor)
, agg AS (SELECT * FROM pick LEFT JOIN heavy USING (actor) CROSS JOIN total)
, spelled AS (
    SELECT actor, text, count(*) AS n, min(_row) AS seen FROM fm
    WHERE text IS NOT NULL AND actor IN (SELECT actor FROM pick) GROUP BY actor, text)
, aliases AS (
    SELECT actor, string_agg(text, $sep ORDER BY n DESC, seen) AS aliases
    FROM spelled GROUP BY actor)
SELECT agg.actor, coalesce(c.actor_type, agg.seen_type) AS actor_type,
       coalesce(c.affiliation, '') AS affiliation, {aliases} AS aliases,
       agg.mentions, agg.articles, round(agg.tone, 4) AS tone,
       round(coalesce(agg.tone_sd, 0), 4) AS tone_sd,
       coalesce(agg.first_date, '') AS first_date, coalesce(agg.last_date, '') AS last_date,
       agg.n_actors, agg.n_mentions, agg.n_ranked {extra}
FROM agg LEFT JOIN actors AS c USING (actor) {join}
ORDER BY {order}
"""
ORDERS = {
    "mentions": "{t}mentions DESC, {t}actor",
    # as `analysis.tables.views.tone_ranking` ranks: ranked first, most negative first ...
    "tone": "{t}mentions >= $ranked DESC, {t}tone4, {t}mentions DESC, {t}actor",
    # ... and its ranked rows from the end
    "tone_last": "{t}mentions >= $ranked DESC, {t}tone4 DESC, {t}mentions, {t}actor DESC",
}


def actors_table(cur: duckdb.DuckDBPyConnection, filters: Filters, **options) -> pd.DataFrame:
    """The actors table recomputed from the filtered mentions (options: `actors_and_totals`)."""
    return actors_and_totals(cur, filters, **options)[0]


def actors_and_totals(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    aliases: bool = True,
    only: Sequence[str] | None = None,
    rollups: bool = True,
    order: Literal["mentions", "tone", "tone_last"] = "mentions",
    ranked: int = 1,
    limit: int | None = None,
    light: pa.Table | None = None,
    dates: bool = True,
) -> tuple[pd.DataFrame, dict]:
    """The actors table recomputed from the filtered mentions (type and affiliation from the
    build's catalogue), most mentioned first; columns as `analysis.schema.ACTORS` (those it
    does not compute, e.g. affiliation_votes, are the catalogue's). `aliases=False` leaves that
    column empty (costly; pages that show no alias); `only`: the rows of those actors alone. Without
    aliases, from the rollups when they answer `filters` (`rollups=False`: from the mentions).
    `order` "tone": as `tone_ranking` with `ranked` as its minimum ("tone_last": from the end);
    `limit`: the first rows only (the whole aggregate is still made, but never sent whole).
    With it, the totals of the whole table: actors, mentions, and `ranked` (actors with at
    least `ranked` mentions), from the same pass. `light`: `actor_light(cur, filters)` made
    before (one aggregate a page's tables share), so only the rows asked for are read here.
    `dates=False`: first_date and last_date left empty (a ranking shows none), which saves
    reading the rows of every actor the catalogue types."""
    filters = own_rows(filters, only) if only is not None else filters
    if only is not None and filters.min_mentions > 1 and light is None:  # theirs, if passing
        out, totals = actors_and_totals(
            cur, replace(filters, min_mentions=1), aliases=aliases, only=only,
            rollups=rollups, order=order, ranked=ranked, limit=None,
        )  # fmt: skip
        out = out[out["mentions"] >= filters.min_mentions].head(limit)
        return out.reset_index(drop=True), totals
    have = columns(cur, "actors")
    extra = [c for c in ACTORS if c not in COMPUTED and c in have]  # the catalogue's say
    rows = "ad" if not aliases and rollups and rolls_up(cur, filters) else "fm"
    if light is not None:  # it holds the actors that pass the minimum: theirs are read alone
        filters = replace(filters, min_mentions=1)
    sql = ACTORS_SQL.format(
        light=LIGHT[rows if light is None else "_light"].format(
            only="AND list_contains($only, actor)" if only is not None else ""
        ),
        rows=rows,
        uncatalogued="" if dates else " WHERE actor NOT IN (SELECT actor FROM actors)",
        dated=DATED if dates else "NULL AS first_date, NULL AS last_date",
        first_row=FIRST_ROW[rows],
        pick_order=ORDERS[order].format(t=""),
        order=ORDERS[order].format(t="agg."),
        limit=f"LIMIT {int(limit)}" if limit is not None else "",
        aliases="coalesce(aliases.aliases, '')" if aliases else "''",
        join="LEFT JOIN aliases USING (actor)" if aliases else "",
        extra="".join(f', c."{c}"' for c in extra),
    )
    if not aliases:  # the alias CTEs are left out, not only unused
        sql = sql.split(", spelled AS")[0] + sql[sql.index("SELECT agg.actor") - 1 :]
    params = {"sep": ALIAS_SEPARATOR, "ranked": ranked} if aliases else {"ranked": ranked}
    if only is not None:
        params["only"] = list(only)
    with registered(cur, light):
        out = (run_rolled if rows == "ad" else run)(cur, filters, sql, **params)
    for name in ("mentions", "articles"):
        out[name] = out[name].astype("int64")
    for name in extra:  # an actor the catalogue lacks: 0 or "" (as the pandas reference)
        numeric = pd.api.types.is_numeric_dtype(out[name])
        out[name] = out[name].fillna(0).astype("int64") if numeric else out[name].fillna("")
    missing = [c for c in ACTORS if c not in out.columns]
    if missing:
        raise ValueError(f"the actors catalogue lacks {missing}: rebuild the corpus")
    first = out.iloc[0] if len(out) else {}
    totals = {k: int(first.get(f"n_{k}", 0)) for k in ("actors", "mentions", "ranked")}
    return out[list(ACTORS)], totals


def actor_light(
    cur: duckdb.DuckDBPyConnection, filters: Filters, *, rollups: bool = True
) -> pa.Table:
    """Every filtered actor's mentions, articles, tone, tone_sd (unrounded) and, from the
    rollups, sentences (NULL when made from the mentions): the one pass over the mentions (or
    the rollups) that the actors table's rows, its totals, the tone ranking's ends, partners
    and `without_minimum` all read, so a page makes it once per filter."""
    rows = "ad" if rollups and rolls_up(cur, filters) else "fm"
    found = rolled_scope(cur, filters) if rows == "ad" else scope(filters)
    sql = found.sql + LIGHT[rows].format(only="") + "\nSELECT * FROM light"
    return cur.sql(sql, params=found.params).to_arrow_table()


def without_minimum(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    actors: Sequence[str],
    *,
    light: pa.Table | None = None,
) -> Filters:
    """`filters` without its minimum mentions when every one of `actors` passes it: their own
    mentions do not depend on it (rule 5 drops whole actors), and the scan of every other actor
    it costs is saved. Else `filters` as given. `light`: `actor_light(cur, filters)`, if made."""
    if filters.min_mentions <= 1:
        return filters
    names = tuple(dict.fromkeys(actors))
    if light is not None:
        found = pc.sum(pc.is_in(light["actor"], value_set=pa.array(names, pa.string()))).as_py()
        return replace(filters, min_mentions=1) if found == len(names) else filters
    passed = actors_table(cur, filters, aliases=False, only=names)
    return replace(filters, min_mentions=1) if len(passed) == len(names) else filters


def actor_totals(
    cur: duckdb.DuckDBPyConnection, filters: Filters, *, ranked: int = 1, rollups: bool = True
) -> dict:
    """How many actors the filtered actors table has, their mentions, and how many have at least
    `ranked` mentions (one row of the table is made, not all)."""
    one = actors_and_totals(cur, filters, aliases=False, ranked=ranked, limit=1, rollups=rollups)
    return one[1]
