"""quotes, relations and relations_summary from a real build of the seed article: the facts the
article states, tables that add up, and alias edits that re-map without a new parse."""

from __future__ import annotations

import shutil

import pandas as pd

from analysis.config import Settings
from analysis.pipeline import build
from analysis.relate.cache import CACHE_FILE
from analysis.schema import QUOTES, RELATIONS, RELATIONS_SUMMARY
from analysis.store import read_tables
from tests.paths import SEED_ARTICLE


def _edges(relations: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(relations["source"], relations["target"], relations["event"], strict=True))


def test_seed_relations_and_quotes_state_what_the_article_says(seed_tables):
    relations, quotes = seed_tables["relations"], seed_tables["quotes"]
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


def test_tables_add_up(seed_tables, seed_out):
    articles = seed_tables["articles"].set_index("article_id")["text"]
    relations, quotes = seed_tables["relations"], seed_tables["quotes"]
    for frame in (quotes, relations):
        for aid, start, end, text in zip(frame["article_id"], frame["start"], frame["end"],
                                         frame["text"], strict=True):  # fmt: skip
            assert articles[aid][start:end] == text
    summary = seed_tables["relations_summary"]
    assert list(summary.columns) == list(RELATIONS_SUMMARY)
    assert summary["relations"].sum() == len(relations)
    counts = relations.groupby(["source", "target", "quad", "event"]).size()
    for row in summary.itertuples():
        assert counts[(row.source, row.target, row.quad, row.event)] == row.relations
    actors = seed_tables["actors"].set_index("actor")
    assert actors["relations_out"].sum() == len(relations) == actors["relations_in"].sum()
    assert actors["quotes_given"].sum() == (quotes["speaker"] != "").sum()
    assert actors.loc["Turkey", "relations_out"] == (relations["source"] == "Turkey").sum()
    csv = pd.read_csv(seed_out / "relations.csv", keep_default_na=False)
    assert len(csv) == len(relations)


def test_alias_edit_remaps_speakers_and_parties_without_a_new_parse(tmp_path):
    out = tmp_path / "out"
    build([SEED_ARTICLE], out, Settings(tone="sentence"))
    cache = out / CACHE_FILE
    before = cache.stat().st_mtime_ns
    (out / "aliases.yaml").write_text("merge:\n  Ankara: Erdogan's Turkey\n  Turkey: Erdogan's Turkey\n"
                                      "  Ali Bagheri Kani: Bagheri\n", encoding="utf-8")  # fmt: skip
    report = build([SEED_ARTICLE], out, Settings(tone="sentence"))
    assert report.parsed == 0 and cache.stat().st_mtime_ns == before
    tables = read_tables(out)
    edges = _edges(tables["relations"])
    assert ("Erdogan's Turkey", "Hamas", "SUPPORT") in edges
    assert not any(s == "Turkey" for s, _, _ in edges)
    assert "Bagheri" in set(tables["quotes"]["speaker"])
    shutil.rmtree(out)
