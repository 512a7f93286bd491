"""What the pages draw, from the rollups (`analysis.query.rollups`) instead of the mentions, for
the filters they answer (`analysis.query.scope.rolls_up`): counts and tone over time, the date
span, and the co-occurrence rows of some actors. Each returns exactly what the function of the
same name in `analysis.query.views` does (tests hold both equal to the pandas reference);
those functions call these when the rollups apply.

Sums add up over days and types: a mean is a sum over a count, a standard deviation comes from
the sum of squares, and distinct articles or sentences add up because an article has one date
(and, `rollup_info.one_type`, each actor one type).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import duckdb
import pandas as pd
import pyarrow as pa

from analysis.query.pairs import other_sql, score_sql
from analysis.query.scope import _row_filter, _where, rolled_scope, scope
from analysis.query.tables import registered, run_rolled
from analysis.schema import COOCCURRENCE
from analysis.tables.selection import Filters

PER_ACTOR = {True: "sum(sentences) AS n FROM ad", False: "sentences AS n FROM _light"}
PERIOD_LEN = {"day": 10, "month": 7, "year": 4}
MEAN = "sum(tone_sum) / nullif(sum(toned), 0)"
SD = (
    "CASE WHEN sum(toned) > 1 THEN sqrt(greatest(0, (sum(tone_sq) - sum(tone_sum) * "
    "sum(tone_sum) / sum(toned)) / (sum(toned) - 1))) END"
)


def date_span(cur: duckdb.DuckDBPyConnection, filters: Filters, actor: str = "") -> tuple[str, str]:
    where = "WHERE coalesce(date, '') <> ''" + (" AND actor = $actor" if actor else "")
    params = {"actor": actor} if actor else {}
    row = run_rolled(
        cur, filters, f"SELECT min(date) AS a, max(date) AS b FROM ad {where}", **params
    )
    return (_text(row["a"].iloc[0]), _text(row["b"].iloc[0]))


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else value


def mentions_over_time(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    actors: Sequence[str],
    *,
    freq: str = "month",
    share: bool = False,
) -> pd.DataFrame:
    n = PERIOD_LEN[freq]
    if share:
        sql = f"""
        , mine AS (SELECT left(date, {n}) AS period, actor, sum(articles) AS articles FROM ad
                   WHERE coalesce(date, '') <> '' AND list_contains($picked, actor) GROUP BY ALL)
        , per AS (SELECT left(_date, {n}) AS period, sum(articles) AS period_articles FROM dd
                  WHERE _date <> '' GROUP BY ALL HAVING sum(articles) > 0)
        SELECT period, actor, articles, period_articles,
               round(articles / period_articles, 4) AS share
        FROM mine JOIN per USING (period) ORDER BY period, actor"""
    else:
        sql = f"""SELECT left(date, {n}) AS period, actor, sum(mentions) AS mentions,
                  round({MEAN}, 4) AS tone FROM ad
                  WHERE coalesce(date, '') <> '' AND list_contains($picked, actor)
                  GROUP BY ALL ORDER BY period, actor"""
    return run_rolled(cur, filters, sql, picked=list(actors))


def tone_over_time(
    cur: duckdb.DuckDBPyConnection, filters: Filters, *, freq: str = "month"
) -> pd.DataFrame:
    n = PERIOD_LEN[freq]
    sql = f"""SELECT left(date, {n}) AS period, sum(mentions) AS mentions,
              round(coalesce({MEAN}, 0), 4) AS tone, round(coalesce({SD}, 0), 4) AS tone_sd
              FROM ad WHERE coalesce(date, '') <> '' GROUP BY ALL ORDER BY period"""
    out = run_rolled(cur, filters, sql)
    out["mentions"] = out["mentions"].astype("int64")
    return out


def cooccurrence(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    among: Sequence[str] | None = None,
    actor: str = "",
    top: int | None = None,
    light: pa.Table | None = None,
) -> pd.DataFrame:
    """The sentence-window rows of `among`'s pairs or of `actor`'s (one of them is given); with
    `top`, `actor`'s first `top` partners in `analysis.query.pairs.PARTNER_ORDER`. `light`:
    `analysis.query.tables.actor_light(cur, filters)`, if made: the actors kept and their
    sentences are read from it instead of summed again over the rollup."""
    if not actor and among is None:
        raise ValueError("the rollups give the pairs of some actors: pass among or actor")
    if light is not None and light["sentences"].null_count:  # made from the mentions
        light = None
    params: dict = {"actor": actor} if actor else {"among": list(among)}
    rows = _row_filter(filters, params)
    if filters.actor_types:
        rows += ["list_contains($types, type_a)", "list_contains($types, type_b)"]
    if filters.min_mentions > 1:
        kept = "kept" if light is None else "_light"
        rows += [f"actor_{s} IN (SELECT actor FROM {kept})" for s in "ab"]
    if actor:
        rows.append("(actor_a = $actor OR actor_b = $actor)")
    else:
        rows.append("list_contains($among, actor_a) AND list_contains($among, actor_b)")
    sql = f"""
, pd AS (SELECT * FROM pair_day{_where(rows)})
, pairs AS (SELECT actor_a, actor_b, sum(sentences) AS shared, {MEAN} AS tone,
                   min(nullif(date, '')) AS first_date, max(nullif(date, '')) AS last_date
            FROM pd GROUP BY actor_a, actor_b)
, per_actor AS (SELECT actor, {PER_ACTOR[light is None]}
                WHERE actor IN (SELECT actor_a FROM pairs UNION SELECT actor_b FROM pairs)
                GROUP BY ALL)""" + score_sql(
        other=other_sql("_art", "actor" if actor else "among"),
        total="SELECT greatest(sum(sentences), 1)::DOUBLE AS n FROM dd",
        sentence=True,
        top=top,
    )
    # articles holding both actors of a pair: counted on the mentions, under the filter without
    # its type and count rules (every mention of an actor left in a pair passes those)
    wide = scope(replace(filters, actor_types=(), min_mentions=1))
    found = rolled_scope(cur, filters)
    with_both = wide.sql + ", " + found.sql.removeprefix("WITH ")
    with registered(cur, light):
        out = cur.execute(with_both + sql, {**wide.params, **found.params, **params}).df()
    for column in ("sentences", "articles"):
        out[column] = out[column].astype("int64")
    return out[list(COOCCURRENCE)]
