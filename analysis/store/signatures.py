"""MinHash signatures of article texts, kept between builds by article id.

    <out>/nlp-cache/minhash-<key>.parquet      article_id, signature (NUM_PERM uint32 as bytes)

An article's id is the hash of its text, so its signature never goes stale; `key` names the
shingle size, permutations, seed and rensa's algorithm version, so a change to any of them
starts a new file. Shingling is most of the cost of grouping syndicated copies (about 1 ms an
article), so with this cache an alias edit shingles nothing and added files only their articles.
The file holds the articles of the latest build only, and is replaced atomically.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from rensa import RMinHash

from analysis.store.shards import CACHE_DIR
from analysis.store.tables import write_parquet
from analysis.tables.duplicates import NUM_PERM, SEED, SHINGLE, signatures


def signature_path(out: Path) -> Path:
    key = f"{SHINGLE}-{NUM_PERM}-{SEED}-{RMinHash.ALGORITHM_VERSION}"
    return Path(out) / CACHE_DIR / f"minhash-{hashlib.sha1(key.encode()).hexdigest()[:10]}.parquet"


def _read(path: Path) -> dict[str, bytes]:
    try:
        frame = pd.read_parquet(path)
    except (OSError, ValueError):  # no cache yet, or a damaged one: computed again
        return {}
    width = NUM_PERM * 4
    return {
        aid: sig
        for aid, sig in zip(frame["article_id"], frame["signature"], strict=True)
        if isinstance(sig, bytes) and len(sig) == width
    }


def cached_signatures(out: Path, article_ids: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """The (n, NUM_PERM) signatures of `texts`, computed only for ids the cache lacks."""
    ids = list(article_ids)
    path = signature_path(out)
    known = _read(path)
    todo = [i for i, aid in enumerate(ids) if aid not in known]
    if todo:
        fresh = signatures([texts[i] for i in todo])
        for i, row in zip(todo, fresh, strict=True):
            known[ids[i]] = row.tobytes()
    rows = [known[aid] for aid in ids]
    matrix = np.frombuffer(b"".join(rows), dtype=np.uint32).reshape(len(ids), NUM_PERM)
    if todo or len(known) != len(set(ids)):  # new articles, or some left the corpus
        write_parquet(pd.DataFrame({"article_id": ids, "signature": rows}).drop_duplicates(
            "article_id"), path)  # fmt: skip
    return matrix.copy()
