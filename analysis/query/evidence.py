"""Evidence sentences from DuckDB: the sentences of an actor or a pair under a filter, one page
of them at a time, as `analysis.tables.views` lists them (tests hold the two equal).

A page is ordered and cut on the sentences' keys, tone and date alone; only its rows then read
their text and title, by key from the query files, so a page of ten never reads every text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import duckdb
import pandas as pd

from analysis.query.scope import own_rows
from analysis.query.tables import run, without_minimum
from analysis.tables.cooccurrence import Window
from analysis.tables.selection import Filters
from analysis.tables.views import EVIDENCE_COLUMNS

FIRST_SQL = """
, first_keys AS (  -- a page in date order: its sentences are known from the mentions' dates
    SELECT m._art, m.sentence_id FROM mine AS m JOIN keep USING ({keys})
    GROUP BY m._art, m.sentence_id
    ORDER BY coalesce(any_value(m.date), '') = '', any_value(m.date), any_value(m.article_id),
             m.sentence_id
    {limit})"""
TONE_FIRST_SQL = """
, first_keys AS (  -- a page by tone: ordered on the sentences' keys and tone, before any list
    SELECT s._art, s.sentence_id FROM (SELECT DISTINCT m._art, m.sentence_id FROM mine AS m
                                       JOIN keep USING ({keys})) AS k
    JOIN (SELECT _art, sentence_id, tone, date, article_id FROM fs) AS s USING (_art, sentence_id)
    {where} ORDER BY {order} {limit})"""
EVIDENCE_SQL = """
, mine AS (SELECT _art, sentence_id, start, "end", actor, date, article_id, tone FROM fm
           WHERE list_contains($picked, actor))
, keep AS (SELECT {keys} FROM mine GROUP BY {keys} HAVING count(DISTINCT actor) = $need){first_cte}
, rows AS (
    SELECT m._art, m.sentence_id, any_value(m.article_id) AS article_id,
           count(*) AS mentions, list(m.start ORDER BY m.start) AS starts,
           list(m."end" ORDER BY m.start) AS ends
    FROM mine AS m JOIN keep USING ({keys}) {first} GROUP BY m._art, m.sentence_id)
, page AS (
    SELECT * FROM (
        SELECT r.*, s.tone, s.start AS offset_, s.date FROM rows AS r
        JOIN (SELECT _art, sentence_id, tone, start, date FROM fs) AS s
        USING (_art, sentence_id) {where})
    ORDER BY {order} {limit})
SELECT r.date, r.article_id, coalesce(a.title, '') AS title, r.sentence_id,
       r.mentions,
       array_to_string(list_transform(list_zip(r.starts, r.ends),
           lambda x: (x[1] - r.offset_) || '-' || (x[2] - r.offset_)), ';') AS spans,
       r.tone, t.text
FROM page AS r
JOIN (SELECT _art, sentence_id, text FROM sentences) AS t USING (_art, sentence_id)
LEFT JOIN (SELECT _art, title FROM articles) AS a ON a._art = r._art
ORDER BY {order}
"""
DATE_ORDER = "coalesce(date, '') = '', date, article_id, sentence_id"
TONE_SIGN = {"negative": "tone < 0", "positive": "tone > 0"}


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
    cut = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    early = limit is not None  # cut on the keys, before any text or list of spans
    sql = EVIDENCE_SQL.format(
        keys=keys,
        order=ordering,
        where=f"WHERE s.{TONE_SIGN[order]}" if order != "date" else "",
        limit="" if early else cut,
        first_cte=_first_keys(order, keys=keys, ordering=ordering, cut=cut) if early else "",
        first="WHERE (m._art, m.sentence_id) IN (SELECT _art, sentence_id FROM first_keys)"
        if early
        else "",
    )

    wide = without_minimum(cur, own_rows(filters, actors), actors)
    sql, params = _kept(sql, keys, actors)
    out = run(cur, wide, sql, **params)
    out["mentions"] = out["mentions"].astype("int64")
    return out[list(EVIDENCE_COLUMNS)]


# both ends by tone in one pass: negatives first (most negative first), then positives (most
# positive first), each in `evidence`'s order for that sign
ENDS_ORDER = (
    "tone < 0 DESC, CASE WHEN tone < 0 THEN tone END, CASE WHEN tone < 0 THEN date END, "
    "CASE WHEN tone < 0 THEN article_id END, CASE WHEN tone < 0 THEN sentence_id END, "
    "tone DESC, date DESC, article_id DESC, sentence_id DESC"
)
ENDS_SQL = """
, toned AS (SELECT s._art, s.sentence_id, s.tone, s.date, s.article_id
            FROM (SELECT DISTINCT _art, sentence_id FROM mine) AS k
            JOIN (SELECT _art, sentence_id, tone, date, article_id FROM fs) AS s
            USING (_art, sentence_id) WHERE s.tone <> 0)
, first_keys AS (
    (SELECT _art, sentence_id FROM toned WHERE tone < 0
     ORDER BY tone, date, article_id, sentence_id LIMIT {n})
    UNION ALL
    (SELECT _art, sentence_id FROM toned WHERE tone > 0
     ORDER BY tone DESC, date DESC, article_id DESC, sentence_id DESC LIMIT {n}))"""


def tone_ends(
    cur: duckdb.DuckDBPyConnection, filters: Filters, actor: str, *, n: int = 5
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`actor`'s `n` most negative and `n` most positive sentences: `evidence(..., order=
    "negative", limit=n)` and `order="positive"`'s rows, from one query (the actor's sentences
    are found and joined to their tone once, not once per end)."""
    first = "WHERE (m._art, m.sentence_id) IN (SELECT _art, sentence_id FROM first_keys)"
    sql = EVIDENCE_SQL.format(
        keys="_art, sentence_id", order=ENDS_ORDER, where="", limit="",
        first_cte=ENDS_SQL.format(n=int(n)), first=first,
    )  # fmt: skip
    wide = without_minimum(cur, own_rows(filters, [actor]), [actor])
    sql, params = _kept(sql, "_art, sentence_id", [actor])
    out = run(cur, wide, sql, **params)
    out["mentions"] = out["mentions"].astype("int64")
    out = out[list(EVIDENCE_COLUMNS)]
    negative = out["tone"] < 0
    return out[negative].reset_index(drop=True), out[~negative].reset_index(drop=True)


def _kept(sql: str, keys: str, actors: Sequence[str]) -> tuple[str, dict]:
    """`sql` and its parameters; for one actor without `keep` (every sentence of `mine` is
    kept, and a grouping of all of them is saved)."""
    need = len(set(actors))
    if need == 1:
        sql = re.sub(r"\n\s*, keep AS \([^\n]*\$need\)", "", sql)
        return sql.replace(f" JOIN keep USING ({keys})", ""), {"picked": list(actors)}
    return sql, {"picked": list(actors), "need": need}


def _first_keys(order: str, *, keys: str, ordering: str, cut: str) -> str:
    """CTE `first_keys`: the page's sentences, found on their keys (and tone) alone."""
    if order == "date":
        return FIRST_SQL.format(keys=keys, limit=cut)
    where = f"WHERE s.{TONE_SIGN[order]}"
    return TONE_FIRST_SQL.format(keys=keys, limit=cut, order=ordering, where=where)


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
    wide = without_minimum(cur, own_rows(filters, actors), actors)
    sql, params = _kept(sql, keys, actors)
    row = run(cur, wide, sql, **params).iloc[0]
    return int(row["s"]), int(row["m"])
