"""Sentiment: actors ranked by tone toward them (with counts, spread and flags), tone over time."""

import streamlit as st

from analysis.tables.views import tone_ranking
from dashboard import charts, components, data, evidence, state

src, filters = state.current()
actors = data.actors(src, filters)

st.title("Sentiment")
components.render_filter_note(filters)
with st.expander("How tone is computed, and how accurate it is", expanded=True):
    components.render_tone_method(data.build_info(src))

minimum = st.number_input("Minimum mentions to rank an actor", 1, 1000, 5, key="sent_min")
ranking = tone_ranking(actors, min_mentions=int(minimum))
ranked = ranking[ranking["ranked"]]
st.plotly_chart(
    charts.plot_tone_ranking(ranking, n=15, title=f"Tone toward actors ({len(ranked):,} ranked)"),
    key="sent_rank_chart",
)
st.caption(
    f"{len(ranked):,} actors have at least {int(minimum)} mentions and are ranked; "
    f"{len(ranking) - len(ranked):,} have fewer and are listed below the ranking, flagged, not ranked. "
    "Bars show the mean tone with a 95% interval (mean ± 1.96·sd/√n); "
    "'few mentions' flags ranked actors under twice the minimum."
)
st.dataframe(ranking, hide_index=True, key="sent_table")
components.render_download(
    ranking, corpus=src.name, filters=filters, table="tone-ranking", key="sent_dl_rank"
)

st.subheader("Tone over time")
default = [a for a in filters.actors if a in set(actors["actor"])] or ranked.sort_values(
    "mentions", ascending=False
)["actor"].head(4).tolist()
chosen = st.multiselect("Actors", actors["actor"].tolist(), default=default, key="sent_actors")
freq = data.freq(src, filters)
timeline = data.mentions_over_time(src, filters, tuple(chosen), freq)
st.plotly_chart(
    charts.plot_tone_over_time(timeline, by_actor=True, title=f"Mean tone per {freq}"),
    key="sent_time_chart",
)
components.render_download(
    timeline, corpus=src.name, filters=filters, table=f"tone-per-{freq}", key="sent_dl_time"
)

st.subheader("Most negative and most positive sentences")
if chosen:
    actor = st.selectbox("Actor", chosen, key="sent_extreme_actor")
    negative = data.evidence(src, filters, (actor,), "sentence", "negative", 5)
    positive = data.evidence(src, filters, (actor,), "sentence", "positive", 5)
    left, right = st.columns(2)
    with left:
        st.markdown("**Most negative**")
        evidence.render_evidence(
            len(negative), lambda n, at: negative.iloc[at : at + n], key="sent_neg",
            what="negative sentences",
        )  # fmt: skip
    with right:
        st.markdown("**Most positive**")
        evidence.render_evidence(
            len(positive), lambda n, at: positive.iloc[at : at + n], key="sent_pos",
            what="positive sentences",
        )  # fmt: skip
else:
    st.info("Choose actors above.")
