"""The sharded NLP store: what spaCy, resolution and tone made of each shard of articles.

    <out>/nlp-cache/<model id>/texts/<shard>.parquet      article_id, date, text (the input)
    <out>/nlp-cache/<model id>/shards/<shard>/<stage>.parquet
    <out>/nlp-cache/<model id>/manifest/<shard>.json      articles, model, each stage's ids and rows
    <out>/nlp-cache/minhash-<key>.parquet, base/<key>/    kept by the table step (signatures, base)

Each shard has its own files and its own manifest record, so workers on other machines write in
parallel without sharing a file; every file is replaced atomically, and a stage counts as done
only once its manifest record says so (written after the stage's files). A build killed at any
moment leaves finished stages intact and at worst a stray temporary file.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.store.tables import read_json, write_json, write_parquet

CACHE_DIR = "nlp-cache"


def cache_root(out: Path, model_id: str) -> Path:
    return Path(out) / CACHE_DIR / model_id


def shard_id(article_ids: Sequence[str]) -> str:
    """A shard's name, from its articles: the same articles always make the same shard."""
    digest = hashlib.sha1("\0".join(article_ids).encode("utf-8")).hexdigest()
    return f"s{digest[:15]}"


def texts_path(root: Path, shard: str) -> Path:
    return Path(root) / "texts" / f"{shard}.parquet"


def stage_path(root: Path, shard: str, name: str) -> Path:
    return Path(root) / "shards" / shard / f"{name}.parquet"


def manifest_path(root: Path, shard: str) -> Path:
    return Path(root) / "manifest" / f"{shard}.json"


def write_texts(root: Path, shard: str, articles: pd.DataFrame) -> None:
    """The shard's input (article_id, date, text), written once: workers read it here."""
    path = texts_path(root, shard)
    if not path.exists():
        write_parquet(articles[["article_id", "date", "text"]].reset_index(drop=True), path)
    record = read_manifest(root, shard)
    if not record:
        write_manifest(root, shard, {"shard": shard, "articles": list(articles["article_id"])})


def read_texts(root: Path, shard: str) -> pd.DataFrame:
    return pd.read_parquet(texts_path(root, shard))


def read_stage(root: Path, shard: str, name: str) -> pd.DataFrame:
    return pd.read_parquet(stage_path(root, shard, name))


def write_stage(root: Path, shard: str, name: str, frame: pd.DataFrame) -> None:
    write_parquet(frame.reset_index(drop=True), stage_path(root, shard, name))


def read_manifest(root: Path, shard: str) -> dict:
    return read_json(manifest_path(root, shard))


def write_manifest(root: Path, shard: str, record: dict) -> None:
    write_json(manifest_path(root, shard), record)


def read_manifests(root: Path) -> dict[str, dict]:
    """Every shard's manifest record, by shard name (sorted, so choices made on it are stable)."""
    folder = Path(root) / "manifest"
    if not folder.is_dir():
        return {}
    records = {}
    for path in sorted(folder.glob("s*.json")):
        record = read_json(path)
        if record.get("articles") is not None:
            records[path.stem] = record
    return records


def write_progress(root: Path, shard: str, done: int) -> None:
    """How many articles of a running shard are parsed and toned (read by the build's bar)."""
    write_json(Path(root) / "manifest" / f".{shard}.progress", {"done": done, "at": time.time()})


def read_progress(root: Path, shard: str) -> int:
    return int(read_json(Path(root) / "manifest" / f".{shard}.progress").get("done", 0))
