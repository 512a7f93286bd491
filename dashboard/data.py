"""The only cache layer: corpora on disk, their builds, and the filtered tables pages read.

Layout under ACTORSCOPE_HOME (default `<repo>/.actorscope`):
`corpora/<name>/` holds a build (Parquet tables, build.json, NLP cache, aliases.yaml);
`uploads/<name>/` holds files an analyst uploaded. The default corpus "seeds" reads `<repo>/seeds`
(or ACTORSCOPE_SEEDS) and is never written to.

Every cached function is keyed by (corpus name, build version, filters, ...): the version is the
build.json stamp, so a rebuild (new files, alias edit) makes new keys and old entries age out.
Pages never read corpus files or run spaCy on a rerun; only `build_corpus` does, on request.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import streamlit as st

from analysis.config import ALIAS_FILE
from analysis.pipeline import BuildReport, Progress, build
from analysis.resolve.overrides import parse_overrides
from analysis.store import read_json, read_tables, to_csv_bytes
from analysis.tables import network
from analysis.tables.filters import (
    Filters,
    Window,
    apply_filters,
    filtered_cooccurrence,
    narrow,
    narrow_cooccurrence,
    widen,
)
from analysis.tables.relations import filter_relate
from analysis.tables.views import actor_evidence, edge_evidence
from dashboard.corpora import (
    REPO,
    Source,
    alias_file,
    corpus_sources,
    out_dir,
)

ACCURACY_FILE = REPO / "docs" / "accuracy.json"  # written by the resolution evaluation
TONE_META_FILE = (
    REPO / "analysis" / "tone" / "models" / "target_tone" / "meta.json"
)  # by tone training


def build_corpus(name: str, *, progress: Progress | None = None) -> BuildReport:
    """Analyse the corpus (spaCy only on articles the NLP cache lacks) and clear the caches."""
    report = build([corpus_sources(name)], out_dir(name), progress=progress)
    st.cache_data.clear()
    return report


@st.cache_data(max_entries=4, show_spinner=False)
def load_tables(src: Source) -> dict[str, pd.DataFrame]:
    return read_tables(out_dir(src.name))


@st.cache_data(max_entries=4, show_spinner=False)
def actor_catalogue(src: Source) -> pd.DataFrame:
    """The build's actors table on its own: a read of every table costs a copy of all of them."""
    return load_tables(src)["actors"]


@st.cache_data(max_entries=4, show_spinner=False)
def build_info(src: Source) -> dict:
    return read_json(out_dir(src.name) / "build.json")


@st.cache_data(max_entries=4, show_spinner=False)
def corpus_summary(src: Source) -> dict:
    """Whole-corpus facts: actor names by mentions, date bounds, undated articles, rejects."""
    tables = load_tables(src)
    actors = tables["actors"].sort_values(["mentions", "actor"], ascending=[False, True])
    dates = tables["articles"]["date"]
    dated = dates[dates != ""]
    articles = tables["articles"]
    return {
        "actors": actors["actor"].tolist(),
        "first": dated.min() if len(dated) else "",
        "last": dated.max() if len(dated) else "",
        "articles": len(articles),
        "undated": articles[dates == ""][["article_id", "title", "path", "n_words"]],
        "rejects": tables["rejects"],
    }


def filtered(src: Source, filters: Filters) -> dict[str, pd.DataFrame]:
    """articles, sentences, mentions, actors, rejects narrowed by `filters`.

    Actor types and minimum mentions remove whole actors: their tables are the wider filter's
    (`widen`) with those actors' mentions and rows dropped (`narrow`), so such a change and the
    change of dates or text before it each filter and summarise the corpus once, not twice. The
    cache holds the articles and sentences once, with the wider filter (a cached value is
    pickled on every store, and these hold the text).
    """
    wider = widen(filters)
    tables = _filtered(src, wider)
    return tables if wider == filters else {**tables, **_narrowed(src, filters)}


@st.cache_data(max_entries=32, show_spinner=False)
def _filtered(src: Source, filters: Filters) -> dict[str, pd.DataFrame]:
    return apply_filters(load_tables(src), filters, with_cooccurrence=False)


@st.cache_data(max_entries=64, show_spinner=False)
def _narrowed(src: Source, filters: Filters) -> dict[str, pd.DataFrame]:
    """The mentions and actors of a filter that `widen` changes (the rest is the wider one's)."""
    wide = _filtered(src, widen(filters))
    narrowed = narrow(wide, filters, catalogue=actor_catalogue(src))
    return {"mentions": narrowed["mentions"], "actors": narrowed["actors"]}


@st.cache_data(max_entries=32, show_spinner=False)
def quotes_relations(src: Source, filters: Filters) -> dict[str, pd.DataFrame]:
    """quotes, relations and relations_summary of the filtered articles (analysis.tables.relations)."""
    tables = load_tables(src)
    articles = filtered(src, filters)["articles"]
    return filter_relate(
        tables["quotes"], tables["relations"], articles, actors=tuple(filters.actors)
    )


@st.cache_data(max_entries=32, show_spinner=False)
def cooccurrence(src: Source, filters: Filters, window: Window = "sentence") -> pd.DataFrame:
    """Edges of the filtered mentions, reusing what is already known when that is exact.

    Actor types and minimum mentions remove whole actors and leave the units alone, so their
    edges are those of the wider filter among the actors left (`narrow_cooccurrence`); with no
    filter and the sentence window, the build's own table is the answer. Only date, text and
    actor scope changes recompute co-occurrence.
    """
    wider = widen(filters)
    if wider != filters:
        edges = cooccurrence(src, wider, window)
        return narrow_cooccurrence(edges, filtered(src, filters), window=window)
    if filters.is_default and window == "sentence":
        return load_tables(src)["cooccurrence"]
    return filtered_cooccurrence(filtered(src, filters), window=window)


@st.cache_data(max_entries=32, show_spinner=False)
def edges_among(
    src: Source, filters: Filters, window: Window, actors: tuple[str, ...]
) -> pd.DataFrame:
    """The rows of `cooccurrence(src, filters, window)` for pairs of `actors` (actors the filter
    keeps): only those pairs are counted. The wider filter's rows are the same (`widen` only
    drops whole actors, and none of these), so a change of type or minimum reuses them."""
    wider = widen(filters)
    if wider != filters:
        return edges_among(src, wider, window, actors)
    return filtered_cooccurrence(filtered(src, filters), window=window, among=actors)


def table(src: Source, filters: Filters, name: str) -> pd.DataFrame:
    """One filtered table by name (cooccurrence with the sentence window)."""
    if name == "cooccurrence":
        return cooccurrence(src, filters)
    return filtered(src, filters)[name]


def every_table(src: Source, filters: Filters) -> dict[str, pd.DataFrame]:
    """Every filtered table by name, as `table` gives them, from one read of the cache (each
    read of a cached value is a copy of all of it)."""
    return {**filtered(src, filters), "cooccurrence": cooccurrence(src, filters)}


@st.cache_data(max_entries=64, show_spinner=False)
def csv_bytes(src: Source, filters: Filters, name: str) -> bytes:
    """The download of a filtered table: the rows on screen, spreadsheet-safe."""
    return to_csv_bytes(table(src, filters, name), escape=True)


@st.cache_data(max_entries=64, show_spinner=False)
def evidence(src: Source, filters: Filters, actor: str) -> pd.DataFrame:
    return actor_evidence(filtered(src, filters), actor)


@st.cache_data(max_entries=32, show_spinner=False)
def shared_sentences(src: Source, filters: Filters, a: str, b: str, window: Window) -> pd.DataFrame:
    return edge_evidence(filtered(src, filters), a, b, window=window)


@st.cache_data(max_entries=32, show_spinner=False)
def graph(
    src: Source,
    filters: Filters,
    window: Window,
    top_n: int,
    min_weight: float,
) -> tuple[nx.Graph, dict[str, tuple[float, float]]]:
    """The network shown: graph of the filtered actors (ego network of chosen actors) + layout."""
    actors = filtered(src, filters)["actors"]
    drawn = network.graph_actors(actors, top_n=top_n, focus=filters.actors)
    built = network.build_graph(
        actors,
        edges_among(src, filters, window, tuple(sorted(drawn))),
        top_n=top_n,
        min_weight=min_weight,
        focus=filters.actors,
    )
    return built, layout(network.layout_shape(built), built)


@st.cache_data(max_entries=32, show_spinner=False)
def layout(shape: tuple, _graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """`network.layout` of a graph, keyed by its shape (nodes, weighted edges), which is all the
    layout depends on: when a filter change leaves the top actors and their edges as they were
    (a minimum of 2 mentions, say), the 30 ms spring layout is not run again."""
    return network.layout(_graph)


def _read_json_file(path: Path) -> dict:
    data = read_json(path)
    return data if isinstance(data, dict) else {}


@st.cache_data(ttl=60, show_spinner=False)
def accuracy() -> dict:
    """docs/accuracy.json (written by the evaluation), or {} when not measured yet."""
    return _read_json_file(ACCURACY_FILE)


@st.cache_data(ttl=60, show_spinner=False)
def tone_model_meta() -> dict:
    """analysis/tone/models/target_tone/meta.json (written by tone training), or {}."""
    return _read_json_file(TONE_META_FILE)


def save_aliases(name: str, text: str) -> BuildReport:
    """Validate, write `<out>/aliases.yaml` and rebuild the tables (cached NLP, no parsing)."""
    parse_overrides(text, source=ALIAS_FILE)  # raises OverridesError before anything is written
    path = alias_file(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return build_corpus(name)
