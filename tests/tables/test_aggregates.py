"""The per-actor summary and the co-occurrence counts, against plain recounts.

Both run on every filter change in the dashboard, so they are written for speed (integer codes,
numpy); these tests hold them to the obvious, slow way of computing the same figures.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.tables.build import ALIAS_SEPARATOR, summarise_actors
from analysis.tables.cooccurrence import build_cooccurrence, npmi


def mentions_frame(rows: list[tuple[str, int, str, str]]) -> pd.DataFrame:
    """Mentions from (article, sentence, actor, text); one date per article, tone 0."""
    return pd.DataFrame(
        [
            {"article_id": a, "sentence_id": s, "actor": actor, "text": text,
             "actor_type": "person", "tone": 0.0, "date": "" if a == "u" else "2024-01-01"}
            for a, s, actor, text in rows
        ]
    )  # fmt: skip


def test_aliases_most_used_first_ties_in_order_seen():
    mentions = mentions_frame(
        [
            ("a", 0, "Joe Biden", "Biden"),
            ("a", 1, "Joe Biden", "Joe Biden"),
            ("a", 2, "Joe Biden", "President Biden"),
            ("b", 0, "Joe Biden", "Joe Biden"),
            ("b", 0, "Iran", "Iran"),
            ("u", 0, "Iran", "Tehran"),
        ]
    )
    aliases = summarise_actors(mentions)["aliases"]
    assert aliases["Joe Biden"] == "Joe Biden; Biden; President Biden"
    assert aliases["Iran"] == "Iran; Tehran"
    assert summarise_actors(mentions.iloc[:1])["aliases"].tolist() == ["Biden"]
    shuffled = mentions.iloc[[5, 3, 0, 4, 2, 1]].astype(object)  # first seen: Joe Biden, Tehran
    assert summarise_actors(shuffled)["aliases"].to_dict() == {
        "Iran": "Tehran; Iran",
        "Joe Biden": "Joe Biden; Biden; President Biden",
    }


def groupby_reference(mentions: pd.DataFrame) -> pd.DataFrame:
    """summarise_actors the plain way: one groupby agg, and the aliases by a groupby join."""
    dated = mentions["date"].where(mentions["date"] != "")
    out = (
        mentions.assign(_dated=dated)
        .groupby("actor", sort=True)
        .agg(
            actor_type=("actor_type", "first"),
            mentions=("article_id", "size"),
            articles=("article_id", "nunique"),
            tone=("tone", "mean"),
            tone_sd=("tone", "std"),
            first_date=("_dated", "min"),
            last_date=("_dated", "max"),
        )
    )
    spellings = mentions.groupby(["actor", "text"], sort=False).size().reset_index(name="n")
    spellings = spellings.sort_values(["actor", "n"], ascending=[True, False], kind="stable")
    out["aliases"] = spellings.groupby("actor", sort=True)["text"].agg(ALIAS_SEPARATOR.join)
    out["tone"] = out["tone"].round(4)
    out["tone_sd"] = out["tone_sd"].fillna(0.0).round(4)
    out[["first_date", "last_date"]] = out[["first_date", "last_date"]].fillna("")
    return out


def test_summary_equals_a_plain_groupby_on_the_demo_corpus(demo_tables):
    mentions = demo_tables["mentions"]
    odd = mentions.sample(n=2000, random_state=2)  # rows out of order, and missing values
    odd.loc[odd.index[:40], "tone"] = float("nan")
    odd.loc[odd.index[20:60], "actor_type"] = None
    odd.loc[odd.index[50:80], "date"] = None
    strings = ["article_id", "text", "actor", "actor_type", "date"]
    for part in (mentions, odd, odd.astype(dict.fromkeys(strings, object))):
        expected = groupby_reference(part)
        pd.testing.assert_frame_equal(summarise_actors(part), expected, check_exact=True)


@pytest.mark.parametrize("window", ["sentence", "article"])
def test_edge_counts_are_set_intersections_on_the_demo_corpus(demo_tables, window):
    mentions = demo_tables["mentions"]
    mentions = mentions[mentions["date"] <= "2020-06-30"]  # a part, so units drop out too
    units = demo_tables["sentences"] if window == "sentence" else demo_tables["articles"]
    units = units[units["article_id"].isin(set(mentions["article_id"]))]
    edges = build_cooccurrence(mentions, units, window=window)
    keys = zip(mentions["article_id"], mentions["sentence_id"], strict=True)
    sentences = pd.Series(list(keys), index=mentions.index).groupby(mentions["actor"]).agg(set)
    articles = mentions.groupby("actor")["article_id"].agg(set)
    dates = dict(zip(units["article_id"], units["date"], strict=False))
    assert len(edges) > 1000
    for edge in edges.itertuples():
        shared_sentences = sentences[edge.actor_a] & sentences[edge.actor_b]
        shared_articles = articles[edge.actor_a] & articles[edge.actor_b]
        assert edge.sentences == len(shared_sentences)
        assert edge.articles == len(shared_articles)
        shared = {a for a, _ in shared_sentences} if window == "sentence" else shared_articles
        dated = sorted(dates[a] for a in shared if dates[a])
        expected = (dated[0], dated[-1]) if dated else ("", "")
        assert (edge.first_date, edge.last_date) == expected


def merge_reference(mentions: pd.DataFrame, units: pd.DataFrame, window: str) -> pd.DataFrame:
    """Weight, tone and dates of every edge the plain way: a self-merge of each unit's actors on
    string keys, as build_cooccurrence computed them before it listed pairs with numpy."""
    keys = ["article_id", "sentence_id"] if window == "sentence" else ["article_id"]
    present = mentions.groupby([*keys, "actor"], as_index=False, sort=False)["tone"].mean()
    info = units[[*keys, "date", "tone"]].drop_duplicates(keys)
    n_units = len(info) or len(present[keys].drop_duplicates())
    pairs = present.merge(present, on=keys, suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_a"] < pairs["actor_b"]].merge(info, on=keys, how="left")
    pairs["tone"] = (pairs["tone_a"] + pairs["tone_b"]) / 2
    pairs["date"] = pairs["date"].where(pairs["date"].fillna("") != "")
    edges = pairs.groupby(["actor_a", "actor_b"], sort=True).agg(
        units=("tone", "size"),
        tone=("tone", "mean"),
        first_date=("date", "min"),
        last_date=("date", "max"),
    )
    counts = present.groupby("actor").size()
    edges["weight"] = npmi(
        edges["units"],
        counts[edges.index.get_level_values(0)].to_numpy(),
        counts[edges.index.get_level_values(1)].to_numpy(),
        n_units,
    ).round(4)
    edges["tone"] = edges["tone"].round(4)
    edges[["first_date", "last_date"]] = edges[["first_date", "last_date"]].fillna("")
    return edges.reset_index()[["actor_a", "actor_b", "weight", "tone", "first_date", "last_date"]]


@pytest.mark.parametrize("window", ["sentence", "article"])
def test_edges_equal_a_plain_self_merge_on_the_demo_corpus(demo_tables, window):
    """Exactly, tone included: a mean depends on the order of its terms, so the numpy pairs
    must come in the order the merge lists them, also when a unit's mentions are not together."""
    units = demo_tables["sentences"] if window == "sentence" else demo_tables["articles"]
    mentions = demo_tables["mentions"]
    for part in (mentions, mentions.sample(frac=0.6, random_state=1)):
        expected = merge_reference(part, units, window)
        got = build_cooccurrence(part, units, window=window)[expected.columns]
        pd.testing.assert_frame_equal(got, expected, check_exact=True, check_dtype=False)


@pytest.mark.parametrize("window", ["sentence", "article"])
def test_edges_among_some_actors_are_those_rows_of_the_whole_table(demo_tables, window):
    units = demo_tables["sentences"] if window == "sentence" else demo_tables["articles"]
    mentions = demo_tables["mentions"]
    whole = build_cooccurrence(mentions, units, window=window)
    names = demo_tables["actors"].sort_values("mentions", ascending=False)["actor"].tolist()
    for among in (names[:40], names[::25], [names[0], "Nobody"], []):
        kept = whole["actor_a"].isin(among) & whole["actor_b"].isin(among)
        got = build_cooccurrence(mentions, units, window=window, among=among)
        expected = whole[kept].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_exact=True, check_dtype=bool(len(got)))
