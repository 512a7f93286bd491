"""The one filter implementation, as SQL: `scope(filters)` defines the filtered tables.

The rules are those documented in `analysis.tables.filters` (which keeps the pandas version as
the reference the tests hold this to), applied to the query files (`analysis.query.files`):

0. **copies** (`filters.once`): articles that are syndicated copies (`duplicate_of` set) are
   left out with their sentences and mentions;
1. **date** on the article's date (`_date`), undated kept with `include_undated`;
2. **text query**: sentences containing `query` (case-insensitive, literal); only their mentions
   stay, and only articles holding one;
3. **actor types** on the mentions;
4. **actors**: the articles mentioning one of them (after 1-3), with everything in them;
5. **minimum mentions** per actor over what is left.

`scope` returns the text of a WITH clause defining `fa` (articles), `fs` (sentences) and `fm`
(mentions) and its named parameters; each query appends its SELECT. Rows are joined on
`_art`, the article's integer position (cheaper to hash than its 16-character id).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from analysis.tables.selection import Filters


@dataclass(frozen=True)
class Scope:
    sql: str
    params: dict


def _row_filter(filters: Filters, params: dict) -> list[str]:
    """Conditions every article, sentence and mention row is tested on (its article's)."""
    where = []
    if filters.once:
        where.append("NOT _dup")
    dated = []
    if filters.date_from:
        params["date_from"] = filters.date_from
        dated.append("_date >= $date_from")
    if filters.date_to:
        params["date_to"] = filters.date_to
        dated.append("_date <= $date_to")
    if dated or not filters.include_undated:
        test = " AND ".join(["_date <> ''", *dated])
        where.append(_dated(test, filters))
    return where


def _dated(test: str, filters: Filters) -> str:
    return f"({test})" if not filters.include_undated else f"(({test}) OR _date = '')"


def _where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def scope(filters: Filters, *, kept: str = "") -> Scope:
    """The WITH clause (fa, fs, fm) of `filters`, with its parameters. `kept`: a relation of
    the actors rule 5 keeps (`_light`, the shared actor aggregate), read instead of counting
    every actor's mentions again."""
    params: dict = {}
    rows = _row_filter(filters, params)
    parts = [f"fs0 AS (SELECT * FROM sentences{_where(_query(filters, params, rows))})"]
    if filters.query:
        parts.append(
            f"fa0 AS (SELECT * FROM articles{_where(rows)} AND _art IN (SELECT _art FROM fs0))"
            if rows
            else "fa0 AS (SELECT * FROM articles WHERE _art IN (SELECT _art FROM fs0))"
        )
    else:
        parts.append(f"fa0 AS (SELECT * FROM articles{_where(rows)})")
    mention_rows = list(rows)
    if filters.query:
        mention_rows.append("(_art, sentence_id) IN (SELECT _art, sentence_id FROM fs0)")
    if filters.actor_types:
        params["types"] = list(filters.actor_types)
        mention_rows.append("list_contains($types, actor_type)")
    parts.append(f"fm0 AS (SELECT * FROM mentions{_where(mention_rows)})")
    if filters.actors:
        params["actors"] = list(filters.actors)
        chosen = _where([*mention_rows, "list_contains($actors, actor)"])
        parts.append(
            f"chosen AS (SELECT DISTINCT _art FROM mentions{chosen})"
        )  # not fm0: read once
        for name in ("fa", "fs", "fm"):
            parts.append(
                f"{name}1 AS (SELECT * FROM {name}0 WHERE _art IN (SELECT _art FROM chosen))"
            )
        last = "1"
    else:
        last = "0"
    parts.append(f"fa AS (SELECT * FROM fa{last})")
    parts.append(f"fs AS (SELECT * FROM fs{last})")
    if filters.min_mentions > 1 and kept:  # the actors rule 5 keeps, counted before
        parts.append(f"fm AS (SELECT * FROM fm{last} WHERE actor IN (SELECT actor FROM {kept}))")
    elif filters.min_mentions > 1:
        params["min_mentions"] = filters.min_mentions
        parts.append(
            f"fm AS (SELECT * FROM fm{last} WHERE actor IN (SELECT actor FROM fm{last} "
            "GROUP BY actor HAVING count(*) >= $min_mentions))"
        )
    else:
        parts.append(f"fm AS (SELECT * FROM fm{last})")
    return Scope("WITH " + ",\n".join(parts) + "\n", params)


def _query(filters: Filters, params: dict, rows: list[str]) -> list[str]:
    if not filters.query:
        return rows
    params["query"] = filters.query.lower()
    return [*rows, "contains(lower(text), $query)"]


def own_rows(filters: Filters, actors: Sequence[str]) -> Filters:
    """`filters` for queries of `actors`' own mentions alone, made cheaper: when every one of
    them is chosen (rule 4), that rule drops none of their mentions (each is in an article
    mentioning it after rules 1-3) and their counts under rule 5 stay, so it is left out
    (and the rollups may then answer). Else `filters` as given."""
    if filters.actors and actors and set(actors) <= set(filters.actors):
        return replace(filters, actors=())
    return filters


def rolls_up(cur, filters: Filters) -> bool:
    """Whether the rollups (`analysis.query.rollups`) answer `filters` exactly: no text query
    and no chosen actor (both select mentions by their sentence or article), and every actor's
    mentions of one type (so distinct counts add up across types)."""
    if filters.query or filters.actors:
        return False
    return bool(cur.execute("SELECT one_type FROM rollup_info").fetchall()[0][0])


def rolled(filters: Filters, *, wide: bool = False) -> Scope:
    """The WITH clause of `filters` over the rollups: `ad` (actor_day rows), `dd` (day rows),
    `acts` (each remaining actor's summed counts, tone sums and sentences) and `kept` (the actors
    that remain), by rules 0, 1, 3 and 5 above (with `rolls_up` true). `wide`: the date rule
    keeps most days (`rolled_scope`), so `acts` is the whole corpus's totals minus the days left
    out (sums subtract exactly: they are integers and decimals)."""
    params: dict = {}
    rows = _row_filter(filters, params)
    base = ["NOT _dup"] if filters.once else []
    dated = rows[len(base) :]  # the date rule, if any
    if filters.actor_types:
        params["types"] = list(filters.actor_types)
        base.append("list_contains($types, actor_type)")
    typed = [*rows, *base[1 if filters.once else 0 :]]  # rows, then the type rule if any
    parts = [f"ad0 AS (SELECT * FROM actor_day{_where(typed)})"]
    if not dated:
        src = f"SELECT actor, {SUMS} FROM actor_all{_where(base)}"
    elif wide:
        minus = ", ".join(f"-{c}" for c in SUMS.split(", "))
        outside = _where([*base, f"NOT {dated[0]}"])
        src = (
            f"SELECT actor, {SUMS} FROM actor_all{_where(base)} UNION ALL "
            f"SELECT actor, {minus} FROM actor_day{outside}"
        )
    else:
        src = f"SELECT actor, {SUMS} FROM ad0"
    summed = ", ".join(f"sum({c}) AS {c}" for c in SUMS.split(", "))
    params["min_mentions"] = max(filters.min_mentions, 1)
    parts.append(
        f"acts AS (SELECT actor, {summed} FROM ({src}) WHERE actor IS NOT NULL GROUP BY actor "
        "HAVING sum(mentions) >= $min_mentions)"
    )
    parts.append("kept AS (SELECT actor FROM acts)")
    if filters.min_mentions > 1:
        parts.append("ad AS (SELECT * FROM ad0 WHERE actor IN (SELECT actor FROM kept))")
    else:
        parts.append("ad AS (SELECT * FROM ad0)")
    parts.append(f"dd AS (SELECT * FROM day{_where(rows)})")
    return Scope("WITH " + ",\n".join(parts) + "\n", params)


SUMS = "mentions, articles, sentences, tone_sum, tone_sq, toned"


def rolled_scope(cur, filters: Filters) -> Scope:
    """`rolled(filters)`, `wide` when its date rule keeps more than half the articles (read
    from the day rollup, a row per day)."""
    params: dict = {}
    dated = _row_filter(replace(filters, once=False), params)
    if not dated:
        return rolled(filters)
    sql = f"SELECT sum(articles) FILTER (WHERE {dated[0]}), sum(articles) FROM day"
    kept, whole = cur.execute(sql, params).fetchall()[0]
    return rolled(filters, wide=bool(whole) and 2 * (kept or 0) > whole)
