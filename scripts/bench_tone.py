"""Throughput of TargetToneModel.score: targets per second and peak RSS.

    .venv/bin/python scripts/bench_tone.py [PATH] [--n 2000] [--batch-size 64] [--repeats 3]

Targets are taken from devtest_mt (cycled up to --n), scored once as a warm-up, then timed
--repeats times; the best and the median rate are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.tone.target import TargetToneModel  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared/corpora/newsmtsc/devtest_mt.jsonl"


def load_items(path: Path, *, n: int) -> list[tuple[str, int, int]]:
    """The first `n` targets of a NewsMTSC file, cycling through it if it holds fewer."""
    items = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            items += [(row["sentence_normalized"], t["from"], t["to"]) for t in row["targets"]]
    if not items:
        raise SystemExit(f"no targets in {path}")
    return [items[i % len(items)] for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: packaged)")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    items = load_items(args.data, n=args.n)
    started = time.perf_counter()
    model = TargetToneModel.load(args.model)
    load_s = time.perf_counter() - started
    model.score(items[: min(len(items), 256)], batch_size=args.batch_size)  # warm-up

    rates = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        model.score(items, batch_size=args.batch_size)
        rates.append(len(items) / (time.perf_counter() - started))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{len(items)} targets, batch size {args.batch_size}, {os.cpu_count()} CPU cores")
    print(f"model load {load_s:.2f}s")
    print(f"targets/s: best {max(rates):.0f}, median {statistics.median(rates):.0f}")
    print(f"peak RSS {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
