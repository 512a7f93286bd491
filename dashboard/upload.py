"""The upload flow on the Corpora page: files in, the detected column mapping shown per file and
open to change, then the analysis. Calls st.*; file handling lives in `dashboard.corpora`."""

from __future__ import annotations

import streamlit as st

from analysis.ingest.columns import ROLES
from analysis.ingest.corpus import SUPPORTED
from dashboard import components, corpora

NONE = "(none)"
ORDERS = {"decide per file": None, "day first (01/07 = 1 July)": "dayfirst",
          "month first (01/07 = 7 January)": "monthfirst"}  # fmt: skip
FORMATS_NOTE = (
    "`.txt` (first line `date ...`), `.csv`, `.jsonl`, `.xlsx` (columns found by their usual "
    "names: text/body/content/story…, date/published_at/pubdate…, title/headline, url/link, "
    "source/media/outlet, id/guid), saved pages `.html`/`.htm`, and `.zip`/`.tar.gz`/`.gz` "
    "archives of them. "
)


def render_upload(*, key: str) -> None:
    """Step 1: name the corpus and upload files; step 2 (`render_mapping`) follows on its own."""
    st.markdown(
        f"Upload {FORMATS_NOTE}You will see the columns each file was read with, and can change "
        "them, before anything is analysed. Files are saved under `.actorscope/uploads/<name>/` "
        "and analysed into their own corpus; `seeds/` is never touched."
    )
    with st.form(f"{key}_upload_form", clear_on_submit=False):
        raw_name = st.text_input("Corpus name", key=f"{key}_name", placeholder="e.g. gulf-2024")
        files = st.file_uploader(
            "Files",
            type=sorted({s.rsplit(".", 1)[-1] for s in SUPPORTED}),
            accept_multiple_files=True,
            key=f"{key}_files",
        )
        submitted = st.form_submit_button("Upload", key=f"{key}_go")
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
                st.session_state[f"{key}_pending"] = name
    pending = st.session_state.get(f"{key}_pending")
    if pending:
        render_mapping(pending, key=key)


def render_mapping(name: str, *, key: str) -> None:
    """Per table-like file: its columns and the role each was given, as selectboxes to change."""
    st.markdown(f"**Columns of '{name}'**: check what each file's columns were taken for.")
    previews = corpora.column_previews(name)
    choices: dict[str, dict[str, str]] = {}
    for i, preview in enumerate(previews):
        with st.expander(preview.key, expanded=True):
            if preview.problem:
                st.warning(preview.problem)
            options = [NONE, *preview.columns]
            roles = {}
            for column, role in zip(st.columns(len(ROLES)), ROLES, strict=True):
                found = preview.mapping.get(role)
                pick = column.selectbox(
                    role,
                    options,
                    index=options.index(found) if found in options else 0,
                    key=f"{key}_map_{i}_{role}",
                )
                roles[role] = "" if pick == NONE else pick
            choices[preview.key] = roles
    if not previews:
        st.caption("No table-like files here (only texts, pages or archives of them).")
    label = st.radio(
        "Numeric dates such as 01/07/2024", list(ORDERS), key=f"{key}_order", horizontal=True
    )
    if st.button(f"Analyse '{name}'", key=f"{key}_analyse", type="primary"):
        missing = [k for k, roles in choices.items() if not roles["text"]]
        if missing:
            st.error(f"Choose the text column of: {', '.join(missing)}")
            return
        corpora.save_input_options(name, choices, ORDERS[label])
        components.render_build(name)
        st.session_state.pop(f"{key}_pending", None)
        st.session_state[f"{key}_switch_to"] = name
        st.success(f"Corpus '{name}' is ready.")
