"""Syndicated copies: near-duplicates grouped (MinHash LSH), look-alikes kept apart."""

from __future__ import annotations

import pytest

from analysis.tables.duplicates import find_duplicates, shingles
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
