"""Network: co-occurrence graph of the filtered actors; click a node to focus, an edge for evidence."""

from functools import partial

import streamlit as st

from analysis.tables.network import graph_tables, to_gexf_bytes, to_graphml_bytes
from dashboard import charts, components, data, evidence, graph_data, state
from dashboard.directed import render_directed

src, filters = state.current()

st.title("Network")
components.render_filter_note(filters)
mode = st.radio("Edges", ["co-occurrence", "directed relations"], key="net_mode", horizontal=True)
if mode == "directed relations":
    render_directed(src, filters, top_n=st.slider("Top edges", 5, 200, 60, key="net_dir_top"))
    st.stop()
cols = st.columns(4)
window = cols[0].radio(
    "Co-occurrence window", ["sentence", "article"], key="net_window", horizontal=True
)
top_n = cols[1].slider("Top actors (by mentions)", 5, 150, 40, key="net_top")
min_weight = cols[2].slider(
    "Minimum edge weight (NPMI)", -1.0, 1.0, 0.0, 0.05, key="net_min_weight"
)
color_by = cols[3].radio("Colour by", ["tone", "community"], key="net_color", horizontal=True)

graph, pos = graph_data.graph(src, filters, window, top_n, min_weight)
nodes, edges = graph_tables(graph)


def _on_click() -> None:
    """A click on a node focuses the whole dashboard on that actor (its ego network here)."""
    points = st.session_state["net_chart"].selection.get("points", [])
    picked = [p.get("customdata") for p in points if p.get("customdata")]
    actors = [
        c[0] if isinstance(c, list) else c for c in picked if not isinstance(c, list) or len(c) == 1
    ]
    pairs = [c for c in picked if isinstance(c, list) and len(c) == 2]
    if actors:
        state.focus_on(actors[0])
    elif pairs:
        st.session_state["net_edge"] = f"{pairs[0][0]} – {pairs[0][1]}"


if filters.actors:
    st.info(
        f"Ego network of {', '.join(filters.actors)}: these actors, their neighbours and the edges among them."
    )
    st.button(
        "Show the whole network (clear the actor filter)",
        key="net_clear",
        on_click=state.focus_on_none,
    )
st.plotly_chart(
    charts.plot_network(graph, pos, color_by=color_by, title=f"{len(nodes)} actors, {len(edges)} edges ({window} window)"),
    key="net_chart", on_select=_on_click, selection_mode="points",
)  # fmt: skip
st.caption(
    "Node size = mentions; edge width = weight (NPMI over the filtered "
    f"{window}s); colour = {'mean tone toward the actor' if color_by == 'tone' else 'Louvain community'}. "
    "Click a node to focus on it; click an edge's midpoint (or pick it below) to read the shared sentences."
)
if color_by == "tone":
    components.render_tone_caption(data.build_info(src))

left, right, third = st.columns(3)
left.download_button("Download GEXF (Gephi)", partial(to_gexf_bytes, graph), file_name=f"actorscope_{src.name}_network_{filters.slug()}.gexf", mime="application/xml", key="net_dl_gexf", on_click="ignore")  # fmt: skip
right.download_button("Download GraphML", partial(to_graphml_bytes, graph), file_name=f"actorscope_{src.name}_network_{filters.slug()}.graphml", mime="application/xml", key="net_dl_graphml", on_click="ignore")  # fmt: skip
with third:
    components.render_download(
        edges, corpus=src.name, filters=filters, table="network-edges", key="net_dl_edges"
    )

st.subheader("Shared sentences of an edge")
labels = [f"{a} – {b}" for a, b in zip(edges["actor_a"], edges["actor_b"], strict=True)]
if st.session_state.get("net_edge") not in labels:
    st.session_state["net_edge"] = None
choice = st.selectbox(
    "Edge", labels, key="net_edge", placeholder="pick an edge or click one", index=None
)
if choice:
    a, b = choice.split(" – ", 1)
    total, _ = data.evidence_count(src, filters, (a, b), window)
    st.download_button(
        f"Download edge-evidence CSV ({total:,} rows)",
        data=partial(evidence.evidence_csv, src, filters, (a, b), window),  # made on click
        file_name=components.download_name(src.name, "edge-evidence", filters.with_actors((a, b))),
        mime="text/csv",
        key="net_dl_shared",
        on_click="ignore",
    )
    evidence.render_evidence(
        total,
        partial(data.evidence, src, filters, (a, b), window, "date"),
        key="net_ev",
        what=f"sentences of {a} and {b}",
    )
with st.expander(f"Nodes ({len(nodes)}) and edges ({len(edges)})"):
    st.dataframe(nodes, hide_index=True, key="net_nodes")
    st.dataframe(edges, hide_index=True, key="net_edges")
