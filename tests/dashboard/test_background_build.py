"""A build started from the dashboard runs in its own process; a second start joins it."""

from __future__ import annotations

from dashboard import corpora


def test_a_second_start_joins_the_running_build(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTORSCOPE_HOME", str(tmp_path / "home"))
    corpora.save_uploads("gulf", [("a.txt", b"date 2024-01-01\nIran and Turkey met in Ankara.")])
    corpora.start_build("gulf")
    first = corpora._BUILDS["gulf"]
    assert corpora.build_running("gulf")
    corpora.start_build("gulf")  # another tab, or the page reloaded
    assert corpora._BUILDS["gulf"] is first
    assert first.wait(timeout=300) == 0
    assert not corpora.build_running("gulf") and corpora.is_built("gulf")
    status = corpora.build_status("gulf")
    assert status["state"] == "done" and status["pid"] == first.pid
