"""Tone: VADER for sentences (and so articles), and one swappable function for mention tone.

Scores are in [-1, 1]. Article tone is the mean of its sentences. A mention's tone comes from
`mention_tone`, which takes the mode: "sentence" (the mention's sentence score, fast) or "target"
(a model that reads the sentence and the mention's span, see `analysis.tone.target`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.schema import TONE_MODES, ToneMode

__all__ = ["TONE_MODES", "ToneMode", "mention_tone", "score_sentences", "target_model_id"]


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


def target_model_id() -> str:
    """Identity of the targeted tone model on disk (its metadata's hash), for caching scores."""
    import hashlib

    from analysis.tone.target import DEFAULT_PATH

    meta = DEFAULT_PATH / "meta.json"
    data = meta.read_bytes() if meta.exists() else b"none"
    return hashlib.sha1(data).hexdigest()[:10]


def mention_tone(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    mode: ToneMode = "sentence",
    cache: dict[tuple[str, int, int], float] | None = None,
) -> pd.Series:
    """Tone toward each mention, aligned with `mentions`' index.

    `mentions` needs article_id, sentence_id, start, end; `sentences` needs article_id,
    sentence_id, start, text, tone. In "target" mode, `cache` maps (article_id, start, end) to a
    score already computed; new scores are added to it, so a re-run scores only new mentions.
    """
    if mode not in TONE_MODES:
        raise ValueError(f"tone mode must be one of {TONE_MODES}, not {mode!r}")
    keyed = sentences.set_index(["article_id", "sentence_id"])
    index = pd.MultiIndex.from_frame(mentions[["article_id", "sentence_id"]])
    if mode == "sentence" or mentions.empty:
        return pd.Series(keyed["tone"].reindex(index).to_numpy(), index=mentions.index, name="tone")
    from analysis.tone.target import load_default_model

    cache = {} if cache is None else cache
    rows = keyed.reindex(index)
    keys = list(zip(mentions["article_id"], mentions["start"], mentions["end"], strict=True))
    todo = [i for i, key in enumerate(keys) if key not in cache]
    items = []
    for i in todo:
        text, offset = rows["text"].iat[i], int(rows["start"].iat[i])
        start = max(0, int(mentions["start"].iat[i]) - offset)
        end = min(len(text), int(mentions["end"].iat[i]) - offset)
        items.append((text, start, max(end, start + 1)))
    for i, score in zip(todo, load_default_model().tone_scores(items), strict=True):
        cache[keys[i]] = float(score)
    return pd.Series([cache[k] for k in keys], index=mentions.index, name="tone", dtype=float)
