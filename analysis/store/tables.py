"""Files on disk for people and the dashboard: the output tables (CSV and Parquet) and JSON.

Every file is written to a temporary name and moved into place (os.replace), so a reader or a
build killed half way never sees half a file; files get the permissions the user's umask allows.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis.schema import TABLES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and os.replace.

    mkstemp makes its file readable by the owner only; it gets 0666 less the umask, as a plain
    open() would give it (so CSVs are readable by whoever the user's umask lets read them).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """`frame` as Parquet at `path`, atomically (a unique temporary name, then os.replace)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    out: Path,
    *,
    escape: bool = True,
    keep: tuple[str, ...] = (),
) -> None:
    """Each table as `<name>.csv` and `<name>.parquet` in `out` (atomic replace); a table named
    in `keep` whose two files are there already is left as it is (the caller knows it equal)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        if name in keep and (out / f"{name}.csv").exists() and (out / f"{name}.parquet").exists():
            continue
        atomic_write(out / f"{name}.csv", to_csv_bytes(frame, escape=escape))
        write_parquet(frame, out / f"{name}.parquet")


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    """The tables written by `write_tables` (from Parquet, so types and text survive exactly)."""
    tables = {}
    for name, columns in TABLES.items():
        path = Path(out) / f"{name}.parquet"
        tables[name] = pd.read_parquet(path) if path.exists() else pd.DataFrame(columns=columns)
    return tables


def write_json(path: Path, data: dict) -> None:
    atomic_write(path, json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))


def read_json(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
