"""The tone ranking of the filtered actors, as `analysis.tables.views.tone_ranking` ranks them,
without sending every actor to the page: its first rows and its last ranked rows (the chart's
most negative and most positive), each with its rank in the whole ranking, and the counts."""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

from analysis.query.tables import actors_and_totals, actors_table
from analysis.tables.selection import Filters
from analysis.tables.views import tone_ranking


def ranking_ends(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    min_mentions: int,
    head: int | None,
    tail: int,
    light: pa.Table | None = None,
) -> tuple[pd.DataFrame, dict]:
    """The rows `tone_ranking(actors, min_mentions=...)` gives first (`head` of them) and its
    last `tail` ranked rows, in ranking order with their ranks; and `actor_totals` (actors,
    mentions, ranked). With `head=None` the whole ranking. `light`: `actor_light`'s, if made."""
    first, totals = actors_and_totals(
        cur, filters, aliases=False, order="tone", ranked=min_mentions, limit=head, light=light,
        dates=False,
    )  # fmt: skip
    count = totals["ranked"]
    if head is None or count <= head:  # every ranked row is in `first`: its ranks are right
        return tone_ranking(first, min_mentions=min_mentions), totals
    last = actors_table(
        cur, filters, aliases=False, order="tone_last", ranked=min_mentions, limit=tail,
        light=light, dates=False,
    )  # fmt: skip
    last = last[last["mentions"] >= min_mentions].iloc[::-1]
    start = max(head, count - len(last))  # the tail's rows after the head's
    last = last.iloc[len(last) - (count - start) :]
    out = tone_ranking(pd.concat([first, last], ignore_index=True), min_mentions=min_mentions)
    ranks = [*range(1, head + 1), *range(start + 1, count + 1)]  # all of them ranked rows
    out["rank"] = pd.array(ranks, dtype="Int64")
    return out, totals
