"""Cached quotes and relations of a build, under the current filters (beside dashboard.data).

The build writes quotes, relations and relations_summary as small Parquet files (empty, with
their columns, when it ran with `--no-relate`). They are read whole, once per build version, and
narrowed to the articles the filter keeps (one DuckDB query for their ids, the same `fa` every
other figure uses), so the big tables are never loaded into the session.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.query import tables as qt
from analysis.schema import QUOTES, RELATIONS
from analysis.store import read_json
from analysis.tables.relations import filter_relate
from analysis.tables.selection import Filters
from dashboard import data
from dashboard.corpora import REPO, Source, out_dir

ACCURACY_FILE = REPO / "docs" / "quotes_relations.json"  # written by evaluate --relate --json


def _read(src: Source, name: str, columns) -> pd.DataFrame:
    path = out_dir(src.name) / f"{name}.parquet"
    return pd.read_parquet(path) if path.exists() else pd.DataFrame(columns=list(columns))


@st.cache_data(max_entries=4, show_spinner=False)
def relate_tables(src: Source) -> dict[str, pd.DataFrame]:
    """The build's quotes and relations tables as written (an older build: empty ones)."""
    return {"quotes": _read(src, "quotes", QUOTES), "relations": _read(src, "relations", RELATIONS)}


def relate_on(src: Source) -> bool:
    """Whether the build looked for quotes and relations (the default; not with `--no-relate`)."""
    return bool(data.build_info(src).get("relate"))


@st.cache_data(max_entries=32, show_spinner=False)
def quotes_relations(src: Source, filters: Filters) -> dict[str, pd.DataFrame]:
    """quotes, relations and relations_summary of the filtered articles (dates, text query,
    types, copies, actors as everywhere), then by or about the chosen actors (filter_relate)."""
    tables = relate_tables(src)
    if tables["quotes"].empty and tables["relations"].empty:
        ids = pd.DataFrame(columns=["article_id"])
    else:
        ids = qt.run(data.cursor(src), filters, "SELECT article_id FROM fa")
    return filter_relate(tables["quotes"], tables["relations"], ids, actors=tuple(filters.actors))


@st.cache_data(ttl=60, show_spinner=False)
def relate_accuracy() -> dict:
    """docs/quotes_relations.json (the measured quote/relation accuracy), or {} when absent."""
    found = read_json(ACCURACY_FILE)
    return found if isinstance(found, dict) else {}
