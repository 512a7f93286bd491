"""Corpora: the default corpus and uploaded ones; upload files to analyse them apart from seeds/."""

import pandas as pd
import streamlit as st

from analysis.ingest.corpus import SUPPORTED
from dashboard import components, corpora, data, state

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
            "analysed": bool(info),
        }
    )
st.dataframe(pd.DataFrame(rows), hide_index=True, key="corp_table")
st.caption("Switch corpus in the sidebar. Each corpus has its own build and alias file.")
summary = data.corpus_summary(src)
st.subheader(f"Current corpus: {src.name}")
components.render_rejects(summary, key="corp")
rebuild = st.button("Re-analyse the current corpus (new or changed files)", key="corp_rebuild")
if rebuild or corpora.build_running(src.name):  # running: another tab's, or from before a reload
    components.render_build(src.name)

st.subheader("Analyse your own files")
st.markdown(
    f"Upload {', '.join(SUPPORTED)} files: `.txt` starts with `date YYYY-MM-DD`; `.csv` and "
    "`.jsonl` need `text` and `date` (optional `title`, `url`, `source`). Files are saved under "
    "`.actorscope/uploads/<name>/` and analysed into their own corpus; `seeds/` is never touched."
)
with st.form("corp_upload_form", clear_on_submit=False):
    raw_name = st.text_input("Corpus name", key="corp_name", placeholder="e.g. gulf-2024")
    files = st.file_uploader(
        "Files",
        type=[s.lstrip(".") for s in SUPPORTED],
        accept_multiple_files=True,
        key="corp_files",
    )
    submitted = st.form_submit_button("Upload and analyse", key="corp_go")
if submitted:
    try:
        name = corpora.upload_name(raw_name)
        if not files:
            raise ValueError("choose at least one file")
    except ValueError as exc:
        st.error(str(exc))
    else:
        saved, refused = corpora.save_uploads(name, [(f.name, f.getvalue()) for f in files])
        if refused:
            st.warning(f"Not a supported file type, not saved: {', '.join(refused)}")
        if saved:
            components.render_build(name)
            st.session_state["corp_switch_to"] = name
            st.success(f"Corpus '{name}' is ready: {len(saved)} file(s).")
if st.session_state.get("corp_switch_to"):
    st.button(
        f"Switch to '{st.session_state['corp_switch_to']}'",
        key="corp_switch",
        on_click=state.switch_corpus,
        args=(st.session_state["corp_switch_to"],),
    )
