"""Plain-text kinds: `.txt` (one article), `.csv` (one per row), `.jsonl` (one per line).

Readers take a binary stream and yield records keyed by role (see `columns`) with a `_location`;
a row that cannot be read carries `_error` instead, so the rest of the file still loads. Files
larger than `WHOLE_LIMIT` are decoded as a stream and never held in memory whole.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO, TextIO

from analysis.ingest.columns import detect_columns, remap
from analysis.ingest.model import InputError

WHOLE_LIMIT = 32 * 2**20  # files up to this size are decoded whole (encoding judged on all of it)
SAMPLE = 2**20  # a larger file's encoding is judged on its first MiB
_DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\S+)\s?", re.IGNORECASE)

csv.field_size_limit(2**31 - 1)

Record = dict[str, object]


def _check_text(data: bytes, text: str) -> None:
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not text")
    head = text[:4096]
    if head and sum(ch < " " and ch not in "\t\n\r\f" for ch in head) > 0.05 * len(head):
        raise InputError("binary file (control characters), not text")


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (BOM or not), else Windows-1252/Latin-1; newlines made LF."""
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    _check_text(data, text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Joined(io.RawIOBase):
    """Bytes already read, then the rest of the stream: lets a sample be looked at first."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def open_text(raw: BinaryIO) -> TextIO:
    """A text stream over `raw` (newline="" so csv sees quoted line ends); InputError if binary."""
    head = raw.read(WHOLE_LIMIT + 1)
    if len(head) <= WHOLE_LIMIT:
        return io.StringIO(decode(head), newline="")
    sample = head[:SAMPLE]
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "cp1252"
    _check_text(sample, sample.decode(encoding, errors="replace"))
    buffered = io.BufferedReader(_Joined(head, raw), buffer_size=SAMPLE)
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")


def read_txt(raw: BinaryIO, **_: object) -> Iterator[Record]:
    """One article; a first line `date YYYY-MM-DD` (any readable date) dates it."""
    text = open_text(raw).read().replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError("empty file")
    match = _DATE_LINE.match(lines[first])
    if match:
        date_raw = match.group(1)
        rest = lines[first][match.end() :]
        body = "\n".join([rest, *lines[first + 1 :]])
    else:
        date_raw, body = "", "\n".join(lines[first:])
    yield {"date": date_raw, "text": body, "_location": "file"}


def read_csv(
    raw: BinaryIO, *, overrides: Mapping[str, str] | None = None, remarks: list[str] | None = None
) -> Iterator[Record]:
    """One article per row, the header mapped to roles; a broken row is named, not fatal."""
    reader = csv.reader(open_text(raw))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty file") from None
    mapping, said = detect_columns(header, overrides=overrides)
    if remarks is not None:
        remarks.extend(said)
    index = {name: i for i, name in reversed(list(enumerate(header)))}
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a NUL byte inside a row: that row is named
            number += 1
            yield {"_location": f"row {number} (line {reader.line_num})", "_error": str(exc)}
            continue
        if not row:
            continue  # a blank line is not a row
        number += 1
        location = f"row {number} (line {reader.line_num})"
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            yield {"_location": location, "_error": f"{len(row)} cells, header has {len(header)}"}
            continue
        cells = {name: row[i] if i < len(row) else None for name, i in index.items()}
        yield remap(cells, mapping) | {"_location": location}


def read_jsonl(
    raw: BinaryIO, *, overrides: Mapping[str, str] | None = None, remarks: list[str] | None = None
) -> Iterator[Record]:
    """One JSON object per line; each object's keys mapped to roles on their own."""
    said: set[str] = set()
    for number, line in enumerate(open_text(raw), start=1):
        if not line.strip():
            continue
        location = f"line {number}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            where = f" at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deep"
            yield {"_location": location, "_error": f"broken JSON ({message}{where})"}
            continue
        if not isinstance(record, dict):
            yield {"_location": location, "_error": "not a JSON object"}
            continue
        try:
            mapping, remark = detect_columns(record, overrides=overrides)
        except InputError:
            yield {"_location": location, "_error": "no text"}
            continue
        if remarks is not None and set(remark) - said:
            said |= set(remark)
            remarks.extend(remark)
        yield remap(record, mapping) | {"_location": location}
