"""What the tone model reads: one pass per sentence, windows for long ones, repeats scored once."""

from __future__ import annotations

import pytest

from analysis.tone.inputs import MAX_TOKENS, load_tokenizer, plan, pooled_passes
from analysis.tone.target import DEFAULT_PATH


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(DEFAULT_PATH / "tokenizer.json", design="pooled")


def words(tokenizer, ids: tuple[int, ...], positions: tuple[int, ...]) -> str:
    return tokenizer.decode([ids[i] for i in positions])


def test_one_pass_serves_every_target_of_a_sentence(tokenizer) -> None:
    text = "Rivera praised Johnson, while Miller-Smith was blasted."
    spans = [(0, 6, 0), (15, 22, 1), (30, 42, 2)]
    (only,) = pooled_passes(tokenizer, text, spans)
    assert only.items == (0, 1, 2)
    names = [words(tokenizer, only.ids, t) for t in only.targets]
    assert names == ["rivera", "johnson", "miller - smith"]


def test_a_long_sentence_gets_a_window_per_target(tokenizer) -> None:
    text = "word " * 300 + "Smith was praised. " + "more " * 300 + "Jones left."
    smith, jones = text.index("Smith"), text.index("Jones")
    passes = pooled_passes(tokenizer, text, [(smith, smith + 5, 0), (jones, jones + 5, 1)])
    assert [p.items for p in passes] == [(0,), (1,)]
    for p, name in zip(passes, ["smith", "jones"], strict=True):
        assert len(p.ids) <= MAX_TOKENS
        assert words(tokenizer, p.ids, p.targets[0]) == name


def test_a_pass_depends_only_on_its_sentence(tokenizer) -> None:
    text = "Rivera praised Johnson for his courage."
    alone = pooled_passes(tokenizer, text, [(15, 22, 0)])[0]
    together = pooled_passes(tokenizer, text, [(0, 6, 0), (15, 22, 1)])[0]
    assert alone.ids == together.ids
    assert alone.targets[0] == together.targets[1]


def test_repeated_pairs_are_planned_once(tokenizer) -> None:
    a = ("Rivera praised Johnson.", 15, 22)
    b = ("Rivera praised Johnson.", 0, 6)
    c = ("Miller was blasted.", 0, 6)
    passes, where = plan(tokenizer, [a, c, a, b, a], design="pooled")
    assert where == [0, 1, 0, 2, 0]
    assert sorted(p.items for p in passes) == [(0, 2), (1,)]
    passes, where = plan(tokenizer, [a, c, a, b], design="pair")
    assert len(passes) == 3 and where == [0, 1, 0, 2]
