"""The quotes/relations gold and its scorer: every gold quote is in its article, splits are
fixed, and the scorer counts what it should on a real article."""

from __future__ import annotations

from analysis.evaluation.relate_eval import (
    _key,
    _texts,
    load_gold,
    plover_records,
    prf,
    same_actor,
    score_article,
)
from tests.paths import DATA


def test_gold_quotes_lie_in_their_articles_and_splits_are_fixed():
    gold = load_gold()
    texts = _texts(gold)
    assert {g["split"] for g in gold} == {"dev", "test"}
    for g in gold:
        for q in g["quotes"]:
            assert q["text"] in texts[_key(g)], q["text"][:50]
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
