"""The quotes and relations CLIs, end to end through `python -m analysis` with the real model."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.paths import ROOT

LINES = [
    {"text": '"We will not back down," Erdogan said on Monday. "Israel must stop."'},
    "not json",
    {"text": "Iran warned Israel against escalation. Turkey did not attack Greece."},
    {"text": "Hamas was attacked by Israel.", "a": [0, 5], "b": [22, 28]},
    {"text": "Israel attacked Hamas.", "a": [0, 6]},
]


def _run(command: str, lines: list) -> list[dict]:
    data = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "analysis", command], input=data, capture_output=True,
        text=True, cwd=ROOT, check=True, timeout=300,
    )  # fmt: skip
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_quotes_cli_answers_every_line_in_order():
    out = _run("quotes", LINES[:2])
    assert len(out) == 2
    first, second = out[0]["quotes"]
    text = LINES[0]["text"]
    assert text[first["start"] : first["end"]] == "We will not back down"
    assert text[first["speaker_start"] : first["speaker_end"]] == "Erdogan"
    assert first["speaker"] == "Erdogan" and first["cue"] == "said" and first["kind"] == "direct"
    assert text[second["start"] : second["end"]] == "Israel must stop."  # the quote runs on
    assert second["speaker"] == "Erdogan"
    assert "error" in out[1] and "line 2" in out[1]["error"]


def test_relations_cli_directions_flags_and_spans():
    out = _run("relations", LINES[2:])
    assert len(out) == 3
    rels = {(r["source"], r["target"]): r for r in out[0]["relations"]}
    warned = rels[("Iran", "Israel")]
    assert warned["quad"] == "verbal conflict" and warned["tone"] < 0
    attack = rels[("Turkey", "Greece")]
    assert attack["event"] == "ASSAULT" and attack["negated"] is True
    text = LINES[2]["text"]
    assert text[attack["source_start"] : attack["source_end"]] == "Turkey"
    assert out[1]["relation"]["direction"] == "b->a"  # passive: Israel attacked Hamas
    assert out[1]["relation"]["event"] == "ASSAULT"
    assert "error" in out[2]
