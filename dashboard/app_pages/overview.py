"""Overview: key figures, top actors, mentions and tone over time, for the filtered corpus."""

import pandas as pd
import streamlit as st

from analysis.tables.views import mentions_over_time, pick_freq, tone_over_time
from dashboard import charts, components, data, state

src, filters = state.current()
tables = data.filtered(src, filters)
summary = data.corpus_summary(src)
articles, mentions, actors = tables["articles"], tables["mentions"], tables["actors"]

st.title("Overview")
components.render_filter_note(filters)
dated = articles["date"][articles["date"] != ""]
first, last = (dated.min(), dated.max()) if len(dated) else ("", "")
days = (pd.Timestamp(last) - pd.Timestamp(first)).days + 1 if first else 0
cols = st.columns(6)
cols[0].metric("Articles", f"{len(articles):,}", help=f"of {summary['articles']:,} in the corpus")
cols[1].metric("Actors", f"{len(actors):,}")
cols[2].metric("Mentions", f"{len(mentions):,}")
cols[3].metric("Date span", f"{days:,} days" if first else "—", help=f"{first} to {last}")
cols[4].metric("Undated articles", f"{int((articles['date'] == '').sum()):,}")
cols[5].metric("Rejected inputs", f"{len(summary['rejects']):,}")
st.caption(f"Dated articles from {first} to {last}." if first else "No dated article matches.")

top_n = st.slider("Actors in the charts", 3, 30, 15, key="ov_top")
left, right = st.columns(2)
with left:
    st.plotly_chart(charts.plot_top_actors(actors, n=top_n), key="ov_top_chart")
    components.render_download(
        actors.head(top_n), corpus=src.name, filters=filters, table="top-actors", key="ov_dl_top"
    )
with right:
    freq = pick_freq(mentions["date"])
    top = actors["actor"].head(min(top_n, 8)).tolist()
    timeline = mentions_over_time(mentions, top, freq=freq)
    st.plotly_chart(
        charts.plot_mentions_over_time(
            timeline, title=f"Mentions per {freq}, top {len(top)} actors"
        ),
        key="ov_time_chart",
    )
    components.render_download(
        timeline, corpus=src.name, filters=filters, table=f"mentions-per-{freq}", key="ov_dl_time"
    )
tone = tone_over_time(mentions, freq=freq)
st.plotly_chart(
    charts.plot_tone_over_time(tone, title=f"Mean tone of mentions per {freq}"), key="ov_tone_chart"
)
st.caption(
    "Tone is the mean tone of the mentions in each period (see the Sentiment page for how a "
    "mention's tone is computed). Undated mentions are counted in the figures but not drawn on "
    "time axes."
)
components.render_tone_caption(data.build_info(src))
components.render_accuracy_note()
components.render_rejects(summary, key="ov")
