"""The same build on a real Dask cluster: a scheduler and two workers started as processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.config import Settings
from analysis.pipeline import build
from tests.paths import ROOT
from tests.pipeline.corpus import csv_bytes, write_articles

DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cluster(tmp_path):
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1; the address."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    common = {"cwd": tmp_path, "env": env, "stdout": subprocess.DEVNULL}
    procs = [
        subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], stderr=subprocess.DEVNULL, **common,
        )
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert time.monotonic() < deadline, "scheduler did not start"
            time.sleep(0.2)
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [str(DASK), "worker", address, "--nthreads", "1", "--no-dashboard",
                     "--host", "127.0.0.1"], stderr=subprocess.DEVNULL, **common,
                )
            )  # fmt: skip
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_cluster_build_equals_the_local_build(cluster, tmp_path):
    corpus = write_articles(tmp_path / "in", range(6))
    local = build([corpus], tmp_path / "local", Settings(), workers=0, shard_size=2)
    remote = build([corpus], tmp_path / "remote", Settings(), scheduler=cluster, shard_size=2)
    assert remote.engine == "remote" and remote.parsed == 6 and remote.shards == 3
    assert local.engine == "process"
    assert csv_bytes(tmp_path / "remote") == csv_bytes(tmp_path / "local")


def test_local_cluster_build_equals_the_in_process_build(tmp_path):
    corpus = write_articles(tmp_path / "in", range(4))
    build([corpus], tmp_path / "a", Settings(), workers=0, shard_size=2)
    report = build([corpus], tmp_path / "b", Settings(), workers=2, shard_size=2)
    assert report.engine == "local" and report.parsed == 4
    assert csv_bytes(tmp_path / "b") == csv_bytes(tmp_path / "a")
