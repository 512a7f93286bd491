"""Server-side time per dashboard rerun and per filter change, on any built corpus; server memory.

    .venv/bin/python scripts/bench_pages.py [--home DIR] [--corpus NAME] [--repeat 1]

Runs the real app script in-process with Streamlit's AppTest (the code path a browser rerun
takes, minus the network), so the figures are what the server spends per rerun:
- "first page": the very first run of the app in this process (DuckDB connection opened,
  nothing cached), as a new user's first visit after a server start;
- "filter change": a sidebar filter set to a value not seen before on each page (caches
  cleared per page, so every change is a miss); the changes are chosen from the corpus's own
  dates, actors and words, so they mean the same on any corpus; p50 / p95 / max over all;
- "baseline": a warm rerun of the Corpora page (no query), measured in the same run, so the
  figures can be read as ratios on this shared, noisy machine;
- "server memory": the process's peak resident set size (ru_maxrss) at the end.
The default corpus is built into HOME/corpora/seeds first if it is not there (one spaCy run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ["overview", "actor", "network", "sentiment", "articles", "tables"]


def timed(at, timeout: float) -> float:
    start = time.perf_counter()
    at.run(timeout=timeout)
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"page raised: {at.exception[0].value}")
    return elapsed * 1000


def choose_changes(cur) -> list[tuple[str, str, str | None, object]]:
    """Filter changes drawn from the corpus: (description, widget kind, key, value)."""
    first, last, early = cur.execute(
        "SELECT min(nullif(date, '')), max(nullif(date, '')),"
        " quantile_disc(nullif(date, ''), 0.05) FROM articles"
    ).fetchone()
    middle = cur.execute("SELECT quantile_disc(nullif(date, ''), 0.5) FROM articles").fetchone()[0]
    half_year = (dt.date.fromisoformat(middle) + dt.timedelta(days=182)).isoformat()
    names = [r[0] for r in cur.execute("SELECT actor FROM actors ORDER BY mentions DESC, actor LIMIT 60").fetchall()]  # fmt: skip
    word = cur.execute(
        "SELECT w FROM (SELECT unnest(regexp_extract_all(lower(text), '[a-z]{7,}')) AS w"
        " FROM (SELECT text FROM sentences USING SAMPLE 2000 ROWS)) GROUP BY w"
        " ORDER BY count(*) DESC, w LIMIT 1 OFFSET 5"
    ).fetchone()[0]
    return [
        ("min mentions = 2 (whole corpus)", "number_input", "flt_min", 2),
        (f"dates {early}..{last} (~95 % of articles)", "date_range", None, (early, last)),
        (f"actor = {names[0]} (most mentioned)", "multiselect", "flt_actors", [names[0]]),
        (f"dates {middle}..{half_year}", "date_range", None, (middle, half_year)),
        ("type = person", "multiselect", "flt_types", ["person"]),
        ("min mentions = 3", "number_input", "flt_min", 3),
        (f"text '{word}'", "text_input", "flt_q", word),
        ("clear all", "reset", None, None),
        (f"actor = {names[-1]} (60th)", "multiselect", "flt_actors", [names[-1]]),
        ("count copies again (switch off)", "toggle", "flt_once", False),
        (f"dates {first}..{middle} (first half)", "date_range", None, (first, middle)),
        ("clear all", "reset", None, None),
    ]


def apply_change(at, kind: str, key: str | None, value) -> None:
    if kind == "multiselect":
        at.multiselect(key=key).set_value(value)
    elif kind == "number_input":
        at.number_input(key=key).set_value(value)
    elif kind == "text_input":
        at.text_input(key=key).set_value(value)
    elif kind == "toggle":
        at.toggle(key=key).set_value(value)
    elif kind == "date_range":
        at.date_input(key="flt_from").set_value(dt.date.fromisoformat(value[0]))
        at.date_input(key="flt_to").set_value(dt.date.fromisoformat(value[1]))
    elif kind == "reset":
        at.button(key="flt_reset").click()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None, help="ACTORSCOPE_HOME")
    parser.add_argument("--corpus", default="seeds", help="corpus name under HOME/corpora")
    parser.add_argument("--repeat", type=int, default=1, help="passes over every change")
    parser.add_argument("--pages", nargs="+", default=PAGES, choices=PAGES, help="pages to time")
    args = parser.parse_args()
    if args.home:
        os.environ["ACTORSCOPE_HOME"] = str(args.home.resolve())

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import builds, corpora, data

    if not corpora.is_built(args.corpus):
        print(f"building {corpora.corpus_sources(args.corpus)} (once)…", file=sys.stderr)
        builds.build_corpus(args.corpus)
    app = ROOT / "dashboard" / "app.py"
    start_rss = rss_mb()

    def open_app(page: str) -> AppTest:
        at = AppTest.from_file(app, default_timeout=600)
        at.query_params["corpus"] = args.corpus
        return at

    at = open_app("overview")
    first_page = timed(at, 600)
    src = corpora.source(args.corpus)
    cur = data.cursor(src)
    sizes = cur.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),"
        " (SELECT count(*) FROM mentions), (SELECT count(*) FROM actors),"
        " (SELECT count(*) FROM cooccurrence), (SELECT count(*) FROM articles WHERE _dup)"
    ).fetchone()
    print(
        f"corpus {args.corpus}: {sizes[0]:,} articles ({sizes[5]:,} syndicated copies), "
        f"{sizes[1]:,} sentences, {sizes[2]:,} mentions, {sizes[3]:,} actors, {sizes[4]:,} pairs"
    )
    print(f"first page (Overview, nothing cached): {first_page:.0f} ms")
    changes = choose_changes(cur)
    at.switch_page("app_pages/corpora.py")
    timed(at, 600)
    baseline = statistics.median(timed(at, 600) for _ in range(5))
    rows: list[tuple[str, str, float]] = []
    for _ in range(args.repeat):
        for page in args.pages:
            st.cache_data.clear()  # every change below is new to the cache (the engine stays)
            at = open_app(page)
            at.run(timeout=600)
            if page != "overview":
                at.switch_page(f"app_pages/{page}.py")
                timed(at, 600)
            for name, kind, key, value in changes:
                apply_change(at, kind, key, value)
                rows.append((page, name, timed(at, 600)))
    print("\n| page | filter change: p50 / p95 / max (ms) |")
    print("|---|---:|")
    for page in args.pages:
        mine = sorted(ms for p, _, ms in rows if p == page)
        print(f"| {page} | {statistics.median(mine):.0f} / {_p95(mine):.0f} / {mine[-1]:.0f} |")
    print("\n| filter change | median over pages (ms) | max (ms) | slowest page |")
    print("|---|---:|---:|---|")
    for name in dict.fromkeys(n for _, n, _ in rows):
        mine = [(ms, page) for page, n, ms in rows if n == name]
        slowest = max(mine)
        print(f"| {name} | {statistics.median(m for m, _ in mine):.0f} | {slowest[0]:.0f} | {slowest[1]} |")  # fmt: skip
    every = sorted(ms for *_, ms in rows)
    print(
        f"\nall {len(every)} filter changes: p50 {statistics.median(every):.0f} ms, "
        f"p95 {_p95(every):.0f} ms, max {every[-1]:.0f} ms; baseline rerun {baseline:.0f} ms "
        f"(p95 = {_p95(every) / baseline:.1f}x baseline)"
    )
    print(f"server memory: peak RSS {rss_mb():,.0f} MB (at start {start_rss:,.0f} MB)")
    return 0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    sys.exit(main())
