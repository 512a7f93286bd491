"""Data: every filtered table, as shown, with a CSV download of exactly those rows."""

from functools import partial

import streamlit as st

from analysis.tables.filters import download_name
from dashboard import components, data, state

TABLES = {
    "articles": "one row per article (text included)",
    "sentences": "sentences of the filtered articles (only those containing the search text, if any)",
    "mentions": "one row per mention: the span, its actor, type, tone and date",
    "actors": "recomputed from the filtered mentions: mentions, articles, tone, dates, aliases",
    "cooccurrence": "actor pairs sharing a sentence: shared sentences/articles, NPMI weight, tone",
    "rejects": "inputs that could not be read, and why (whole corpus)",
}

src, filters = state.current()
st.title("Data")
components.render_filter_note(filters)
st.caption(
    "Downloads hold exactly the rows shown, with cells starting with = + - @ escaped for "
    "spreadsheets; the file name carries the corpus, the table and the filter."
)
frames = data.every_table(src, filters)
for tab, name in zip(st.tabs([n.capitalize() for n in TABLES]), TABLES, strict=True):
    with tab:
        frame = frames[name]
        st.caption(f"{len(frame):,} rows: {TABLES[name]}.")
        st.dataframe(frame, hide_index=True, key=f"data_{name}")
        st.download_button(
            f"Download {name}.csv ({len(frame):,} rows)",
            data=partial(data.csv_bytes, src, filters, name),  # made on click
            file_name=download_name(src.name, name, filters),
            mime="text/csv",
            key=f"data_dl_{name}",
            on_click="ignore",
        )
