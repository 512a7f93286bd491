"""Files on disk: the output tables (CSV for people, Parquet for the dashboard) and the NLP cache.

The cache holds what spaCy and VADER found per article (sentence spans, entity spans, sentence
tone), keyed by article_id and model, so a re-run parses only articles it has not seen.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.nlp.parse import Parsed
from analysis.schema import TABLES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CACHE_DIR = "nlp-cache"
LINK_COLUMNS = ["article_id", "person_start", "person_end", "anchor_start", "anchor_end"]


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            values = out[column].astype("string")
            risky = values.str.startswith(FORMULA_START).fillna(False)
            if risky.any():
                out[column] = values.where(~risky, "'" + values)
    return out


def to_csv_bytes(frame: pd.DataFrame, *, escape: bool = True) -> bytes:
    """CSV (UTF-8, header, no index) exactly as written to disk and offered for download."""
    data = escape_formulas(frame) if escape else frame
    return data.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def write_tables(tables: dict[str, pd.DataFrame], out: Path, *, escape: bool = True) -> None:
    """Each table as `<name>.csv` and `<name>.parquet` in `out` (atomic replace)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        _atomic_write(out / f"{name}.csv", to_csv_bytes(frame, escape=escape))
        frame.to_parquet(out / f".{name}.parquet.tmp", index=False)
        os.replace(out / f".{name}.parquet.tmp", out / f"{name}.parquet")


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    """The tables written by `write_tables` (from Parquet, so types and text survive exactly)."""
    tables = {}
    for name, columns in TABLES.items():
        path = Path(out) / f"{name}.parquet"
        tables[name] = pd.read_parquet(path) if path.exists() else pd.DataFrame(columns=columns)
    return tables


def write_json(path: Path, data: dict) -> None:
    _atomic_write(path, json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))


def read_json(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load_nlp_cache(out: Path, model: str) -> tuple[dict[str, Parsed], dict[str, list[float]]]:
    """Parsed spans and sentence tones per article from an earlier build with the same model."""
    folder = Path(out) / CACHE_DIR / model
    try:
        sents = pd.read_parquet(folder / "sentences.parquet")
        ents = pd.read_parquet(folder / "entities.parquet")
    except (OSError, ValueError):
        return {}, {}
    parsed: dict[str, Parsed] = {}
    tones: dict[str, list[float]] = {}
    for aid, group in sents.groupby("article_id", sort=False):
        parsed[aid] = Parsed(aid, list(zip(group["start"], group["end"], strict=True)), [])
        tones[aid] = group["tone"].tolist()
    for aid, group in ents.groupby("article_id", sort=False):
        if aid in parsed:
            parsed[aid].entities.extend(
                zip(group["start"], group["end"], group["label"], strict=True)
            )
    links = _read(folder / "links.parquet", LINK_COLUMNS)
    for row in links.itertuples(index=False):
        if row.article_id in parsed:
            parsed[row.article_id].links.append(
                (row.person_start, row.person_end, row.anchor_start, row.anchor_end)
            )
    return parsed, tones


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError):
        return pd.DataFrame(columns=columns)


def save_nlp_cache(
    out: Path, model: str, parsed: Sequence[Parsed], tones: dict[str, list[float]]
) -> None:
    folder = Path(out) / CACHE_DIR / model
    folder.mkdir(parents=True, exist_ok=True)
    sents = pd.DataFrame(
        [
            (p.article_id, s, e, t)
            for p in parsed
            for (s, e), t in zip(p.sentences, tones[p.article_id], strict=True)
        ],
        columns=["article_id", "start", "end", "tone"],
    )
    ents = pd.DataFrame(
        [(p.article_id, s, e, label) for p in parsed for s, e, label in p.entities],
        columns=["article_id", "start", "end", "label"],
    )
    links = pd.DataFrame(
        [(p.article_id, *link) for p in parsed for link in p.links],
        columns=LINK_COLUMNS,
    )
    links.to_parquet(folder / ".links.tmp", index=False)
    os.replace(folder / ".links.tmp", folder / "links.parquet")
    sents.to_parquet(folder / ".sentences.tmp", index=False)
    ents.to_parquet(folder / ".entities.tmp", index=False)
    os.replace(folder / ".sentences.tmp", folder / "sentences.parquet")
    os.replace(folder / ".entities.tmp", folder / "entities.parquet")


def load_tone_cache(out: Path, model: str, tone_model: str) -> dict[tuple[str, int, int], float]:
    """Targeted tone scores of earlier builds: (article_id, start, end) -> score."""
    path = Path(out) / CACHE_DIR / model / f"target-tone-{tone_model}.parquet"
    try:
        frame = pd.read_parquet(path)
    except (OSError, ValueError):
        return {}
    keys = zip(
        frame["article_id"], frame["start"].astype(int), frame["end"].astype(int), strict=True
    )
    return dict(zip(keys, frame["score"].astype(float), strict=True))


def save_tone_cache(
    out: Path, model: str, tone_model: str, cache: dict[tuple[str, int, int], float]
) -> None:
    folder = Path(out) / CACHE_DIR / model
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(
        [(a, s, e, v) for (a, s, e), v in cache.items()],
        columns=["article_id", "start", "end", "score"],
    )
    frame.to_parquet(folder / ".target-tone.tmp", index=False)
    os.replace(folder / ".target-tone.tmp", folder / f"target-tone-{tone_model}.parquet")
