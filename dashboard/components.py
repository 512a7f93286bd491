"""Reusable pieces that call st.*: each takes a key prefix, so pages never copy widgets around."""

from __future__ import annotations

import datetime as dt
import time
from functools import partial

import pandas as pd
import streamlit as st

from analysis.schema import ACTOR_TYPES
from analysis.store import read_json, to_csv_bytes
from analysis.tables.filters import Filters, download_name
from dashboard import corpora, data, state


def render_build(name: str) -> None:
    """Analyse a corpus in a background process and show its progress until it ends.

    A reload, or a second tab, finds the build running (its lock) and shows the same progress
    from the build-status file instead of starting another."""
    corpora.start_build(name)
    with st.status(f"Analysing corpus '{name}' (cached afterwards)…", expanded=True) as box:
        bar = st.progress(0.0, text="starting: loading the language model…")
        while corpora.build_running(name):
            status = corpora.build_status(name)
            done, total = status.get("done", 0), status.get("total", 0)
            text = status.get("stage", "starting")
            if total:
                text = f"{text}: {done:,} of {total:,} articles"
            bar.progress(min(done / total, 1.0) if total else 0.0, text=text)
            time.sleep(0.5)
        status = corpora.build_status(name)
        st.cache_data.clear()
        if status.get("state") != "done":
            box.update(label=f"Analysis of '{name}' failed", state="error", expanded=True)
            st.error(f"The build stopped: {status.get('error') or 'see build.log'}")
            st.stop()
        bar.progress(1.0, text="done")
        info = read_json(corpora.out_dir(name) / "build.json")
        kept = info.get("kept_out", 0)
        box.update(
            label=f"Analysed {info.get('articles', 0)} articles ({info.get('undated', 0)} "
            f"undated, {f'{kept} kept out of NLP by language, ' if kept else ''}"
            f"{info.get('rejects', 0)} inputs rejected)",
            state="complete",
            expanded=False,
        )


def render_filters(src: corpora.Source, summary: dict) -> None:
    """The shared filters in the sidebar; their keys are the ones `state` reads and writes. The
    actor picker lists the most mentioned actors; any other is typed in (and kept if known)."""
    chosen = data.known_actors(src, tuple(st.session_state.get(state.ACTORS) or ()))
    state.keep_valid(list(chosen), summary["first"], summary["last"])
    sidebar = st.sidebar
    sidebar.subheader("Filters")
    low = dt.date.fromisoformat(summary["first"]) if summary["first"] else None
    high = dt.date.fromisoformat(summary["last"]) if summary["last"] else None
    left, right = sidebar.columns(2)
    left.date_input("From", min_value=low, max_value=high, key=state.DATE_FROM, format="YYYY-MM-DD")
    right.date_input("To", min_value=low, max_value=high, key=state.DATE_TO, format="YYYY-MM-DD")
    sidebar.checkbox("Include undated articles", key=state.UNDATED)
    sidebar.multiselect(
        "Actors", list(dict.fromkeys([*summary["actors"], *chosen])), key=state.ACTORS,
        placeholder="type to search…", accept_new_options=True,
        help=f"Keeps the articles that mention any of these actors (and everyone in them). The "
        f"{len(summary['actors']):,} most mentioned are listed; type any other name in full.",
    )  # fmt: skip
    sidebar.multiselect("Actor types", list(ACTOR_TYPES), key=state.TYPES, placeholder="all types")
    sidebar.number_input("Minimum mentions per actor", min_value=1, step=1, key=state.MIN)
    sidebar.text_input("Sentences containing", key=state.QUERY, placeholder="e.g. sanctions")
    copies = summary.get("copies", 0)
    sidebar.toggle(
        "Count syndicated copies once", key=state.ONCE,
        help=f"{copies:,} articles are near-duplicate copies of another (the same story under "
        "another outlet, headline or URL); when on, only the earliest of each group counts.",
    )  # fmt: skip
    if st.session_state.get(state.ONCE, True) and copies:
        sidebar.caption(f"{copies:,} syndicated copies set aside.")
    sidebar.button("Reset filters", key="flt_reset", on_click=_reset)


def _reset() -> None:
    ss = st.session_state
    ss[state.DATE_FROM] = ss[state.DATE_TO] = None
    ss[state.ACTORS], ss[state.TYPES] = [], []
    ss[state.MIN], ss[state.QUERY], ss[state.UNDATED] = 1, "", True
    ss[state.ONCE] = True


def render_download(
    frame: pd.DataFrame, *, corpus: str, filters: Filters, table: str, key: str, label: str = ""
) -> None:
    """A CSV download of exactly `frame`, spreadsheet-safe, named after the filter."""
    st.download_button(
        label or f"Download {table} CSV ({len(frame):,} rows)",
        data=partial(to_csv_bytes, frame, escape=True),  # made on click, not on every rerun
        file_name=download_name(corpus, table, filters),
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


def render_attention_toggle(*, key: str) -> bool:
    """Raw mentions or attention as a share of each period's articles (as Media Cloud shows it)."""
    choice = st.radio(
        "Over time, show", ["mentions", "share of articles"], key=key, horizontal=True,
        help="Share: articles of the period mentioning the actor / all its filtered articles.",
    )  # fmt: skip
    return choice == "share of articles"


def render_filter_note(filters: Filters) -> None:
    """One line saying which filter the page shows (so a screenshot carries its context)."""
    if filters.is_default:
        st.caption("All articles; no filter set.")
    else:
        shown = ", ".join(
            f"{k}={v if isinstance(v, str) else '|'.join(v)}"
            for k, v in filters.to_query_params().items()
        )
        st.caption(f"Filtered: {shown}")


def render_table_download(src, filters: Filters, name: str, *, rows: int, key: str) -> None:
    """A CSV download of a whole filtered table, made on click batch by batch; above
    `data.LARGE_DOWNLOAD` rows the page first says how big it is and asks."""
    label = f"Download {name}.csv ({rows:,} rows)"
    if rows > data.LARGE_DOWNLOAD and not st.checkbox(
        f"Prepare {name}.csv: {rows:,} rows, about {rows * 200 / 1e6:,.0f} MB or more",
        key=f"{key}_big",
    ):
        st.caption(f"{label}: tick the box above to make the file.")
        return
    st.download_button(
        label,
        data=partial(data.csv_bytes, src, filters, name),  # made on click, not on every rerun
        file_name=download_name(src.name, name, filters),
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


def render_rejects(summary: dict, *, key: str) -> None:
    """The corpus's rejected inputs and undated articles, listed (never hidden)."""
    rejects, undated = summary["rejects"], summary["undated"]
    with st.expander(f"Rejected inputs ({len(rejects)})", expanded=bool(len(rejects))):
        if len(rejects):
            st.dataframe(rejects, hide_index=True, key=f"{key}_rejects")
        else:
            st.write("Every input file and row was read.")
    with st.expander(f"Undated articles ({len(undated)})", expanded=False):
        if len(undated):
            st.dataframe(undated, hide_index=True, key=f"{key}_undated")
        else:
            st.write("Every article has a date.")


def tone_summary(info: dict, meta: dict) -> str:
    """One plain sentence: how mention tone was computed in this build and how accurate it is."""
    meta = meta if isinstance(meta, dict) else {}
    scores = meta.get("devtest_mt", {})
    model, vader = scores.get("model", {}), scores.get("sentence_vader", {})
    measured = (
        f"On {scores.get('targets', '?')} labelled news targets it was not trained on (NewsMTSC "
        f"devtest_mt) it reached macro-F1 {model['macro_f1']:.2f} (accuracy "
        f"{model['accuracy']:.2f}); whole-sentence VADER reached {vader['macro_f1']:.2f}."
        if "macro_f1" in model and "macro_f1" in vader
        else "Its accuracy is not measured yet."
    )
    name, speed = meta.get("name"), meta.get("speed")
    if name:
        measured = f"Model: {name}. " + measured
    if isinstance(speed, dict) and speed.get("targets_per_s"):
        measured += f" It scores about {speed['targets_per_s']:,} mentions/s on 2 CPU cores."
    if info.get("tone", "sentence") == "target":
        return (
            "Tone toward each actor: a small model reads the sentence and scores the tone toward "
            "each actor mentioned in it, in [-1, 1]. " + measured
        )
    return (
        "Tone: each mention takes its sentence's VADER score in [-1, 1], so every actor in one "
        "sentence gets the same tone (this corpus was built with --tone sentence). "
        "The targeted model (not used here): " + measured
    )


def render_tone_caption(info: dict) -> None:
    """The short note that stands next to every tone chart."""
    st.caption(tone_summary(info, data.tone_model_meta()))


def render_tone_method(info: dict) -> None:
    """How a mention's tone is computed in this build, and its measured accuracy, in full."""
    st.markdown(tone_summary(info, data.tone_model_meta()))
    st.markdown(
        "An actor's tone is the mean over its mentions (the spread is their standard deviation); "
        "an edge's tone is the mean of both actors' mention tones in the sentences they share; an "
        "article's tone is the mean VADER score of its sentences. Read tone as a lead to the "
        "evidence sentences, not a verdict."
    )
    meta = data.tone_model_meta()
    if meta:
        with st.expander("Model details (analysis/tone/models/target_tone/meta.json)"):
            st.json(meta, expanded=False)


def _leaves(tree: dict, prefix: str = "") -> list[tuple[str, str]]:
    rows = []
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += _leaves(value, f"{path}.")
        else:
            rows.append((path, str(value)))
    return rows


def _heldout_sentence(accuracy: dict) -> str:
    """The held-out test figures (never tuned on), or "" when the file has none."""
    test = (
        accuracy.get("heldout", {}).get("test")
        if isinstance(accuracy.get("heldout"), dict)
        else None
    )
    try:
        r, top, aff = test["resolution"]["all"], test["actor_list"], test["affiliation"]
        return (
            f"On held-out news never used for tuning ({test['articles']} articles), actor "
            f"resolution put {r['accuracy']:.0%} of {r['n']} gold mentions under the right actor; "
            f"{top['correct']} of the top {top['n']} actors were real, correctly typed and merged; "
            f"{aff['accuracy']:.0%} of {aff['n']} people had the right affiliation "
            f"(or rightly none)."
        )
    except (KeyError, TypeError):
        return ""


def headline_accuracy(accuracy: dict) -> str:
    """The held-out figure first, then GUM's, in plain sentences; "" when the file lacks both."""
    overall = (
        accuracy.get("resolution", {}).get("all", {})
        if isinstance(accuracy.get("resolution"), dict)
        else {}
    )
    held = _heldout_sentence(accuracy)
    if not isinstance(overall, dict) or "accuracy" not in overall:
        return held
    gum = (
        f"Actor resolution put {overall['accuracy']:.0%} of {overall.get('n', '?')} gold mentions "
        f"under the right actor on {str(accuracy.get('data', 'a gold corpus')).split(';')[0]} "
        f"(measured {accuracy.get('measured', '?')})."
    )
    return f"{held} {gum} (GUM's error lists were read while writing the rules.)" if held else gum


def render_accuracy_note() -> None:
    """A caption beside actor charts: how far to trust who-is-who (details on Resolution)."""
    line = headline_accuracy(data.accuracy())
    st.caption(
        (line or "Accuracy of actor resolution: not measured yet.") + " See the Resolution page."
    )


def render_accuracy() -> None:
    """Measured accuracy of actor resolution (docs/accuracy.json), or say it is not measured."""
    accuracy = data.accuracy()
    if not accuracy:
        st.caption("Accuracy of actor resolution: not measured yet (no docs/accuracy.json).")
        return
    st.markdown("**Measured accuracy** (`docs/accuracy.json`, method in `docs/accuracy.md`)")
    line = headline_accuracy(accuracy)
    if line:
        st.markdown(line)
    leaves = _leaves(accuracy)
    with st.expander(f"All {len(leaves)} figures"):
        st.dataframe(
            pd.DataFrame(leaves, columns=["measure", "value"]), hide_index=True, key="acc_table"
        )
