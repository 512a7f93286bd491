"""Where shards run: in this process, on a local Dask cluster, or on an existing one.

One code path: every engine calls `run_shard(spec)` and the shard writes its own files. A local
cluster has one single-threaded worker process per core (spaCy's own n_process cannot fork inside
a Dask worker, and one thread per process keeps ONNX and BLAS from fighting over cores; Dask's
nanny sets OMP/MKL/OpenBLAS threads to 1 in every worker). Progress is read from the shards'
progress files, so it is the same on a laptop and on a cluster with a shared output folder.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Literal

from analysis.pipeline.shard import ShardSpec, run_shard
from analysis.store import shards

Engine = Literal["process", "local", "remote"]
# Below this many articles to parse a local cluster costs more (start, model loads) than it gains.
LOCAL_CLUSTER_MIN = 1000


def choose_engine(
    pending: int, *, workers: int | None, scheduler: str | None
) -> tuple[Engine, int]:
    """(engine, local workers): `scheduler` wins; workers 0 means in-process; None decides."""
    if scheduler:
        return "remote", 0
    if workers is None:
        cores = os.cpu_count() or 1
        workers = 0 if pending < LOCAL_CLUSTER_MIN or cores < 2 else cores
    return ("process", 0) if workers <= 0 else ("local", workers)


def run_shards(
    specs: Sequence[ShardSpec],
    sizes: dict[str, int],
    *,
    engine: Engine,
    workers: int = 0,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict]:
    """Run every shard; `progress(articles done)` hears the total over all shards."""
    if not specs:
        return []
    tell = progress or (lambda _done: None)
    if engine == "process":
        results, finished = [], 0
        for spec in specs:
            results.append(run_shard(spec, tick=lambda done, base=finished: tell(base + done)))
            finished += sizes[spec.shard]
        return results
    from distributed import Client, LocalCluster

    specs = [replace(s, n_process=1, threads=1) for s in specs]
    if engine == "remote":
        with Client(scheduler, timeout="30s") as client:
            return _on_cluster(client, specs, sizes, tell)
    with (
        _blank_main(),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        return _on_cluster(client, specs, sizes, tell)


def _on_cluster(client, specs: list[ShardSpec], sizes: dict[str, int], tell) -> list[dict]:
    """Submit every shard, report progress until all have ended, then raise the first error."""
    futures = client.map(run_shard, specs, key=[f"shard-{s.shard}" for s in specs], pure=False)
    roots = {s.shard: shards.cache_root(s.out, s.model_id) for s in specs}
    while True:
        ended = [f.done() for f in futures]
        done = sum(
            sizes[s.shard]
            if end
            else min(shards.read_progress(roots[s.shard], s.shard), sizes[s.shard])
            for s, end in zip(specs, ended, strict=True)
        )
        tell(done)
        if all(ended):
            break
        time.sleep(0.5)
    failed = [(s, f) for s, f in zip(specs, futures, strict=True) if f.status == "error"]
    if failed:
        spec, future = failed[0]
        raise RuntimeError(
            f"{len(failed)} of {len(specs)} shards failed; shard {spec.shard}: {future.exception()!r}"
        ) from future.exception()
    return client.gather(futures)


@contextmanager
def _blank_main() -> Iterator[None]:
    """Spawned workers re-run the parent's `__main__` file first; under Streamlit or AppTest that
    is a page script (which would start another build). They start from a blank one instead."""
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved
