"""analysis.tables.filters: the one filter implementation, on hand-made tables whose answers are known."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.schema import ACTORS, ARTICLES, MENTIONS, SENTENCES
from analysis.tables.filters import (
    Filters,
    apply_filters,
    download_name,
    narrow,
    restrict_cooccurrence,
    widen,
)
from analysis.tables.views import (
    actor_evidence,
    edge_evidence,
    extreme_sentences,
    mentions_over_time,
    parse_spans,
    pick_freq,
    tone_ranking,
)

# Three articles: a1 (January), a2 (March), a3 (undated). Sentence text offsets are real.
TEXTS = {
    "a1": "Iran met Turkey. Israel warned Iran.",
    "a2": "Biden called Iran (again). Turkey agreed.",
    "a3": "Hezbollah praised Iran.",
}
DATES = {"a1": "2024-01-10", "a2": "2024-03-05", "a3": ""}
SENTS = [  # article, sentence, start, end, tone
    ("a1", 0, 0, 16, 0.5),
    ("a1", 1, 17, 36, -0.5),
    ("a2", 0, 0, 26, 0.2),
    ("a2", 1, 27, 41, 0.4),
    ("a3", 0, 0, 23, 0.8),
]
MENTS = [  # article, sentence, start, end, actor, type
    ("a1", 0, 0, 4, "Iran", "country"),
    ("a1", 0, 9, 15, "Turkey", "country"),
    ("a1", 1, 17, 23, "Israel", "country"),
    ("a1", 1, 31, 35, "Iran", "country"),
    ("a2", 0, 0, 5, "Joe Biden", "person"),
    ("a2", 0, 13, 17, "Iran", "country"),
    ("a2", 1, 27, 33, "Turkey", "country"),
    ("a3", 0, 0, 9, "Hezbollah", "organization"),
    ("a3", 0, 18, 22, "Iran", "country"),
]


@pytest.fixture()
def tables() -> dict[str, pd.DataFrame]:
    tone = {(a, s): t for a, s, _, _, t in SENTS}
    sentences = pd.DataFrame(
        [(a, s, b, e, t, DATES[a], TEXTS[a][b:e]) for a, s, b, e, t in SENTS],
        columns=list(SENTENCES),
    )
    mentions = pd.DataFrame(
        [
            (a, s, b, e, TEXTS[a][b:e], "GPE", actor, kind, tone[(a, s)], DATES[a])
            for a, s, b, e, actor, kind in MENTS
        ],
        columns=list(MENTIONS),
    )
    articles = pd.DataFrame(
        [
            {"article_id": a, "date": DATES[a], "title": f"Title {a}", "path": f"{a}.txt",
             "n_sentences": 2, "n_words": 5, "tone": 0.0, "text": TEXTS[a]}
            for a in TEXTS
        ]
    ).reindex(columns=list(ARTICLES), fill_value="")  # fmt: skip
    names = sorted(set(mentions["actor"]))
    catalogue = pd.DataFrame(
        [
            (
                n,
                mentions.loc[mentions.actor == n, "actor_type"].iloc[0],
                "",
                0,
                "",
                0,
                0,
                0.0,
                0.0,
                "",
                "",
            )
            for n in names
        ],
        columns=list(ACTORS),
    )
    catalogue.loc[catalogue.actor == "Joe Biden", "affiliation"] = "United States"
    rejects = pd.DataFrame(
        [("bad.bin", "file", "binary file")], columns=["path", "location", "reason"]
    )
    return {
        "articles": articles,
        "sentences": sentences,
        "mentions": mentions,
        "actors": catalogue,
        "rejects": rejects,
    }


def counts(out: dict) -> dict[str, int]:
    return {name: len(frame) for name, frame in out.items()}


def test_default_filters_keep_everything_and_counts_add_up(tables):
    out = apply_filters(tables, Filters())
    assert counts(out) == {
        "articles": 3, "sentences": 5, "mentions": 9, "actors": 5, "rejects": 1, "cooccurrence": 4,
    }  # fmt: skip
    actors = out["actors"].set_index("actor")
    assert actors.loc["Iran", "mentions"] == 4 and actors.loc["Iran", "articles"] == 3
    assert actors["mentions"].sum() == len(out["mentions"])
    assert actors.loc["Joe Biden", "affiliation"] == "United States"
    assert actors.loc["Iran", "first_date"] == "2024-01-10"
    assert actors.loc["Iran", "last_date"] == "2024-03-05"  # the undated mention sets no bound
    assert list(out["actors"]["actor"][:2]) == ["Iran", "Turkey"]  # by mentions, then name
    # the input is not modified
    assert len(tables["mentions"]) == 9


def test_date_range_is_inclusive_and_undated_follow_their_switch(tables):
    out = apply_filters(tables, Filters(date_from="2024-01-10", date_to="2024-01-10"))
    assert set(out["articles"]["article_id"]) == {"a1", "a3"}
    out = apply_filters(tables, Filters(date_from="2024-02-01", include_undated=False))
    assert set(out["articles"]["article_id"]) == {"a2"}
    assert set(out["mentions"]["article_id"]) == {"a2"}
    assert set(out["sentences"]["article_id"]) == {"a2"}
    out = apply_filters(tables, Filters(include_undated=False))
    assert "Hezbollah" not in set(out["actors"]["actor"])


def test_text_query_is_literal_case_insensitive_and_narrows_the_evidence(tables):
    out = apply_filters(tables, Filters(query="(AGAIN)"))  # regex characters are literal
    assert list(out["sentences"]["text"]) == ["Biden called Iran (again)."]
    assert set(out["mentions"]["actor"]) == {"Joe Biden", "Iran"}
    assert list(out["articles"]["article_id"]) == ["a2"]
    assert out["actors"].set_index("actor").loc["Iran", "mentions"] == 1


def test_actor_filter_keeps_whole_articles_and_everyone_in_them(tables):
    out = apply_filters(tables, Filters(actors=("Joe Biden",)))
    assert list(out["articles"]["article_id"]) == ["a2"]
    assert set(out["actors"]["actor"]) == {"Joe Biden", "Iran", "Turkey"}
    assert len(out["sentences"]) == 2
    edges = out["cooccurrence"]
    assert list(zip(edges["actor_a"], edges["actor_b"], strict=True)) == [("Iran", "Joe Biden")]


def test_actor_types_and_min_mentions(tables):
    out = apply_filters(tables, Filters(actor_types=("person", "organization")))
    assert set(out["mentions"]["actor"]) == {"Joe Biden", "Hezbollah"}
    assert len(out["articles"]) == 3  # types narrow mentions, not articles
    out = apply_filters(tables, Filters(min_mentions=2))
    assert set(out["actors"]["actor"]) == {"Iran", "Turkey"}
    assert len(out["mentions"]) == 6
    # min_mentions counts what is left after the other filters
    out = apply_filters(tables, Filters(min_mentions=2, date_from="2024-03-01"))
    assert set(out["actors"]["actor"]) == {"Iran"}  # Iran: a2 + undated a3


def test_cooccurrence_is_recomputed_over_the_filtered_units(tables):
    out = apply_filters(tables, Filters(), window="article")
    edge = out["cooccurrence"].set_index(["actor_a", "actor_b"]).loc[("Iran", "Turkey")]
    assert edge["articles"] == 2 and edge["sentences"] == 1
    out = apply_filters(tables, Filters(date_to="2024-01-31", include_undated=False))
    edges = out["cooccurrence"].set_index(["actor_a", "actor_b"])
    assert set(edges.index) == {("Iran", "Turkey"), ("Iran", "Israel")}
    assert "cooccurrence" not in apply_filters(tables, Filters(), with_cooccurrence=False)


def test_query_params_round_trip_and_bad_links_do_not_crash():
    f = Filters("2024-01-01", "2024-02-01", ("Iran", "Joe Biden"), ("country",), 3, "talks", False)
    params = f.to_query_params()
    assert params["actor"] == ["Iran", "Joe Biden"]
    assert Filters.from_query_params(params) == f
    assert Filters().to_query_params() == {}
    odd = Filters.from_query_params(
        {
            "from": "yesterday",
            "min": "lots",
            "type": ["alien", "person"],
            "actor": "Iran",
            "q": " x ",
        }
    )
    assert odd == Filters(actors=("Iran",), actor_types=("person",), query="x")
    with pytest.raises(ValueError):
        Filters(date_from="2024/01/01")
    with pytest.raises(ValueError):
        Filters(actor_types=("alien",))


def test_download_names_carry_the_filter():
    assert download_name("seeds", "mentions", Filters()) == "actorscope_seeds_mentions_all.csv"
    name = download_name(
        "my corpus", "actors", Filters(actors=("Iran",), query="a/b", min_mentions=2)
    )
    assert name == "actorscope_my-corpus_actors_actor-Iran_min2_q-a-b.csv"
    assert "/" not in download_name("x", "y", Filters(query="../../etc/passwd"))


def test_actor_evidence_lists_every_sentence_with_its_spans(tables):
    out = apply_filters(tables, Filters())
    evidence = actor_evidence(out, "Iran")
    assert list(evidence["article_id"]) == ["a1", "a1", "a2", "a3"]  # by date, undated last
    assert evidence["mentions"].sum() == 4
    for row in evidence.itertuples():
        for start, end in parse_spans(row.spans):
            assert row.text[start:end] == "Iran"
    assert actor_evidence(out, "Nobody").empty


def test_edge_evidence_by_sentence_and_by_article(tables):
    out = apply_filters(tables, Filters())
    shared = edge_evidence(out, "Iran", "Turkey", window="sentence")
    assert list(shared["text"]) == ["Iran met Turkey."]
    assert shared["spans"].iloc[0] == "0-4;9-15"
    shared = edge_evidence(out, "Iran", "Turkey", window="article")
    assert len(shared) == 4  # every sentence naming either, in a1 and a2
    assert edge_evidence(out, "Israel", "Hezbollah").empty


def test_time_views_add_up_to_the_mentions_table(tables):
    out = apply_filters(tables, Filters())
    series = mentions_over_time(out["mentions"], ["Iran", "Turkey"], freq="month")
    assert series.groupby("actor")["mentions"].sum().to_dict() == {"Iran": 3, "Turkey": 2}
    assert list(series["period"].unique()) == ["2024-01", "2024-03"]
    assert pick_freq(pd.Series(["2024-01-01", "2024-02-01"])) == "day"
    assert pick_freq(pd.Series(["2019-01-01", "2021-02-01", ""])) == "month"


def test_tone_ranking_flags_actors_with_few_mentions(tables):
    out = apply_filters(tables, Filters())
    ranking = tone_ranking(out["actors"], min_mentions=2)
    ranked = ranking[ranking["ranked"]]
    assert list(ranked["actor"]) == ["Iran", "Turkey"] or list(ranked["actor"]) == [
        "Turkey",
        "Iran",
    ]
    assert list(ranked["rank"]) == [1, 2]
    assert ranked["tone"].is_monotonic_increasing
    unranked = ranking[~ranking["ranked"]]
    assert len(unranked) == 3 and unranked["rank"].isna().all()
    assert unranked["flag"].str.contains("not ranked").all()
    assert (ranking["ci_low"] <= ranking["tone"]).all() and (
        ranking["tone"] <= ranking["ci_high"]
    ).all()


def test_extreme_sentences(tables):
    out = apply_filters(tables, Filters())
    negative, positive = extreme_sentences(out, "Iran", n=2)
    assert list(negative["tone"]) == [-0.5]
    assert list(positive["tone"]) == [0.8, 0.5]


def test_recomputed_tables_equal_the_build_on_the_seed_article(seed_tables):
    """With no filter, the recomputation reproduces the engine's own aggregates."""
    out = apply_filters(seed_tables, Filters())
    built = seed_tables["actors"].set_index("actor").sort_index()
    mine = out["actors"].set_index("actor").sort_index()
    for column in (
        "mentions",
        "articles",
        "tone",
        "tone_sd",
        "first_date",
        "last_date",
        "actor_type",
    ):
        assert mine[column].tolist() == built[column].tolist(), column
    key = ["actor_a", "actor_b"]
    assert_frame_equal(
        out["cooccurrence"].sort_values(key, ignore_index=True),
        seed_tables["cooccurrence"].sort_values(key, ignore_index=True),
        check_dtype=False,
    )


@pytest.mark.parametrize(
    "narrow",
    [
        Filters(min_mentions=2),
        Filters(actor_types=("country", "person")),
        Filters(min_mentions=3, actor_types=("country",)),
    ],
)
def test_restricting_edges_equals_recomputing_them_for_whole_actor_filters(seed_tables, narrow):
    """The shortcut the dashboard takes for types / minimum mentions is exact."""
    wide = apply_filters(seed_tables, Filters())
    narrowed = apply_filters(seed_tables, narrow)
    assert len(narrowed["cooccurrence"]) < len(wide["cooccurrence"])
    assert_frame_equal(
        restrict_cooccurrence(wide["cooccurrence"], set(narrowed["actors"]["actor"])),
        narrowed["cooccurrence"],
    )


def test_widen_drops_the_whole_actor_steps():
    assert widen(Filters(min_mentions=3, actor_types=("person",))) == Filters()
    assert widen(Filters(date_to="2024-01-31", min_mentions=2)) == Filters(date_to="2024-01-31")
    # with actors chosen, the types decide which articles are in scope, so they stay
    chosen = Filters(actors=("Iran",), actor_types=("person",), min_mentions=2)
    assert widen(chosen) == Filters(actors=("Iran",), actor_types=("person",))


NARROWED = [
    Filters(min_mentions=2),
    Filters(actor_types=("person", "organization")),
    Filters(actor_types=("country",), min_mentions=2, date_to="2024-01-31"),
    Filters(actors=("Joe Biden", "Turkey"), actor_types=("person",)),  # scope: a2 only
    Filters(actors=("Iran",), min_mentions=2, query="iran"),
    Filters(min_mentions=9),  # nobody left
    Filters(actor_types=("person",), date_to="2024-01-31"),  # nobody left, articles stay
]


def assert_same_tables(got: dict, expected: dict) -> None:
    assert set(got) == set(expected)
    for name in expected:
        assert_frame_equal(got[name], expected[name], check_exact=True, obj=name)


@pytest.mark.parametrize("window", ["sentence", "article"])
@pytest.mark.parametrize("filters", NARROWED, ids=str)
def test_narrowing_the_wider_result_equals_filtering(tables, filters, window):
    wide = apply_filters(tables, widen(filters), window=window)
    expected = apply_filters(tables, filters, window=window)
    narrowed = narrow(wide, filters, catalogue=tables["actors"], window=window)
    assert_same_tables(narrowed, expected)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(min_mentions=2),
        Filters(min_mentions=2, date_from="2019-01-01", date_to="2021-03-15"),
        Filters(min_mentions=3, actor_types=("person",), date_from="2020-01-01"),
        Filters(actors=("Iran", "Donald Trump"), actor_types=("person",), min_mentions=2),
        Filters(actors=("Iran",), actor_types=("person",)),  # Iran is no person: empty
        Filters(min_mentions=5, query="minister"),
    ],
    ids=str,
)
def test_narrowing_equals_filtering_on_the_demo_corpus(demo_tables, filters):
    for window in ("sentence", "article"):
        wide = apply_filters(demo_tables, widen(filters), window=window)
        expected = apply_filters(demo_tables, filters, window=window)
        narrowed = narrow(wide, filters, catalogue=demo_tables["actors"], window=window)
        assert_same_tables(narrowed, expected)


@pytest.mark.parametrize("dtype", ["str", object])
def test_row_masks_agree_with_pandas_isin(dtype):
    from analysis.tables.filters import _isin

    column = pd.Series(["Iran", None, "Turkey", "Iran", "Israel"], dtype=dtype)
    for values in ({"Iran", "Israel"}, ("Turkey",), [], {"Nobody"}):
        assert list(_isin(column, values)) == list(column.isin(list(values)))
    assert len(_isin(column.iloc[:0], {"Iran"})) == 0
    assert not _isin(pd.Series([None, None], dtype=dtype), {"Iran"}).any()
