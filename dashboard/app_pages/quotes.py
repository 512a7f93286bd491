"""Quotes: who said what (by speaker, about an actor), each read in its sentences with the speaker
marked; and who did what to whom (directed relations). Text is escaped by dashboard.highlight."""

import streamlit as st

from dashboard import builds, components, corpora, data, relate_data, state
from dashboard.relate_view import relate_accuracy_line, render_quote_context, render_relate_off

src, filters = state.current()

st.title("Quotes")
components.render_filter_note(filters)
st.caption(relate_accuracy_line(relate_data.relate_accuracy()))
if render_relate_off(src):
    if st.button("Find quotes and relations in this corpus (rebuild)", key="quo_turn_on"):
        corpora.want_relate(src.name)
        with st.spinner("Rebuilding with quotes and relations (parsed sentences are cached)"):
            builds.build_corpus(src.name)
        st.rerun()
    st.stop()
found = relate_data.quotes_relations(src, filters)
quotes, relations = found["quotes"], found["relations"]
speakers = sorted(s for s in quotes["speaker"].unique() if s)
about = sorted({a for names in quotes["about"] for a in names.split("; ") if a})
left, right = st.columns(2)
speaker = left.selectbox("Said by", ["(anyone)", *speakers], key="quo_speaker")
subject = right.selectbox("About", ["(anything)", *about], key="quo_about")
shown = quotes
if speaker != "(anyone)":
    shown = shown[shown["speaker"] == speaker]
if subject != "(anything)":
    shown = shown[shown["about"].str.split("; ").map(lambda names: subject in names)]
st.caption(f"{len(shown):,} of {len(quotes):,} quotes (as filtered)")
columns = ["date", "speaker", "speaker_text", "kind", "cue", "text", "about", "article_id"]
st.dataframe(shown[columns], hide_index=True, key="quo_table")
components.render_download(shown, corpus=src.name, filters=filters, table="quotes", key="quo_dl")

if not shown.empty:
    ids = shown["quote_id"].tolist()
    if st.session_state.get("quo_pick") not in ids:
        st.session_state["quo_pick"] = ids[0]
    picked = st.selectbox("Read", ids, key="quo_pick")
    row = shown.set_index("quote_id").loc[picked]
    render_quote_context(data.article_text(src, row["article_id"]), row)

st.subheader("Who did what to whom")
st.dataframe(found["relations_summary"], hide_index=True, key="quo_edges")
components.render_download(
    found["relations_summary"], corpus=src.name, filters=filters, table="relations-summary",
    key="quo_dl_edges",
)  # fmt: skip
rel_columns = ["date", "source", "verb", "target", "event", "quad", "tone", "negated",
               "hypothetical", "reported_by", "text"]  # fmt: skip
st.dataframe(relations[rel_columns], hide_index=True, key="quo_relations")
components.render_download(
    relations, corpus=src.name, filters=filters, table="relations", key="quo_dl_relations"
)
