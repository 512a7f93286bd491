"""`analysis.tone.cli.run` with the real packaged model: one output line per input line."""

from __future__ import annotations

import io
import json

import pytest

from analysis.tone import cli as tone_cli
from analysis.tone.target import TargetToneModel, load_default_model

PRAISED = "Smith was praised for his brave leadership."
CONDEMNED = "Smith was condemned for the massacre."


@pytest.fixture(scope="session")
def model() -> TargetToneModel:
    return load_default_model()


def run_cli(text: str, model: TargetToneModel) -> tuple[int, list[dict]]:
    out = io.StringIO()
    code = tone_cli.run(io.StringIO(text), out, model=model)
    lines = out.getvalue().split("\n")
    assert lines[-1] == "", "output must end with a newline"
    return code, [json.loads(line) for line in lines[:-1]]


def line(text: object, start: object, end: object) -> str:
    return json.dumps({"text": text, "start": start, "end": end})


def test_valid_lines_are_scored_in_order(model: TargetToneModel) -> None:
    code, rows = run_cli(f"{line(PRAISED, 0, 5)}\n{line(CONDEMNED, 0, 5)}\n", model)
    assert code == 0
    assert [row["polarity"] for row in rows] == ["positive", "negative"]
    assert rows[0]["score"] > 0.5 > -0.5 > rows[1]["score"]
    assert all(round(row["score"], 4) == row["score"] for row in rows)


def test_malformed_lines_get_errors_in_place(model: TargetToneModel) -> None:
    inputs = [
        line(PRAISED, 0, 5),
        "{not json",
        "",
        json.dumps({"text": PRAISED, "start": 0}),
        line(PRAISED, "0", 5),
        line(PRAISED, 5, 5),
        line(PRAISED, 0, 500),
        line(PRAISED, -1, 5),
        line(None, 0, 5),
        line(PRAISED, True, 5),
        "[1, 2, 3]",
        "   ",
        line(CONDEMNED, 0, 5),
    ]
    code, rows = run_cli("\n".join(inputs) + "\n", model)
    assert code == 0
    assert len(rows) == len(inputs)
    assert rows[0]["polarity"] == "positive"
    assert rows[-1]["polarity"] == "negative"
    for i, row in enumerate(rows[1:-1], start=2):
        assert set(row) == {"error"}, row
        assert row["error"].startswith(f"line {i}: ")
    assert "invalid JSON" in rows[1]["error"]
    assert "blank line" in rows[2]["error"]
    assert "missing field(s): end" in rows[3]["error"]
    assert "start must be an integer" in rows[4]["error"]
    assert "0 <= start < end" in rows[5]["error"]
    assert "len(text)" in rows[6]["error"]
    assert "text must be a string" in rows[8]["error"]
    assert "expected a JSON object" in rows[10]["error"]


def test_line_separators_inside_strings_do_not_split_lines(model: TargetToneModel) -> None:
    text = "Smith was praised\u2028for his brave leadership."
    code, rows = run_cli(line(text, 0, 5) + "\r\n" + line(text, 0, 5), model)
    assert code == 0
    assert len(rows) == 2
    assert all("polarity" in row for row in rows)


def test_empty_input_writes_nothing(model: TargetToneModel) -> None:
    out = io.StringIO()
    assert tone_cli.run(io.StringIO(""), out, model=model) == 0
    assert out.getvalue() == ""


def test_only_errors_needs_no_model() -> None:
    out = io.StringIO()
    assert tone_cli.run(io.StringIO("oops\n\n"), out, model=None) == 0
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [set(r) for r in rows] == [{"error"}, {"error"}]
