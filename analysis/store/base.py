"""The table step's alias-free part (analysis.tables.build.base_tables), kept between builds.

    <out>/nlp-cache/base/<key>/{sentences,mentions,articles}.parquet, then done.json

`key` is the build's fingerprint without the alias file: an alias edit finds the base of the
previous build and starts from its resolved mentions, while a change to the articles, their
fields, the code, the registry or the model makes a new key. A base counts only once done.json
is written (after its three files), and writing one removes the others.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from analysis.store.shards import CACHE_DIR
from analysis.store.tables import read_json, write_json, write_parquet

BASE_TABLES = ("sentences", "mentions", "articles")


def base_folder(out: Path) -> Path:
    return Path(out) / CACHE_DIR / "base"


def read_base(out: Path, key: str) -> dict[str, pd.DataFrame] | None:
    """The base written under `key`, or None when there is none (or it is incomplete)."""
    folder = base_folder(out) / key
    if read_json(folder / "done.json").get("key") != key:
        return None
    try:
        return {name: pd.read_parquet(folder / f"{name}.parquet") for name in BASE_TABLES}
    except (OSError, ValueError):  # damaged: the caller computes it again
        return None


def write_base(out: Path, key: str, base: dict[str, pd.DataFrame]) -> None:
    folder = base_folder(out) / key
    for name in BASE_TABLES:
        write_parquet(base[name], folder / f"{name}.parquet")
    write_json(folder / "done.json", {"key": key})
    for other in base_folder(out).iterdir():
        if other.is_dir() and other.name != key:
            shutil.rmtree(other, ignore_errors=True)
