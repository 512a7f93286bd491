"""More file kinds: saved pages, spreadsheets, archives read in place (and refused when unsafe)."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

from analysis.config import InputOptions
from analysis.ingest.corpus import load_corpus
from analysis.ingest.readers import open_text, read_csv

DATA = Path(__file__).parent / "data"


def _names(corpus) -> dict[tuple[str, str], str]:
    return {(r.path.rsplit("data/", 1)[-1], r.location): r.reason for r in corpus.rejects}


def test_saved_page_text_title_date_from_metadata():
    (article,) = load_corpus([DATA / "page.html"]).articles
    assert article.title == "Turkey and Iran hold talks in Ankara"
    assert article.date == "2024-07-01"  # 21:30 at -04:00 is still 1 July where it was written
    assert article.url == "https://gulfwire.example/2024/07/ankara-talks"
    assert "Hakan Fidan in Ankara" in article.text
    assert "Subscribe" not in article.text and "Sport" not in article.text


def test_page_without_text_is_named(tmp_path):
    (tmp_path / "blank.html").write_text("<html><head><title>T</title></head><body></body></html>")
    (tmp_path / "fake.htm").write_bytes(b"\x00\x01\x02" * 50)
    corpus = load_corpus([tmp_path])
    reasons = sorted(r.reason for r in corpus.rejects)
    assert reasons == [
        "binary file (NUL bytes), not a web page",
        "no article text found in the page",
    ]
    assert not corpus.articles


def test_spreadsheet_rows_with_typed_dates():
    corpus = load_corpus([DATA / "sheet.xlsx"])
    got = [(a.title, a.date, a.source, a.location) for a in corpus.articles]
    assert got == [
        ("Ankara talks", "2024-07-01", "Gulf Wire", "sheet Articles row 1"),
        ("Text date", "2024-07-02", "Daily", "sheet Articles row 3"),
    ]
    assert _names(corpus) == {("sheet.xlsx", "sheet Articles row 2"): "no text"}
    assert any("sheet 'Notes': no text column" in n.reason for n in corpus.notices)


def test_broken_spreadsheet_is_named(tmp_path):
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    assert "not a readable .xlsx" in _names(load_corpus([tmp_path])).popitem()[1]


def test_zip_read_in_place_and_unsafe_members_refused(tmp_path):
    corpus = load_corpus([DATA / "exports.zip"])
    paths = {a.path.rsplit("data/", 1)[-1] for a in corpus.articles}
    assert paths == {
        "exports.zip!exports/messy.csv",
        "exports.zip!exports/pages/page.html",
        "exports.zip!note.txt",
    }
    names = _names(corpus)
    assert names[("exports.zip!../escape.txt", "file")] == "member path with '..' refused"
    assert names[("exports.zip!/etc/absolute.txt", "file")] == "absolute member path refused"
    assert "not opened" in names[("exports.zip!inner.zip", "file")]
    assert "unsupported" in names[("exports.zip!picture.png", "file")]
    assert "impossible date" in names[("exports.zip!exports/messy.csv", "row 8 (line 9)")]
    assert not any("README" in p for p, _ in names)
    assert not (DATA.parent / "escape.txt").exists() and not list(DATA.glob("exports"))


def test_tar_gz_and_gz():
    corpus = load_corpus([DATA / "feeds.tar.gz", DATA / "ambiguous.csv.gz"])
    paths = sorted({a.path.rsplit("data/", 1)[-1] for a in corpus.articles})
    assert paths == [
        "ambiguous.csv.gz!ambiguous.csv",
        "feeds.tar.gz!feeds/dayfirst.csv",
        "feeds.tar.gz!feeds/languages.jsonl",
    ]
    names = _names(corpus)
    assert names[("feeds.tar.gz!feeds/link.csv", "file")] == "link or device, not a file: refused"


def test_zip_bomb_refused_by_name(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.csv", b"text\n" + b"0" * 3_000_000)
    assert bomb.stat().st_size < 10_000  # a thousand to one: the shape of a bomb
    corpus = load_corpus([bomb], options=InputOptions(unpacked_limit=1_000_000))
    (reject,) = corpus.rejects
    assert reject.path == str(bomb) and "zip bomb" in reject.reason and not corpus.articles


def test_gz_that_lies_is_stopped_while_reading(tmp_path):
    gz = tmp_path / "big.csv.gz"
    gz.write_bytes(gzip.compress(b"text\n" + b"Iran said no.\n" * 200_000))
    corpus = load_corpus([gz], options=InputOptions(unpacked_limit=500_000))
    assert [r.path for r in corpus.rejects] == [str(gz)]
    assert "zip bomb" in corpus.rejects[0].reason and not corpus.articles


def test_broken_archives_are_named(tmp_path):
    (tmp_path / "a.zip").write_bytes(b"PK not a zip")
    (tmp_path / "b.tar.gz").write_bytes(b"\x1f\x8b not gzip")
    (tmp_path / "c.csv.gz").write_bytes(b"\x1f\x8b\x08 truncated")
    corpus = load_corpus([tmp_path])
    assert len(corpus.rejects) == 3 and not corpus.articles


def test_large_csv_is_streamed_not_read_whole(monkeypatch):
    monkeypatch.setattr("analysis.ingest.readers.WHOLE_LIMIT", 1000)
    payload = "text,date\n" + "".join(f'"Row {i} about Iran.",2024-07-01\n' for i in range(500))
    raw = io.BytesIO(payload.encode())
    stream = open_text(raw)
    assert not isinstance(stream, io.StringIO)  # a decoder over the stream, not one string
    rows = list(read_csv(io.BytesIO(payload.encode())))
    assert len(rows) == 500 and rows[-1]["text"] == "Row 499 about Iran."
    assert raw.tell() < len(payload)  # only the first window has been read so far


def test_truncated_archives_are_named_and_what_was_read_is_kept(tmp_path):
    for name in ["feeds.tar.gz", "exports.zip", "ambiguous.csv.gz"]:
        raw = (DATA / name).read_bytes()
        (tmp_path / f"cut-{name}").write_bytes(raw[: len(raw) // 3])
    corpus = load_corpus([tmp_path])
    named = sorted(r.path.removeprefix(f"{tmp_path}/") for r in corpus.rejects)
    assert named == [
        "cut-ambiguous.csv.gz!cut-ambiguous.csv",
        "cut-exports.zip",
        "cut-feeds.tar.gz",
        "cut-feeds.tar.gz!feeds/dayfirst.csv",
    ]
    assert all(r.reason for r in corpus.rejects)
