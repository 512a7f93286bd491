"""Articles: the filtered articles; read one with its mentions highlighted by type (escaped HTML)."""

import streamlit as st

from dashboard import components, data, state
from dashboard.highlight import legend, mark_spans

src, filters = state.current()
tables = data.filtered(src, filters)
articles, mentions = tables["articles"], tables["mentions"]

st.title("Articles")
components.render_filter_note(filters)
listing = articles.drop(columns=["text"]).sort_values(["date", "title"], ascending=[False, True])
st.dataframe(listing, hide_index=True, key="art_table")
components.render_download(
    articles, corpus=src.name, filters=filters, table="articles", key="art_dl"
)
if articles.empty:
    st.stop()

ids = listing["article_id"].tolist()
labels = {
    row.article_id: f"{row.date or 'undated'} · {row.title or row.article_id}"
    for row in listing.itertuples(index=False)
}
if st.session_state.get("art_pick") not in ids:
    st.session_state["art_pick"] = ids[0]
picked = st.selectbox("Read", ids, format_func=labels.get, key="art_pick")
article = articles.set_index("article_id").loc[picked]
mine = mentions[mentions["article_id"] == picked]
st.subheader(article["title"] or "(untitled)")
st.caption(
    f"{article['date'] or 'undated'} · {article['n_words']:,} words · tone {article['tone']:+.2f} · "
    f"{len(mine):,} mentions of {mine['actor'].nunique():,} actors (as filtered)"
    + (f" · {article['url']}" if article["url"] else "")
)
st.markdown(legend(), unsafe_allow_html=True)
spans = zip(mine["start"], mine["end"], mine["actor"], mine["actor_type"], strict=True)
st.markdown(
    f"<div data-testid='article-text' style='line-height:1.6'>{mark_spans(article['text'], spans, paragraphs=True)}</div>",
    unsafe_allow_html=True,
)
st.dataframe(mine.drop(columns=["article_id"]), hide_index=True, key="art_mentions")
components.render_download(
    mine, corpus=src.name, filters=filters, table=f"mentions-{picked}", key="art_dl_mentions"
)
