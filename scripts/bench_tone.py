"""Throughput of TargetToneModel.score, several models and the first version's code in one run.

    .venv/bin/python scripts/bench_tone.py [PATH] [--model DIR ...] [--legacy DIR] [--n 2000]
        [--repeats 3]

Targets are taken from PATH (default NewsMTSC devtest_mt, cycled up to --n; give a JSONL of
`{"text", "start", "end"}` lines, as `python -m analysis tone` reads, for another corpus). Each
model (default: the packaged one) is scored once as a warm-up, then the models take turns
--repeats times, so every rate comes from the same stretch of a shared, noisy machine.
`--legacy DIR` adds the first version's way of running a "pair" model as the baseline: padded
batches of 64 sorted by length on one session with two threads.
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

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.tone.target import TargetToneModel, format_input, load_tokenizer  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared/corpora/newsmtsc/devtest_mt.jsonl"


def load_items(path: Path, *, n: int) -> list[tuple[str, int, int]]:
    """The first `n` targets of a NewsMTSC or {text,start,end} JSONL file, cycled if fewer."""
    items = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if "targets" in row:
                text = row["sentence_normalized"]
                items += [(text, t["from"], t["to"]) for t in row["targets"]]
            else:
                items.append((row["text"], row["start"], row["end"]))
    if not items:
        raise SystemExit(f"no targets in {path}")
    return [items[i % len(items)] for i in range(n)]


class Legacy:
    """The first version's run loop: padded, length-sorted batches of 64, two intra-op threads."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(folder / "model.onnx"), options)
        self.tokenizer = load_tokenizer(folder / "tokenizer.json", design="pair")
        self.tokenizer.enable_padding(pad_id=self.tokenizer.token_to_id("[PAD]") or 0)

    def score(self, items: list[tuple[str, int, int]]) -> None:
        pairs = [format_input(*item) for item in items]
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        for lo in range(0, len(order), 64):
            encodings = self.tokenizer.encode_batch([pairs[i] for i in order[lo : lo + 64]])
            feeds = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            self.session.run(None, feeds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--model", type=Path, action="append", help="model folder (repeatable)")
    parser.add_argument("--legacy", type=Path, default=None, help="a pair model, run as before")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    items = load_items(args.data, n=args.n)
    runners: dict[str, object] = {}
    loads = {}
    if args.legacy:
        runners[f"legacy {args.legacy}"] = Legacy(args.legacy)
    for folder in args.model or [None]:
        started = time.perf_counter()
        runners[str(folder or "packaged")] = TargetToneModel.load(folder)
        loads[str(folder or "packaged")] = time.perf_counter() - started
    for runner in runners.values():
        runner.score(items[: min(len(items), 256)])  # warm-up

    rates: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(args.repeats):
        for name, runner in runners.items():
            started = time.perf_counter()
            runner.score(items)
            rates[name].append(len(items) / (time.perf_counter() - started))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"{len(items)} targets ({len(set(items))} distinct) from {args.data.name}, "
        f"{os.cpu_count()} CPU cores, {args.repeats} rounds"
    )
    base = statistics.median(next(iter(rates.values())))
    for name, values in rates.items():
        load = f", load {loads[name]:.2f}s" if name in loads else ""
        print(
            f"{name}: targets/s median {statistics.median(values):.0f}, best {max(values):.0f}"
            f" ({statistics.median(values) / base:.2f}x the first listed){load}"
        )
    print(f"peak RSS {peak_mb:.0f} MB (all models in one process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
