"""One build at a time per output folder, and the build's status for anyone watching.

The lock is an flock on `<out>/.build.lock`: the kernel drops it when the build's process ends,
however it ends, so a crashed or killed build never leaves it stuck. The status is a small JSON
file (`<out>/build-status.json`) the running build rewrites as it goes: the dashboard shows it
in any tab and after a page reload.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from analysis.store.tables import read_json, write_json

LOCK_FILE = ".build.lock"
STATUS_FILE = "build-status.json"


class BuildRunning(RuntimeError):
    """Another build of the same output folder is running; `status` is what it last wrote."""

    def __init__(self, out: Path, status: dict) -> None:
        done, total = status.get("done", 0), status.get("total", 0)
        super().__init__(
            f"a build of {out} is already running (pid {status.get('pid', '?')}, "
            f"{status.get('stage', 'starting')}, {done} of {total} articles)"
        )
        self.status = status


class BuildLock:
    """`with BuildLock(out):` holds the folder's build lock or raises BuildRunning at once."""

    def __init__(self, out: Path, *, wait: float = 1.0) -> None:
        self.out = Path(out)
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        self.out.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.out / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
        deadline = time.monotonic() + self.wait  # a watcher's probe holds it for a moment
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise BuildRunning(self.out, read_status(self.out)) from None
                time.sleep(0.05)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def is_running(out: Path) -> bool:
    """Whether a build holds the lock of `out` now (a shared probe, released at once)."""
    path = Path(out) / LOCK_FILE
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops a lock taken by the probe
    return False


def write_status(out: Path, **fields) -> None:
    record = {**read_status(out), **fields, "pid": os.getpid(), "updated": time.time()}
    write_json(Path(out) / STATUS_FILE, record)


def read_status(out: Path) -> dict:
    return read_json(Path(out) / STATUS_FILE)
