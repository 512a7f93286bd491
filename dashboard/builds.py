"""Builds a page asks for: analysing a corpus (one build of a corpus at a time, however many
tabs ask) and saving an edited alias file (validated, then the tables rebuilt). Both clear the
cached figures of `dashboard.data`, so every page follows."""

from __future__ import annotations

import threading

import streamlit as st

from analysis.config import ALIAS_FILE
from analysis.pipeline import BuildReport, Progress, build
from analysis.resolve.overrides import parse_overrides
from dashboard.corpora import alias_file, corpus_sources, is_built, out_dir, settings

_BUILD_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


def build_corpus(
    name: str, *, progress: Progress | None = None, only_if_unbuilt: bool = False
) -> BuildReport | None:
    """Analyse the corpus (spaCy only on articles the NLP cache lacks) and clear the caches.

    One build per corpus at a time: a second tab asking meanwhile waits for the first, and with
    `only_if_unbuilt` finds the corpus built and returns None instead of building it again."""
    with _LOCKS_LOCK:
        lock = _BUILD_LOCKS.setdefault(name, threading.Lock())
    with lock:
        if only_if_unbuilt and is_built(name):
            return None
        report = build([corpus_sources(name)], out_dir(name), settings(name), progress=progress)
    st.cache_data.clear()
    return report


def save_aliases(name: str, text: str) -> BuildReport:
    """Validate, write `<out>/aliases.yaml` and rebuild the tables (cached NLP, no parsing)."""
    parse_overrides(text, source=ALIAS_FILE)  # raises OverridesError before anything is written
    path = alias_file(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return build_corpus(name)
