"""Storage: tables, JSON and the sharded NLP store on disk, each file written atomically.

`tables` holds what people and the dashboard read (CSV, Parquet, JSON); `shards` the NLP output
of each shard of articles with its manifest record; `lock` the build lock and build status.
"""

from analysis.store.shards import CACHE_DIR
from analysis.store.tables import (
    atomic_write,
    escape_formulas,
    read_json,
    read_tables,
    to_csv_bytes,
    write_json,
    write_parquet,
    write_tables,
)

__all__ = [
    "CACHE_DIR",
    "atomic_write",
    "escape_formulas",
    "read_json",
    "read_tables",
    "to_csv_bytes",
    "write_json",
    "write_parquet",
    "write_tables",
]
