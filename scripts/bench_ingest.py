"""Benchmark: loading a large CSV export, against reading the same file whole, in one run.

Writes a CSV of --mb megabytes (Wikinews texts repeated with a counter, so every row is a distinct
article), then in fresh processes measures peak memory (ru_maxrss) and seconds for:
(a) the baseline a naive loader does: read the bytes whole and decode them (no rows made at all);
(b) pandas.read_csv of the file (rows made, nothing else);
(c) `load_corpus` (rows made, dates read, language identified, articles kept).
Prints each and the ratios (c)/(a) for memory above the interpreter's own, (c)/(b) for time.
Usage: python scripts/bench_ingest.py [--mb 200]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = sorted((ROOT / "seeds" / "wikinews").glob("*.csv"))

PROBE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from analysis.ingest.corpus import load_corpus, decode
import pandas as pd
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
clock = time.perf_counter()
kind, path = {kind!r}, {path!r}
if kind == "whole":
    n = len(decode(open(path, "rb").read()))
elif kind == "pandas":
    n = len(pd.read_csv(path))
elif kind == "idle":
    n = 0
else:
    n = len(load_corpus([path]).articles)
seconds = time.perf_counter() - clock
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"rows": n, "seconds": seconds, "start_mb": start / 1024, "peak_mb": peak / 1024}}))
"""


def write_csv(path: Path, megabytes: int) -> int:
    texts = []
    for source in WIKINEWS:
        with open(source, encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body", "published_at"])
        while handle.tell() < megabytes * 2**20:
            text = texts[rows % len(texts)]
            writer.writerow(
                [f"Copy {rows}", f"{text}\n\n(copy {rows})", "Mon, 01 Jul 2024 10:00:00 GMT"]
            )
            rows += 1
    return rows


def probe(kind: str, path: Path) -> dict:
    code = PROBE.format(root=str(ROOT), kind=kind, path=str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the generated CSV (MB)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        rows = write_csv(path, args.mb)
        size_mb = path.stat().st_size / 2**20
        print(f"CSV: {size_mb:.0f} MB, {rows:,} rows")
        idle = probe("idle", path)
        results = {kind: probe(kind, path) for kind in ("whole", "pandas", "load")}
    base = idle["peak_mb"]
    for kind, r in results.items():
        print(
            f"{kind:7s} rows {r['rows']:>8,}  {r['seconds']:7.1f} s  "
            f"peak {r['peak_mb']:7.0f} MB (+{r['peak_mb'] - base:6.0f} MB over the interpreter)"
        )
    grow = {k: r["peak_mb"] - base for k, r in results.items()}
    print(f"memory: load_corpus / read-whole-and-decode = {grow['load'] / grow['whole']:.2f}")
    print(f"memory: load_corpus / file size = {grow['load'] / size_mb:.2f}")
    print(
        f"time:   load_corpus / pandas.read_csv = "
        f"{results['load']['seconds'] / results['pandas']['seconds']:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
