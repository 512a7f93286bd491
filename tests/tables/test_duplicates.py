"""Syndicated copies: near-duplicates grouped (MinHash LSH), look-alikes kept apart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.store.signatures import cached_signatures, signature_path
from analysis.tables.duplicates import (
    NUM_PERM,
    find_duplicates,
    shingles,
    signatures,
    similar_pairs,
)
from tests.paths import SEED_ARTICLE

STORY = SEED_ARTICLE.read_text(encoding="utf-8").split(" ", 3)[-1]


def test_copies_with_edits_are_grouped_under_the_earliest():
    byline = "By Staff Reporter (Wire) - " + STORY
    words = STORY.split(" ")
    words[10:14] = ["four", "changed", "words", "here"]
    edited = " ".join(words)
    other = "An unrelated report on football in Turkey and Iran. " * 30
    frame = find_duplicates(
        ["late", "early", "edited", "other"],
        [byline, STORY, edited, other],
        dates=["2024-07-03", "2024-07-01", "2024-07-02", "2024-07-01"],
    )
    rows = frame.set_index("article_id")
    assert rows.loc["early", "duplicate_of"] == ""  # the earliest is kept
    assert rows.loc["late", "duplicate_of"] == rows.loc["edited", "duplicate_of"] == "early"
    assert rows.loc["early", "copies"] == rows.loc["late", "copies"] == 3
    assert rows.loc["other", "duplicate_of"] == "" and rows.loc["other", "copies"] == 1


def test_same_topic_articles_stay_apart():
    paragraphs = [p for p in STORY.split("\n\n") if p.strip()]
    half = len(paragraphs) // 2
    first, second = "\n\n".join(paragraphs[:half]), "\n\n".join(paragraphs[half:])
    frame = find_duplicates(["a", "b"], [first, second])
    assert frame["duplicate_of"].tolist() == ["", ""]
    assert frame["copies"].tolist() == [1, 1]


def test_inputs_are_checked_and_tiny_texts_work():
    with pytest.raises(ValueError, match="same length"):
        find_duplicates(["a"], ["x", "y"])
    assert shingles("Two words") == ["two", "words"]
    frame = find_duplicates(["a", "b", "c"], ["", "", "Short text"])
    assert frame["copies"].tolist() == [2, 2, 1]  # two empty texts are the same text


def test_given_signatures_group_as_computed_ones_and_the_cache_keeps_them_by_id(tmp_path):
    byline = "By Staff Reporter (Wire) - " + STORY
    other = "An unrelated report on football in Turkey and Iran. " * 30
    ids, texts = ["a", "b", "c"], [STORY, byline, other]
    first = cached_signatures(tmp_path, ids, texts)
    assert first.shape == (3, NUM_PERM) and np.array_equal(first, signatures(texts))
    assert find_duplicates(ids, texts, signature=first).equals(find_duplicates(ids, texts))
    # an id is the hash of its text: a cached id is never shingled again, a new one is
    again = cached_signatures(tmp_path, ["c", "a", "d"], ["changed", "changed", other])
    assert np.array_equal(again[0], first[2]) and np.array_equal(again[1], first[0])
    assert np.array_equal(again[2], first[2])
    kept = pd.read_parquet(signature_path(tmp_path))
    assert sorted(kept["article_id"]) == ["a", "c", "d"]  # the latest build's articles only
    with pytest.raises(ValueError, match="signature must be"):
        find_duplicates(ids, texts, signature=first[:2])


def test_pairs_need_a_shared_band_and_the_threshold():
    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint32)
    close, far, band_only = (
        base.copy(),
        rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32),
        base.copy(),
    )
    close[:40] += 1  # 88 of 128 values equal, the last 22 bands among them
    band_only[4:] += 1  # only the first band equal: a candidate, under the threshold
    pairs = similar_pairs(np.stack([base, close, far, band_only]))
    assert pairs.tolist() == [[0, 1]]
