"""The packaged targeted tone model, run for real (no mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.tone.target import (
    DEFAULT_PATH,
    LABELS,
    TargetToneModel,
    ToneResult,
    format_input,
    load_default_model,
)

MAX_ARTIFACT_BYTES = 30 * 1024 * 1024


def span(text: str, mention: str) -> tuple[str, int, int]:
    start = text.index(mention)
    return text, start, start + len(mention)


@pytest.fixture(scope="session")
def model() -> TargetToneModel:
    return load_default_model()


def test_artifact_is_small_and_described() -> None:
    files = sorted(p.name for p in DEFAULT_PATH.iterdir())
    assert {"model.onnx", "tokenizer.json", "meta.json", "README.md"} <= set(files)
    assert sum(p.stat().st_size for p in DEFAULT_PATH.iterdir()) <= MAX_ARTIFACT_BYTES
    meta = json.loads((DEFAULT_PATH / "meta.json").read_text(encoding="utf-8"))
    assert meta["labels"] == list(LABELS)


def test_load_default_model_is_cached() -> None:
    assert load_default_model() is load_default_model()


def test_load_reports_missing_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"model\.onnx"):
        TargetToneModel.load(tmp_path)


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Smith was praised for his brave leadership.", "Smith", "positive"),
        ("Smith was condemned for the massacre.", "Smith", "negative"),
        (
            "The minister said the meeting will take place on Tuesday in Berlin.",
            "minister",
            "neutral",
        ),
    ],
)
def test_clear_cut_cases(model: TargetToneModel, text: str, mention: str, expected: str) -> None:
    (result,) = model.score([span(text, mention)])
    assert isinstance(result, ToneResult)
    assert result.polarity == expected
    assert -1.0 <= result.score <= 1.0
    if expected == "positive":
        assert result.score > 0.3
    elif expected == "negative":
        assert result.score < -0.3


# One sentence, two targets with opposite tone: any whole-sentence score gives both the same.
CONTRASTS = [
    (
        "Johnson was praised for his brave leadership, while Miller was condemned for the massacre.",
        "Johnson",
        "Miller",
    ),
    (
        "Rivera praised Johnson for his courage, while he blasted Miller as a corrupt liar.",
        "Johnson",
        "Miller",
    ),
    (
        "Johnson won praise for rescuing the hostages, and Miller faces charges of fraud and corruption.",
        "Johnson",
        "Miller",
    ),
]


@pytest.mark.parametrize(("text", "good", "bad"), CONTRASTS)
def test_two_targets_in_one_sentence_differ(
    model: TargetToneModel, text: str, good: str, bad: str
) -> None:
    good_result, bad_result = model.score([span(text, good), span(text, bad)])
    assert good_result.polarity == "positive"
    assert bad_result.polarity == "negative"
    assert good_result.score - bad_result.score > 0.5


def test_order_is_preserved_despite_length_sorting(model: TargetToneModel) -> None:
    short = span("Smith was condemned for the massacre.", "Smith")
    long = span("Smith was praised for his brave leadership. " + "It rained. " * 40, "Smith")
    items = [long, short, long, short, short]
    results = model.score(items, batch_size=2)
    singles = [model.score([item])[0] for item in items]
    assert [r.polarity for r in results] == [
        "positive",
        "negative",
        "positive",
        "negative",
        "negative",
    ]
    # Each run is one sentence: a score never depends on what else was asked for.
    assert results == singles


def test_scores_do_not_depend_on_batch_composition(model: TargetToneModel) -> None:
    text = "Rivera praised Johnson for his courage, while he blasted Miller as a corrupt liar."
    others = [
        span("Smith was condemned for the massacre.", "Smith"),
        span("The minister said the meeting will take place on Tuesday in Berlin.", "Berlin"),
        span(text, "Rivera"),
        span("Smith was praised for his brave leadership. " + "It rained. " * 60, "Smith"),
    ]
    target = span(text, "Miller")
    alone = model.probabilities([target])
    for k in range(len(others) + 1):
        mixed = model.probabilities([*others[:k], target, *others[k:], target])
        assert mixed[k].tobytes() == alone[0].tobytes()
        assert mixed[-1].tobytes() == alone[0].tobytes()


def test_empty_input(model: TargetToneModel) -> None:
    assert model.score([]) == []


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (("Smith spoke.", 0, 0), "0 <= start < end"),
        (("Smith spoke.", 5, 2), "0 <= start < end"),
        (("Smith spoke.", -1, 5), "0 <= start < end"),
        (("Smith spoke.", 0, 13), "len\\(text\\) \\(= 12\\)"),
        (("Smith spoke.", 0.0, 5), "start must be an integer"),
        ((None, 0, 5), "text must be a string"),
        (("Smith spoke.", 0), "item 1"),
    ],
)
def test_invalid_items_raise(model: TargetToneModel, item: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        model.score([("Smith spoke.", 0, 5), item])


def test_batch_size_must_be_positive(model: TargetToneModel) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        model.score([("Smith spoke.", 0, 5)], batch_size=0)


def test_long_sentence_keeps_the_target_in_the_window() -> None:
    text = "word " * 400 + "Smith was praised. " + "more " * 400
    start = text.index("Smith")
    mention, marked = format_input(text, start, start + 5)
    assert mention == "Smith"
    assert "[unused0] Smith [unused1]" in marked
    assert len(marked) < 520


def test_tone_scores_match_score(model: TargetToneModel) -> None:
    items = [span(text, good) for text, good, _ in CONTRASTS] + [span(CONTRASTS[0][0], "Miller")]
    assert model.tone_scores(items).tolist() == [r.score for r in model.score(items)]
    assert model.tone_scores([]).shape == (0,)
