"""Rules added on the gold set's dev errors, on short texts with the real model: plural role
nouns name no one, a demonym adjective is its country, a quoted source is not a target."""

from __future__ import annotations

from analysis.relate.analyse import quotes_of, relations_of


def _quote(text: str, content: str) -> dict:
    found = [q for q in quotes_of(text) if content in text[q["start"] : q["end"]]]
    assert found, quotes_of(text)
    return found[0]


def test_plural_speakers_are_countries_or_no_one():
    text = (
        "Arnav Gupta set himself on fire on Wednesday. Gupta was taken to a local hospital in "
        "critical condition, according to officials, with burns over most of his body."
    )
    assert _quote(text, "critical condition")["speaker"] == ""
    text = (
        "Ali Bagheri Kani spoke with Hakan Fidan. Iran is speaking with Turkey about Hezbollah, "
        "which the Iranians claim is fully prepared to fight off Israel."
    )
    assert _quote(text, "fully prepared")["speaker"] == "Iran"


def test_mid_sentence_according_to_keeps_the_whole_clause():
    text = (
        "Bruce McArthur pleaded guilty in Toronto. Six of the murders were, according to agreed "
        'facts heard in court, "sexual in nature" and five of those involved ligatures.'
    )
    q = _quote(text, "sexual in nature")
    assert text[q["start"] : q["end"]].startswith("Six of the murders were")


def test_a_demonym_adjective_is_its_country_not_a_person_near_it():
    text = (
        "Iran and Turkey coordinate policy against Israel, Iran's acting Foreign Minister Ali "
        "Bagheri Kani said. On June 30 Ankara refused to enable an Israeli flight to refuel."
    )
    pairs = {(r["source"], r["target"], r["event"]) for r in relations_of(text)}
    assert ("Turkey", "Israel", "REJECT") in pairs
    assert not any(t == "Ali Bagheri Kani" for _, t, _ in pairs)


def test_quoted_sources_and_prefixed_names_are_not_targets():
    text = (
        "The Anadolu Agency quoted the Turkish Foreign Minister Hakan Fidan as saying that "
        "tension will grow. Brenton Tarrant released an anti-Muslim document online."
    )
    assert relations_of(text) == []


def test_a_speaker_head_that_is_a_punctuation_mark_gives_its_own_span():
    """A mis-parse once made a quote mark the subject of "said": the speaker's phrase was empty
    and the whole shard failed (a 50k build). The mark's own span comes back instead."""
    import spacy
    from spacy.tokens import Doc

    from analysis.relate.syntax import phrase_span

    words = ["“", "Iran", "said", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[False, True, False, False],
              heads=[2, 2, 2, 2], deps=["nsubj", "dobj", "ROOT", "punct"])  # fmt: skip
    assert doc[0].is_punct
    assert phrase_span(doc[0]) == (0, 1)
    assert phrase_span(doc[1]) == (1, 5)
