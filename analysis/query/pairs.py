"""The NPMI scoring of actor pairs in SQL, shared by the scan (`analysis.query.views`) and the
rollups (`analysis.query.rolled`): given CTEs `pairs` (actor_a, actor_b, shared units, tone,
first/last date) and `per_actor` (units per actor), `score_sql` adds the number of units, the
weight and the other window's shared count, as `analysis.tables.cooccurrence` computes them.
"""

from __future__ import annotations


def other_sql(other: str, mode: str) -> str:
    """CTE `other_shared`: per pair, the distinct `other` units (articles for the sentence
    window, sentences for the article one) holding both actors."""
    on = " AND ".join(f"a.{k} = b.{k}" for k in other.split(", "))
    if mode == "actor":
        return f"""
, mine AS (SELECT DISTINCT {other} FROM fm WHERE actor = $actor)
, other_shared AS (
    SELECT least(actor, $actor) AS actor_a, greatest(actor, $actor) AS actor_b,
           count(DISTINCT ({other})) AS n
    FROM fm WHERE actor <> $actor AND ({other}) IN (SELECT {other} FROM mine)
      AND actor IN (SELECT actor_a FROM shown UNION SELECT actor_b FROM shown) GROUP BY actor)"""
    return f"""
, other AS (SELECT DISTINCT {other}, actor FROM fm
            WHERE actor IN (SELECT actor_a FROM shown UNION SELECT actor_b FROM shown))
, other_shared AS (
    SELECT a.actor AS actor_a, b.actor AS actor_b, count(*) AS n
    FROM other AS a JOIN other AS b ON {on} AND a.actor < b.actor
    WHERE (a.actor, b.actor) IN (SELECT actor_a, actor_b FROM shown)
    GROUP BY a.actor, b.actor)"""


PAIRS_SQL = """
, pairs AS (SELECT actor_a, actor_b, count(*) AS shared, avg(tone) AS tone,
                   min(nullif(date, '')) AS first_date, max(nullif(date, '')) AS last_date
            FROM raw GROUP BY actor_a, actor_b)"""
SCORE_SQL = """
, total AS ({total})
, scored AS (
    SELECT p.*, ln((p.shared / t.n) / ((ca.n / t.n) * (cb.n / t.n))) AS pmi,
           -ln(p.shared / t.n) AS denom
    FROM pairs AS p CROSS JOIN total AS t
    JOIN per_actor AS ca ON ca.actor = p.actor_a JOIN per_actor AS cb ON cb.actor = p.actor_b)
, shown AS (
    SELECT *, round(greatest(-1, least(1, CASE WHEN denom > 0 THEN pmi / denom ELSE 1 END)), 4)
              AS weight
    FROM scored {top})
{other}
SELECT actor_a, actor_b, {sentences} AS sentences, {articles} AS articles, weight,
       round(tone, 4) AS tone, coalesce(first_date, '') AS first_date,
       coalesce(last_date, '') AS last_date
FROM shown LEFT JOIN (SELECT actor_a, actor_b, n AS other_n FROM other_shared) AS o
     USING (actor_a, actor_b)
ORDER BY {order}
"""
PAIR_ORDER = "actor_a, actor_b"
# the Actor page's partners: those sharing 2+ sentences first, then by weight and sentences
PARTNER_ORDER = "shared >= 2 DESC, weight DESC, shared DESC, actor_a, actor_b"


def score_sql(*, other: str, total: str, sentence: bool, top: int | None = None) -> str:
    """`SCORE_SQL` for a window: every pair by name, or the first `top` partners (sentence
    window) in `PARTNER_ORDER`, the other window's count made for those alone."""
    other_n = "coalesce(other_n, 0)"
    return SCORE_SQL.format(
        other=other,
        total=total,
        sentences="shared" if sentence else other_n,
        articles=other_n if sentence else "shared",
        top=f"ORDER BY {PARTNER_ORDER} LIMIT {int(top)}" if top is not None else "",
        order=PARTNER_ORDER if top is not None else PAIR_ORDER,
    )
