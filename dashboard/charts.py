"""DataFrame -> plotly Figure. No streamlit here: figures are returned, never shown.

Every figure draws a table the page also offers as a download, so a bar's height is a row count
of that table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

if TYPE_CHECKING:  # a type hint only: networkx costs a first page 0.3 s to import
    import networkx as nx

TONE_SCALE = "RdBu"  # red = negative, blue = positive
COMMUNITY_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip
_MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


def _empty(title: str, message: str = "Nothing matches the filters") -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(title=title, xaxis_visible=False, yaxis_visible=False, margin=_MARGIN)
    return fig


def plot_top_actors(actors: pd.DataFrame, *, n: int = 15, title: str = "Top actors") -> go.Figure:
    """Horizontal bars of mentions for the `n` most mentioned actors (most on top)."""
    top = actors.sort_values(["mentions", "actor"], ascending=[False, True]).head(n)
    if top.empty:
        return _empty(title)
    top = top.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=top["mentions"],
            y=top["actor"],
            orientation="h",
            customdata=top["tone"],
            marker_color="#1f5f99",
            hovertemplate="%{y}: %{x} mentions, mean tone %{customdata:.2f}<extra></extra>",
        )
    )
    fig.update_layout(title=title, margin=_MARGIN, height=max(300, 24 * len(top) + 80))
    fig.update_xaxes(title="mentions")
    return fig


def plot_mentions_over_time(
    frame: pd.DataFrame, *, title: str = "Mentions over time", share: bool = False
) -> go.Figure:
    """One line per actor: mentions per period, or with `share` the share of the period's
    articles that mention the actor (`frame` from analysis.query.views.mentions_over_time)."""
    if frame.empty:
        return _empty(title)
    fig = go.Figure()
    y = "share" if share else "mentions"
    order = frame.groupby("actor")[y].sum().sort_values(ascending=False).index
    for actor in order:
        rows = frame[frame["actor"] == actor].sort_values("period")
        hover = (
            f"{actor} %{{x}}: %{{y:.1%}} of articles (%{{customdata}})<extra></extra>"
            if share
            else f"{actor} %{{x}}: %{{y}} mentions, tone %{{customdata:.2f}}<extra></extra>"
        )
        fig.add_trace(
            go.Scatter(
                x=rows["period"],
                y=rows[y],
                name=actor,
                mode="lines+markers",
                customdata=rows["articles"] if share else rows["tone"],
                hovertemplate=hover,
            )
        )
    fig.update_layout(title=title, margin=_MARGIN, hovermode="closest")
    fig.update_xaxes(type="category", title="period")
    fig.update_yaxes(
        title="share of the period's articles" if share else "mentions",
        rangemode="tozero",
        tickformat=".0%" if share else None,
    )
    return fig


def plot_tone_over_time(
    frame: pd.DataFrame, *, title: str = "Tone over time", by_actor: bool = False
) -> go.Figure:
    """Mean tone per period (one line, or one per actor with `by_actor`), on a fixed [-1, 1] axis."""
    if frame.empty:
        return _empty(title)
    fig = go.Figure()
    groups = frame.groupby("actor", sort=True) if by_actor else [("all mentions", frame)]
    for name, rows in groups:
        rows = rows.sort_values("period")
        fig.add_trace(
            go.Scatter(
                x=rows["period"],
                y=rows["tone"],
                name=str(name),
                mode="lines+markers",
                customdata=rows["mentions"],
                hovertemplate=f"{name} %{{x}}: tone %{{y:.2f}} over %{{customdata}} mentions<extra></extra>",
            )
        )
    fig.add_hline(y=0, line_dash="dot", line_color="#888")
    fig.update_layout(title=title, margin=_MARGIN, showlegend=by_actor)
    fig.update_xaxes(type="category", title="period")
    fig.update_yaxes(title="mean tone", range=[-1, 1])
    return fig


def plot_tone_ranking(
    ranking: pd.DataFrame, *, n: int = 20, title: str = "Tone toward actors"
) -> go.Figure:
    """The `n` most negative and `n` most positive ranked actors, with 95% intervals."""
    ranked = ranking[ranking["ranked"]]
    if ranked.empty:
        return _empty(title, "No actor has enough mentions to rank")
    shown = pd.concat([ranked.head(n), ranked.tail(n)]).drop_duplicates("actor")
    shown = shown.sort_values("tone")
    fig = go.Figure(
        go.Bar(
            x=shown["tone"],
            y=shown["actor"],
            orientation="h",
            customdata=shown[["mentions", "flag"]].to_numpy(),
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (shown["ci_high"] - shown["tone"]).to_numpy(),
                "arrayminus": (shown["tone"] - shown["ci_low"]).to_numpy(),
            },
            marker_color=shown["tone"],
            marker_colorscale=TONE_SCALE,
            marker_cmin=-1,
            marker_cmax=1,
            hovertemplate="%{y}: tone %{x:.2f} over %{customdata[0]} mentions %{customdata[1]}<extra></extra>",
        )
    )
    fig.update_layout(title=title, margin=_MARGIN, height=max(300, 22 * len(shown) + 80))
    fig.update_xaxes(title="mean tone (95% interval)", range=[-1, 1])
    return fig


def plot_network(
    graph: nx.Graph,
    pos: dict[str, tuple[float, float]],
    *,
    color_by: str = "tone",
    title: str = "Co-occurrence network",
) -> go.Figure:
    """Edges (width = NPMI weight), clickable edge midpoints, and nodes (size = mentions).

    Traces: edges grouped by width (no hover), "edges" midpoints with customdata [a, b],
    "actors" nodes with customdata [actor]; the page tells clicks apart by that length.
    """
    if graph.number_of_nodes() == 0:
        return _empty(title)
    fig = go.Figure()
    buckets: dict[float, tuple[list, list]] = {}
    mid_x, mid_y, mid_data, mid_text = [], [], [], []
    for a, b, d in sorted(graph.edges(data=True)):
        width = round(0.5 + 5 * max(d["weight"], 0.0), 1)
        xs, ys = buckets.setdefault(width, ([], []))
        xs += [pos[a][0], pos[b][0], None]
        ys += [pos[a][1], pos[b][1], None]
        mid_x.append((pos[a][0] + pos[b][0]) / 2)
        mid_y.append((pos[a][1] + pos[b][1]) / 2)
        mid_data.append([min(a, b), max(a, b)])
        mid_text.append(f"{a} – {b}: weight {d['weight']:.2f}, {d['sentences']} shared sentences")
    for width, (xs, ys) in sorted(buckets.items()):
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", line={"width": width, "color": "#9aa5b1"},
                hoverinfo="skip", showlegend=False, name=f"edges {width}",
            )
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=mid_x, y=mid_y, mode="markers", name="edges", customdata=mid_data,
            text=mid_text, hovertemplate="%{text}<extra></extra>",
            marker={"size": 8, "color": "rgba(120,130,140,0.25)"}, showlegend=False,
        )
    )  # fmt: skip
    nodes = sorted(graph.nodes(data=True))
    mentions = [d["mentions"] for _, d in nodes]
    largest = max(mentions) or 1
    if color_by == "community":
        colors = [COMMUNITY_COLORS[d.get("community", 0) % len(COMMUNITY_COLORS)] for _, d in nodes]
        marker = {"color": colors}
    else:
        marker = {
            "color": [d["tone"] for _, d in nodes], "colorscale": TONE_SCALE, "cmin": -1,
            "cmax": 1, "colorbar": {"title": {"text": "tone"}, "thickness": 12},
        }  # fmt: skip
    marker |= {
        "size": [10 + 40 * (m / largest) ** 0.5 for m in mentions],
        "line": {"width": 1, "color": "#333"},
    }
    fig.add_trace(
        go.Scatter(
            x=[pos[n][0] for n, _ in nodes],
            y=[pos[n][1] for n, _ in nodes],
            mode="markers+text",
            name="actors",
            text=[n for n, _ in nodes],
            textposition="top center",
            customdata=[[n] for n, _ in nodes],
            hovertext=[
                f"{n} ({d['actor_type']}): {d['mentions']} mentions, tone {d['tone']:.2f}"
                for n, d in nodes
            ],
            hoverinfo="text",
            marker=marker,
            showlegend=False,
        )
    )
    fig.update_layout(
        title=title, margin=_MARGIN, height=650, clickmode="event+select", dragmode="pan",
        xaxis={"visible": False}, yaxis={"visible": False},
    )  # fmt: skip
    return fig


def plot_actor_timeline(frame: pd.DataFrame, *, title: str = "Mentions and tone") -> go.Figure:
    """Bars of mentions per period and a tone line on a second axis, for one actor."""
    if frame.empty:
        return _empty(title, "No dated mentions")
    rows = frame.sort_values("period")
    fig = go.Figure()
    fig.add_trace(go.Bar(x=rows["period"], y=rows["mentions"], name="mentions"))
    fig.add_trace(
        go.Scatter(
            x=rows["period"], y=rows["tone"], name="mean tone", yaxis="y2",
            mode="lines+markers", line={"color": "#d62728"},
        )
    )  # fmt: skip
    fig.update_layout(
        title=title, margin=_MARGIN,
        yaxis={"title": "mentions", "rangemode": "tozero"},
        yaxis2={
            "title": "mean tone", "overlaying": "y", "side": "right", "range": [-1.05, 1.05],
            "tickvals": [-1, -0.5, 0, 0.5, 1], "showgrid": False,
        },
        xaxis={"type": "category"}, legend={"orientation": "h"},
    )  # fmt: skip
    return fig
