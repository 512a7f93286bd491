"""Server-side time per dashboard page and per filter change, on the demo corpus (seeds/).

    .venv/bin/python scripts/bench_pages.py [--home DIR] [--repeat 3]

Runs the real app script in-process with Streamlit's AppTest (the same code path a browser
rerun takes, minus the network), so the figures are what the server spends per rerun:
- "cold": the page's first run after the caches were cleared (tables read from Parquet);
- "warm": the same page again (everything cached);
- "filter change": a sidebar filter set to a value not seen before (cache miss: the filter is
  applied and the page's tables and figures recomputed); each change is the median of --repeat
  runs, then summarised (median and max) over the pages.
The corpus is built into HOME/corpora/seeds first if it is not there (one spaCy run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ["overview", "actor", "network", "sentiment", "articles", "tables", "resolution"]
CHANGES = [  # (description, widget kind, key, value); each adds to the filters before it
    ("min mentions = 2 (whole corpus)", "number_input", "flt_min", 2),
    (
        "dates 2019-01-01..2021-03-15 (all but 1 article)",
        "date_range",
        None,
        ("2019-01-01", "2021-03-15"),
    ),
    ("actor = Iran", "multiselect", "flt_actors", ["Iran"]),
    ("dates 2020-01-01..2020-06-30", "date_range", None, ("2020-01-01", "2020-06-30")),
    ("type = person", "multiselect", "flt_types", ["person"]),
    ("min mentions = 3", "number_input", "flt_min", 3),
    ("text 'minister'", "text_input", "flt_q", "minister"),
    ("clear all", "reset", None, None),
]


def timed(at, timeout: float) -> float:
    start = time.perf_counter()
    at.run(timeout=timeout)
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"page raised: {at.exception[0].value}")
    return elapsed * 1000


def apply_change(at, kind: str, key: str | None, value) -> None:
    if kind == "multiselect":
        at.multiselect(key=key).set_value(value)
    elif kind == "number_input":
        at.number_input(key=key).set_value(value)
    elif kind == "text_input":
        at.text_input(key=key).set_value(value)
    elif kind == "date_range":
        at.date_input(key="flt_from").set_value(dt.date.fromisoformat(value[0]))
        at.date_input(key="flt_to").set_value(dt.date.fromisoformat(value[1]))
    elif kind == "reset":
        at.button(key="flt_reset").click()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--home", type=Path, default=None, help="ACTORSCOPE_HOME (default .actorscope)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median kept)")
    args = parser.parse_args()
    if args.home:
        os.environ["ACTORSCOPE_HOME"] = str(args.home.resolve())

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import corpora, data

    if not corpora.is_built(corpora.DEFAULT_CORPUS):
        print(f"building {corpora.corpus_sources(corpora.DEFAULT_CORPUS)} (once)…", file=sys.stderr)
        data.build_corpus(corpora.DEFAULT_CORPUS)
    tables = data.read_tables(corpora.out_dir(corpora.DEFAULT_CORPUS))
    print(
        f"corpus: {len(tables['articles'])} articles, {len(tables['sentences'])} sentences, "
        f"{len(tables['mentions'])} mentions, {len(tables['actors'])} actors"
    )
    app = ROOT / "dashboard" / "app.py"
    rows, changes = [], []
    for page in PAGES:
        cold, warm = [], []
        for _ in range(args.repeat):
            at = AppTest.from_file(app, default_timeout=300)
            at.run()
            if page != "overview":
                at.switch_page(f"app_pages/{page}.py")
            st.cache_data.clear()
            cold.append(timed(at, 300))
            warm.append(timed(at, 300))
        runs: list[list[float]] = []
        for _ in range(args.repeat):
            st.cache_data.clear()  # every filter below is new to the cache (tables stay loaded)
            at = AppTest.from_file(app, default_timeout=300)
            at.run()
            if page != "overview":
                at.switch_page(f"app_pages/{page}.py")
            at.run()
            one = []
            for _name, kind, key, value in CHANGES:
                apply_change(at, kind, key, value)
                one.append(timed(at, 300))
            runs.append(one)
        per_change = [statistics.median(column) for column in zip(*runs, strict=True)]
        changes += [(page, name, ms) for (name, *_), ms in zip(CHANGES, per_change, strict=True)]
        rows.append((page, statistics.median(cold), statistics.median(warm), per_change))

    print("\n| page | cold (ms) | warm rerun (ms) | filter change: median / max (ms) |")
    print("|---|---:|---:|---:|")
    for page, cold, warm, per_change in rows:
        print(
            f"| {page} | {cold:.0f} | {warm:.0f} | "
            f"{statistics.median(per_change):.0f} / {max(per_change):.0f} |"
        )
    print("\n| filter change | median over pages (ms) | max (ms) | slowest page |")
    print("|---|---:|---:|---|")
    for name, *_ in CHANGES:
        mine = [(ms, page) for page, n, ms in changes if n == name]
        slowest = max(mine)
        print(
            f"| {name} | {statistics.median(m for m, _ in mine):.0f} | {slowest[0]:.0f} | {slowest[1]} |"
        )
    everything = [ms for *_, ms in changes]
    print(
        f"\nall {len(everything)} filter changes: median {statistics.median(everything):.0f} ms, "
        f"max {max(everything):.0f} ms; under 250 ms: {sum(ms < 250 for ms in everything)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
