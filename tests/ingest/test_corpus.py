"""Corpus loading: formats, encodings, and bad input that is skipped and named, never fatal."""

from __future__ import annotations

import json

import pytest

from analysis.ingest.corpus import InputError, article_id_for, decode, load_corpus, parse_date
from tests.paths import SEED_ARTICLE


def test_seed_article_date_and_text():
    corpus = load_corpus([SEED_ARTICLE])
    (article,) = corpus.articles
    assert article.date == "2024-07-01"
    assert article.text.startswith("In a development that illustrates how Iran and Turkey")
    assert "Isolating Israel in the region" in article.text
    assert not corpus.rejects


@pytest.mark.parametrize(
    ("first_line", "date"),
    [("date 2024-07-01 Text.", "2024-07-01"), ("  date: 2024-7-1\nText.", "2024-07-01")],
)
def test_txt_date_line_variants(tmp_path, first_line, date):
    (tmp_path / "a.txt").write_text(f"\n\n{first_line}\nMore text.", encoding="utf-8")
    (article,) = load_corpus([tmp_path]).articles
    assert article.date == date
    assert article.text.endswith("More text.")


def test_txt_without_date_is_kept_undated_and_noted(tmp_path):
    (tmp_path / "a.txt").write_text("Iran and Turkey talked.", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [a.date for a in corpus.articles] == [""]
    assert corpus.notices and "undated" in corpus.notices[0].reason


def test_bom_crlf_and_latin1(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffdate 2020-01-02 Ankara\r\nsaid no.".encode())
    (tmp_path / "latin.txt").write_bytes(
        "date 2020-01-03 Erdoğan met Müller in Köln.".encode("cp1252", "replace")
    )
    (tmp_path / "latin1.txt").write_bytes(
        "date 2020-01-04 Le président Macron à Genève.".encode("latin-1")
    )
    corpus = load_corpus([tmp_path])
    texts = {a.date: a.text for a in corpus.articles}
    assert texts["2020-01-02"] == "Ankara\nsaid no."
    assert "Müller in Köln" in texts["2020-01-03"]
    assert texts["2020-01-04"] == "Le président Macron à Genève."


def test_csv_and_jsonl_with_optional_columns(tmp_path):
    (tmp_path / "a.csv").write_text(
        'Date,Text,Title,URL,source\n2021-05-06,"Line one.\n\nLine two.",T1,http://x/1,Wire\n',
        encoding="utf-8",
    )
    rows = [{"date": "2021-05-07", "text": "Hello Iran.", "title": "T2", "id": 7}]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    corpus = load_corpus([tmp_path])
    by_title = {a.title: a for a in corpus.articles}
    assert by_title["T1"].text == "Line one.\n\nLine two."
    assert (by_title["T1"].url, by_title["T1"].source) == ("http://x/1", "Wire")
    assert by_title["T2"].date == "2021-05-07"
    assert by_title["T2"].source_id == "7"


def test_bad_inputs_are_skipped_and_named(tmp_path):
    (tmp_path / "good.txt").write_text("date 2020-01-01 Good article about Iran.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02" * 100)
    (tmp_path / "notext.csv").write_text("date,summary\n2020-01-01,x\n", encoding="utf-8")
    (tmp_path / "rows.csv").write_text(
        "date,text\n2020-01-01,Fine row.\n2020-02-30,Impossible date.\n2020-01-02,\nsoon,Bad date.\n",
        encoding="utf-8",
    )
    (tmp_path / "lines.jsonl").write_text(
        '{"date": "2020-01-03", "text": "Fine line."}\n{broken\n[1, 2]\n{"date": "2020-01-04"}\n',
        encoding="utf-8",
    )
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    corpus = load_corpus([tmp_path])
    assert sorted(a.text for a in corpus.articles) == [
        "Fine line.",
        "Fine row.",
        "Good article about Iran.",
    ]
    named = {(r.path.rsplit("/", 1)[-1], r.location): r.reason for r in corpus.rejects}
    assert named[("empty.txt", "file")] == "empty file"
    assert "binary" in named[("binary.txt", "file")]
    assert "no text column" in named[("notext.csv", "file")]
    assert "impossible date" in named[("rows.csv", "row 2 (line 3)")]
    assert named[("rows.csv", "row 3 (line 4)")] == "no text"
    assert "unreadable date" in named[("rows.csv", "row 4 (line 5)")]
    assert "broken JSON" in named[("lines.jsonl", "line 2")]
    assert named[("lines.jsonl", "line 3")] == "not a JSON object"
    assert named[("lines.jsonl", "line 4")] == "no text"
    assert "unsupported" in named[("picture.png", "file")]
    assert len(corpus.rejects) == 10


def test_identical_texts_are_analysed_once(tmp_path):
    (tmp_path / "a.txt").write_text("date 2020-01-01 Same words.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2020-01-02 Same words.\n", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert len(corpus.articles) == 1
    assert corpus.articles[0].article_id == article_id_for("Same words.")
    assert "duplicate" in corpus.rejects[0].reason


def test_readme_and_licence_in_a_folder_are_not_articles(tmp_path):
    (tmp_path / "README.md").write_text("# about", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("licence", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert corpus.articles == [] and corpus.rejects == []


def test_parse_date_and_decode_errors():
    assert parse_date("2019-01-04T10:20:00Z") == "2019-01-04"
    assert parse_date(None) == "" and parse_date("  ") == ""
    with pytest.raises(InputError, match="impossible"):
        parse_date("2023-13-01")
    with pytest.raises(InputError, match="binary"):
        decode(b"abc\x00def")
