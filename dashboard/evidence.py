"""Evidence sentences on a page: one page of them at a time, mentions highlighted (escaped)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis.store import to_csv_bytes
from analysis.tables.filters import Filters
from analysis.tables.views import parse_spans
from dashboard import data
from dashboard.highlight import mark_spans

PAGE_SIZE = 25


def evidence_csv(src, filters: Filters, actors: tuple[str, ...], window: str = "sentence") -> bytes:
    """Every evidence sentence of an actor or pair as CSV (made on click)."""
    return to_csv_bytes(data.evidence(src, filters, actors, window), escape=True)


def render_evidence(
    total: int, fetch: Callable[[int, int], pd.DataFrame], *, key: str, what: str = "sentences"
) -> None:
    """Every evidence sentence, a page at a time (never sampled): `fetch(limit, offset)` gives
    one page of the `total` rows; mentions highlighted and escaped."""
    if not total:
        st.info(f"No {what} match the filters.")
        return
    pages = (total - 1) // PAGE_SIZE + 1
    if (st.session_state.get(f"{key}_page") or 1) > pages:  # fewer pages than before (new actor)
        st.session_state[f"{key}_page"] = 1
    page = st.number_input(f"Page (of {pages})", 1, pages, 1, key=f"{key}_page")
    first = (int(page) - 1) * PAGE_SIZE
    chunk = fetch(PAGE_SIZE, first)
    st.caption(
        f"{what.capitalize()} {first + 1}–{first + len(chunk)} of {total:,} (all of them, in date order)"
    )
    render_sentences(chunk)


def render_sentences(chunk: pd.DataFrame) -> None:
    """Evidence rows with their mentions highlighted (escaped HTML)."""
    for row in chunk.itertuples(index=False):
        spans = [(s, e, "", "") for s, e in parse_spans(row.spans)]
        body = mark_spans(row.text, spans)
        meta = mark_spans(
            f"{row.date or 'undated'} · {row.title or row.article_id} · tone {row.tone:+.2f}", []
        )
        st.markdown(
            f"<div style='margin-bottom:.6em'><small>{meta}</small><br>{body}</div>",
            unsafe_allow_html=True,
        )
