"""Actor profile: one actor's mentions and tone over time, aliases, partners, and all the evidence."""

from functools import partial

import streamlit as st

from analysis.store import to_csv_bytes
from dashboard import charts, components, data, evidence, state
from dashboard.relate_view import render_actor_relate

src, filters = state.current()
actors = data.top_actors(src, filters)[0]  # the most mentioned

st.title("Actor profile")
components.render_filter_note(filters)
if actors.empty:
    st.info("No actor matches the filters.")
    st.stop()
chosen = data.actor_rows(src, filters, filters.actors)["actor"].tolist()  # any, if filtered in
names = list(dict.fromkeys([*actors["actor"], *chosen]))
if st.session_state.get("actor_pick") not in set(names):
    st.session_state["actor_pick"] = next((a for a in filters.actors if a in chosen), names[0])
actor = st.selectbox(
    "Actor", names, key="actor_pick",
    help=f"The {len(actors):,} most mentioned in the filtered set (by mentions), then the chosen "
    "actors; pick any other with the sidebar's Actors filter.",
)  # fmt: skip
row = data.actor_row(src, filters, actor)

cols = st.columns(5)
cols[0].metric("Mentions", f"{int(row['mentions']):,}")
cols[1].metric("Articles", f"{int(row['articles']):,}")
cols[2].metric("Mean tone", f"{row['tone']:+.2f}", help=f"standard deviation {row['tone_sd']:.2f}")
cols[3].metric("Type", row["actor_type"])
cols[4].metric("Affiliation", row["affiliation"] or "—")
st.markdown(f"**Aliases seen** (most used first): {row['aliases'] or '—'}")
components.render_accuracy_note()
if row["first_date"]:
    st.caption(f"First mention {row['first_date']}, last {row['last_date']}.")

freq = data.freq(src, filters, actor)
timeline = data.mentions_over_time(src, filters, (actor,), freq)
st.plotly_chart(
    charts.plot_actor_timeline(timeline, title=f"{actor}: mentions and mean tone per {freq}"),
    key="actor_time_chart",
)
components.render_tone_caption(data.build_info(src))

st.subheader("Appears most with")
partners = data.partners(src, filters, actor, 50)


def _partners_csv(src, filters, actor) -> bytes:
    return to_csv_bytes(data.partners(src, filters, actor), escape=True)


st.caption(
    "Ranked by weight (NPMI: 1 = always together, 0 = as often as chance), not raw count, so "
    "frequent actors do not top every list. Partners sharing a single sentence come after "
    "those sharing two or more (one sentence gives a high weight to any rare name)."
)
st.dataframe(partners, hide_index=True, key="actor_partners")
st.download_button(
    "Download all partners CSV",
    data=partial(_partners_csv, src, filters, actor),  # made on click
    file_name=components.download_name(src.name, "partners", filters.with_actors((actor,))),
    mime="text/csv",
    key="actor_dl_partners",
    on_click="ignore",
)

st.subheader("Evidence")
sentences, mentions = data.evidence_count(src, filters, (actor,))
st.caption(f"{mentions:,} mentions in {sentences:,} sentences.")
st.download_button(
    f"Download evidence CSV ({sentences:,} rows)",
    data=partial(evidence.evidence_csv, src, filters, (actor,)),  # made on click
    file_name=components.download_name(src.name, "evidence", filters.with_actors((actor,))),
    mime="text/csv",
    key="actor_dl_evidence",
    on_click="ignore",
)
evidence.render_evidence(
    sentences, partial(data.evidence, src, filters, (actor,), "sentence", "date"), key="actor_ev"
)

render_actor_relate(src, filters, actor)
