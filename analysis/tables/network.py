"""Co-occurrence graph: filtered actors and edges in, a networkx graph, a stable layout and exports out.

Pure computation (no streamlit): the Network page draws what `build_graph` and `layout` return,
and offers `to_gexf_bytes` / `to_graphml_bytes` of the very graph it shows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Literal

import networkx as nx
import pandas as pd

LAYOUT_SEED = 7
ColorBy = Literal["tone", "community"]


def build_graph(
    actors: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    top_n: int = 40,
    min_weight: float = 0.0,
    focus: Sequence[str] = (),
    keep_isolates: bool = False,
) -> nx.Graph:
    """Graph of the `top_n` actors by mentions (ties by name) and their edges with weight >= min_weight.

    `actors` is a (filtered) actors table, `edges` a co-occurrence table. With `focus`, the graph
    is the ego network of those actors: them, their neighbours among the kept actors, and the
    edges among all of these. Node attributes: mentions, articles, tone, actor_type, affiliation,
    community; edge attributes: weight (NPMI), sentences, articles, tone. Actors left without an
    edge are removed (a focus actor always stays) unless `keep_isolates`.
    """
    if top_n < 1:
        raise ValueError("top_n must be at least 1")
    if not -1.0 <= min_weight <= 1.0:
        raise ValueError("min_weight is an NPMI weight, in [-1, 1]")
    ranked = actors.sort_values(["mentions", "actor"], ascending=[False, True])
    known = set(actors["actor"].to_numpy(dtype=object))
    focus = [a for a in focus if a in known]
    chosen = set(graph_actors(actors, top_n=top_n, focus=focus))
    graph = nx.Graph()
    for row in ranked[ranked["actor"].isin(chosen)].sort_values("actor").itertuples(index=False):
        graph.add_node(
            row.actor,
            mentions=int(row.mentions),
            articles=int(row.articles),
            tone=float(row.tone),
            actor_type=str(row.actor_type),
            affiliation=str(row.affiliation or ""),
        )
    shown = edges[
        edges["actor_a"].isin(chosen)
        & edges["actor_b"].isin(chosen)
        & (edges["weight"] >= min_weight)
    ].sort_values(["actor_a", "actor_b"])
    for row in shown.itertuples(index=False):
        graph.add_edge(
            row.actor_a,
            row.actor_b,
            weight=float(row.weight),
            sentences=int(row.sentences),
            articles=int(row.articles),
            tone=float(row.tone) if pd.notna(row.tone) else 0.0,
        )
    if focus:
        nodes = set(focus)
        for actor in focus:
            nodes |= set(graph.neighbors(actor))
        graph = graph.subgraph(sorted(nodes)).copy()
    if not keep_isolates:
        alone = [n for n in nx.isolates(graph) if n not in focus]
        graph.remove_nodes_from(alone)
    _mark_communities(graph)
    return graph


def graph_actors(actors: pd.DataFrame, *, top_n: int, focus: Sequence[str] = ()) -> list[str]:
    """The actors `build_graph` draws from: the `top_n` by mentions (ties by name), then the focus
    actors the table has. Its edges are those among them, so only their pairs need counting."""
    ranked = actors.sort_values(["mentions", "actor"], ascending=[False, True])
    kept = ranked["actor"].head(top_n).tolist()
    known = set(actors["actor"].to_numpy(dtype=object))
    return kept + [a for a in dict.fromkeys(focus) if a in known and a not in kept]


def _mark_communities(graph: nx.Graph) -> None:
    """Louvain communities on shared-sentence counts, numbered by size (0 = largest); seeded."""
    if graph.number_of_nodes() == 0:
        return
    # On integer labels in sorted order: Louvain iterates over sets of nodes, and the order of a
    # set of strings changes with PYTHONHASHSEED (so would the communities); of ints it does not.
    names = sorted(graph.nodes)
    coded = nx.Graph()
    coded.add_nodes_from(range(len(names)))
    index = {name: i for i, name in enumerate(names)}
    coded.add_weighted_edges_from(
        sorted((index[a], index[b], d["sentences"]) for a, b, d in graph.edges(data=True)),
        weight="sentences",
    )
    found = nx.community.louvain_communities(coded, weight="sentences", seed=LAYOUT_SEED)
    groups = sorted(({names[i] for i in g} for g in found), key=lambda g: (-len(g), min(g)))
    for number, group in enumerate(groups):
        for node in group:
            graph.nodes[node]["community"] = number


def layout(graph: nx.Graph, *, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Positions that do not move between runs: the same graph always lands the same way.

    Spring layout with a fixed seed over sorted nodes, per connected component: the largest
    fills the unit square, smaller ones sit in a row below it in small squares, so one stray
    pair cannot squeeze the main picture.
    """
    if graph.number_of_nodes() == 0:
        return {}
    parts = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    pos: dict[str, tuple[float, float]] = {}
    main, rest = parts[0], parts[1:]
    pos |= _component_layout(graph, main, seed=seed, center=(0.0, 0.0), size=1.0)
    cell = 2.0 / max(len(rest), 1) if rest else 0.0
    for i, part in enumerate(rest):
        center = (-1.0 + cell * (i + 0.5), -1.35)
        pos |= _component_layout(graph, part, seed=seed, center=center, size=min(0.2, cell / 2.5))
    return {node: (round(float(x), 6), round(float(y), 6)) for node, (x, y) in pos.items()}


def layout_shape(graph: nx.Graph) -> tuple:
    """All that `layout` reads of a graph: its nodes and weighted edges, sorted (hashable, so a
    cache can reuse a layout when a filter change leaves the graph as it was)."""
    edges = sorted((min(a, b), max(a, b), float(w)) for a, b, w in graph.edges(data="weight"))
    return tuple(sorted(graph.nodes)), tuple(edges)


def _component_layout(
    graph: nx.Graph, nodes: list[str], *, seed: int, center: tuple[float, float], size: float
) -> dict[str, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: center}
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_weighted_edges_from(
        sorted(
            (a, b, (d["weight"] + 1.0) / 2.0 + 0.05)
            for a, b, d in graph.subgraph(nodes).edges(data=True)
        )
    )  # NPMI in [-1, 1] -> a positive spring strength
    spacing = 2.5 / len(nodes) ** 0.5
    raw = nx.spring_layout(
        sub, seed=seed, weight="weight", k=spacing, iterations=300, scale=size, center=center
    )
    return {n: (float(x), float(y)) for n, (x, y) in raw.items()}


def graph_tables(graph: nx.Graph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and edges of `graph` as tables (what the page lists and offers as CSV)."""
    nodes = pd.DataFrame(
        [{"actor": n, **d} for n, d in sorted(graph.nodes(data=True))],
        columns=["actor", "actor_type", "affiliation", "mentions", "articles", "tone", "community"],
    )
    edges = pd.DataFrame(
        [{"actor_a": min(a, b), "actor_b": max(a, b), **d} for a, b, d in graph.edges(data=True)],
        columns=["actor_a", "actor_b", "weight", "sentences", "articles", "tone"],
    )
    return nodes, edges.sort_values(["actor_a", "actor_b"], ignore_index=True)


def to_gexf_bytes(graph: nx.Graph) -> bytes:
    """GEXF 1.2 (Gephi) of the graph with all node and edge attributes."""
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    return buffer.getvalue()


def to_graphml_bytes(graph: nx.Graph) -> bytes:
    """GraphML (yEd, Cytoscape, igraph) of the graph with all node and edge attributes."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    return buffer.getvalue()
