"""quotes, relations and relations_summary from a real build of the seed article (relate is on by
default): the facts the article states, tables that add up, and alias edits that re-map without
a new parse; with it off (`relate=False`, `--no-relate`) the tables are written empty, with their
columns."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.config import Settings
from analysis.nlp.parse import model_id_for
from analysis.pipeline import build
from analysis.relate.spans import QUOTES_STAGE, RELATIONS_STAGE
from analysis.schema import QUOTES, RELATIONS, RELATIONS_SUMMARY
from analysis.store import read_json, read_tables, shards
from tests.paths import SEED_ARTICLE

RELATE = Settings(tone="sentence", relate=True)
OFF = Settings(tone="sentence", relate=False)


def relate_files(out) -> list:
    root = shards.cache_root(out, model_id_for(None))
    return sorted(root.glob(f"shards/*/{QUOTES_STAGE}.parquet")) + sorted(
        root.glob(f"shards/*/{RELATIONS_STAGE}.parquet")
    )


@pytest.fixture(scope="module")
def relate_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("relate")
    build([SEED_ARTICLE], out, RELATE)
    return out


@pytest.fixture(scope="module")
def relate_tables(relate_out) -> dict:
    return read_tables(relate_out)


def test_relate_is_on_by_default():
    assert Settings().relate is True


def test_relate_off_writes_empty_tables_with_their_columns(tmp_path):
    out = tmp_path / "out"
    build([SEED_ARTICLE], out, OFF)
    tables = read_tables(out)
    for name, columns in {"quotes": QUOTES, "relations": RELATIONS,
                          "relations_summary": RELATIONS_SUMMARY}.items():  # fmt: skip
        assert tables[name].empty and list(tables[name].columns) == list(columns)
        header = (out / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == list(columns)
    assert not relate_files(out)  # nothing was parsed for it
    assert read_json(out / "build.json")["relate"] is False
    assert (tables["actors"][["quotes_given", "relations_out"]] == 0).all().all()


def test_relate_stage_is_recorded_in_the_shard_manifest(relate_out):
    root = shards.cache_root(relate_out, model_id_for(None))
    records = shards.read_manifests(root)
    assert records and all(r["relate"]["id"] for r in records.values())
    assert len(relate_files(relate_out)) == 2 * len(records)


def test_turning_relate_on_fills_the_tables_without_a_new_ner_parse(tmp_path):
    out = tmp_path / "out"
    build([SEED_ARTICLE], out, OFF)
    report = build([SEED_ARTICLE], out, RELATE)
    assert not report.up_to_date and report.parsed == 0  # the shards are reused
    assert len(read_tables(out)["relations"]) > 0
    assert read_json(out / "build.json")["relate"] is True
    shutil.rmtree(out)


def _edges(relations: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(relations["source"], relations["target"], relations["event"], strict=True))


def test_seed_relations_and_quotes_state_what_the_article_says(relate_tables):
    relations, quotes = relate_tables["relations"], relate_tables["quotes"]
    assert list(relations.columns) == list(RELATIONS) and list(quotes.columns) == list(QUOTES)
    edges = _edges(relations)
    assert ("Turkey", "Hamas", "SUPPORT") in edges  # "Turkey's government ... backs Hamas"
    assert ("Turkey", "Israel", "REJECT") in edges  # "Ankara refused to enable an Israeli flight"
    assert ("Iran", "Hezbollah", "SUPPORT") in edges
    assert ("Ali Bagheri Kani", "Israel", "DISAPPROVE") in edges  # "warned Israel"
    isolate = relations[relations["verb"] == "isolate"].iloc[0]
    assert isolate["source"] == "Iran" and bool(isolate["hypothetical"])  # "it wants to isolate"
    said = quotes[quotes["cue"] == "said"].iloc[0]
    assert said["speaker"] == "Ali Bagheri Kani" and said["kind"] == "direct"
    assert said["text"].startswith("they (the Israeli regime) should know")
    fidan = quotes[quotes["speaker_text"] == "the Turkish Foreign Minister"].iloc[0]
    assert fidan["speaker"] == "Hakan Fidan"  # a role noun resolved to the person it names
    assert "Ali Bagheri Kani" in set(quotes[quotes["speaker_text"] == "Iranian"]["speaker"])


def test_tables_add_up(relate_tables, relate_out):
    articles = relate_tables["articles"].set_index("article_id")["text"]
    relations, quotes = relate_tables["relations"], relate_tables["quotes"]
    for frame in (quotes, relations):
        for aid, start, end, text in zip(frame["article_id"], frame["start"], frame["end"],
                                         frame["text"], strict=True):  # fmt: skip
            assert articles[aid][start:end] == text
    summary = relate_tables["relations_summary"]
    assert list(summary.columns) == list(RELATIONS_SUMMARY)
    assert summary["relations"].sum() == len(relations)
    counts = relations.groupby(["source", "target", "quad", "event"]).size()
    for row in summary.itertuples():
        assert counts[(row.source, row.target, row.quad, row.event)] == row.relations
    actors = relate_tables["actors"].set_index("actor")
    assert actors["relations_out"].sum() == len(relations) == actors["relations_in"].sum()
    assert actors["quotes_given"].sum() == (quotes["speaker"] != "").sum()
    assert actors.loc["Turkey", "relations_out"] == (relations["source"] == "Turkey").sum()
    csv = pd.read_csv(relate_out / "relations.csv", keep_default_na=False)
    assert len(csv) == len(relations)


def test_alias_edit_remaps_speakers_and_parties_without_a_new_parse(tmp_path):
    out = tmp_path / "out"
    build([SEED_ARTICLE], out, RELATE)
    before = [p.stat().st_mtime_ns for p in relate_files(out)]
    (out / "aliases.yaml").write_text("merge:\n  Ankara: Erdogan's Turkey\n  Turkey: Erdogan's Turkey\n"
                                      "  Ali Bagheri Kani: Bagheri\n", encoding="utf-8")  # fmt: skip
    report = build([SEED_ARTICLE], out, RELATE)
    assert report.parsed == 0 and [p.stat().st_mtime_ns for p in relate_files(out)] == before
    tables = read_tables(out)
    edges = _edges(tables["relations"])
    assert ("Erdogan's Turkey", "Hamas", "SUPPORT") in edges
    assert not any(s == "Turkey" for s, _, _ in edges)
    assert "Bagheri" in set(tables["quotes"]["speaker"])
    shutil.rmtree(out)
