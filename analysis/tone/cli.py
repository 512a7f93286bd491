"""`python -m analysis tone`: targeted tone for JSONL on stdin, one JSON object out per line in.

Each input line is an object with `text`, `start` and `end` (character offsets of the target in
`text`). Each output line is `{"polarity": ..., "score": ...}`, or `{"error": "..."}` for a line
that cannot be scored, in the same place, so output line N always answers input line N. All of
stdin is read first and the valid lines are scored in batches.
"""

from __future__ import annotations

import json
from typing import TextIO

from analysis.tone.target import TargetToneModel, check_span, load_default_model

FIELDS = ("text", "start", "end")


def parse_line(line: str) -> tuple[str, int, int]:
    """The (text, start, end) of one input line; ValueError with the reason if it is malformed."""
    if not line.strip():
        raise ValueError("blank line")
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON: {err}") from None
    if not isinstance(row, dict):
        raise ValueError(f"expected a JSON object, got {type(row).__name__}")
    missing = [f for f in FIELDS if f not in row]
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")
    text, start, end = row["text"], row["start"], row["end"]
    check_span(text, start, end)
    return text, start, end


def read_lines(stdin: TextIO) -> list[str]:
    """Lines split on "\n" only (a JSON string may hold U+2028 and other line separators)."""
    data = stdin.read()
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def run(stdin: TextIO, stdout: TextIO, *, model: TargetToneModel | None = None) -> int:
    """Score every line of `stdin` and write one JSON line per input line to `stdout`."""
    lines = read_lines(stdin)
    outputs: list[dict | None] = [None] * len(lines)
    items: list[tuple[str, int, int]] = []
    where: list[int] = []
    for i, line in enumerate(lines):
        try:
            items.append(parse_line(line))
            where.append(i)
        except ValueError as err:
            outputs[i] = {"error": f"line {i + 1}: {err}"}
    if items:
        results = (model or load_default_model()).score(items)
        for i, result in zip(where, results, strict=True):
            outputs[i] = {"polarity": result.polarity, "score": round(result.score, 4)}
    for output in outputs:
        stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    stdout.flush()
    return 0
