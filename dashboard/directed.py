"""The Network page's directed mode: relations_summary as arrows source -> target, coloured by
quad or tone, width by count; a click on an edge's midpoint shows its evidence rows."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.tables.selection import Filters
from dashboard import components, relate_data
from dashboard.corpora import Source
from dashboard.relate_view import render_relate_off

QUAD_COLORS = {
    "verbal cooperation": "#60a5fa",
    "material cooperation": "#1d4ed8",
    "verbal conflict": "#f97316",
    "material conflict": "#b91c1c",
    "statement": "#9ca3af",
}


def directed_edges(summary: pd.DataFrame) -> pd.DataFrame:
    """One row per (source, target): relations, articles, mean tone, the most frequent quad."""
    if summary.empty:
        return pd.DataFrame(columns=["source", "target", "relations", "articles", "tone", "quad"])
    weighted = summary.assign(tone_sum=summary["tone"] * summary["relations"])
    quad = weighted.sort_values("relations", ascending=False).drop_duplicates(["source", "target"])
    out = weighted.groupby(["source", "target"], as_index=False).agg(
        relations=("relations", "sum"), articles=("articles", "sum"), tone_sum=("tone_sum", "sum")
    )
    out["tone"] = (out["tone_sum"] / out["relations"]).round(4)
    out = out.merge(quad[["source", "target", "quad"]], on=["source", "target"])
    return out.drop(columns=["tone_sum"]).sort_values("relations", ascending=False)


def plot_directed(edges: pd.DataFrame, *, color_by: str = "quad") -> go.Figure:
    """Arrows source -> target (annotations) and clickable edge midpoints (customdata)."""
    graph = nx.DiGraph()
    graph.add_edges_from(zip(edges["source"], edges["target"], strict=True))
    pos = nx.spring_layout(graph, seed=15) if len(graph) else {}
    fig = go.Figure()
    mids_x, mids_y, custom, colors = [], [], [], []
    for row in edges.itertuples(index=False):
        (x0, y0), (x1, y1) = pos[row.source], pos[row.target]
        if color_by == "quad":
            color = QUAD_COLORS.get(row.quad, "#9ca3af")
        else:
            color = "#b91c1c" if row.tone < -0.05 else "#15803d" if row.tone > 0.05 else "#9ca3af"
        fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
                           showarrow=True, arrowhead=3, arrowwidth=min(1 + row.relations, 8),
                           arrowcolor=color, standoff=8, text="")  # fmt: skip
        mids_x.append((x0 + x1) / 2)
        mids_y.append((y0 + y1) / 2)
        custom.append([row.source, row.target])
        colors.append(color)
    fig.add_trace(go.Scatter(
        x=mids_x, y=mids_y, mode="markers", marker={"size": 10, "color": colors},
        customdata=custom, name="edges",
        hovertemplate="%{customdata[0]} -> %{customdata[1]}<extra></extra>",
    ))  # fmt: skip
    names = list(graph.nodes)
    fig.add_trace(go.Scatter(
        x=[pos[n][0] for n in names], y=[pos[n][1] for n in names], mode="markers+text",
        text=names, textposition="top center", marker={"size": 14, "color": "#e5e7eb"},
        name="actors", hoverinfo="text",
    ))  # fmt: skip
    fig.update_layout(showlegend=False, xaxis={"visible": False}, yaxis={"visible": False},
                      height=600, margin={"l": 0, "r": 0, "t": 10, "b": 0})  # fmt: skip
    return fig


def render_directed(src: Source, filters: Filters, *, top_n: int) -> None:
    if render_relate_off(src):
        return
    found = relate_data.quotes_relations(src, filters)
    edges = directed_edges(found["relations_summary"]).head(top_n)
    color_by = st.radio("Colour by", ["quad", "tone"], key="net_dir_color", horizontal=True)
    st.caption(f"{len(edges):,} directed edges ({int(edges['relations'].sum()):,} relations); "
               "arrow width by count. Click an edge's dot for its evidence.")  # fmt: skip
    event = st.plotly_chart(plot_directed(edges, color_by=color_by), on_select="rerun",
                            selection_mode="points", key="net_dir_chart")  # fmt: skip
    st.dataframe(edges, hide_index=True, key="net_dir_edges")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    picked = next((p["customdata"] for p in points if p.get("customdata")), None)
    if picked:
        rel = found["relations"]
        rows = rel[(rel["source"] == picked[0]) & (rel["target"] == picked[1])]
        st.subheader(f"{picked[0]} -> {picked[1]}: {len(rows):,} relations")
        st.dataframe(rows[["date", "verb", "event", "quad", "tone", "negated", "hypothetical",
                           "reported_by", "text", "article_id"]], hide_index=True)  # fmt: skip
        components.render_download(rows, corpus=src.name, filters=filters,
                                   table="relations-edge", key="net_dir_dl")  # fmt: skip
