"""The held-out gold set: its files hold together, its split is reproducible, and its scores count
what docs/heldout.md says (on hand-made tables, no build)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.evaluation.heldout import (
    GoldActor,
    Heldout,
    HeldoutError,
    gold_mentions,
    load_heldout,
    locate_mentions,
    split_articles,
)
from analysis.evaluation.heldout_score import heldout_figures
from analysis.schema import ACTOR_TYPES


@pytest.fixture(scope="module")
def heldout():
    return load_heldout()


def test_every_gold_form_is_in_its_article_and_every_type_is_known(heldout):
    texts = dict(zip(heldout.articles["article"], heldout.articles["text"], strict=True))
    assert len(texts) == 31 and "seed" in texts
    for actor in heldout.actors:
        assert actor.actor_type in ACTOR_TYPES, actor
        for form in actor.mentions:
            assert form in texts[actor.article], (actor.article, form)
    assert len(gold_mentions(heldout)) > 600


def test_the_split_is_the_fixed_seed_one_and_the_seed_article_is_dev(heldout):
    stored = heldout.split_of()
    assert split_articles(list(stored)) == stored
    assert stored["seed"] == "dev"
    assert sorted(pd.Series(stored).value_counts().to_dict().items()) == [("dev", 16), ("test", 15)]


def test_locating_takes_longest_forms_first_and_whole_words_only():
    text = "The US Senate met. US$5 for the US and anti-US groups; the US-led talks."
    actors = [
        GoldActor("a", "United States", "country", ("US",)),
        GoldActor("a", "United States Senate", "organization", ("US Senate",)),
    ]
    found = [(m.text, m.start) for m in locate_mentions(text, actors)]
    assert found == [("US Senate", 4), ("US", text.index("US and"))]


def test_bad_files_get_a_clear_error(tmp_path):
    with pytest.raises(HeldoutError, match=r"no articles\.jsonl"):
        load_heldout(tmp_path)
    (tmp_path / "articles.jsonl").write_text('{"article": "a", "split": "dev", "text": "x"}\n')
    (tmp_path / "gold.jsonl").write_text("{not json\n")
    with pytest.raises(HeldoutError, match=r"gold\.jsonl:1"):
        load_heldout(tmp_path)


def test_scores_on_hand_made_tables():
    text = "Kay Hagan met Hagan's staff. Hagan left the US."
    articles = pd.DataFrame([{"article": "a", "split": "test", "date": "", "text": text}])
    gold = (
        GoldActor("a", "Kay Hagan", "person", ("Kay Hagan", "Hagan"), ("United States",)),
        GoldActor("a", "United States", "country", ("US",)),
    )
    held = Heldout(pd.concat([articles, articles.assign(article="b", split="dev")]), gold)
    spans = [(0, 9, "Kay Hagan"), (14, 19, "Kay Hagan")]
    mentions = pd.DataFrame(
        [{"article": "a", "start": s, "end": e, "actor": a, "actor_type": "person"}
         for s, e, a in spans]
        + [{"article": "a", "start": 29, "end": 34, "actor": "Hagan", "actor_type": "person"},
           {"article": "a", "start": 44, "end": 46, "actor": "United States",
            "actor_type": "country"}]
    )  # fmt: skip
    actors = pd.DataFrame(
        {"actor": ["Kay Hagan", "Hagan", "United States"],
         "actor_type": ["person", "person", "country"],
         "affiliation": ["United States", "", ""]}
    )  # fmt: skip
    figures = heldout_figures(held, {"mentions": mentions, "actors": actors})["test"]
    assert figures["resolution"]["all"] == {"accuracy": 0.75, "correct": 3, "n": 4}
    listed = figures["actor_list"]
    assert listed["n"] == 3 and listed["correct"] == 1  # Kay Hagan split, "Hagan" not gold
    assert any("split" in p for p in listed["problems"])
    assert figures["affiliation"] == {
        "accuracy": 1.0, "correct": 1, "n": 1, "wrong": 0, "problems": []
    }  # fmt: skip
    assert json.dumps(figures)  # plain data, ready for docs/accuracy.json
