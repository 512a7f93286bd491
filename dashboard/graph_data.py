"""The network a page draws, cached: the graph of the filtered actors and its layout (beside
`dashboard.data`, whose cached queries it reads)."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from analysis.tables import network
from analysis.tables.cooccurrence import Window
from analysis.tables.filters import Filters
from dashboard import data
from dashboard.corpora import Source


@st.cache_data(max_entries=32, show_spinner=False)
def graph(
    src: Source,
    filters: Filters,
    window: Window,
    top_n: int,
    min_weight: float,
) -> tuple[nx.Graph, dict[str, tuple[float, float]]]:
    """The network shown: graph of the filtered actors (ego network of chosen actors) + layout."""
    listed = pd.concat(  # the top actors and the focus: all the graph reads of the table
        [data.top_actors(src, filters)[0], data.actor_rows(src, filters, filters.actors)]
    ).drop_duplicates("actor")
    drawn = network.graph_actors(listed, top_n=top_n, focus=filters.actors)
    built = network.build_graph(
        listed,
        data.edges_among(src, filters, window, tuple(sorted(drawn))),
        top_n=top_n,
        min_weight=min_weight,
        focus=filters.actors,
    )
    return built, layout(network.layout_shape(built), built)


@st.cache_data(max_entries=32, show_spinner=False)
def layout(shape: tuple, _graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """`network.layout` of a graph, keyed by its shape (nodes, weighted edges), which is all the
    layout depends on: the 30 ms spring layout is not run again for the same graph."""
    return network.layout(_graph)
