"""Syndicated copies: near-duplicate articles grouped with MinHash LSH (rensa), so a wire story
that ran under several outlets, headlines or URLs can be counted once.

Each article's text becomes a set of word 5-grams (lower case, words only: a changed byline,
headline or a few words touch few of them); MinHash signatures put likely pairs in the same LSH
bucket, and a pair joins a group only when its estimated Jaccard similarity reaches `threshold`.
Groups are the connected pairs. The article kept for a group is its earliest dated one (then
the longest, then the smallest id), so the choice does not depend on file order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from rensa import RMinHash, RMinHashLSH

THRESHOLD = 0.5  # estimated Jaccard of 5-gram sets; unrelated same-topic stories stay < 0.1
NUM_PERM = 128
NUM_BANDS = 32  # 4 rows a band: a pair at Jaccard 0.5 becomes a candidate with p = 0.88
SHINGLE = 5
SEED = 13
_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int = SHINGLE) -> list[str]:
    """The distinct word `size`-grams of `text` (lower case); the words themselves when shorter."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return sorted(set(words)) or [""]
    return list({" ".join(words[i : i + size]) for i in range(len(words) - size + 1)})


def find_duplicates(
    article_ids: Sequence[str],
    texts: Sequence[str],
    *,
    dates: Sequence[str] | None = None,
    threshold: float = THRESHOLD,
) -> pd.DataFrame:
    """One row per article: article_id, duplicate_of (the id kept for its group; "" for the kept
    one and for unique articles) and copies (articles in its group; 1 when unique)."""
    ids = list(article_ids)
    if len(ids) != len(texts):
        raise ValueError("article_ids and texts must have the same length")
    n = len(ids)
    parent = np.arange(n)
    if n > 1:
        sets = [shingles(t) for t in texts]
        hashes = RMinHash.from_token_sets(sets, NUM_PERM, SEED)
        lsh = RMinHashLSH(threshold, NUM_PERM, NUM_BANDS)
        lsh.insert_many(hashes)
        for i, found in enumerate(lsh.query_all(hashes)):
            for j in found:
                if j > i and hashes[i].jaccard(hashes[j]) >= threshold:
                    _union(parent, i, j)
    roots = np.array([_find(parent, i) for i in range(n)], dtype=np.int64)
    frame = pd.DataFrame(
        {
            "article_id": ids,
            "root": roots,
            "undated": [not d for d in dates] if dates is not None else False,
            "date": list(dates) if dates is not None else "",
            "length": [len(t) for t in texts],
        }
    )
    order = frame.sort_values(
        ["root", "undated", "date", "length", "article_id"],
        ascending=[True, True, True, False, True],
    )
    kept = order.drop_duplicates("root").set_index("root")["article_id"]
    frame["copies"] = frame.groupby("root")["root"].transform("size").astype("int64")
    keeper = frame["root"].map(kept)
    frame["duplicate_of"] = keeper.where(keeper != frame["article_id"], "")
    return frame[["article_id", "duplicate_of", "copies"]]


def _find(parent: np.ndarray, i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return int(i)


def _union(parent: np.ndarray, i: int, j: int) -> None:
    a, b = _find(parent, i), _find(parent, j)
    if a != b:
        parent[max(a, b)] = min(a, b)
