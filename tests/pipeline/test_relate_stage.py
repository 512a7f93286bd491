"""Quotes and relations as a shard stage: found in the build's own spaCy pass (tok2vec once),
recorded in the manifest, resumed alone when a shard has its parse but not its relate stage,
the same spans as a separate full parse, and off (`--no-relate`, ACTORSCOPE_RELATE=0) empty."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from analysis.config import Settings, relate_default
from analysis.nlp.parse import model_id_for
from analysis.pipeline import build
from analysis.pipeline.shard import parsed_articles
from analysis.relate.extract import extract_articles
from analysis.relate.spans import QUOTES_STAGE, RELATIONS_STAGE, relate_frames
from analysis.schema import QUOTES, RELATIONS, RELATIONS_SUMMARY
from analysis.store import read_json, read_tables, shards
from tests.paths import ROOT, SEED_ARTICLE

STAGES = (QUOTES_STAGE, RELATIONS_STAGE)


def _root(out):
    return shards.cache_root(out, model_id_for(None))


def test_in_pass_spans_match_a_separate_full_parse(seed_out):
    """The same spans, bar a few: the tensor slice sees the words around the run (on the demo
    corpus 1895 of 1900 quotes and 1168 of 1170 relations were identical)."""
    root = _root(seed_out)
    for name, record in shards.read_manifests(root).items():
        assert record["relate"]["id"]  # recorded, with its own id
        texts = shards.read_texts(root, name)
        parsed = parsed_articles(root, name)
        separate = extract_articles(
            list(zip(texts["article_id"], texts["text"], strict=True)),
            {p.article_id: p.sentences for p in parsed},
            {p.article_id: p.entities for p in parsed},
            n_process=1,
        )
        expected = relate_frames(separate.values())
        for stage in STAGES:
            got = shards.read_stage(root, name, stage)
            rows = set(map(tuple, got.astype(str).to_numpy()))
            want = set(map(tuple, expected[stage].astype(str).to_numpy()))
            assert len(got) > 0 and len(rows ^ want) <= max(2, len(want) // 10), stage


def test_a_shard_with_its_parse_but_not_its_relate_stage_resumes_only_relate(tmp_path):
    out = tmp_path / "out"
    settings = Settings(tone="sentence")
    build([SEED_ARTICLE], out, settings)
    expected = read_tables(out)
    root = _root(out)
    for name, record in shards.read_manifests(root).items():  # killed between the two stages
        del record["relate"]
        shards.write_manifest(root, name, record)
        for stage in STAGES:
            shards.stage_path(root, name, stage).unlink()
    parse_files = sorted(root.glob("shards/*/sentences.parquet"))
    before = [p.stat().st_mtime_ns for p in parse_files]
    report = build([SEED_ARTICLE], out, settings, force=True)
    assert report.parsed == 0 and report.shards == 1
    assert [p.stat().st_mtime_ns for p in parse_files] == before  # the parse was kept
    assert all("relate" in r for r in shards.read_manifests(root).values())
    tables = read_tables(out)
    for name in ("quotes", "relations", "relations_summary"):
        pd.testing.assert_frame_equal(tables[name], expected[name])


def test_re_run_and_alias_edit_run_no_relate_stage(tmp_path):
    out = tmp_path / "out"
    settings = Settings(tone="sentence")
    build([SEED_ARTICLE], out, settings)
    files = sorted(_root(out).glob("shards/*/relate-*.parquet"))
    before = [p.stat().st_mtime_ns for p in files]
    (out / "aliases.yaml").write_text("merge:\n  Ankara: Erdogan's Turkey\n", encoding="utf-8")
    report = build([SEED_ARTICLE], out, settings)
    assert report.parsed == 0 and report.shards == 0
    assert [p.stat().st_mtime_ns for p in files] == before


def test_no_relate_cli_writes_empty_tables_with_their_columns(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "build", str(SEED_ARTICLE), "--out", str(out),
         "--tone", "sentence", "--no-relate", "--workers", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    tables = read_tables(out)
    for name, columns in {"quotes": QUOTES, "relations": RELATIONS,
                          "relations_summary": RELATIONS_SUMMARY}.items():  # fmt: skip
        assert tables[name].empty and list(tables[name].columns) == list(columns)
    assert read_json(out / "build.json")["relate"] is False
    assert not list(_root(out).glob("shards/*/relate-*.parquet"))
    assert all("relate" not in r for r in shards.read_manifests(_root(out)).values())


def test_environment_turns_relate_off(monkeypatch):
    monkeypatch.delenv("ACTORSCOPE_RELATE", raising=False)
    assert relate_default() is True
    monkeypatch.setenv("ACTORSCOPE_RELATE", "0")
    assert relate_default() is False
    monkeypatch.setenv("ACTORSCOPE_RELATE", "1")
    assert relate_default() is True


def test_a_rule_that_fails_on_one_sentence_run_loses_that_run_only_and_says_so(
    tmp_path, monkeypatch
):
    """One odd parse must not sink the shard (a 50k build once died on one speaker head)."""
    from analysis.relate import extract

    real = extract.find_relations

    def fails_on_ankara(doc, spans, lexicon):
        if "Ankara" in doc.text:
            raise ValueError("an odd parse")
        return real(doc, spans, lexicon)

    good = build([SEED_ARTICLE], tmp_path / "good", Settings(tone="sentence"))
    assert not [n for n in good.notices if "quotes/relations" in n.reason]
    expected = read_tables(tmp_path / "good")
    monkeypatch.setattr(extract, "find_relations", fails_on_ankara)
    report = build([SEED_ARTICLE], tmp_path / "out", Settings(tone="sentence"))
    notices = [n for n in report.notices if "quotes/relations" in n.reason]
    assert len(notices) == 1 and "an odd parse" in notices[0].reason
    tables = read_tables(tmp_path / "out")
    pd.testing.assert_frame_equal(tables["quotes"], expected["quotes"])  # quotes all kept
    kept, before = tables["relations"], expected["relations"]
    assert 0 < len(kept) < len(before)  # the runs without "Ankara" kept their relations
    assert not kept["text"].str.contains("Ankara").any()
    assert before["text"].str.contains("Ankara").any()
