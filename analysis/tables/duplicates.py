"""Syndicated copies: near-duplicate articles grouped with MinHash LSH (rensa), so a wire story
that ran under several outlets, headlines or URLs can be counted once.

Each article's text becomes a set of word 5-grams (lower case, words only: a changed byline,
headline or a few words touch few of them) and a MinHash signature (`signatures`, which depends
on the text alone, so a build caches it by article). Banded LSH on the signatures finds likely
pairs, and a pair joins a group only when its estimated Jaccard similarity (the share of equal
signature values) reaches `threshold`.
Groups are the connected pairs. The article kept for a group is its earliest dated one (then
the longest, then the smallest id), so the choice does not depend on file order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from rensa import RMinHash

THRESHOLD = 0.5  # estimated Jaccard of 5-gram sets; unrelated same-topic stories stay < 0.1
NUM_PERM = 128
NUM_BANDS = 32  # 4 rows a band: a pair at Jaccard 0.5 becomes a candidate with p = 0.88
PAIRS_AT_ONCE = 1 << 18  # candidate pairs compared per numpy step (bounds the memory)
SHINGLE = 5
SEED = 13
_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int = SHINGLE) -> list[str]:
    """The distinct word `size`-grams of `text` (lower case); the words themselves when shorter."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return sorted(set(words)) or [""]
    return list({" ".join(words[i : i + size]) for i in range(len(words) - size + 1)})


def signatures(texts: Sequence[str]) -> np.ndarray:
    """The MinHash signature of each text's shingles: an (n, NUM_PERM) uint32 array."""
    if not len(texts):
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    matrix = RMinHash.digest_matrix_from_token_sets([shingles(t) for t in texts], NUM_PERM, SEED)
    return np.asarray(matrix.to_rows(), dtype=np.uint32)


def similar_pairs(signature: np.ndarray, threshold: float = THRESHOLD) -> np.ndarray:
    """(i, j) rows, i < j, equal on every value of at least one band (the LSH candidates) and
    with an estimated Jaccard similarity >= `threshold`: an (m, 2) array, sorted."""
    rows = NUM_PERM // NUM_BANDS
    found = []
    for band in range(NUM_BANDS):
        part = np.ascontiguousarray(signature[:, band * rows : (band + 1) * rows])
        _, bucket, counts = np.unique(
            part.view(np.dtype((np.void, part.dtype.itemsize * rows))).ravel(),
            return_inverse=True, return_counts=True,
        )  # fmt: skip
        shared = np.flatnonzero(counts[bucket] > 1)
        if not len(shared):
            continue
        members = shared[np.argsort(bucket[shared], kind="stable")]
        keys = bucket[members]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]).tolist()
        for s, e in zip(starts, [*starts[1:], len(members)], strict=True):
            group = members[s:e]
            i, j = np.triu_indices(len(group), k=1)
            found.append(np.stack([group[i], group[j]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.unique(np.concatenate(found).astype(np.int64), axis=0)
    keep = np.zeros(len(pairs), dtype=bool)
    for s in range(0, len(pairs), PAIRS_AT_ONCE):
        a, b = pairs[s : s + PAIRS_AT_ONCE].T
        keep[s : s + PAIRS_AT_ONCE] = (signature[a] == signature[b]).mean(axis=1) >= threshold
    return pairs[keep]


def find_duplicates(
    article_ids: Sequence[str],
    texts: Sequence[str],
    *,
    dates: Sequence[str] | None = None,
    threshold: float = THRESHOLD,
    signature: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per article: article_id, duplicate_of (the id kept for its group; "" for the kept
    one and for unique articles) and copies (articles in its group; 1 when unique).
    `signature`: the texts' `signatures`, when the caller has them already."""
    ids = list(article_ids)
    if len(ids) != len(texts):
        raise ValueError("article_ids and texts must have the same length")
    n = len(ids)
    parent = np.arange(n)
    if n > 1:
        signature = signatures(texts) if signature is None else signature
        if signature.shape != (n, NUM_PERM):
            raise ValueError(f"signature must be {n} x {NUM_PERM}, not {signature.shape}")
        for i, j in similar_pairs(signature, threshold).tolist():
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
