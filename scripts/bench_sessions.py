"""Concurrent browser sessions against one server: real Chromium tabs opening pages and filters.

    .venv/bin/python scripts/bench_sessions.py [--home DIR] [--corpus seeds] --sessions 5 --seconds 60

Starts one Streamlit server (free port on 127.0.0.1, headless), then N Chromium contexts
(Playwright driving /usr/bin/chromium, never a downloaded browser) that each, for the given
time, open a page with a filter in its URL (pages and filters drawn from the corpus's own
actors and dates), and wait until the page has settled: the app's script is no longer running
and the page title is drawn. A visit fails when the page shows an exception or does not settle
within --timeout. Prints visits, errors and settle times (p50 / p95 / max). The browsers run on
the same cores as the server, as they would on an analyst's laptop.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]  # fmt: skip
PAGES = ["", "actor", "network", "sentiment", "articles", "data"]
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning'] h1"


def visits(actors: list[str], first: str, last: str, seed: int, corpus: str = "seeds"):
    """An endless stream of (page, URL parameters) drawn from the corpus's actors and dates."""
    rng = random.Random(seed)
    years = sorted(
        {first[:4], last[:4]} | {str(y) for y in range(int(first[:4]), int(last[:4]) + 1)}
    )
    while True:
        params: dict[str, str] = {"corpus": corpus} if corpus != "seeds" else {}
        pick = rng.random()
        if pick < 0.4 and actors:
            params["actor"] = rng.choice(actors[:30])
        elif pick < 0.7 and years:
            year = rng.choice(years)
            params |= {"from": f"{year}-01-01", "to": f"{year}-12-31"}
        elif pick < 0.85:
            params["min"] = str(rng.choice([2, 3, 5]))
        yield rng.choice(PAGES), params


async def session(browser, url: str, stream, until: float, timeout: float, out: dict) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = await context.new_page()
    try:
        while time.monotonic() < until:
            page, params = next(stream)
            target = f"{url}/{page}" + (f"?{urlencode(params)}" if params else "")
            start = time.monotonic()
            try:
                await tab.goto(target, wait_until="domcontentloaded")
                await tab.wait_for_selector(SETTLED, timeout=timeout * 1000)
                if await tab.locator("[data-testid='stException']").count():
                    out["errors"].append(f"exception on {target}")
                else:
                    out["times"].append(time.monotonic() - start)
            except Exception as exc:  # a failed visit is counted, not raised
                out["errors"].append(f"{target}: {type(exc).__name__}")
    finally:
        await context.close()


async def drive(url: str, *, sessions: int, seconds: float, timeout: float, corpus: dict) -> dict:
    """Run `sessions` browser sessions against `url` for `seconds`; times and errors."""
    from playwright.async_api import async_playwright

    out: dict = {"times": [], "errors": []}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            until = time.monotonic() + seconds
            streams = [
                visits(corpus["actors"], corpus["first"], corpus["last"], i, corpus["name"])
                for i in range(sessions)
            ]
            await asyncio.gather(*(session(browser, url, s, until, timeout, out) for s in streams))
        finally:
            await browser.close()
    return out


def drive_sessions(url: str, *, sessions: int, seconds: float, corpus: dict, timeout: float = 60) -> dict:  # fmt: skip
    """`drive` in a thread of its own, so that a caller with an event loop (a test using
    Playwright's sync API) can use it too."""
    from concurrent.futures import ThreadPoolExecutor

    job = drive(url, sessions=sessions, seconds=seconds, timeout=timeout, corpus=corpus)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, job).result()


def corpus_facts(out: Path) -> dict:
    """The actors (most mentioned first) and date bounds of a build, from its query files."""
    import duckdb

    con = duckdb.connect()
    q = str(out / "query")
    actors = [r[0] for r in con.execute(f"SELECT actor FROM '{q}/actors.parquet' ORDER BY mentions DESC LIMIT 30").fetchall()]  # fmt: skip
    first, last = con.execute(
        f"SELECT min(nullif(date, '')), max(nullif(date, '')) FROM '{q}/articles.parquet'"
    ).fetchone()
    return {
        "name": out.name,
        "actors": actors,
        "first": first or "2000-01-01",
        "last": last or "2000-12-31",
    }


def summary(result: dict, sessions: int, seconds: float) -> str:
    times = sorted(result["times"])
    if not times:
        return (
            f"{sessions} sessions, {seconds:.0f} s: no page settled; errors {len(result['errors'])}"
        )
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return (
        f"{sessions} sessions, {seconds:.0f} s: {len(times)} settled page visits "
        f"({len(times) / seconds * 60:.0f} a minute), errors {len(result['errors'])}; "
        f"time to a settled page p50 {statistics.median(times):.2f} s, p95 {p95:.2f} s, "
        f"max {times[-1]:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=ROOT / ".actorscope")
    parser.add_argument("--corpus", default="seeds")
    parser.add_argument("--sessions", type=int, nargs="+", default=[5, 20])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    from tests.e2e.conftest import free_port, wait_healthy

    out = args.home / "corpora" / args.corpus
    if not (out / "query").exists():
        print(f"{out} has no build with query files: build it first", file=sys.stderr)
        return 1
    port = free_port()
    env = os.environ | {"ACTORSCOPE_HOME": str(args.home.resolve())}
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        facts = corpus_facts(out)
        for n in args.sessions:
            result = drive_sessions(url, sessions=n, seconds=args.seconds, corpus=facts, timeout=args.timeout)  # fmt: skip
            print(summary(result, n, args.seconds))
            for line in sorted(set(result["errors"]))[:10]:
                print(f"  error: {line}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
