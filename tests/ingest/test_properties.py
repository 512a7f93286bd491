"""Robustness as a property: random bytes, encodings, column names, quoting, blank lines and dates
thrown at every loader. No exception escapes; every well-formed row is kept with its date; every
other row, and every unreadable file, is named with a reason."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest.columns import NAMES
from analysis.ingest.corpus import SUPPORTED, InputError, clean_text, load_corpus, read_date

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Letters that cp1252 and UTF-8 can never confuse (no cp1252 byte pair is valid UTF-8).
TEXT = st.text(alphabet="abcdefghij KLMNOP.,;:'\"\n\téüñ-", min_size=1, max_size=60).filter(
    lambda t: clean_text(t)
)
DAYS = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2025, 12, 31))
FORMATS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.isoformat()}T12:00:00+02:00",
    lambda d: d.strftime("%a, %d %b %Y 10:00:00 GMT"),
    lambda d: d.strftime("%B %-d, %Y"),
    lambda d: d.strftime("%-d %B %Y"),
    lambda d: d.strftime("%Y/%m/%d"),
    lambda d: str(int(dt.datetime(d.year, d.month, d.day, 12, tzinfo=dt.UTC).timestamp())),
]
# a plain number is read as epoch seconds only from 8 digits (outside 7 Sep 1969 - 26 Apr 1970)
EPOCH_GAP = (dt.date(1969, 9, 7), dt.date(1970, 4, 26))
BAD_DATES = st.sampled_from(["2024-02-30", "2023-13-01", "soon", "July 2024", "n/a"])


def _cased(name: str, flip: list[bool]) -> str:
    return "".join(c.upper() if f else c for c, f in zip(name, flip + [False] * 40, strict=False))


@st.composite
def table(draw):
    """Rows as (text, date value, expected ISO or None when the row must be rejected)."""
    texts = draw(st.lists(TEXT, min_size=1, max_size=8, unique_by=clean_text))
    rows = []
    for text in texts:
        kind = draw(st.sampled_from(["good", "good", "undated", "bad date", "no text"]))
        day = draw(DAYS)
        if kind == "good":
            formats = FORMATS[:-1] if EPOCH_GAP[0] <= day <= EPOCH_GAP[1] else FORMATS
            rows.append((text, draw(st.sampled_from(formats))(day), day.isoformat()))
        elif kind == "undated":
            rows.append((text, "", ""))
        elif kind == "bad date":
            rows.append((text, draw(BAD_DATES), None))
        else:
            rows.append(("  ", day.isoformat(), None))
    text_col = _cased(draw(st.sampled_from(NAMES["text"])), draw(st.lists(st.booleans())))
    date_col = _cased(draw(st.sampled_from(NAMES["date"])), draw(st.lists(st.booleans())))
    return text_col, date_col, rows


def _check(corpus, rows, shown: str) -> None:
    kept = {a.text: a.date for a in corpus.articles}
    named = [r for r in corpus.rejects if r.path == shown]
    for text, _, iso in rows:
        if iso is None:
            continue
        assert kept[clean_text(text)] == iso
    assert len(named) == sum(iso is None for _, _, iso in rows)
    assert all(r.reason for r in named)


@SETTINGS
@given(table(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]), st.booleans(), st.booleans())
def test_csv_rows_kept_or_named(tmp_path_factory, data, encoding, quote_all, blank_lines):
    text_col, date_col, rows = data
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow([date_col, "Extra", text_col])
    for text, date, _ in rows:
        writer.writerow([date, "x", text])
        if blank_lines:
            out.write("\r\n")
    path = tmp_path_factory.mktemp("csv") / "export.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    _check(load_corpus([path]), rows, str(path))


@SETTINGS
@given(table(), st.lists(st.sampled_from(["{broken", "[1, 2]", "", "  ", "null"]), max_size=4))
def test_jsonl_lines_kept_or_named(tmp_path_factory, data, junk):
    text_col, date_col, rows = data
    lines = [json.dumps({date_col: date, text_col: text}) for text, date, _ in rows]
    path = tmp_path_factory.mktemp("jsonl") / "export.jsonl"
    path.write_text("\n".join(lines + junk), encoding="utf-8")
    corpus = load_corpus([path])
    broken = sum(1 for j in junk if j.strip())
    rejected = [r for r in corpus.rejects if r.location != "file"]
    assert len(rejected) == sum(iso is None for *_, iso in rows) + broken
    kept = {a.text: a.date for a in corpus.articles}
    for text, _, iso in rows:
        if iso is not None:
            assert kept[clean_text(text)] == iso


@settings(max_examples=15, deadline=None)
@given(table())
def test_xlsx_rows_kept_or_named(data):
    text_col, date_col, rows = data
    book = openpyxl.Workbook()
    book.active.append([text_col, date_col])
    for text, date, _ in rows:
        book.active.append([text, date])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.xlsx"
        book.save(path)
        _check(load_corpus([path]), rows, str(path))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SUPPORTED), st.binary(max_size=2000))
def test_random_bytes_never_escape(suffix, payload):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(payload)
        corpus = load_corpus([path])
    assert corpus.articles or corpus.rejects  # read, or named with a reason
    assert all(r.reason for r in corpus.rejects)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none()))
def test_read_date_only_ever_says_why(value):
    try:
        result = read_date(value)
    except InputError as exc:
        assert str(exc)
    else:
        assert result == "" or dt.date.fromisoformat(result)


@settings(max_examples=20, deadline=None)
@given(table(), st.sampled_from([".zip", ".tar.gz", ".gz"]), st.sampled_from(["a", "in/side"]))
def test_archived_rows_kept_or_named(data, kind, folder_name):
    import gzip
    import tarfile
    import zipfile

    text_col, date_col, rows = data
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([text_col, date_col])
    writer.writerows([text, date] for text, date, _ in rows)
    payload, member = out.getvalue().encode("utf-8"), f"{folder_name}/export.csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bundle{kind}"
        if kind == ".zip":
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(member, payload)
        elif kind == ".tar.gz":
            with tarfile.open(path, "w:gz") as archive:
                info = tarfile.TarInfo(member)
                info.size = len(payload)
                archive.addfile(info, io.BytesIO(payload))
        else:
            path = Path(folder) / "export.csv.gz"
            path.write_bytes(gzip.compress(payload))
            member = "export.csv"
        _check(load_corpus([path]), rows, f"{path}!{member}")
