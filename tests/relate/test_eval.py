"""The quotes/relations gold and its scorer: every gold offset slices the text it claims, labels
are valid, the demo articles are the recorded draw, splits are fixed, and the scorer counts what it
should on a real article."""

from __future__ import annotations

import pytest

from analysis.evaluation.relate_eval import (
    _key,
    _texts,
    gold_span,
    load_gold,
    plover_records,
    prf,
    same_actor,
    score_article,
)
from analysis.relate.lexicon import load_lexicon
from tests.paths import DATA

KINDS = {"direct", "indirect", "mixed", "according_to"}


def test_gold_offsets_slice_their_text_and_labels_are_valid():
    gold = load_gold()
    texts = _texts(gold)
    assert {g["split"] for g in gold} == {"dev", "test"}
    assert len(gold) >= 21 and sum(g["split"] == "test" for g in gold) >= 10
    lexicon = load_lexicon()
    for g in gold:
        text = texts[_key(g)]
        for q in g["quotes"]:
            assert text[q["start"] : q["end"]] == q["text"], (_key(g), q["text"][:50])
            assert gold_span(text, q) == (q["start"], q["end"])
            assert q["kind"] in KINDS and isinstance(q["speaker"], str)
        for r in g["relations"]:
            assert r["source"] and r["target"] and r["source"] != r["target"], r
            assert r["quad"] == lexicon.quad_of(r["event"]), r
            assert {r.get("negated", False), r.get("hypothetical", False)} <= {True, False}
    broken = {**gold[0]["quotes"][0], "start": gold[0]["quotes"][0]["start"] + 1}
    with pytest.raises(ValueError, match="do not hold"):
        gold_span(_texts(gold[:1])[_key(gold[0])], broken)


def test_the_demo_articles_are_the_recorded_draw():
    """scripts/sample_relate_gold.py draws the gold's demo articles and splits, in file order."""
    from scripts.sample_relate_gold import FIRST_GOLD, sample

    drawn = [(g["url"], g["split"]) for g in load_gold()[FIRST_GOLD:]]
    assert drawn == [(row["url"], row["split"]) for row in sample()]


def test_plover_splits_are_fixed():
    sample = DATA / "plover" / "records.json"
    records = plover_records(sample)
    assert records and [r["split"] for r in records] == [r["split"] for r in plover_records(sample)]
    assert {r["split"] for r in records} == {"dev", "test"}


def test_scorer_on_the_seed_article():
    gold = load_gold()[0]
    counts = score_article(_texts([gold])[_key(gold)], gold)
    assert counts["quote_gold"] == len(gold["quotes"])
    assert 0 < counts["quote_tp"] <= min(counts["quote_pred"], counts["quote_gold"])
    assert counts["speaker_ok"] <= counts["quote_tp"]
    assert 0 < counts["rel_tp"] <= counts["rel_pred"]


def test_helpers():
    assert same_actor("Bernie Sanders", "Sanders") and not same_actor("Iran", "Iraq")
    assert prf(1, 2, 4) == {"precision": 0.5, "recall": 0.25, "f1": 0.333, "tp": 1,
                            "predicted": 2, "gold": 4}  # fmt: skip
