"""The DuckDB filter and views against the plain pandas reference (`apply_filters`,
`analysis.tables.views`) on the demo corpus: the same rows, counts and weights, filter by filter.
"""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from analysis.query import downloads as qd
from analysis.query import tables as qt
from analysis.query import views as qv
from analysis.query.engine import Engine, QueryError
from analysis.query.files import query_files_current, write_query_files
from analysis.tables import views as pv
from analysis.tables.filters import Filters, apply_filters


@pytest.fixture(scope="module")
def engine(demo_out) -> Engine:
    assert query_files_current(demo_out)  # the build wrote them after the table step
    return Engine(demo_out, threads=2, memory_limit="512MB")


def same(got: pd.DataFrame, expected: pd.DataFrame, what: str) -> None:
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True),
        expected.reset_index(drop=True),
        check_dtype=False,
        check_exact=False,
        atol=1.5e-4,  # SQL sums in another order than pandas: a last-digit rounding may differ
        check_column_type=False,
        check_index_type=False,
        obj=what,
    )


def cases(tables) -> list[Filters]:
    actors = tables["actors"]["actor"]
    return [
        Filters(),
        Filters(date_from="2020-01-01", date_to="2020-06-30"),
        Filters(query="minister"),
        Filters(actor_types=("country",)),
        Filters(actors=(actors.iloc[0],)),
        Filters(min_mentions=3),
        Filters(
            actors=(actors.iloc[0], actors.iloc[5]),
            actor_types=("country", "person"),
            min_mentions=2,
            include_undated=False,
        ),
        Filters(date_to="2019-12-31", query="the", once=False),
    ]


def test_one_article_s_mentions_equal_the_reference(engine, demo_tables):
    """The Articles page's mentions of one article, a minimum tested on its own actors."""
    cur = engine.cursor()
    for filters in cases(demo_tables):
        ref = apply_filters(demo_tables, filters)
        for article_id in ref["articles"]["article_id"].head(4):
            expected = ref["mentions"][ref["mentions"]["article_id"] == article_id]
            got = qv.article_mentions(cur, filters, article_id)
            same(got, expected[list(got.columns)], f"{filters} mentions of {article_id}")


def test_filtered_tables_equal_the_pandas_reference(engine, demo_tables):
    cur = engine.cursor()
    for filters in cases(demo_tables):
        expected = apply_filters(demo_tables, filters)
        for name in ("articles", "sentences", "mentions", "actors"):
            same(qt.filtered_table(cur, filters, name), expected[name], f"{filters} {name}")
        same(qv.cooccurrence(cur, filters), expected["cooccurrence"], f"{filters} cooccurrence")
        wide = apply_filters(demo_tables, filters, window="article")["cooccurrence"]
        same(qv.cooccurrence(cur, filters, window="article"), wide, f"{filters} article window")


def test_views_equal_the_pandas_reference(engine, demo_tables):
    cur = engine.cursor()
    for filters in cases(demo_tables):
        ref = apply_filters(demo_tables, filters)
        if ref["actors"].empty:
            continue
        top = ref["actors"]["actor"].head(8).tolist()
        actor = top[0]
        edges = ref["cooccurrence"]
        mine = edges[(edges["actor_a"] == actor) | (edges["actor_b"] == actor)]
        same(qv.cooccurrence(cur, filters, actor=actor), mine, f"{filters} partners")
        light = qt.actor_light(cur, filters)  # partners' counts read from the shared aggregate
        same(qv.tone_over_time(cur, filters, light=light, rollups=False),
             pv.tone_over_time(ref["mentions"]), f"{filters} tone, light")  # fmt: skip
        same(qv.mentions_over_time(cur, filters, top, light=light, rollups=False),
             pv.mentions_over_time(ref["mentions"], top), f"{filters} timeline, light")  # fmt: skip
        dates = ref["mentions"]["date"].fillna("")
        dates = dates[dates != ""]
        span = qv.date_span(cur, filters, light=light, rollups=False)
        assert span == (dates.min(), dates.max()), filters
        same(qv.cooccurrence(cur, filters, actor=actor, light=light, rollups=False), mine,
             f"{filters} partners, light")  # fmt: skip
        wide = apply_filters(demo_tables, filters, window="article")["cooccurrence"]
        wide = wide[(wide["actor_a"] == actor) | (wide["actor_b"] == actor)]
        same(qv.cooccurrence(cur, filters, actor=actor, window="article", light=light),
             wide, f"{filters} partners by article, light")  # fmt: skip
        drawn = edges[edges["actor_a"].isin(top) & edges["actor_b"].isin(top)]
        same(qv.cooccurrence(cur, filters, among=top), drawn, f"{filters} among")
        for freq in ("day", "month", "year"):
            same(
                qv.mentions_over_time(cur, filters, top, freq=freq),
                pv.mentions_over_time(ref["mentions"], top, freq=freq),
                f"{filters} timeline {freq}",
            )
            same(
                qv.tone_over_time(cur, filters, freq=freq),
                pv.tone_over_time(ref["mentions"], freq=freq),
                f"{filters} tone {freq}",
            )
        evidence = pv.actor_evidence(ref, actor)
        same(qv.evidence(cur, filters, [actor]), evidence, f"{filters} evidence")
        same(qv.evidence(cur, filters, [actor], limit=7, offset=3), evidence[3:10], "a page")
        assert qv.count_evidence(cur, filters, [actor]) == (
            len(evidence),
            int(evidence["mentions"].sum()),
        )
        for chosen in [a for a in filters.actors if a in set(ref["actors"]["actor"])]:
            _same_own_rows(cur, filters, ref, chosen)  # the chosen-articles rule left out
        negative, positive = pv.extreme_sentences(ref, actor, n=5)
        same(qv.evidence(cur, filters, [actor], order="negative", limit=5), negative, "negative")
        same(qv.evidence(cur, filters, [actor], order="positive", limit=5), positive, "positive")
        ends = qv.tone_ends(cur, filters, actor, n=5)  # both in one query
        same(ends[0], negative, f"{filters} negative end")
        same(ends[1], positive, f"{filters} positive end")
        for n in (1, 40):  # an end cut short, and ends longer than the sentences of that sign
            ends, ref_ends = qv.tone_ends(cur, filters, actor, n=n), pv.extreme_sentences(ref, actor, n=n)  # fmt: skip
            same(ends[0], ref_ends[0], f"{filters} negative end of {n}")
            same(ends[1], ref_ends[1], f"{filters} positive end of {n}")
        if len(top) > 1:
            for window in ("sentence", "article"):
                pair = pv.edge_evidence(ref, top[0], top[1], window=window)
                same(
                    qv.evidence(cur, filters, top[:2], window=window),
                    pair,
                    f"{filters} edge evidence {window}",
                )
                same(
                    qv.evidence(cur, filters, top[:2], window=window, limit=4, offset=1),
                    pair[1:5],
                    f"{filters} a page of edge evidence {window}",
                )


def _same_own_rows(cur, filters: Filters, ref: dict, actor: str) -> None:
    """A chosen actor's own rows equal the reference's (`own_rows` drops rule 4 for them)."""
    what = f"{filters} own rows of {actor}"
    row = ref["actors"][ref["actors"]["actor"] == actor]
    same(qt.actors_table(cur, filters, only=(actor,)), row, what)
    light = qt.actor_light(cur, filters)
    same(qt.actors_table(cur, filters, only=(actor,), light=light), row, f"{what}, light")
    timeline = pv.mentions_over_time(ref["mentions"], [actor], freq="month")
    same(qv.mentions_over_time(cur, filters, [actor]), timeline, f"{what}: timeline")
    dates = ref["mentions"][ref["mentions"]["actor"] == actor]["date"].fillna("")
    dates = dates[dates != ""]
    assert qv.date_span(cur, filters, actor) == (dates.min(), dates.max()), what
    evidence = pv.actor_evidence(ref, actor)
    same(qv.evidence(cur, filters, [actor], limit=6, offset=2), evidence[2:8], f"{what}: page")
    assert qv.count_evidence(cur, filters, [actor]) == (
        len(evidence),
        int(evidence["mentions"].sum()),
    ), what


def test_attention_share_counts_articles_of_the_period(engine, demo_tables):
    cur = engine.cursor()
    actor = demo_tables["actors"]["actor"].iloc[0]
    share = qv.mentions_over_time(cur, Filters(), [actor], freq="year", share=True)
    mentions, articles = demo_tables["mentions"], demo_tables["articles"]
    dated = articles[articles["date"] != ""]
    for row in share.itertuples(index=False):
        in_year = dated[dated["date"].str.startswith(row.period)]
        hit = mentions[(mentions["actor"] == actor) & mentions["date"].str.startswith(row.period)]
        assert row.period_articles == len(in_year)
        assert row.articles == hit["article_id"].nunique()
        assert row.share == pytest.approx(row.articles / row.period_articles, abs=1e-4)


def test_csv_batches_equal_the_whole_table(engine, demo_tables):
    from analysis.store import to_csv_bytes

    cur = engine.cursor()
    filters = Filters(actor_types=("country",))
    whole = to_csv_bytes(qt.filtered_table(cur, filters, "mentions"), escape=True)
    batches = qd.table_batches(cur, filters, "mentions", size=1_000)
    assert b"".join(qd.iter_csv(batches)) == whole
    assert whole == to_csv_bytes(apply_filters(demo_tables, filters)["mentions"], escape=True)


def test_a_cursor_per_thread_serves_concurrent_queries(engine):
    """One connection, many threads at once: each thread's cursor answers (no 'busy' error)."""
    results, errors = [], []

    def ask(minimum: int) -> None:
        try:
            results.append(len(qt.actors_table(engine.cursor(), Filters(min_mentions=minimum))))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(1 + i % 3,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(results) == 8


def test_the_connection_reads_only_its_folder(engine, tmp_path):
    outside = tmp_path / "x.parquet"
    pd.DataFrame({"a": [1]}).to_parquet(outside)
    with pytest.raises(Exception, match=r"(?i)permission|disabled|not allowed"):
        engine.cursor().execute(f"SELECT * FROM read_parquet('{outside}')").fetchall()


def test_a_build_without_query_files_is_named(tmp_path, demo_tables):
    with pytest.raises(QueryError, match="rebuild"):
        Engine(tmp_path)
    write_query_files(tmp_path, demo_tables)
    assert query_files_current(tmp_path)
    assert len(qt.filtered_table(Engine(tmp_path).cursor(), Filters(), "articles")) == len(
        demo_tables["articles"]
    )
