"""Data: every filtered table (its first rows on screen), with a CSV download of all its rows."""

import streamlit as st

from dashboard import components, data, state

TABLES = {
    "articles": "one row per article (text included)",
    "sentences": "sentences of the filtered articles (only those containing the search text, if any)",
    "mentions": "one row per mention: the span, its actor, type, tone and date",
    "actors": "recomputed from the filtered mentions: mentions, articles, tone, dates, aliases",
    "cooccurrence": "actor pairs sharing a sentence: shared sentences/articles, NPMI weight, tone",
    "rejects": "inputs that could not be read, and why (whole corpus)",
}
SHOWN = 1_000  # rows on screen; the download holds all of them

src, filters = state.current()
st.title("Data")
components.render_filter_note(filters)
st.caption(
    "Downloads hold every row of the filtered table, with cells starting with = + - @ escaped "
    "for spreadsheets; the file name carries the corpus, the table and the filter. The screen "
    f"shows the first {SHOWN:,} rows."
)
name = st.radio(
    "Table", list(TABLES), key="data_table", format_func=str.capitalize, horizontal=True,
    help="One table at a time: only the one shown is computed.",
)  # fmt: skip
rows = data.row_count(src, filters, name)
frame = data.table(src, filters, name, SHOWN)
st.caption(f"{rows:,} rows: {TABLES[name]}.")
st.dataframe(frame, hide_index=True, key=f"data_{name}")
components.render_table_download(src, filters, name, rows=rows, key=f"data_dl_{name}")
