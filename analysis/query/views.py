"""What the pages draw, from DuckDB: counts and tone over time (raw or as a share of each
period's articles), co-occurrence, evidence sentences and the article list.

Each function mirrors a pandas view (`analysis.tables.views`, `analysis.tables.cooccurrence`)
over the tables `analysis.query.scope` keeps; tests hold the two equal on the demo corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

import duckdb
import pandas as pd
import pyarrow as pa

from analysis.query import rolled
from analysis.query.evidence import count_evidence, evidence, tone_ends  # noqa: F401 (their home was here)
from analysis.query.pairs import PAIRS_SQL, other_sql, score_sql
from analysis.query.scope import own_rows, rolls_up
from analysis.query.tables import actors_table, columns, registered, run
from analysis.schema import COOCCURRENCE
from analysis.tables.cooccurrence import Window
from analysis.tables.selection import Filters

Freq = Literal["day", "month", "year"]
PERIOD_LEN = {"day": 10, "month": 7, "year": 4}


def date_span(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    actor: str = "",
    *,
    rollups: bool = True,
    light: pa.Table | None = None,
) -> tuple[str, str]:
    """First and last date of the filtered (dated) mentions, of one actor if given."""
    filters = own_rows(filters, (actor,)) if actor else filters
    if rollups and rolls_up(cur, filters):
        return rolled.date_span(cur, filters, actor)
    where = "WHERE coalesce(date, '') <> ''" + (" AND actor = $actor" if actor else "")
    params = {"actor": actor} if actor else {}
    select = f"SELECT min(date) AS a, max(date) AS b FROM fm {where}"
    row = run(cur, filters, select, light=light, **params)
    return (row["a"].iloc[0] or "", row["b"].iloc[0] or "")


def pick_freq(span: tuple[str, str]) -> Freq:
    """Days for a span up to ~3 months, months up to ~6 years, years beyond (as the pandas one)."""
    if not span[0]:
        return "month"
    days = (pd.Timestamp(span[1]) - pd.Timestamp(span[0])).days
    return "day" if days <= 92 else "month" if days <= 6 * 366 else "year"


def mentions_over_time(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    actors: Sequence[str],
    *,
    freq: Freq = "month",
    share: bool = False,
    rollups: bool = True,
    light: pa.Table | None = None,
) -> pd.DataFrame:
    """Mentions and mean tone per period and actor (dated mentions only): columns period, actor,
    mentions, tone. With `share`, attention as Media Cloud counts it: articles (articles of the
    period mentioning the actor), period_articles (all filtered dated articles of the period) and
    share = articles / period_articles, instead of mentions and tone. `light`: the shared actor
    aggregate of `filters`, if made (here, as in `date_span` and `tone_over_time`, it gives a
    minimum its kept actors)."""
    filters = filters if share else own_rows(filters, actors)  # a share counts all articles
    if rollups and rolls_up(cur, filters):
        out = rolled.mentions_over_time(cur, filters, actors, freq=freq, share=share)
    else:
        sql = _timeline_sql(PERIOD_LEN[freq], share)
        out = run(cur, filters, sql, light=light, picked=list(actors))
    for column in ("mentions", "articles", "period_articles"):
        if column in out:
            out[column] = out[column].astype("int64")
    return out


def _timeline_sql(n: int, share: bool) -> str:
    if share:
        return f"""
        , mine AS (SELECT left(date, {n}) AS period, actor, count(DISTINCT _art) AS articles
                   FROM fm WHERE coalesce(date, '') <> '' AND list_contains($picked, actor)
                   GROUP BY ALL)
        , per AS (SELECT left(date, {n}) AS period, count(*) AS period_articles FROM fa
                  WHERE coalesce(date, '') <> '' GROUP BY ALL)
        SELECT period, actor, articles, period_articles,
               round(articles / period_articles, 4) AS share
        FROM mine JOIN per USING (period) ORDER BY period, actor"""
    return f"""SELECT left(date, {n}) AS period, actor, count(*) AS mentions,
               round(avg(tone), 4) AS tone FROM fm
               WHERE coalesce(date, '') <> '' AND list_contains($picked, actor)
               GROUP BY ALL ORDER BY period, actor"""


def tone_over_time(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    freq: Freq = "month",
    rollups: bool = True,
    light: pa.Table | None = None,
) -> pd.DataFrame:
    """Mean tone of all dated mentions per period: period, mentions, tone, tone_sd."""
    if rollups and rolls_up(cur, filters):
        return rolled.tone_over_time(cur, filters, freq=freq)
    n = PERIOD_LEN[freq]
    out = run(
        cur,
        filters,
        f"""SELECT left(date, {n}) AS period, count(*) AS mentions,
            round(coalesce(avg(tone), 0), 4) AS tone,
            round(coalesce(stddev_samp(tone), 0), 4) AS tone_sd
            FROM fm WHERE coalesce(date, '') <> '' GROUP BY ALL ORDER BY period""",
        light=light,
    )
    out["mentions"] = out["mentions"].astype("int64")
    return out


def _pairs_sql(unit: str, mode: str, *, light: bool = False) -> str:
    """CTEs `present` (each actor once per unit, its mean mention tone there), `per_actor`
    (units per actor) and `raw` (one row per pair and shared unit). A CTE read twice is
    materialised whole, so each mode narrows `present` to what it needs before that. With
    `light`, an actor's partners' unit counts are read from `_light` (`actor_light`'s)."""
    on = " AND ".join(f"a.{k} = b.{k}" for k in unit.split(", "))
    group = f"SELECT {unit}, actor, avg(tone) AS tone, any_value(date) AS date FROM fm"
    if mode == "actor":  # the actor's units, with everyone in them; partners' own unit counts
        counted = (
            f"SELECT actor, {'articles' if unit == '_art' else 'sentences'} AS n FROM _light "
            "WHERE actor IN (SELECT actor FROM present)"
            if light
            else f"SELECT actor, count(*) AS n FROM (SELECT DISTINCT {unit}, actor FROM fm "
            "WHERE actor IN (SELECT actor FROM present)) GROUP BY actor"
        )
        return f"""
, units_x AS (SELECT DISTINCT {unit} FROM fm WHERE actor = $actor)
, present AS ({group} WHERE ({unit}) IN (SELECT {unit} FROM units_x) GROUP BY {unit}, actor)
, per_actor AS ({counted})
, raw AS (SELECT least(a.actor, b.actor) AS actor_a, greatest(a.actor, b.actor) AS actor_b,
                 (a.tone + b.tone) / 2 AS tone, a.date AS date
          FROM (SELECT * FROM present WHERE actor = $actor) AS a
          JOIN present AS b ON {on} AND b.actor <> a.actor)"""
    among = "AND list_contains($among, actor)" if mode == "among" else ""
    return f"""
, present AS ({group} WHERE actor IS NOT NULL {among} GROUP BY {unit}, actor)
, per_actor AS (SELECT actor, count(*) AS n FROM present GROUP BY actor)
, raw AS (SELECT a.actor AS actor_a, b.actor AS actor_b, (a.tone + b.tone) / 2 AS tone,
                 a.date AS date
          FROM present AS a JOIN present AS b ON {on} AND a.actor < b.actor)"""


def cooccurrence(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    window: Window = "sentence",
    among: Sequence[str] | None = None,
    actor: str = "",
    rollups: bool = True,
    light: pa.Table | None = None,
) -> pd.DataFrame:
    """The co-occurrence table of the filtered mentions, as `build_cooccurrence` computes it
    (NPMI over the filtered units). `among`: only pairs of those actors; `actor`: only pairs
    with that actor (the same rows the whole table has for them, at a fraction of the cost;
    from the rollups for the sentence window when they apply, unless `rollups=False`).
    `light`: `analysis.query.tables.actor_light(cur, filters)`, if made: partners' article
    counts (article window) are read from it instead of counted again."""
    if window not in ("sentence", "article"):
        raise ValueError(f"window must be 'sentence' or 'article', not {window!r}")
    sentence = window == "sentence"
    if sentence and (actor or among is not None) and rollups and rolls_up(cur, filters):
        return rolled.cooccurrence(cur, filters, among=among, actor=actor, light=light)
    unit, other = ("_art, sentence_id", "_art") if sentence else ("_art", "_art, sentence_id")
    mode = "actor" if actor else "among" if among is not None else "all"
    sql = (
        _pairs_sql(unit, mode, light=light is not None and not sentence)
        + PAIRS_SQL
        + score_sql(
            other=other_sql(other, mode),
            total=f"SELECT greatest(count(*), 1)::DOUBLE AS n FROM {'fs' if sentence else 'fa'}",
            sentence=sentence,
        )
    )
    params: dict = {"actor": actor} if actor else {}
    if mode == "among":
        params["among"] = list(among)
    with registered(cur, light):
        out = run(cur, filters, sql, **params)
    for column in ("sentences", "articles"):
        out[column] = out[column].astype("int64")
    return out[list(COOCCURRENCE)]


def article_list(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The filtered articles without their text, newest first (then by title)."""
    shown = [c for c in columns(cur, "articles") if c != "text"]
    names = ", ".join(f'"{c}"' for c in shown)
    return run(cur, filters, f"SELECT {names} FROM fa ORDER BY date DESC, title")


def article_text(cur: duckdb.DuckDBPyConnection, article_id: str) -> str:
    rows = cur.execute("SELECT text FROM articles WHERE article_id = ?", [article_id]).fetchall()
    return rows[0][0] if rows else ""  # fetchall: a result left unfinished blocks cur.sql


def article_mentions(
    cur: duckdb.DuckDBPyConnection, filters: Filters, article_id: str
) -> pd.DataFrame:
    """The filtered mentions of one article, in the build's order. A minimum is tested on the
    article's own actors alone (rule 5 drops whole actors), not by counting every actor."""
    names = ", ".join(f'"{c}"' for c in columns(cur, "mentions"))
    select = f"SELECT {names} FROM fm WHERE article_id = $aid ORDER BY _row"
    rows = run(cur, replace(filters, min_mentions=1), select, aid=article_id)
    if filters.min_mentions <= 1:
        return rows
    present = tuple(rows["actor"].dropna().unique())
    passed = actors_table(cur, filters, aliases=False, only=present)["actor"] if present else []
    return rows[rows["actor"].isin(set(passed))].reset_index(drop=True)


PARTNER_COLUMNS = ["partner", "weight", "sentences", "articles", "tone", "first_date", "last_date"]


def partners(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    actor: str,
    *,
    top: int | None = None,
    rollups: bool = True,
    light: pa.Table | None = None,
) -> pd.DataFrame:
    """`actor`'s partners (sentence window): those sharing 2+ sentences first (one sentence
    gives any rare name a high weight), then by weight, shared sentences and name; with `top`,
    the first `top` only (from the rollups, which then count articles for those alone)."""
    if top is not None and rollups and rolls_up(cur, filters):
        rows = rolled.cooccurrence(cur, filters, actor=actor, top=top, light=light)
    else:
        rows = cooccurrence(cur, filters, actor=actor, rollups=rollups, light=light)
        repeated = rows["sentences"] >= 2
        rows = rows.assign(_r=repeated).sort_values(
            ["_r", "weight", "sentences", "actor_a", "actor_b"],
            ascending=[False, False, False, True, True],
            kind="stable",
        )
        rows = rows.head(top) if top is not None else rows
    partner = rows["actor_a"].where(rows["actor_b"] == actor, rows["actor_b"])
    return rows.assign(partner=partner)[PARTNER_COLUMNS].reset_index(drop=True)
