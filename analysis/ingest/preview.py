"""What the loader would make of each file's columns, before anything is analysed.

The dashboard shows this per file (and per archive member) so the analyst can change the mapping
first; the CLI's `--text-column` options do the same job for a build.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from analysis.config import InputOptions
from analysis.ingest.archives import archive_kind, iter_members
from analysis.ingest.columns import detect_columns
from analysis.ingest.load import iter_files
from analysis.ingest.model import InputError
from analysis.ingest.readers import open_text

TABULAR = (".csv", ".jsonl", ".xlsx")
_JSON_LINES = 50  # a JSONL file's columns: the keys of its first objects


@dataclass(frozen=True)
class FilePreview:
    """One table-like file: the key its mapping is saved under, its columns, the roles found."""

    key: str  # file name, or `archive.zip!inner/path.csv` for a member
    columns: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    problem: str = ""  # e.g. no text column: the file would be refused as it stands


def _header(raw: BinaryIO, suffix: str) -> list[str]:
    if suffix == ".csv":
        return next(csv.reader(open_text(raw)), [])
    if suffix == ".jsonl":
        keys: dict[str, None] = {}
        for line in islice(open_text(raw), _JSON_LINES):
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                continue
            if isinstance(record, dict):
                keys.update(dict.fromkeys(str(k) for k in record))
        return list(keys)
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw.read()), read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                if any(c is not None for c in row):
                    return [str(c) for c in row if c is not None]
    finally:
        book.close()
    return []


def _preview(key: str, raw: BinaryIO, suffix: str, options: InputOptions) -> FilePreview:
    try:
        columns = _header(raw, suffix)
        mapping, _ = detect_columns(columns, overrides=options.columns_for(key))
    except InputError as exc:
        return FilePreview(key, columns if "columns" in locals() else [], {}, str(exc))
    except Exception as exc:  # a file the loader will name anyway; here it only has no preview
        return FilePreview(key, [], {}, f"unreadable ({type(exc).__name__})")
    return FilePreview(key, columns, dict(mapping))


def preview_columns(
    paths: Iterable[Path | str], *, options: InputOptions | None = None
) -> Iterator[FilePreview]:
    """A `FilePreview` for every CSV, JSONL and XLSX file under `paths`, archives included."""
    options = options or InputOptions()
    for path, _ in iter_files(paths):
        if archive_kind(path.name):
            try:
                for name, opener, reason in iter_members(path):
                    suffix = PurePosixPath(name).suffix.lower()
                    if opener is None or reason or suffix not in TABULAR:
                        continue
                    with opener as raw:
                        yield _preview(f"{path.name}!{name}", raw, suffix, options)
            except InputError:
                continue
        elif path.suffix.lower() in TABULAR:
            with open(path, "rb") as raw:
                yield _preview(path.name, raw, path.suffix.lower(), options)
