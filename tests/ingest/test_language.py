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


def test_a_rebuild_reuses_the_languages_of_the_previous_build(tmp_path, monkeypatch):
    """An alias edit or an added file must not identify every article again (10k articles: ~15 s)."""
    from analysis.config import Settings
    from analysis.ingest import load
    from analysis.pipeline import build

    build([DATA / "languages.jsonl"], tmp_path, Settings(tone="sentence"))
    calls = []
    monkeypatch.setattr(load, "identify", lambda text: calls.append(text) or "en")
    (tmp_path / "aliases.yaml").write_text("drop: [Nobody]\n", encoding="utf-8")
    report = build([DATA / "languages.jsonl"], tmp_path, Settings(tone="sentence"))
    assert calls == [] and report.parsed == 0 and not report.up_to_date
    languages = read_tables_languages(tmp_path)
    assert languages == ["de", "en", "es", "fa"]  # kept from the first build, not the stub's "en"


def read_tables_languages(out) -> list[str]:
    from analysis.store import read_tables

    return sorted(read_tables(out)["articles"]["language"])


def test_known_languages_are_taken_as_given():
    first = load_corpus([DATA / "languages.jsonl"])
    known = {a.article_id: "xx" for a in first.articles[:2]}
    again = load_corpus([DATA / "languages.jsonl"], languages=known)
    assert [a.language for a in again.articles] == ["xx", "xx", "de", "es"]
