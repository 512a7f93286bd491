"""Tone: VADER for sentences (and so articles), and one swappable function for mention tone.

Scores are in [-1, 1]. Article tone is the mean of its sentences. A mention's tone comes from
`mention_tone`, which takes the mode: "sentence" (the mention's sentence score, fast) or "target"
(a model that reads the sentence and the mention's span, see `analysis.target_tone`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

ToneMode = Literal["sentence", "target"]
TONE_MODES: tuple[ToneMode, ...] = ("sentence", "target")


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score_sentences(texts: Sequence[str]) -> np.ndarray:
    """VADER compound score of each text, in [-1, 1]."""
    analyzer = _vader()
    return np.fromiter(
        (analyzer.polarity_scores(t)["compound"] for t in texts), dtype=float, count=len(texts)
    )


def mention_tone(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    mode: ToneMode = "sentence",
) -> pd.Series:
    """Tone toward each mention, aligned with `mentions`' index.

    `mentions` needs article_id, sentence_id, start, end; `sentences` needs article_id,
    sentence_id, start, text, tone.
    """
    if mode not in TONE_MODES:
        raise ValueError(f"tone mode must be one of {TONE_MODES}, not {mode!r}")
    keyed = sentences.set_index(["article_id", "sentence_id"])
    index = pd.MultiIndex.from_frame(mentions[["article_id", "sentence_id"]])
    if mode == "sentence" or mentions.empty:
        return pd.Series(keyed["tone"].reindex(index).to_numpy(), index=mentions.index, name="tone")
    from analysis.target_tone import load_default_model

    rows = keyed.reindex(index)
    offsets = rows["start"].to_numpy()
    items = [
        (text, int(start - off), int(end - off))
        for text, off, start, end in zip(
            rows["text"], offsets, mentions["start"], mentions["end"], strict=True
        )
    ]
    results = load_default_model().score(items)
    return pd.Series([r.score for r in results], index=mentions.index, name="tone")
