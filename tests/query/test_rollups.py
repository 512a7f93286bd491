"""The build's rollups against the pandas reference on the demo corpus: every figure a page reads
from them equals the one computed from the filtered mentions (`apply_filters`), and equals the
scan of the mentions (`rollups=False`), for each filter the rollups answer; the filters they
cannot answer go to the scan."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from analysis.query import counts as qc
from analysis.query import rolled
from analysis.query import scope as qs
from analysis.query import tables as qt
from analysis.query import views as qv
from analysis.query.engine import Engine
from analysis.query.files import query_dir, write_query_files
from analysis.query.ranking import ranking_ends
from analysis.query.scope import rolls_up
from analysis.tables import views as pv
from analysis.tables.cooccurrence import build_cooccurrence
from analysis.tables.filters import Filters, apply_filters
from tests.query.test_query import same


@pytest.fixture(scope="module")
def engine(demo_out) -> Engine:
    return Engine(demo_out, threads=2, memory_limit="512MB")


def rolled_cases(tables) -> list[Filters]:
    """Filters the rollups answer: dates, undated, copies, types, minimum mentions."""
    return [
        Filters(),
        Filters(once=False),
        Filters(date_from="2020-01-01", date_to="2020-06-30"),
        Filters(date_to="2019-12-31", include_undated=False),
        Filters(actor_types=("country", "organization")),
        Filters(min_mentions=3),
        Filters(date_from="2015-01-01", actor_types=("person",), min_mentions=2, once=False),
    ]


def test_the_rollups_answer_only_what_they_can(engine, demo_tables):
    cur = engine.cursor()
    actor = demo_tables["actors"]["actor"].iloc[0]
    assert all(rolls_up(cur, f) for f in rolled_cases(demo_tables))
    assert not rolls_up(cur, Filters(query="minister"))
    assert not rolls_up(cur, Filters(actors=(actor,)))


def test_rolled_figures_equal_the_reference_and_the_scan(engine, demo_tables):
    cur = engine.cursor()
    for filters in rolled_cases(demo_tables):
        ref = apply_filters(demo_tables, filters)
        actors = ref["actors"].assign(aliases="")
        same(qt.actors_table(cur, filters, aliases=False), actors, f"{filters} actors")
        same(
            qt.actors_table(cur, filters, aliases=False, rollups=False),
            actors,
            f"{filters} actors (scan)",
        )
        articles = ref["articles"]
        dated = articles["date"].fillna("")
        assert qc.corpus_counts(cur, filters) == {
            "articles": len(articles),
            "undated": int((dated == "").sum()),
            "first": dated[dated != ""].min() if (dated != "").any() else "",
            "last": dated[dated != ""].max() if (dated != "").any() else "",
        }, filters
        if ref["actors"].empty:
            continue
        top = ref["actors"]["actor"].head(8).tolist()
        for freq in ("day", "month", "year"):
            same(
                rolled.mentions_over_time(cur, filters, top, freq=freq),
                pv.mentions_over_time(ref["mentions"], top, freq=freq),
                f"{filters} timeline {freq}",
            )
            same(
                rolled.mentions_over_time(cur, filters, top, freq=freq, share=True),
                qv.mentions_over_time(cur, filters, top, freq=freq, share=True, rollups=False),
                f"{filters} share {freq}",
            )
            same(
                rolled.tone_over_time(cur, filters, freq=freq),
                pv.tone_over_time(ref["mentions"], freq=freq),
                f"{filters} tone {freq}",
            )
        dates = ref["mentions"]["date"].fillna("")
        dates = dates[dates != ""]
        assert rolled.date_span(cur, filters) == (dates.min(), dates.max())
        assert rolled.date_span(cur, filters, top[0]) == qv.date_span(
            cur, filters, top[0], rollups=False
        )
        edges = ref["cooccurrence"]
        light = qt.actor_light(cur, filters)  # kept actors and their sentences, made once
        for actor in (top[0], top[-1]):
            mine = edges[(edges["actor_a"] == actor) | (edges["actor_b"] == actor)]
            same(rolled.cooccurrence(cur, filters, actor=actor), mine, f"{filters} partners")
            same(rolled.cooccurrence(cur, filters, actor=actor, light=light), mine,
                 f"{filters} partners, light")  # fmt: skip
        drawn = edges[edges["actor_a"].isin(top) & edges["actor_b"].isin(top)]
        same(rolled.cooccurrence(cur, filters, among=top), drawn, f"{filters} among")
        same(rolled.cooccurrence(cur, filters, among=top, light=light), drawn,
             f"{filters} among, light")  # fmt: skip
        every = qv.partners(cur, filters, top[0], rollups=False)
        for n in (1, 7, len(every) + 3):
            got = qv.partners(cur, filters, top[0], top=n)
            same(got, every.head(n), f"{filters} first {n} partners")
            got = qv.partners(cur, filters, top[0], top=n, light=light)
            same(got, every.head(n), f"{filters} first {n} partners, light")


def test_pair_rollup_holds_every_shared_sentence(demo_out, demo_tables):
    """Summed over days, pair_day gives the build's sentence counts of every pair."""
    path = query_dir(demo_out) / "pair_day.parquet"
    got = duckdb.sql(
        f"SELECT actor_a, actor_b, sum(sentences) AS sentences FROM read_parquet('{path}') "
        "GROUP BY ALL ORDER BY actor_a, actor_b"
    ).df()
    expected = build_cooccurrence(demo_tables["mentions"], demo_tables["sentences"])
    same(got, expected[["actor_a", "actor_b", "sentences"]], "pair_day sentences")


def test_an_actor_of_two_types_sends_every_filter_to_the_scan(tmp_path, demo_tables):
    """Distinct counts do not add up across types, so such a build never reads the rollups."""
    mentions = demo_tables["mentions"].copy()
    actor = mentions["actor"].value_counts().index[0]  # the most mentioned: it keeps its type too
    first = mentions.index[mentions["actor"] == actor][0]
    other = "place" if mentions.loc[first, "actor_type"] != "place" else "person"
    mentions.loc[first, "actor_type"] = other
    tables = {**demo_tables, "mentions": mentions}
    write_query_files(tmp_path, tables)
    cur = Engine(tmp_path).cursor()
    assert not rolls_up(cur, Filters())
    filters = Filters(actor_types=(other,))
    same(
        qt.actors_table(cur, filters, aliases=False),
        apply_filters(tables, filters)["actors"].assign(aliases=""),
        "two types",
    )
    assert isinstance(qv.tone_over_time(cur, filters), pd.DataFrame)


def test_ranking_ends_are_the_rows_of_the_whole_ranking(engine, demo_tables):
    """The ends equal `tone_ranking` of the whole actors table (held to the reference above;
    ranked here as it comes, since a tone rounded one way or the other may swap a tie)."""
    cur = engine.cursor()
    for filters in (Filters(), Filters(query="minister"), Filters(min_mentions=2)):
        actors = qt.actors_table(cur, filters, aliases=False)
        whole = pv.tone_ranking(actors, min_mentions=3)
        ranked = int(whole["ranked"].sum())
        for head, tail in ((10, 5), (ranked - 3, 5), (ranked + 5, 5), (None, 5)):
            got, totals = ranking_ends(cur, filters, min_mentions=3, head=head, tail=tail)
            assert totals == {
                "actors": len(actors),
                "mentions": int(actors["mentions"].sum()),
                "ranked": ranked,
            }
            cut = head if head is not None else len(whole)
            ends = whole.head(cut)
            if ranked > cut:
                ends = pd.concat([ends, whole[whole["ranked"]].tail(min(tail, ranked - cut))])
            same(got, ends, f"{filters} ranking {head} {tail}")
    nothing = {"actors": 0, "mentions": 0, "ranked": 0}
    assert qt.actor_totals(cur, Filters(query="no sentence says this")) == nothing


def test_one_actor_s_rows_skip_the_minimum_only_when_it_passes(engine, demo_tables):
    """Rule 5 drops whole actors, so an actor's evidence and row under a minimum are its own
    rows without it, or nothing when it falls below."""
    cur = engine.cursor()
    actors = qt.actors_table(cur, Filters(), aliases=False)
    rare = actors[actors["mentions"] == 1]["actor"].iloc[0]
    common = actors["actor"].iloc[0]
    filters = Filters(min_mentions=2)
    assert qt.without_minimum(cur, filters, [common]) == Filters()
    assert qt.without_minimum(cur, filters, [common, rare]) == filters
    ref = apply_filters(demo_tables, filters)
    assert qv.evidence(cur, filters, [rare]).empty and qv.count_evidence(cur, filters, [rare]) == (
        0,
        0,
    )
    assert qt.actors_table(cur, filters, only=(rare, common))["actor"].tolist() == [common]
    same(qv.evidence(cur, filters, [common]), pv.actor_evidence(ref, common), "common evidence")
    same(
        qt.actors_table(cur, filters, only=(common,)),
        ref["actors"][ref["actors"]["actor"] == common],
        "common row",
    )


def test_the_shared_actor_aggregate_gives_the_reference_rows(engine, demo_tables):
    """`actor_light` (one pass a page's tables share) gives the same rows, totals, ranking ends
    and minimum decisions as the reference, rolled up or scanned, with or without aliases."""
    cur = engine.cursor()
    common = demo_tables["actors"]["actor"].iloc[0]
    cases = [*rolled_cases(demo_tables), Filters(query="minister", min_mentions=2),
             Filters(actors=(common,), min_mentions=3)]  # fmt: skip
    for filters in cases:
        ref = apply_filters(demo_tables, filters)["actors"]
        light = qt.actor_light(cur, filters)
        assert light.num_rows == len(ref), filters
        same(qt.actors_table(cur, filters, aliases=False, light=light), ref.assign(aliases=""),
             f"{filters} light")  # fmt: skip
        names = (*ref["actor"].iloc[[0, -1]], "nobody")
        same(qt.actors_table(cur, filters, only=names, light=light),
             ref[ref["actor"].isin(names)], f"{filters} light, aliases, only")  # fmt: skip
        top, totals = qt.actors_and_totals(cur, filters, aliases=False, limit=5, light=light)
        same(top, ref.head(5).assign(aliases=""), f"{filters} light top 5")
        assert totals == {"actors": len(ref), "mentions": int(ref["mentions"].sum()),
                          "ranked": len(ref)}  # fmt: skip
        ends = ranking_ends(cur, filters, min_mentions=3, head=10, tail=5)
        same(ranking_ends(cur, filters, min_mentions=3, head=10, tail=5, light=light)[0],
             ends[0], f"{filters} light ranking")  # fmt: skip
        for picked in ([common], [common, "nobody"], list(ref["actor"].tail(1))):
            assert qt.without_minimum(cur, filters, picked, light=light) == qt.without_minimum(
                cur, filters, picked
            ), (filters, picked)


def test_rows_without_dates_keep_the_type_of_an_actor_the_catalogue_lacks(tmp_path, demo_tables):
    """`dates=False` (a ranking) leaves the dates empty and still types every actor: from the
    catalogue, or from its first mention when the catalogue lacks it."""
    actors = demo_tables["actors"]
    tables = {**demo_tables, "actors": actors.iloc[1:]}  # the most mentioned is not catalogued
    write_query_files(tmp_path, tables)
    cur = Engine(tmp_path).cursor()
    for filters in (Filters(), Filters(min_mentions=2), Filters(query="minister")):
        light = qt.actor_light(cur, filters)
        whole = qt.actors_table(cur, filters, aliases=False, light=light)
        bare = qt.actors_table(cur, filters, aliases=False, light=light, dates=False)
        same(bare, whole.assign(first_date="", last_date=""), f"{filters} without dates")
        assert bare["actor_type"].notna().all() and (bare["actor_type"] != "").all(), filters


def test_per_actor_totals_add_up_from_either_side_of_a_date_range(engine, demo_tables):
    """`acts` summed over the kept days, or as the whole corpus's totals minus the days left
    out (`wide`), gives every actor's reference mentions, articles and tone."""
    cur = engine.cursor()
    dated = [f for f in rolled_cases(demo_tables) if f.date_from or f.date_to]
    dated += [Filters(date_from="2010-01-01", min_mentions=2), Filters(include_undated=False)]
    for filters in dated:
        ref = apply_filters(demo_tables, filters)["actors"][
            ["actor", "mentions", "articles", "tone"]
        ]
        for wide in (False, True):
            found = qs.rolled(filters, wide=wide)
            got = cur.execute(
                found.sql + "SELECT actor, mentions, articles, round(tone_sum / toned, 4) AS tone"
                " FROM acts ORDER BY mentions DESC, actor",
                found.params,
            ).df()
            same(got, ref, f"{filters} wide={wide}")
