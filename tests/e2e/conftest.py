"""Browser-test fixtures: the demo corpus (+ the XSS article) served by a real Streamlit on a free port.

Shape after Streamlit's e2e_playwright/conftest.py: a free port on 127.0.0.1, headless, no usage
stats, poll /_stcore/health (no fixed sleep), terminate then kill in `finally`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from analysis.pipeline import build
from tests.paths import DATA, ROOT, SEEDS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]  # fmt: skip
LOCAL_HOSTS = {"127.0.0.1"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)  # polling interval, not a wait for readiness
    raise TimeoutError(f"{url} not healthy after {timeout} s")


@pytest.fixture(scope="session")
def served_home(demo_out, tmp_path_factory) -> Path:
    """ACTORSCOPE_HOME whose default corpus is seeds/ plus tests/data/xss, already built.

    Starts from the session's demo build, so spaCy parses only the few extra articles.
    """
    root = tmp_path_factory.mktemp("served")
    src = root / "src"
    shutil.copytree(SEEDS, src)
    shutil.copytree(DATA / "xss", src / "xss")
    home = root / "home"
    shutil.copytree(demo_out, home / "corpora" / "seeds")
    build([src], home / "corpora" / "seeds")
    return home


@pytest.fixture(scope="session")
def server(served_home) -> str:
    port = free_port()
    env = os.environ | {
        "ACTORSCOPE_HOME": str(served_home),
        "ACTORSCOPE_SEEDS": str(served_home.parent / "src"),
    }
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    log = open(served_home.parent / "server.log", "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is missing: run `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def requests_seen() -> list[str]:
    """Every URL any test page requested (checked at the end: nothing leaves 127.0.0.1)."""
    return []


@pytest.fixture()
def dialogs() -> list[str]:
    """Messages of alert()/confirm() dialogs a page opened: must stay empty."""
    return []


@pytest.fixture()
def page(browser, requests_seen, dialogs):
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
    tab = context.new_page()
    tab.on("request", lambda request: requests_seen.append(request.url))
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield tab
    finally:
        context.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in {"data", "blob", "about"} or parsed.hostname in LOCAL_HOSTS
