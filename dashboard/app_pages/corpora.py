"""Corpora: the default corpus and uploaded ones; upload files to analyse them apart from seeds/."""

import pandas as pd
import streamlit as st

from dashboard import components, corpora, data, state, upload

src, _ = state.current()
st.title("Corpora")
rows = []
for name in corpora.list_corpora():
    info = data.build_info(corpora.source(name)) if corpora.is_built(name) else {}
    rows.append(
        {
            "corpus": name,
            "files": str(corpora.corpus_sources(name)),
            "articles": info.get("articles"),
            "undated": info.get("undated"),
            "rejected": info.get("rejects"),
            "languages": ", ".join(f"{k} {v}" for k, v in (info.get("languages") or {}).items()),
            "kept out of NLP": info.get("kept_out"),
            "analysed": bool(info),
        }
    )
st.dataframe(pd.DataFrame(rows), hide_index=True, key="corp_table")
st.caption("Switch corpus in the sidebar. Each corpus has its own build and alias file.")
summary = data.corpus_summary(src)
st.subheader(f"Current corpus: {src.name}")
components.render_rejects(summary, key="corp")
with st.expander("Languages (articles not in English are listed but kept out of NLP)"):
    st.dataframe(
        corpora.languages_frame(data.build_info(src)), hide_index=True, key="corp_languages"
    )
rebuild = st.button("Re-analyse the current corpus (new or changed files)", key="corp_rebuild")
if rebuild or corpora.build_running(src.name):  # running: another tab's, or from before a reload
    components.render_build(src.name)

st.subheader("Analyse your own files")
upload.render_upload(key="corp")
if st.session_state.get("corp_switch_to"):
    st.button(
        f"Switch to '{st.session_state['corp_switch_to']}'",
        key="corp_switch",
        on_click=state.switch_corpus,
        args=(st.session_state["corp_switch_to"],),
    )
