"""Sharded builds on disk: killed and resumed, extended, locked, and files the umask allows."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time

import pandas as pd
import pytest

from analysis import store
from analysis.config import Settings
from analysis.pipeline import BuildRunning, build
from analysis.store import lock, shards, write_tables
from tests.paths import ROOT
from tests.pipeline.corpus import csv_bytes, write_articles


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted in-process build of all seven articles, shards of two."""
    base = tmp_path_factory.mktemp("ref")
    corpus = write_articles(base / "in", range(7))
    report = build([corpus], base / "out", Settings(), workers=0, shard_size=2)
    assert report.parsed == 7 and report.shards == 4
    return corpus, csv_bytes(base / "out")


def cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", "build", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_kill_9_then_resume_gives_byte_identical_tables(reference, tmp_path):
    corpus, expected = reference
    out = tmp_path / "out"
    args = (str(corpus), "--out", str(out), "--workers", "0", "--shard-size", "2")
    at = random.Random(10).randint(1, 5)  # killed once `at` articles are parsed and toned
    proc = cli(*args)
    deadline = time.monotonic() + 120
    while lock.read_status(out).get("done", 0) < at:
        assert proc.poll() is None and time.monotonic() < deadline, "ended before the kill"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    kept = [r for r in shards.read_manifests(_root(out)).values() if "parse" in r]
    assert kept, "the killed builds kept no finished shard"
    proc = cli(*args)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "parsed " in err, err
    parsed = int(err.split("parsed ")[1].split(";")[0])
    assert parsed <= 7 - 2 * len(kept) + 1  # only shards in flight were lost
    todo = err.split("analysing ")[1].split(" articles")[0]
    assert "articles: 100%" in err and f"{todo}/{todo}" in err  # the one bar reached the end
    assert csv_bytes(out) == expected


def _root(out):
    return next(p for p in (out / shards.CACHE_DIR).iterdir() if (p / "manifest").is_dir())


def test_adding_files_parses_only_the_new_articles(tmp_path):
    folder = write_articles(tmp_path / "in", range(5))
    out = tmp_path / "out"
    assert build([folder], out, workers=0, shard_size=2).parsed == 5
    texts = sorted((_root(out) / "texts").iterdir())
    stamps = {p: p.stat().st_mtime_ns for p in (_root(out) / "shards").rglob("*.parquet")}
    write_articles(folder, [5, 6])
    report = build([folder], out, workers=0, shard_size=2)
    assert report.parsed == 2 and report.shards == 1
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps  # nothing rewritten
    assert set(texts) < set((_root(out) / "texts").iterdir())
    build([folder], tmp_path / "fresh", workers=0, shard_size=3)
    assert csv_bytes(out) == csv_bytes(tmp_path / "fresh")  # as if built in one go


def test_alias_edit_runs_no_shard_and_starts_from_the_resolved_mentions(reference, tmp_path):
    corpus, _ = reference
    out = tmp_path / "out"
    build([corpus], out, workers=0, shard_size=3)
    kept = {p: p.stat().st_mtime_ns for p in (out / shards.CACHE_DIR).rglob("*.*")}
    assert any("base" in p.parts for p in kept) and any("minhash" in p.name for p in kept)
    # the tables that do not depend on the alias file, and their query files
    same = [out / f"{t}.{x}" for t in ("articles", "sentences") for x in ("csv", "parquet")]
    same += [out / "query" / "articles.parquet", out / "query" / "sentences.parquet"]
    kept.update({p: p.stat().st_mtime_ns for p in same})
    redone = {
        p: p.stat().st_mtime_ns for p in (out / "mentions.csv", out / "query/mentions.parquet")
    }
    edit = "merge: {Fidan: Hakan Fidan}\ndrop: [Hezbollah]\n"
    (out / "aliases.yaml").write_text(edit, encoding="utf-8")
    report = build([corpus], out, workers=0, shard_size=3)
    assert report.parsed == 0 and report.shards == 0 and not report.up_to_date
    # the shards, the signatures, the alias-free base and the tables made from it alone were
    # read, none written again; the tables the alias file changes were
    assert {p: p.stat().st_mtime_ns for p in kept} == kept
    assert all(p.stat().st_mtime_ns != t for p, t in redone.items())
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "aliases.yaml").write_text(edit, encoding="utf-8")
    build([corpus], fresh, workers=0, shard_size=3)
    assert csv_bytes(out) == csv_bytes(fresh)  # as if the alias file had been there from the start
    assert "Hezbollah" not in (out / "actors.csv").read_text(encoding="utf-8")
    assert query_bytes(out, "sentences") == query_bytes(fresh, "sentences")


def test_a_build_that_forgot_its_base_writes_every_table_again(reference, tmp_path):
    """A build killed while writing the base's tables leaves build.json without its base: the
    next build must not trust the files on disk (they may hold a newer base than recorded)."""
    corpus, _ = reference
    out = tmp_path / "out"
    build([corpus], out, workers=0, shard_size=3)
    record = store.read_json(out / "build.json")
    assert record["base"]
    (out / "sentences.csv").write_text("half written\n", encoding="utf-8")
    store.write_json(out / "build.json", {k: v for k, v in record.items() if k != "base"})
    (out / "aliases.yaml").write_text("drop: [Hezbollah]\n", encoding="utf-8")
    build([corpus], out, workers=0, shard_size=3)
    assert (out / "sentences.csv").read_text(encoding="utf-8").startswith("article_id,")


def query_bytes(out, name: str) -> bytes:
    return (out / "query" / f"{name}.parquet").read_bytes()


def test_a_second_build_is_refused_while_one_runs(tmp_path):
    folder = write_articles(tmp_path / "in", range(1))
    with lock.BuildLock(tmp_path / "out"):
        lock.write_status(tmp_path / "out", state="running", done=3, total=9)
        assert lock.is_running(tmp_path / "out")
        with pytest.raises(BuildRunning, match=r"already running.*3 of 9 articles"):
            build([folder], tmp_path / "out", workers=0)
    assert not lock.is_running(tmp_path / "out")


def test_a_killed_build_leaves_no_stuck_lock(tmp_path):
    code = "import sys,time; from analysis.store.lock import BuildLock\n"
    code += f"BuildLock({str(tmp_path)!r}).__enter__(); print('held', flush=True); time.sleep(60)"
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        assert lock.is_running(tmp_path)
        with pytest.raises(BuildRunning):
            lock.BuildLock(tmp_path, wait=0.2).__enter__()
    finally:
        proc.kill()
        proc.wait()
    assert not lock.is_running(tmp_path)
    with lock.BuildLock(tmp_path):
        pass


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_files_keep_the_users_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        write_tables({"actors": pd.DataFrame({"actor": ["=Iran"]})}, tmp_path)
    finally:
        os.umask(old)
    for name in ("actors.csv", "actors.parquet"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name
