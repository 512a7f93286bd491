"""Sentiment: actors ranked by tone toward them (with counts, spread and flags), tone over time."""

from functools import partial

import streamlit as st

from analysis.store import to_csv_bytes
from dashboard import charts, components, data, evidence, state

SHOWN = 1_000  # rows of the ranking on screen (with its most positive); the download has all

src, filters = state.current()
actors = data.top_actors(src, filters)[0]  # the most mentioned

st.title("Sentiment")
components.render_filter_note(filters)
with st.expander("How tone is computed, and how accurate it is", expanded=True):
    components.render_tone_method(data.build_info(src))

minimum = st.number_input("Minimum mentions to rank an actor", 1, 1000, 5, key="sent_min")
ranking, totals = data.tone_ranking(src, filters, int(minimum), SHOWN, 15)
st.plotly_chart(
    charts.plot_tone_ranking(ranking, n=15, title=f"Tone toward actors ({totals['ranked']:,} ranked)"),
    key="sent_rank_chart",
)  # fmt: skip
st.caption(
    f"{totals['ranked']:,} actors have at least {int(minimum)} mentions and are ranked; "
    f"{totals['actors'] - totals['ranked']:,} have fewer and are listed below the ranking, flagged, not ranked. "
    "Bars show the mean tone with a 95% interval (mean ± 1.96·sd/√n); "
    "'few mentions' flags ranked actors under twice the minimum."
)
if totals["actors"] > len(ranking):
    st.caption(f"The first {SHOWN:,} of {totals['actors']:,} rows and the 15 most positive; the download has all.")  # fmt: skip
st.dataframe(ranking, hide_index=True, key="sent_table")
whole = partial(data.tone_ranking, src, filters, int(minimum), None, 0)
st.download_button(
    f"Download tone-ranking CSV ({totals['actors']:,} rows)",
    data=lambda: to_csv_bytes(whole()[0], escape=True),  # made on click, not on every rerun
    file_name=components.download_name(src.name, "tone-ranking", filters),
    mime="text/csv",
    key="sent_dl_rank",
    on_click="ignore",
)

st.subheader("Tone over time")
found = set(data.actor_rows(src, filters, filters.actors)["actor"])
picked = [a for a in filters.actors if a in found]
default = picked or actors[actors["mentions"] >= minimum]["actor"].head(4).tolist()
chosen = st.multiselect(
    "Actors", list(dict.fromkeys([*actors["actor"], *picked])), default=default,
    key="sent_actors", help=f"The {len(actors):,} most mentioned (and the chosen actors).",
)  # fmt: skip
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
    negative, positive = data.tone_ends(src, filters, actor, 5)  # one query for both
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
