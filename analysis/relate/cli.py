"""`python -m analysis quotes` and `python -m analysis relations`: JSONL on stdin, one JSON line
out per line in, in order; a malformed line gets `{"error": ...}` and the others still run.

quotes:    {"text": ...} -> {"quotes": [{start, end, speaker_start, speaker_end, speaker, cue, kind}]}
relations: {"text": ...} -> {"relations": [{source_start, ..., event, quad, tone, negated,
           hypothetical}]}; {"text": ..., "a": [s, e], "b": [s, e]} -> {"relation": {direction,
           event, quad, tone}}.
"""

from __future__ import annotations

import json
from typing import Literal, TextIO

from analysis.relate.analyse import quotes_of, relation_between, relations_of


def _span(value, text: str, name: str) -> tuple[int, int]:
    ok = isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)
    if not ok or not 0 <= value[0] < value[1] <= len(text):
        raise ValueError(f"'{name}' must be [start, end] with 0 <= start < end <= len(text)")
    return value[0], value[1]


def parse_line(line: str) -> dict:
    """The input object of one line; ValueError with the reason if it is malformed."""
    if not line.strip():
        raise ValueError("blank line")
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON: {err}") from None
    if not isinstance(row, dict):
        raise ValueError(f"expected a JSON object, got {type(row).__name__}")
    if not isinstance(row.get("text"), str):
        raise ValueError("missing or non-string field 'text'")
    if ("a" in row) != ("b" in row):
        raise ValueError("give both 'a' and 'b' spans, or neither")
    if "a" in row:
        row["a"], row["b"] = _span(row["a"], row["text"], "a"), _span(row["b"], row["text"], "b")
    return row


def answer(row: dict, command: Literal["quotes", "relations"]) -> dict:
    text = row["text"]
    if command == "quotes":
        return {"quotes": quotes_of(text)}
    if "a" in row:
        return {"relation": relation_between(text, row["a"], row["b"])}
    return {"relations": relations_of(text)}


def run(stdin: TextIO, stdout: TextIO, *, command: Literal["quotes", "relations"]) -> int:
    """Answer every line of `stdin` on `stdout`, line N for line N."""
    data = stdin.read().split("\n")
    if data and data[-1] == "":
        data.pop()
    for i, line in enumerate(data):
        try:
            output = answer(parse_line(line.removesuffix("\r")), command)
        except ValueError as err:
            output = {"error": f"line {i + 1}: {err}"}
        stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0
