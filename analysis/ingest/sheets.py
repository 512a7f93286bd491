"""Spreadsheets (`.xlsx`) read by openpyxl: one article per row under a header row, every sheet.

Cells keep their types: a date cell is a date, not a serial number. A sheet without a text column
is passed over with a remark; a workbook where no sheet has one is refused with the columns found.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from analysis.ingest.columns import detect_columns, remap
from analysis.ingest.model import InputError
from analysis.ingest.readers import Record

SHEET_LIMIT = 256 * 2**20  # an .xlsx is a zip; its bytes are held to read it


def read_xlsx(
    raw: BinaryIO, *, overrides: Mapping[str, str] | None = None, remarks: list[str] | None = None
) -> Iterator[Record]:
    """Rows of every sheet whose header row names a text column."""
    import openpyxl

    data = raw.read(SHEET_LIMIT + 1)
    if len(data) > SHEET_LIMIT:
        raise InputError(f"spreadsheet larger than {SHEET_LIMIT // 2**20} MiB")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # one page or workbook the library cannot read names that file
        raise InputError(f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    refusals = []
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = next((list(r) for r in rows if any(c is not None for c in r)), None)
            if header is None:
                continue
            try:
                mapping, said = detect_columns(header, overrides=overrides)
            except InputError as exc:
                refusals.append(f"sheet {sheet.title!r}: {exc}")
                continue
            if remarks is not None:
                remarks.extend(said)
            names = [str(c) if c is not None else "" for c in header]
            index = {name: i for i, name in reversed(list(enumerate(names))) if name}
            number = 0
            for row in rows:
                if not any(c is not None and str(c).strip() for c in row):
                    continue
                number += 1
                cells = {n: row[i] if i < len(row) else None for n, i in index.items()}
                yield remap(cells, mapping) | {"_location": f"sheet {sheet.title} row {number}"}
    finally:
        book.close()
    if refusals and remarks is not None:
        remarks.extend(refusals)
    if refusals and len(refusals) == len(book.worksheets):
        raise InputError("; ".join(refusals))
