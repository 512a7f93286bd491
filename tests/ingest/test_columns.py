"""Column mapping: the usual names in any case, overrides, and a refusal that lists the columns."""

from __future__ import annotations

import pytest

from analysis.config import InputOptions
from analysis.ingest.columns import detect_columns
from analysis.ingest.corpus import load_corpus
from analysis.ingest.model import InputError
from tests.ingest.test_kinds import DATA


def test_usual_names_any_case_and_spelling():
    mapping, remarks = detect_columns(["Headline", "BODY", "Published At", "media-name", "GUID"])
    assert mapping == {
        "text": "BODY",
        "date": "Published At",
        "title": "Headline",
        "source": "media-name",
        "id": "GUID",
    }
    assert remarks == []


def test_first_listed_name_wins_and_a_column_serves_one_role():
    mapping, _ = detect_columns(["content", "text", "date", "timestamp"])
    assert (mapping["text"], mapping["date"]) == ("text", "date")


def test_override_and_missing_override_said():
    mapping, remarks = detect_columns(["Summary", "text"], overrides={"text": "summary"})
    assert mapping["text"] == "Summary"
    mapping, remarks = detect_columns(["text"], overrides={"text": "lede"})
    assert mapping["text"] == "text" and "'lede'" in remarks[0]


def test_no_text_column_is_refused_with_the_columns_found():
    with pytest.raises(InputError, match=r"no text column \(columns: 'Summary', 'When'\)"):
        detect_columns(["Summary", "When"])


def test_messy_export_read_with_its_own_names():
    corpus = load_corpus([DATA / "messy.csv"])
    first = corpus.articles[0]
    assert (first.title, first.source, first.source_id) == ("Talks in Ankara", "Gulf Wire", "a1")


def test_cli_style_overrides_reach_every_file(tmp_path):
    (tmp_path / "a.csv").write_text("lede,when,summary\nShort.,2024-07-01,Long text here.\n")
    options = InputOptions(columns=(("text", "summary"), ("date", "when")))
    (article,) = load_corpus([tmp_path], options=options).articles
    assert (article.text, article.date) == ("Long text here.", "2024-07-01")


def test_a_file_s_own_mapping_wins(tmp_path):
    (tmp_path / "a.csv").write_text("lede,summary\nShort.,Long text here.\n")
    (tmp_path / "b.csv").write_text("lede,summary\nOther lede.,Other text.\n")
    options = InputOptions(
        columns=(("text", "summary"),), file_columns=(("a.csv", (("text", "lede"),)),)
    )
    texts = sorted(a.text for a in load_corpus([tmp_path], options=options).articles)
    assert texts == ["Other text.", "Short."]


def test_nested_json_fields_are_read_by_name(tmp_path):
    record = '{"body": "Iran spoke.", "source": {"id": null, "name": "Wire"}, "tags": ["a", "b"]}'
    (tmp_path / "a.jsonl").write_text(record + "\n")
    (article,) = load_corpus([tmp_path]).articles
    assert (article.text, article.source) == ("Iran spoke.", "Wire")


def test_a_changed_mapping_redoes_the_tables(tmp_path):
    from analysis.config import Settings
    from analysis.pipeline import build
    from analysis.store import read_tables

    src = tmp_path / "a.csv"
    src.write_text("headline,summary,text\nOne,Two,Iran and Turkey spoke in Ankara.\n")
    build([src], tmp_path / "out", Settings(tone="sentence"))
    remapped = Settings(tone="sentence", inputs=InputOptions(columns=(("title", "summary"),)))
    report = build([src], tmp_path / "out", remapped)
    assert not report.up_to_date and report.parsed == 0  # tables redone, spaCy not rerun
    assert read_tables(tmp_path / "out")["articles"]["title"].tolist() == ["Two"]
