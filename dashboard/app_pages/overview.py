"""Overview: key figures, top actors, mentions and tone over time, for the filtered corpus."""

import pandas as pd
import streamlit as st

from dashboard import charts, components, data, state

src, filters = state.current()
summary = data.corpus_summary(src)
figures = data.counts(src, filters)
actors, totals = data.top_actors(src, filters)  # the most mentioned, and all actors' totals

st.title("Overview")
components.render_filter_note(filters)
first, last = figures["first"], figures["last"]
days = (pd.Timestamp(last) - pd.Timestamp(first)).days + 1 if first else 0
cols = st.columns(6)
cols[0].metric(
    "Articles", f"{figures['articles']:,}", help=f"of {summary['articles']:,} in the corpus"
)
cols[1].metric("Actors", f"{totals['actors']:,}")
cols[2].metric("Mentions", f"{totals['mentions']:,}")
cols[3].metric("Date span", f"{days:,} days" if first else "—", help=f"{first} to {last}")
cols[4].metric("Undated articles", f"{figures['undated']:,}")
cols[5].metric("Rejected inputs", f"{len(summary['rejects']):,}")
st.caption(
    (f"Dated articles from {first} to {last}." if first else "No dated article matches.")
    + (f" {figures['copies']:,} syndicated copies set aside." if figures["copies"] else "")
)

top_n = st.slider("Actors in the charts", 3, 30, 15, key="ov_top")
share = components.render_attention_toggle(key="ov_share")
left, right = st.columns(2)
with left:
    st.plotly_chart(charts.plot_top_actors(actors, n=top_n), key="ov_top_chart")
    components.render_download(
        actors.head(top_n), corpus=src.name, filters=filters, table="top-actors", key="ov_dl_top"
    )
freq = data.freq(src, filters)
with right:
    top = tuple(actors["actor"].head(min(top_n, 8)))
    timeline = data.mentions_over_time(src, filters, top, freq, share)
    what = "Share of articles" if share else "Mentions"
    st.plotly_chart(
        charts.plot_mentions_over_time(
            timeline, title=f"{what} per {freq}, top {len(top)} actors", share=share
        ),
        key="ov_time_chart",
    )
    components.render_download(
        timeline,
        corpus=src.name,
        filters=filters,
        table=f"{'share' if share else 'mentions'}-per-{freq}",
        key="ov_dl_time",
    )
tone = data.tone_over_time(src, filters, freq)
st.plotly_chart(
    charts.plot_tone_over_time(tone, title=f"Mean tone of mentions per {freq}"), key="ov_tone_chart"
)
st.caption(
    "Tone is the mean tone of the mentions in each period (see the Sentiment page for how a "
    "mention's tone is computed). Undated mentions are counted in the figures but not drawn on "
    "time axes. A share is the articles of the period mentioning the actor over all the "
    "period's (filtered) articles, so it does not move with the corpus's volume."
)
components.render_tone_caption(data.build_info(src))
components.render_accuracy_note()
components.render_rejects(summary, key="ov")
