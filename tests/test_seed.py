"""The reference article through the real spaCy model: the actors an analyst expects, no noise."""

from __future__ import annotations

EXPECTED = {
    "Iran": "country",
    "Turkey": "country",
    "Israel": "country",
    "Lebanon": "country",
    "Iraq": "country",
    "Syria": "country",
    "United States": "country",
    "Hezbollah": "organization",
    "Hamas": "organization",
    "Press TV": "organization",
    "Al-Mayadeen": "organization",
    "Anadolu Agency": "organization",
    "Ali Bagheri Kani": "person",
    "Hakan Fidan": "person",
    "Hassan Nasrallah": "person",
    "Qais Khazali": "person",
}


def test_seed_actors_and_types(seed_tables):
    actors = seed_tables["actors"].set_index("actor")
    for name, kind in EXPECTED.items():
        assert name in actors.index, f"{name} missing from {sorted(actors.index)}"
        assert actors.loc[name, "actor_type"] == kind, name


def test_seed_has_no_noise_actors(seed_tables):
    names = set(seed_tables["actors"]["actor"])
    assert "Isolating Israel" not in names
    assert not {n for n in names if n.endswith(("'s", "’s")) or n.lower() in {"he", "they"}}
    assert not {"REUTERS", "Reuters", "WANA", "WANA VIA REUTERS"} & names  # photo credit
    assert not {"Bagheri Kani", "Ankara", "Iranian", "Turkish", "Israeli", "Lebanese", "US"} & names


def test_seed_resolution_cases(seed_tables):
    m = seed_tables["mentions"]
    pairs = set(zip(m["text"], m["actor"], strict=True))
    for surface, actor in [
        ("Iranian", "Iran"),
        ("Turkish", "Turkey"),
        ("Israeli", "Israel"),
        ("Lebanese", "Lebanon"),
        ("Ankara", "Turkey"),
        ("Bagheri Kani", "Ali Bagheri Kani"),
        ("US", "United States"),
        ("al-Mayadeen", "Al-Mayadeen"),
        ("Al-Mayadeen", "Al-Mayadeen"),
        ("Sayyed Hassan Nasrallah", "Hassan Nasrallah"),
    ]:
        assert (surface, actor) in pairs, (surface, actor)
    assert "Iran’s" not in set(m["text"])


def test_seed_affiliations(seed_tables):
    aff = seed_tables["actors"].set_index("actor")["affiliation"]
    assert aff["Ali Bagheri Kani"] == "Iran"
    assert aff["Hakan Fidan"] == "Turkey"
    assert aff["Hassan Nasrallah"] == "Hezbollah"
    assert aff["Qais Khazali"] == "Iraq"


def test_seed_sentences_respect_paragraphs(seed_tables):
    sentences = seed_tables["sentences"]["text"].tolist()
    assert "Isolating Israel in the region" in sentences  # the heading is a sentence of its own
    assert all("\n" not in s for s in sentences)
