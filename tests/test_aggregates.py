"""The per-actor summary and the co-occurrence counts, against plain recounts.

Both run on every filter change in the dashboard, so they are written for speed (integer codes,
numpy); these tests hold them to the obvious, slow way of computing the same figures.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cooccurrence import build_cooccurrence
from analysis.tables import ALIAS_SEPARATOR, summarise_actors


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


def test_aliases_equal_a_groupby_join_on_the_demo_corpus(demo_tables):
    mentions = demo_tables["mentions"]
    spellings = mentions.groupby(["actor", "text"], sort=False).size().reset_index(name="n")
    spellings = spellings.sort_values(["actor", "n"], ascending=[True, False], kind="stable")
    expected = spellings.groupby("actor", sort=True)["text"].agg(ALIAS_SEPARATOR.join)
    pd.testing.assert_series_equal(
        summarise_actors(mentions)["aliases"], expected, check_names=False
    )


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
