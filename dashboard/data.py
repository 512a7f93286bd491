"""The only cache layer: corpora on disk, their builds, and the filtered figures pages read.

Layout under ACTORSCOPE_HOME (default `<repo>/.actorscope`): `corpora/<name>/` holds a build
(Parquet tables, query files, build.json, NLP cache, aliases.yaml); `uploads/<name>/` holds files
an analyst uploaded. The default corpus "seeds" reads `<repo>/seeds` (or ACTORSCOPE_SEEDS) and is
never written to.

Tables are never loaded whole into a session: every figure is a DuckDB query over the build's
query files (`analysis.query`), through one connection per build and process
(`st.cache_resource`) and a cursor per thread. Results are cached by (corpus, build version,
filters, ...): the version is the build.json stamp, so a rebuild makes new keys and old
entries age out. Pages never read corpus files or run spaCy on a rerun; only `dashboard.builds.build_corpus`
does, on request, and one build of a corpus runs at a time however many tabs ask for it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import streamlit as st

from analysis.query import counts as qc
from analysis.query import downloads as qd
from analysis.query import tables as qt
from analysis.query import views as qv
from analysis.query.engine import Engine
from analysis.query.files import query_files_current, write_query_files
from analysis.query.ranking import ranking_ends
from analysis.store import read_json, read_tables
from analysis.tables.cooccurrence import Window
from analysis.tables.filters import Filters
from dashboard.corpora import REPO, Source, out_dir

ACCURACY_FILE = REPO / "docs" / "accuracy.json"  # written by the resolution evaluation
TONE_META_FILE = REPO / "analysis/tone/models/target_tone/meta.json"  # by tone training
THREADS = int(os.environ.get("ACTORSCOPE_DUCKDB_THREADS") or 2)
MEMORY_LIMIT = os.environ.get("ACTORSCOPE_DUCKDB_MEMORY") or "768MB"
LARGE_DOWNLOAD = 200_000  # rows: above this the page says the size before building the CSV
TOP_NAMES = 1_000  # actors a picker offers (most mentioned first); any other can be typed in


@st.cache_resource(max_entries=4, show_spinner=False)
def engine(src: Source) -> Engine:
    """The DuckDB connection of a build (query files written now if an older build lacks them)."""
    out = out_dir(src.name)
    if not query_files_current(out):
        write_query_files(out, read_tables(out))
    return Engine(out, threads=THREADS, memory_limit=MEMORY_LIMIT)


def cursor(src: Source):  # this thread's cursor of the build's connection
    return engine(src).cursor()


@st.cache_data(max_entries=4, show_spinner=False)
def build_info(src: Source) -> dict:
    return read_json(out_dir(src.name) / "build.json")


@st.cache_data(max_entries=4, show_spinner=False)
def catalogue(src: Source) -> pd.DataFrame:
    """The build's actors table as written (the Resolution page edits it)."""
    return cursor(src).execute("SELECT * FROM actors").df()


@st.cache_data(max_entries=4, show_spinner=False)
def corpus_summary(src: Source) -> dict:
    """Whole-corpus facts: the most mentioned actor names, date bounds, undated articles,
    rejects, syndicated copies."""
    cur = cursor(src)
    row = cur.execute(
        "SELECT count(*), min(nullif(date, '')), max(nullif(date, '')), count(*) FILTER (_dup)"
        " FROM articles"
    ).fetchall()[0]
    names = cur.execute(
        f"SELECT actor FROM actors ORDER BY mentions DESC, actor LIMIT {TOP_NAMES}"
    ).fetchall()
    undated = cur.execute(  # undated articles sort first in the file: one row group is read
        "SELECT article_id, title, path, n_words FROM articles WHERE _date = '' ORDER BY _row"
    ).df()
    return {
        "actors": [r[0] for r in names],
        "first": row[1] or "",
        "last": row[2] or "",
        "articles": int(row[0]),
        "copies": int(row[3]),
        "undated": undated,
        "rejects": qt.filtered_table(cur, Filters(), "rejects"),
    }


@st.cache_data(max_entries=64, show_spinner=False)
def counts(src: Source, filters: Filters) -> dict:
    """Articles, undated, mentions, actors, dated span and copies set aside under `filters`."""
    cur = cursor(src)
    return {**qc.corpus_counts(cur, filters), "copies": qc.copies_set_aside(cur, filters)}


@st.cache_data(max_entries=256, show_spinner=False)
def known_actors(src: Source, names: tuple[str, ...]) -> tuple[str, ...]:
    """Those of `names` that are actors of the corpus (a name typed into a picker)."""
    sql = "SELECT actor FROM actors WHERE list_contains($names, actor)"
    have = {r[0] for r in cursor(src).execute(sql, {"names": list(names)}).fetchall()}
    return tuple(n for n in names if n in have)


@st.cache_data(max_entries=8, show_spinner=False)
def actor_light(src: Source, filters: Filters) -> pa.Table:
    """Every filtered actor's counts and tone: the one pass over the mentions that the actor
    tables, totals and ranking below share (as Arrow: a page's reads copy it cheaply)."""
    return qt.actor_light(cursor(src), filters)


def wide(src: Source, filters: Filters, actors: tuple[str, ...]) -> Filters:
    """`filters` without a minimum that every one of `actors` passes (their rows are the same)."""
    return qt.without_minimum(cursor(src), filters, actors, light=actor_light(src, filters))


@st.cache_data(max_entries=64, show_spinner=False)
def top_actors(src: Source, filters: Filters) -> tuple[pd.DataFrame, dict]:
    """The `TOP_NAMES` most mentioned actors of the filter without aliases (never all of them),
    and the totals of all: actors, mentions."""
    light = actor_light(src, filters)
    return qt.actors_and_totals(cursor(src), filters, aliases=False, limit=TOP_NAMES, light=light)


@st.cache_data(max_entries=64, show_spinner=False)
def actor_rows(src: Source, filters: Filters, names: tuple[str, ...]) -> pd.DataFrame:
    """The rows of `names` in the filtered actors table, without aliases."""
    if not names:
        return top_actors(src, filters)[0].head(0)
    light = actor_light(src, filters)
    return qt.actors_table(cursor(src), filters, aliases=False, only=names, light=light)


@st.cache_data(max_entries=64, show_spinner=False)
def tone_ranking(
    src: Source, filters: Filters, min_mentions: int, head: int | None, tail: int
) -> tuple[pd.DataFrame, dict]:
    """The first `head` rows and last `tail` ranked rows of the tone ranking, and the counts."""
    return ranking_ends(
        cursor(src), filters, min_mentions=min_mentions, head=head, tail=tail,
        light=actor_light(src, filters),
    )  # fmt: skip


@st.cache_data(max_entries=64, show_spinner=False)
def actor_row(src: Source, filters: Filters, actor: str) -> dict:
    """One actor's row of the filtered actors table, aliases included."""
    rows = qt.actors_table(cursor(src), filters, only=(actor,), light=actor_light(src, filters))
    return rows.iloc[0].to_dict() if len(rows) else {}


@st.cache_data(max_entries=64, show_spinner=False)
def freq(src: Source, filters: Filters, actor: str = "") -> qv.Freq:  # day, month or year
    light = actor_light(src, filters)
    return qv.pick_freq(qv.date_span(cursor(src), filters, actor, light=light))


@st.cache_data(max_entries=64, show_spinner=False)
def mentions_over_time(
    src: Source, filters: Filters, actors: tuple[str, ...], freq: qv.Freq, share: bool = False
) -> pd.DataFrame:
    light = actor_light(src, filters)
    return qv.mentions_over_time(cursor(src), filters, actors, freq=freq, share=share, light=light)


@st.cache_data(max_entries=64, show_spinner=False)
def tone_over_time(src: Source, filters: Filters, freq: qv.Freq) -> pd.DataFrame:
    return qv.tone_over_time(cursor(src), filters, freq=freq, light=actor_light(src, filters))


@st.cache_data(max_entries=32, show_spinner=False)
def cooccurrence(src: Source, filters: Filters, window: Window = "sentence") -> pd.DataFrame:
    """Every edge of the filtered mentions (the build's own table when nothing is filtered)."""
    unfiltered = filters == Filters(once=filters.once) and window == "sentence"
    if unfiltered and (not filters.once or not corpus_summary(src)["copies"]):
        return cursor(src).execute("SELECT * FROM cooccurrence").df()
    return qv.cooccurrence(cursor(src), filters, window=window)


@st.cache_data(max_entries=64, show_spinner=False)
def partners(src: Source, filters: Filters, actor: str, top: int | None = None) -> pd.DataFrame:
    """`actor`'s partners in the order the Actor page lists them, the first `top` when given."""
    return qv.partners(cursor(src), filters, actor, top=top, light=actor_light(src, filters))


@st.cache_data(max_entries=32, show_spinner=False)
def edges_among(
    src: Source, filters: Filters, window: Window, actors: tuple[str, ...]
) -> pd.DataFrame:
    """The rows of `cooccurrence(src, filters, window)` for pairs of `actors` only."""
    light = actor_light(src, filters)
    return qv.cooccurrence(cursor(src), filters, window=window, among=actors, light=light)


@st.cache_data(max_entries=64, show_spinner=False)
def evidence_count(
    src: Source, filters: Filters, actors: tuple[str, ...], window: Window = "sentence"
) -> tuple[int, int]:
    return qv.count_evidence(cursor(src), wide(src, filters, actors), actors, window=window)


@st.cache_data(max_entries=128, show_spinner=False)
def evidence(
    src: Source,
    filters: Filters,
    actors: tuple[str, ...],
    window: Window = "sentence",
    order: str = "date",
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """Evidence sentences of an actor or a pair, one page of them when `limit` is given."""
    return qv.evidence(
        cursor(src), wide(src, filters, actors), actors, window=window, order=order,
        limit=limit, offset=offset,
    )  # fmt: skip


@st.cache_data(max_entries=64, show_spinner=False)
def tone_ends(
    src: Source, filters: Filters, actor: str, n: int = 5
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`actor`'s `n` most negative and `n` most positive sentences, from one query."""
    return qv.tone_ends(cursor(src), wide(src, filters, (actor,)), actor, n=n)


@st.cache_data(max_entries=32, show_spinner=False)
def article_list(src: Source, filters: Filters) -> pd.DataFrame:
    return qv.article_list(cursor(src), filters)


@st.cache_data(max_entries=64, show_spinner=False)
def article_text(src: Source, article_id: str) -> str:
    return qv.article_text(cursor(src), article_id)


@st.cache_data(max_entries=64, show_spinner=False)
def article_mentions(src: Source, filters: Filters, article_id: str) -> pd.DataFrame:
    return qv.article_mentions(cursor(src), filters, article_id)


@st.cache_data(max_entries=64, show_spinner=False)
def row_count(src: Source, filters: Filters, name: str) -> int:
    if name == "cooccurrence":
        return len(cooccurrence(src, filters))
    return qt.count_rows(cursor(src), filters, name)


@st.cache_data(max_entries=32, show_spinner=False)
def table(src: Source, filters: Filters, name: str, limit: int | None = None) -> pd.DataFrame:
    """One filtered table by name (cooccurrence: sentence window), its first `limit` rows."""
    if name == "cooccurrence":
        frame = cooccurrence(src, filters)
        return frame if limit is None else frame.head(limit)
    if name == "actors":  # the first rows only: aliases are the costly part
        return qt.actors_table(cursor(src), filters, limit=limit)
    return qt.filtered_table(cursor(src), filters, name, limit=limit)


def csv_bytes(src: Source, filters: Filters, name: str) -> bytes:
    """The download of a filtered table, spreadsheet-safe, written batch by batch (the rows never
    held as one frame next to their CSV); not cached: a download is made on click."""
    buffer = io.BytesIO()
    if name in ("cooccurrence", "actors"):
        batches = iter([table(src, filters, name)])
    else:
        batches = qd.table_batches(cursor(src), filters, name)
    for chunk in qd.iter_csv(batches):
        buffer.write(chunk)
    return buffer.getvalue()


def _read_json_file(path: Path) -> dict:
    return data if isinstance(data := read_json(path), dict) else {}


@st.cache_data(ttl=60, show_spinner=False)
def accuracy() -> dict:
    """docs/accuracy.json (written by the evaluation), or {} when not measured yet."""
    return _read_json_file(ACCURACY_FILE)


@st.cache_data(ttl=60, show_spinner=False)
def tone_model_meta() -> dict:
    """analysis/tone/models/target_tone/meta.json (written by tone training), or {}."""
    return _read_json_file(TONE_META_FILE)
