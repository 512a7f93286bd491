"""Mention tone in a build: the targeted model by default, the sentence score as the fallback."""

from __future__ import annotations

from analysis.config import Settings
from analysis.pipeline import build
from analysis.store import CACHE_DIR, read_tables
from tests.paths import SEED_ARTICLE


def test_targeted_tone_differs_between_actors_of_one_sentence(seed_tables):
    m = seed_tables["mentions"]
    spread = m.groupby(["article_id", "sentence_id"])["tone"].nunique()
    assert (spread > 1).sum() >= 5  # several sentences give their actors different tones
    assert m["tone"].between(-1, 1).all()
    sentences = seed_tables["sentences"].set_index(["article_id", "sentence_id"])["tone"]
    articles = seed_tables["articles"]
    assert articles["tone"][0] == round(sentences.mean(), 4)  # article tone stays the sentence mean


def test_sentence_mode_gives_each_mention_its_sentence_tone(tmp_path):
    build([SEED_ARTICLE], tmp_path, Settings(tone="sentence"))
    t = read_tables(tmp_path)
    sentence_tone = t["sentences"].set_index(["article_id", "sentence_id"])["tone"]
    keys = list(zip(t["mentions"]["article_id"], t["mentions"]["sentence_id"], strict=True))
    assert t["mentions"]["tone"].tolist() == [sentence_tone[k] for k in keys]


def test_alias_edit_reuses_cached_tone_scores(tmp_path):
    build([SEED_ARTICLE], tmp_path)
    before = read_tables(tmp_path)["actors"].set_index("actor")
    cache = next((tmp_path / CACHE_DIR).rglob("target-tone-*.parquet"))
    stamp = cache.stat().st_mtime_ns
    (tmp_path / "aliases.yaml").write_text(
        "merge: {Hakan Fidan: Fidan the Diplomat}\n", encoding="utf-8"
    )
    report = build([SEED_ARTICLE], tmp_path)
    after = read_tables(tmp_path)["actors"].set_index("actor")
    assert report.parsed == 0 and cache.stat().st_mtime_ns == stamp  # nothing re-scored
    assert after.loc["Fidan the Diplomat", "tone"] == before.loc["Hakan Fidan", "tone"]


def test_edge_tone_is_the_pairs_mention_tone_in_shared_sentences(seed_tables):
    m, edges = seed_tables["mentions"], seed_tables["cooccurrence"]
    per = m.groupby(["article_id", "sentence_id", "actor"])["tone"].mean()
    edge = edges.set_index(["actor_a", "actor_b"]).loc[("Iran", "Turkey")]
    shared = set(per.xs("Iran", level="actor").index) & set(per.xs("Turkey", level="actor").index)
    values = [(per[(*k, "Iran")] + per[(*k, "Turkey")]) / 2 for k in shared]
    assert edge["sentences"] == len(shared)
    assert abs(edge["tone"] - sum(values) / len(values)) < 1e-3
