"""One DuckDB connection per build folder and process, a cursor per thread.

The connection holds only views over the query files (nothing is loaded into it), with a thread
count and a memory limit set; a DuckDB connection shared across threads fails with "connection
is busy", so each thread (each Streamlit session's script run) takes its own cursor.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from analysis.query.files import query_dir
from analysis.query.rollups import ROLLUPS

TABLE_FILES = ("articles", "sentences", "mentions", "actors", "cooccurrence", "rejects")


class QueryError(RuntimeError):
    """The build has no query files (built before them, or the write failed)."""


class Engine:
    """Views named after the tables over `<out>/query/*.parquet`; `cursor()` for each thread."""

    def __init__(self, out: Path, *, threads: int = 2, memory_limit: str = "512MB") -> None:
        folder = query_dir(out)
        missing = [n for n in (*TABLE_FILES, *ROLLUPS) if not (folder / f"{n}.parquet").exists()]
        if missing:
            raise QueryError(f"{folder} lacks {', '.join(missing)}: rebuild the corpus")
        self.folder = folder
        self._con = duckdb.connect(
            ":memory:",
            config={
                "threads": threads,
                "memory_limit": memory_limit,
            },
        )
        folder_sql = str(folder).replace("'", "''")
        self._con.execute(f"SET allowed_directories = ['{folder_sql}']")
        for name in (*TABLE_FILES, *ROLLUPS):
            path = str(folder / f"{name}.parquet").replace("'", "''")
            self._con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
        self._con.execute("SET enable_external_access = false")  # this folder only
        self._con.execute("SET lock_configuration = true")  # no query can lift the limits
        self._local = threading.local()
        self._lock = threading.Lock()
        self.columns = {name: self._columns(name) for name in (*TABLE_FILES, *ROLLUPS)}

    def _columns(self, name: str) -> list[str]:
        rows = self._con.execute(f"DESCRIBE {name}").fetchall()
        return [r[0] for r in rows]

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor (made on first use)."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            with self._lock:
                cur = self._con.cursor()
            self._local.cursor = cur
        return cur

    def close(self) -> None:
        self._con.close()
