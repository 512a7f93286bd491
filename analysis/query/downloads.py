"""Downloads of the filtered tables as CSV, written batch by batch from DuckDB so a
million-row table is never held as one frame next to its CSV."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pandas as pd

from analysis.query.scope import scope
from analysis.query.tables import BATCH, FILTERED, _quoted, columns, filtered_table
from analysis.store import to_csv_bytes
from analysis.tables.selection import Filters


def iter_csv(frame_batches: Iterator[pd.DataFrame]) -> Iterator[bytes]:
    """CSV bytes of each batch (header once), spreadsheet-safe as `analysis.store.to_csv_bytes`."""
    first = True
    for batch in frame_batches:
        data = to_csv_bytes(batch, escape=True)
        if not first:
            data = data.split(b"\n", 1)[1] if b"\n" in data else b""
        first = False
        yield data


def table_batches(
    cur: duckdb.DuckDBPyConnection, filters: Filters, name: str, *, size: int = BATCH
) -> Iterator[pd.DataFrame]:
    """The filtered table `name` in batches of `size` rows (never all of it as one frame)."""
    if name not in FILTERED:
        yield filtered_table(cur, filters, name)
        return
    found = scope(filters)
    select = f"SELECT {_quoted(columns(cur, name))} FROM {FILTERED[name]} ORDER BY _row"
    reader = cur.sql(found.sql + select, params=found.params).to_arrow_reader(size)
    for batch in reader:
        yield batch.to_pandas()
