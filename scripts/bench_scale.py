"""Scale benchmark: a build of N articles, killed and resumed, extended, alias-edited, on Dask.

Prints in one run: articles/s and words/s of a fresh build; the ratio to bare spaCy (tok2vec +
senter + ner, nlp.pipe n_process=2) on the same texts in the same run; peak memory of the build's
whole process tree (its Dask workers included); the extra time of a build killed (kill -9 of
its process group) at about half way and resumed; the time to add 1 % more articles; the time
to apply an alias edit; and the speed-up of a 2-worker local Dask cluster over a 1-worker one.
Each build runs as `python -m analysis build` in its own process group.

Usage: python scripts/bench_scale.py --articles 2000 [--corpus PATH] [--tone sentence]
       [--speedup-articles N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_build import bare_spacy  # noqa: E402
from make_corpus import write_corpus  # noqa: E402

from analysis.ingest.corpus import load_corpus  # noqa: E402
from analysis.store.lock import read_status  # noqa: E402


class PeakMemory:
    """Samples the resident memory of a process and all its descendants every 0.2 s."""

    def __init__(self, pid: int) -> None:
        self.peak, self._pid, self._stop = 0, pid, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self._pid)
                procs = [root, *root.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            time.sleep(0.2)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def start(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "analysis", "build", str(corpus), "--out", str(out), *extra]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip


def timed(corpus: Path, out: Path, *extra: str) -> tuple[float, int]:
    """(seconds, peak bytes of the process tree) of one build."""
    clock = time.perf_counter()
    proc = start(corpus, out, *extra)
    memory = PeakMemory(proc.pid)
    _, err = proc.communicate()
    seconds, peak = time.perf_counter() - clock, memory.stop()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, peak


def killed_at_half(corpus: Path, out: Path, half: int, *extra: str) -> float:
    """Seconds until a build had `half` articles done and its process group was killed."""
    clock = time.perf_counter()
    proc = start(corpus, out, *extra)
    while read_status(out).get("done", 0) < half and proc.poll() is None:
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return time.perf_counter() - clock


def shard_seconds(out: Path) -> float:
    """The shard step's seconds (cluster start, parse and tone) from a build's build.json."""
    return json.loads((out / "build.json").read_text(encoding="utf-8"))["seconds"]["nlp"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="generated articles (2000)")
    parser.add_argument("--corpus", type=Path, default=None, help="a corpus file instead")
    parser.add_argument("--tone", choices=["target", "sentence"], default="target")
    parser.add_argument(
        "--speedup-articles", type=int, default=None, help="articles of the 1-vs-2-worker runs"
    )
    parser.add_argument("--keep", type=Path, default=None, help="work folder to keep")
    parser.add_argument(
        "--skip", action="append", choices=["resume", "dask"], default=[],
        help="leave out the kill-and-resume or the Dask runs (repeatable), to save time at large N",
    )  # fmt: skip
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="actorscope-scale-"))
    corpus = work / "in"
    corpus.mkdir(parents=True, exist_ok=True)
    if args.corpus:
        shutil.copy(args.corpus, corpus / args.corpus.name)
    else:
        write_corpus(corpus / "main.csv", count=args.articles)
    articles = load_corpus([corpus]).articles
    n, words = len(articles), sum(len(a.text.split()) for a in articles)
    tone = ("--tone", args.tone)
    print(f"corpus: {n} articles, {words:,} words; tone {args.tone}; {os.cpu_count()} cores")
    bare = bare_spacy([a.text for a in articles])
    print(f"bare spaCy (n_process=2): {bare:.1f} s, {n / bare:.1f} articles/s")

    seconds, peak = timed(corpus, work / "full", *tone)
    print(f"build: {seconds:.1f} s, {n / seconds:.1f} articles/s, {words / seconds:,.0f} words/s,"
          f" {bare / seconds:.2f}x bare spaCy's throughput; peak memory {peak / 2**30:.2f} GB"
          " (whole process tree)")  # fmt: skip

    if "resume" not in args.skip:
        resumed(corpus, work, n, seconds, tone)

    extra = max(1, n // 100)
    write_corpus(corpus / "more.csv", count=extra, first=10_000_000)
    added, _ = timed(corpus, work / "full", *tone)
    split = json.loads((work / "full" / "build.json").read_text(encoding="utf-8"))["seconds"]
    print(f"add {extra} articles (1 %): {added:.1f} s, of which their NLP {split['nlp']:.1f} s"
          f" and the rest in the process {added - split['nlp']:.1f} s")  # fmt: skip
    (work / "full" / "aliases.yaml").write_text(
        "merge: {Trump: Donald Trump}\ndrop: [Wikinews]\n", encoding="utf-8"
    )
    edited, peak = timed(corpus, work / "full", *tone)
    print(f"alias edit, every table refreshed: {edited:.1f} s, peak memory {peak / 2**30:.2f} GB")
    (corpus / "more.csv").unlink()

    if "dask" not in args.skip:
        speedup(corpus, work, n, args.speedup_articles, tone)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def resumed(corpus: Path, work: Path, n: int, seconds: float, tone: tuple[str, ...]) -> None:
    """A build killed at half its articles, then run again: its extra time and its tables."""
    before = killed_at_half(corpus, work / "resumed", n // 2, *tone)
    after, _ = timed(corpus, work / "resumed", *tone)
    same = all(
        (work / "resumed" / f"{t}.csv").read_bytes() == (work / "full" / f"{t}.csv").read_bytes()
        for t in ("articles", "sentences", "mentions", "actors", "cooccurrence")
    )
    print(f"killed at half ({before:.1f} s) then resumed ({after:.1f} s): "
          f"{before + after - seconds:+.1f} s over the uninterrupted build; "
          f"tables byte-identical: {same}")  # fmt: skip


def speedup(corpus: Path, work: Path, n: int, articles: int | None, tone: tuple[str, ...]) -> None:
    """The same corpus on a 1-worker and a 2-worker local Dask cluster."""
    small = corpus
    if articles and articles < n:
        small = work / "small"
        small.mkdir(exist_ok=True)
        write_corpus(small / "main.csv", count=articles)
    one, _ = timed(small, work / "w1", *tone, "--workers", "1")
    two, _ = timed(small, work / "w2", *tone, "--workers", "2")
    label = articles if small != corpus else n
    print(f"Dask local cluster on {label} articles: 1 worker {one:.1f} s, 2 workers {two:.1f} s:"
          f" speed-up {one / two:.2f}x")  # fmt: skip
    shard_one, shard_two = shard_seconds(work / "w1"), shard_seconds(work / "w2")
    print(f"  of which the shards (parse and tone, on the workers): 1 worker {shard_one:.1f} s,"
          f" 2 workers {shard_two:.1f} s: speed-up {shard_one / shard_two:.2f}x;"
          f" the rest (load, tables, writing) runs in the main process")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
