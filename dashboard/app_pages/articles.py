"""Articles: the filtered articles; read one with its mentions highlighted by type (escaped HTML)."""

import streamlit as st

from dashboard import components, data, state
from dashboard.highlight import legend, mark_spans

src, filters = state.current()
everything = data.article_list(src, filters)
SHOWN = 1_000  # the newest on screen and to pick from; the download holds all

st.title("Articles")
components.render_filter_note(filters)
listing = everything.head(SHOWN)
if len(everything) > SHOWN:
    st.caption(f"The newest {SHOWN:,} of {len(everything):,} articles; the download has all.")
st.dataframe(listing, hide_index=True, key="art_table")
components.render_table_download(src, filters, "articles", rows=len(everything), key="art_dl")
if listing.empty:
    st.stop()

ids = listing["article_id"].tolist()
labels = {
    row.article_id: f"{row.date or 'undated'} · {row.title or row.article_id}"
    for row in listing.itertuples(index=False)
}
if st.session_state.get("art_pick") not in labels:
    st.session_state["art_pick"] = ids[0]
picked = st.selectbox("Read", ids, format_func=labels.get, key="art_pick")
article = listing.set_index("article_id").loc[picked]
text = data.article_text(src, picked)
mine = data.article_mentions(src, filters, picked)
st.subheader(article["title"] or "(untitled)")
copy_of = article.get("duplicate_of", "") or ""
st.caption(
    f"{article['date'] or 'undated'} · {article['n_words']:,} words · tone {article['tone']:+.2f} · "
    f"{len(mine):,} mentions of {mine['actor'].nunique():,} actors (as filtered)"
    + (f" · {article['url']}" if article["url"] else "")
    + (f" · a syndicated copy of {copy_of}" if copy_of else "")
    + (f" · {int(article['copies']) - 1} copies elsewhere" if article.get("copies", 1) > 1 and not copy_of else "")
)  # fmt: skip
st.markdown(legend(), unsafe_allow_html=True)
spans = zip(mine["start"], mine["end"], mine["actor"], mine["actor_type"], strict=True)
st.markdown(
    f"<div data-testid='article-text' style='line-height:1.6'>{mark_spans(text, spans, paragraphs=True)}</div>",
    unsafe_allow_html=True,
)
st.dataframe(mine.drop(columns=["article_id"]), hide_index=True, key="art_mentions")
components.render_download(
    mine, corpus=src.name, filters=filters, table=f"mentions-{picked}", key="art_dl_mentions"
)
