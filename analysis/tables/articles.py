"""The articles table: the corpus's articles with sentence counts, words, mean tone and copies."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.schema import ARTICLES
from analysis.tables.duplicates import find_duplicates


def build_articles(
    articles: pd.DataFrame, sentences: pd.DataFrame, signature: np.ndarray | None = None
) -> pd.DataFrame:
    """`signature`: the articles' MinHash signatures when the build has them cached."""
    per = sentences.groupby("article_id").agg(
        n_sentences=("sentence_id", "size"), tone=("tone", "mean")
    )
    out = articles.copy()
    out["n_sentences"] = out["article_id"].map(per["n_sentences"]).fillna(0).astype(int)
    out["n_words"] = out["text"].str.split().str.len().astype(int)
    out["tone"] = out["article_id"].map(per["tone"]).astype(float).round(4)
    groups = find_duplicates(
        out["article_id"], out["text"].tolist(), dates=out["date"].tolist(), signature=signature
    )
    out["duplicate_of"] = groups["duplicate_of"].to_numpy()
    out["copies"] = groups["copies"].to_numpy()
    return out[list(ARTICLES)]
