"""Rollups the build writes beside the query files, so a page answers the common filters (dates,
copies, actor types, minimum mentions) without reading a mention:

- `actor_day`: per article date, copy flag, actor and mention type: mentions, articles,
  sentences, tone sum, sum of squares and count (a mean and a standard deviation add up from
  them), and the first mention's row (the type an actor is first seen with);
- `actor_all`: `actor_day` summed over the days (per copy flag, actor and type), so the
  per-actor totals of a filter without dates, or with a wide range (the whole minus the days
  left out), read a row per actor instead of a row per actor and day;
- `day`: articles and sentences per article date and copy flag (the units NPMI counts);
- `pair_day`: per date, copy flag and actor pair sharing a sentence (with their types): shared sentences and the
  sum of the pair's tone in them (the mean of both actors' mean mention tone per sentence);
- `rollup_info`: one row, `one_type`: whether every actor's mentions carry one type. Only then
  do distinct counts (articles, sentences) add up across types, so only then are the rollups
  used (`analysis.query.scope.rolled`).

Counts of distinct articles add up over days because an article has one date. Written by
DuckDB from the query files, streamed, in a few seconds at 100,000 articles.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

ROLLUPS = ("actor_day", "actor_all", "day", "pair_day", "rollup_info")

ACTOR_DAY = """
SELECT _date, date, _dup, actor, actor_type, count(*) AS mentions,
       count(DISTINCT _art) AS articles, count(DISTINCT (_art, sentence_id)) AS sentences,
       sum(tone::DECIMAL(18, 4)) AS tone_sum,
       sum(tone::DECIMAL(18, 4) * tone::DECIMAL(18, 4)) AS tone_sq,
       count(tone) AS toned,
       min(_row) AS first_row
FROM read_parquet('{mentions}') GROUP BY ALL ORDER BY _date, _dup, actor
"""
ACTOR_ALL = """
SELECT _dup, actor, actor_type, sum(mentions) AS mentions, sum(articles) AS articles,
       sum(sentences) AS sentences, sum(tone_sum) AS tone_sum, sum(tone_sq) AS tone_sq,
       sum(toned) AS toned
FROM read_parquet('{actor_day}') GROUP BY ALL ORDER BY actor
"""
DAY = """
WITH a AS (SELECT _date, _dup, count(*) AS articles FROM read_parquet('{articles}') GROUP BY ALL),
     s AS (SELECT _date, _dup, count(*) AS sentences FROM read_parquet('{sentences}')
           GROUP BY ALL)
SELECT _date, _dup, coalesce(a.articles, 0) AS articles, coalesce(s.sentences, 0) AS sentences
FROM a FULL JOIN s USING (_date, _dup) ORDER BY _date, _dup
"""
PAIR_DAY = """
WITH present AS (
    SELECT _art, sentence_id, actor, avg(tone) AS tone, any_value(actor_type) AS actor_type,
           any_value(_date) AS _date, any_value(date) AS date, any_value(_dup) AS _dup
    FROM read_parquet('{mentions}') WHERE actor IS NOT NULL GROUP BY _art, sentence_id, actor)
SELECT a._date, a.date, a._dup, a.actor AS actor_a, b.actor AS actor_b,
       a.actor_type AS type_a, b.actor_type AS type_b, count(*) AS sentences,
       sum((a.tone + b.tone) / 2) AS tone_sum, count((a.tone + b.tone) / 2) AS toned
FROM present AS a JOIN present AS b
  ON a._art = b._art AND a.sentence_id = b.sentence_id AND a.actor < b.actor
GROUP BY ALL ORDER BY actor_a, actor_b, _date
"""
INFO = """
SELECT coalesce(max(n), 1) <= 1 AS one_type FROM (
    SELECT count(DISTINCT actor_type) AS n FROM read_parquet('{actor_day}')
    WHERE actor IS NOT NULL GROUP BY actor)
"""


def write_rollups(folder: Path, *, memory_limit: str = "1GB") -> None:
    """Every rollup of `folder`'s query files (articles, sentences, mentions), into `folder`."""
    con = duckdb.connect(":memory:", config={"threads": 2, "memory_limit": memory_limit})
    con.execute("SET enable_progress_bar = false")
    quote = lambda name: str(Path(folder) / f"{name}.parquet").replace("'", "''")  # noqa: E731
    names = {n: quote(n) for n in ("articles", "sentences", "mentions", *ROLLUPS)}
    try:
        made = (("actor_day", ACTOR_DAY), ("actor_all", ACTOR_ALL), ("day", DAY),
                ("pair_day", PAIR_DAY))  # fmt: skip
        for name, sql in made:
            select = sql.format(**names)
            con.execute(f"COPY ({select}) TO '{names[name]}' (FORMAT parquet)")
        con.execute(f"COPY ({INFO.format(**names)}) TO '{names['rollup_info']}' (FORMAT parquet)")
    finally:
        con.close()
