"""DuckDB over the build's Parquet: query files written by the build, one read-only connection
per process, and the one filter implementation (as SQL) that pages, downloads and tests use."""
