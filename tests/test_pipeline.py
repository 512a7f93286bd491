"""The CLI contract: files written, columns, totals, bad input named, re-runs, CSV safety."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.nlp.parse import segment
from analysis.schema import TABLES
from analysis.store import read_tables
from tests.paths import ROOT, SEED_ARTICLE


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def check_contract(out: Path) -> None:
    """Columns, spans and totals of a build folder, read back from the CSV files."""
    tables = {name: read_csv(out / f"{name}.csv") for name in TABLES}
    for name, columns in TABLES.items():
        assert tuple(tables[name].columns) == columns, name
    articles = read_tables(out)["articles"].set_index("article_id")["text"]
    m = read_tables(out)["mentions"]
    for row in m.itertuples():
        assert articles[row.article_id][row.start : row.end] == row.text
    assert set(m["actor_type"]) <= {"person", "organization", "country", "place", "group", "other"}
    actors = tables["actors"].set_index("actor")
    counts = m.groupby("actor").agg(n=("start", "size"), a=("article_id", "nunique"))
    assert set(actors.index) == set(counts.index)
    assert (actors["mentions"].astype(int) == counts["n"].reindex(actors.index)).all()
    assert (actors["articles"].astype(int) == counts["a"].reindex(actors.index)).all()
    sents = m.groupby("actor").apply(lambda g: set(zip(g.article_id, g.sentence_id, strict=True)))
    arts = m.groupby("actor")["article_id"].agg(set)
    edges = tables["cooccurrence"]
    pairs = set()
    for e in edges.itertuples():
        assert int(e.sentences) == len(sents[e.actor_a] & sents[e.actor_b])
        assert int(e.articles) == len(arts[e.actor_a] & arts[e.actor_b])
        pairs.add((e.actor_a, e.actor_b))
    expected = set()
    for _, group in m.groupby(["article_id", "sentence_id"]):
        names = sorted(set(group["actor"]))
        expected |= {(a, b) for i, a in enumerate(names) for b in names[i + 1 :]}
    assert pairs == expected  # a row for every pair that shares a sentence, and no other


def test_demo_corpus_meets_the_contract(demo_out):
    check_contract(demo_out)
    articles = read_csv(demo_out / "articles.csv")
    assert len(articles) == 296  # 295 Wikinews articles + the seed article
    assert read_csv(demo_out / "rejects.csv").empty


def test_seed_article_meets_the_contract(seed_out):
    check_contract(seed_out)


def test_cli_on_a_messy_folder_names_what_it_skips(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "seed.txt").write_bytes(SEED_ARTICLE.read_bytes())
    (corpus / "undated.txt").write_text("Hakan Fidan visited Baghdad.", encoding="utf-8")
    (corpus / "broken.jsonl").write_text(
        '{"date": "2020-01-01", "text": "Iran."}\n{oops\n', encoding="utf-8"
    )
    (corpus / "bad.csv").write_text(
        "date,text\n2021-02-31,Israel.\n2021-03-01,\n", encoding="utf-8"
    )
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 20)
    out = tmp_path / "out"
    result = run_cli("build", str(corpus), "--out", str(out))
    assert result.returncode == 0, result.stderr
    skipped = [line for line in result.stderr.splitlines() if ": skipped: " in line]
    assert len(skipped) == 4
    assert all(line.startswith(str(corpus)) for line in skipped)
    assert any("broken.jsonl: line 2: skipped: broken JSON" in line for line in skipped)
    assert f"{corpus / 'undated.txt'}: file: no date: kept as undated" in result.stderr
    rejects = read_csv(out / "rejects.csv")
    assert len(rejects) == 4 and set(rejects["path"].map(lambda p: Path(p).name)) == {
        "broken.jsonl",
        "bad.csv",
        "blob.txt",
    }
    articles = read_csv(out / "articles.csv")
    assert len(articles) == 3 and (articles["date"] == "").sum() == 1
    check_contract(out)
    again = run_cli("build", str(corpus), "--out", str(out))
    assert again.returncode == 0 and "up to date, nothing re-analysed" in again.stderr


def test_cli_exit_code_when_nothing_is_usable(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run_cli("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "empty.txt: file: skipped: empty file" in result.stderr


def test_formula_cells_are_escaped_unless_raw(tmp_path):
    (tmp_path / "a.csv").write_text(
        'date,text,title\n2020-01-01,"=HYPERLINK(""http://x"") Iran warned Israel.",+cmd\n',
        encoding="utf-8",
    )
    for flag, expect in [((), "'"), (("--raw-csv",), "")]:
        out = tmp_path / f"out{len(flag)}"
        assert run_cli("build", str(tmp_path / "a.csv"), "--out", str(out), *flag).returncode == 0
        rows = list(csv.DictReader(io.StringIO((out / "articles.csv").read_text(encoding="utf-8"))))
        assert rows[0]["title"] == f"{expect}+cmd"
        assert rows[0]["text"].startswith(f"{expect}=HYPERLINK")
        sentence = read_csv(out / "sentences.csv")["text"][0]
        assert sentence.startswith(f"{expect}=HYPERLINK")
    assert read_tables(tmp_path / "out0")["articles"]["title"][0] == "+cmd"  # Parquet keeps raw


def test_long_lines_are_cut_below_the_chunk_size():
    text = ("Iran warned Israel. " * 150_000).strip()  # 3 million characters, one line
    pieces = list(segment("x", text, max_chars=20_000))
    assert all(len(p.text) <= 20_000 for p in pieces)
    assert "".join(p.text for p in pieces).replace(" ", "") == text.replace(" ", "")
    assert all(text[p.offset : p.offset + len(p.text)] == p.text for p in pieces)


@pytest.mark.slow
def test_an_article_longer_than_a_chunk_is_analysed_to_its_end(tmp_path):
    filler = "The committee met again and discussed the budget at length. " * 600  # ~36k chars
    text = f"date 2021-01-01 Angela Merkel spoke first. {filler}Finally Emmanuel Macron answered."
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("build", str(tmp_path), "--out", str(out)).returncode == 0
    actors = set(read_csv(out / "actors.csv")["actor"])
    assert {"Angela Merkel", "Emmanuel Macron"} <= actors
