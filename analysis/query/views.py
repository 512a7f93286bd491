"""What the pages draw, from DuckDB: counts and tone over time (raw or as a share of each
period's articles), co-occurrence, evidence sentences and the article list.

Each function mirrors a pandas view (`analysis.tables.views`, `analysis.tables.cooccurrence`)
over the tables `analysis.query.scope` keeps; tests hold the two equal on the demo corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import duckdb
import pandas as pd

from analysis.query.tables import columns, run
from analysis.schema import COOCCURRENCE
from analysis.tables.cooccurrence import Window
from analysis.tables.selection import Filters
from analysis.tables.views import EVIDENCE_COLUMNS

Freq = Literal["day", "month", "year"]
PERIOD_LEN = {"day": 10, "month": 7, "year": 4}


def date_span(cur: duckdb.DuckDBPyConnection, filters: Filters, actor: str = "") -> tuple[str, str]:
    """First and last date of the filtered (dated) mentions, of one actor if given."""
    where = "WHERE coalesce(date, '') <> ''" + (" AND actor = $actor" if actor else "")
    params = {"actor": actor} if actor else {}
    row = run(cur, filters, f"SELECT min(date) AS a, max(date) AS b FROM fm {where}", **params)
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
) -> pd.DataFrame:
    """Mentions and mean tone per period and actor (dated mentions only): columns period, actor,
    mentions, tone. With `share`, attention as Media Cloud counts it: articles (articles of the
    period mentioning the actor), period_articles (all filtered dated articles of the period) and
    share = articles / period_articles, instead of mentions and tone."""
    n = PERIOD_LEN[freq]
    params = {"picked": list(actors)}
    if share:
        sql = f"""
        , mine AS (SELECT left(date, {n}) AS period, actor, count(DISTINCT _art) AS articles
                   FROM fm WHERE coalesce(date, '') <> '' AND list_contains($picked, actor)
                   GROUP BY ALL)
        , per AS (SELECT left(date, {n}) AS period, count(*) AS period_articles FROM fa
                  WHERE coalesce(date, '') <> '' GROUP BY ALL)
        SELECT period, actor, articles, period_articles,
               round(articles / period_articles, 4) AS share
        FROM mine JOIN per USING (period) ORDER BY period, actor"""
    else:
        sql = f"""SELECT left(date, {n}) AS period, actor, count(*) AS mentions,
                  round(avg(tone), 4) AS tone FROM fm
                  WHERE coalesce(date, '') <> '' AND list_contains($picked, actor)
                  GROUP BY ALL ORDER BY period, actor"""
    out = run(cur, filters, sql, **params)
    for column in ("mentions", "articles", "period_articles"):
        if column in out:
            out[column] = out[column].astype("int64")
    return out


def tone_over_time(
    cur: duckdb.DuckDBPyConnection, filters: Filters, *, freq: Freq = "month"
) -> pd.DataFrame:
    """Mean tone of all dated mentions per period: period, mentions, tone, tone_sd."""
    n = PERIOD_LEN[freq]
    out = run(
        cur,
        filters,
        f"""SELECT left(date, {n}) AS period, count(*) AS mentions,
            round(coalesce(avg(tone), 0), 4) AS tone,
            round(coalesce(stddev_samp(tone), 0), 4) AS tone_sd
            FROM fm WHERE coalesce(date, '') <> '' GROUP BY ALL ORDER BY period""",
    )
    out["mentions"] = out["mentions"].astype("int64")
    return out


def _pairs_sql(unit: str, mode: str) -> str:
    """CTEs `present` (each actor once per unit, its mean mention tone there), `per_actor`
    (units per actor) and `raw` (one row per pair and shared unit). A CTE read twice is
    materialised whole, so each mode narrows `present` to what it needs before that."""
    on = " AND ".join(f"a.{k} = b.{k}" for k in unit.split(", "))
    group = f"SELECT {unit}, actor, avg(tone) AS tone, any_value(date) AS date FROM fm"
    if mode == "actor":  # the actor's units, with everyone in them; partners' own unit counts
        return f"""
, units_x AS (SELECT DISTINCT {unit} FROM fm WHERE actor = $actor)
, present AS ({group} WHERE ({unit}) IN (SELECT {unit} FROM units_x) GROUP BY {unit}, actor)
, per_actor AS (SELECT actor, count(*) AS n FROM (SELECT DISTINCT {unit}, actor FROM fm
                WHERE actor IN (SELECT actor FROM present)) GROUP BY actor)
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


def _other_sql(other: str, mode: str) -> str:
    """CTE `other_shared`: per pair, the distinct `other` units (articles for the sentence
    window, sentences for the article one) holding both actors."""
    on = " AND ".join(f"a.{k} = b.{k}" for k in other.split(", "))
    if mode == "actor":
        return f"""
, mine AS (SELECT DISTINCT {other} FROM fm WHERE actor = $actor)
, other_shared AS (
    SELECT least(actor, $actor) AS actor_a, greatest(actor, $actor) AS actor_b,
           count(DISTINCT ({other})) AS n
    FROM fm WHERE actor <> $actor AND ({other}) IN (SELECT {other} FROM mine) GROUP BY actor)"""
    return f"""
, other AS (SELECT DISTINCT {other}, actor FROM fm
            WHERE actor IN (SELECT actor_a FROM pairs UNION SELECT actor_b FROM pairs))
, other_shared AS (
    SELECT a.actor AS actor_a, b.actor AS actor_b, count(*) AS n
    FROM other AS a JOIN other AS b ON {on} AND a.actor < b.actor
    WHERE (a.actor, b.actor) IN (SELECT actor_a, actor_b FROM pairs)
    GROUP BY a.actor, b.actor)"""


SCORED_SQL = """
, pairs AS (SELECT actor_a, actor_b, count(*) AS shared, avg(tone) AS tone,
                   min(nullif(date, '')) AS first_date, max(nullif(date, '')) AS last_date
            FROM raw GROUP BY actor_a, actor_b)
{other}
, total AS (SELECT greatest(count(*), 1)::DOUBLE AS n FROM {units})
, scored AS (
    SELECT p.*, coalesce(o.n, 0) AS other_n,
           ln((p.shared / t.n) / ((ca.n / t.n) * (cb.n / t.n))) AS pmi,
           -ln(p.shared / t.n) AS denom
    FROM pairs AS p CROSS JOIN total AS t
    JOIN per_actor AS ca ON ca.actor = p.actor_a JOIN per_actor AS cb ON cb.actor = p.actor_b
    LEFT JOIN other_shared AS o USING (actor_a, actor_b))
SELECT actor_a, actor_b, {sentences} AS sentences, {articles} AS articles,
       round(greatest(-1, least(1, CASE WHEN denom > 0 THEN pmi / denom ELSE 1 END)), 4) AS weight,
       round(tone, 4) AS tone, coalesce(first_date, '') AS first_date,
       coalesce(last_date, '') AS last_date
FROM scored ORDER BY actor_a, actor_b
"""


def cooccurrence(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    window: Window = "sentence",
    among: Sequence[str] | None = None,
    actor: str = "",
) -> pd.DataFrame:
    """The co-occurrence table of the filtered mentions, as `build_cooccurrence` computes it
    (NPMI over the filtered units). `among`: only pairs of those actors; `actor`: only pairs
    with that actor (the same rows the whole table has for them, at a fraction of the cost)."""
    if window not in ("sentence", "article"):
        raise ValueError(f"window must be 'sentence' or 'article', not {window!r}")
    sentence = window == "sentence"
    unit, other = ("_art, sentence_id", "_art") if sentence else ("_art", "_art, sentence_id")
    mode = "actor" if actor else "among" if among is not None else "all"
    sql = _pairs_sql(unit, mode) + SCORED_SQL.format(
        other=_other_sql(other, mode),
        units="fs" if sentence else "fa",
        sentences="shared" if sentence else "other_n",
        articles="other_n" if sentence else "shared",
    )
    params: dict = {"actor": actor} if actor else {}
    if mode == "among":
        params["among"] = list(among)
    out = run(cur, filters, sql, **params)
    for column in ("sentences", "articles"):
        out[column] = out[column].astype("int64")
    return out[list(COOCCURRENCE)]


EVIDENCE_SQL = """
, mine AS (SELECT _art, sentence_id, start, "end", actor, date, article_id, tone FROM fm
           WHERE list_contains($picked, actor))
, keep AS (SELECT {keys} FROM mine GROUP BY {keys} HAVING count(DISTINCT actor) = $need)
, rows AS (
    SELECT m._art, m.sentence_id, any_value(m.article_id) AS article_id,
           count(*) AS mentions, list(m.start ORDER BY m.start) AS starts,
           list(m."end" ORDER BY m.start) AS ends
    FROM mine AS m JOIN keep USING ({keys}) GROUP BY m._art, m.sentence_id)
, page AS (
    SELECT * FROM (
        SELECT r.*, s.tone, s.start AS offset_, s.text, s.date FROM rows AS r
        JOIN fs AS s USING (_art, sentence_id) {where})
    ORDER BY {order} {limit})
SELECT r.date, r.article_id, coalesce(a.title, '') AS title, r.sentence_id,
       r.mentions,
       array_to_string(list_transform(list_zip(r.starts, r.ends),
           lambda x: (x[1] - r.offset_) || '-' || (x[2] - r.offset_)), ';') AS spans,
       r.tone, r.text
FROM page AS r LEFT JOIN (SELECT _art, title FROM fa) AS a ON a._art = r._art
ORDER BY {order}
"""
DATE_ORDER = "coalesce(date, '') = '', date, article_id, sentence_id"


def evidence(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    actors: Sequence[str],
    *,
    window: Window = "sentence",
    order: Literal["date", "negative", "positive"] = "date",
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """Evidence sentences, one row per sentence (columns as `analysis.tables.views`'s): of one
    actor, or of a pair (both in the sentence; with window "article", either actor's sentences
    in articles holding both). Ordered by date (undated last), or most negative / positive
    first (only sentences of that sign); `limit` and `offset` give one page of them."""
    if not 1 <= len(actors) <= 2:
        raise ValueError("evidence is of one actor or of a pair")
    keys = "_art" if len(actors) == 2 and window == "article" else "_art, sentence_id"
    ordering = {
        "date": DATE_ORDER,
        "negative": "tone, date, article_id, sentence_id",
        "positive": "tone DESC, date DESC, article_id DESC, sentence_id DESC",
    }[order]
    sql = EVIDENCE_SQL.format(
        keys=keys,
        order=ordering,
        where={"date": "", "negative": "WHERE s.tone < 0", "positive": "WHERE s.tone > 0"}[order],
        limit=(f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""),
    )
    out = run(cur, filters, sql, picked=list(actors), need=len(set(actors)))
    out["mentions"] = out["mentions"].astype("int64")
    return out[list(EVIDENCE_COLUMNS)]


def count_evidence(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    actors: Sequence[str],
    *,
    window: Window = "sentence",
) -> tuple[int, int]:
    """(sentences, mentions) that `evidence` lists in all."""
    keys = "_art" if len(actors) == 2 and window == "article" else "_art, sentence_id"
    sql = f"""
    , mine AS (SELECT _art, sentence_id, actor FROM fm WHERE list_contains($picked, actor))
    , keep AS (SELECT {keys} FROM mine GROUP BY {keys} HAVING count(DISTINCT actor) = $need)
    SELECT count(DISTINCT (_art, sentence_id)) AS s, count(*) AS m
    FROM mine JOIN keep USING ({keys})"""
    row = run(cur, filters, sql, picked=list(actors), need=len(set(actors))).iloc[0]
    return int(row["s"]), int(row["m"])


def article_list(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The filtered articles without their text, newest first (then by title)."""
    shown = [c for c in columns(cur, "articles") if c != "text"]
    names = ", ".join(f'"{c}"' for c in shown)
    return run(cur, filters, f"SELECT {names} FROM fa ORDER BY date DESC, title")


def article_text(cur: duckdb.DuckDBPyConnection, article_id: str) -> str:
    row = cur.execute("SELECT text FROM articles WHERE article_id = ?", [article_id]).fetchone()
    return row[0] if row else ""


def article_mentions(
    cur: duckdb.DuckDBPyConnection, filters: Filters, article_id: str
) -> pd.DataFrame:
    """The filtered mentions of one article, in the build's order."""
    names = ", ".join(f'"{c}"' for c in columns(cur, "mentions"))
    return run(
        cur,
        filters,
        f"SELECT {names} FROM fm WHERE article_id = $aid ORDER BY _row",
        aid=article_id,
    )
