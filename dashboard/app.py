"""Actorscope dashboard: `streamlit run dashboard/app.py` from the repo root (or `make run`)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run` puts dashboard/ on the path, not the repo root
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import components, corpora, data, state  # noqa: E402

# No page or favicon icons: Streamlit fetches material icons from fonts.gstatic.com (offline tool).
st.set_page_config(page_title="Actorscope", layout="wide")

names = corpora.list_corpora()
state.seed_from_url(names)
st.sidebar.selectbox("Corpus", names, key=state.CORPUS, help="Add one on the Corpora page.")
if not corpora.is_built(st.session_state[state.CORPUS]):
    components.render_build(st.session_state[state.CORPUS])
src, _ = state.current()
components.render_filters(src, data.corpus_summary(src))
state.sync_url()

PAGES = Path(__file__).with_name("app_pages")
navigation = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", default=True),
        st.Page(PAGES / "actor.py", title="Actor profile"),
        st.Page(PAGES / "network.py", title="Network"),
        st.Page(PAGES / "quotes.py", title="Quotes"),
        st.Page(PAGES / "sentiment.py", title="Sentiment"),
        st.Page(PAGES / "articles.py", title="Articles"),
        st.Page(PAGES / "tables.py", title="Data", url_path="data"),
        st.Page(PAGES / "resolution.py", title="Resolution"),
        st.Page(PAGES / "corpora.py", title="Corpora"),
    ]
)
navigation.run()
