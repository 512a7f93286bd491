"""Languages: identified offline; other languages listed but kept out of NLP, with a notice."""

from __future__ import annotations

from analysis.ingest.corpus import load_corpus
from analysis.ingest.language import identify, kept_out
from tests.ingest.test_kinds import DATA


def test_identify():
    assert identify("Iran said Turkey was wrong about Israel and the talks in Ankara.") == "en"
    assert (
        identify("وزیر امور خارجه ایران روز دوشنبه در آنکارا با همتای ترک خود دیدار کرد.") == "fa"
    )
    assert identify("Hello Iran.") == "en"  # too short to tell: read as English
    assert kept_out("fa") and not kept_out("en")


def test_non_english_articles_listed_counted_and_kept_out():
    corpus = load_corpus([DATA / "languages.jsonl"])
    assert [a.language for a in corpus.articles] == ["en", "fa", "de", "es"]
    assert corpus.languages() == {"de": 1, "en": 1, "es": 1, "fa": 1}
    said = [(n.location, n.reason) for n in corpus.notices]
    assert said == [
        ("line 2", "kept out: language fa"),
        ("line 3", "kept out: language de"),
        ("line 4", "kept out: language es"),
    ]


def test_build_never_parses_a_kept_out_article(tmp_path):
    from analysis.config import Settings
    from analysis.pipeline import build
    from analysis.store import read_json, read_tables

    report = build([DATA / "languages.jsonl"], tmp_path, Settings(tone="sentence"))
    tables = read_tables(tmp_path)
    articles = tables["articles"].set_index("language")
    assert report.parsed == 1 and report.articles == 4
    assert articles.loc["fa", "n_sentences"] == 0 and articles.loc["en", "n_sentences"] == 1
    english = {articles.loc["en", "article_id"]}
    assert set(tables["sentences"]["article_id"]) == english
    assert set(tables["mentions"]["article_id"]) <= english
    meta = read_json(tmp_path / "build.json")
    assert meta["languages"] == {"de": 1, "en": 1, "es": 1, "fa": 1} and meta["kept_out"] == 3
