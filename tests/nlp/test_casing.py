"""All-caps headlines and lower-cased text: recased for the model, offsets unchanged."""

from __future__ import annotations

import pytest

from analysis.knowledge.registry import load_registry
from analysis.nlp.casing import recase_line
from analysis.pipeline import build
from analysis.store import read_tables


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "IRAN WARNS ISRAEL OVER HEZBOLLAH, SAYS US ENVOY",
            "Iran Warns Israel over Hezbollah, Says US Envoy",
        ),
        ("NATO AND THE EU MEET IN BRUSSELS", "NATO and the EU Meet in Brussels"),
        (
            "the iranian minister met the united states envoy.",
            "The Iranian minister met the United States envoy.",
        ),
        ("Mixed Case stays as it is, even iran.", "Mixed Case stays as it is, even iran."),
    ],
)
def test_recase_line(line, expected):
    out = recase_line(line, load_registry())
    assert out == expected
    assert len(out) == len(line)


BODY = (
    "MERKEL MEETS REUTERS IN BERLIN\n"
    "German Chancellor Angela Merkel met Reuters editors in Berlin on Monday and said the talks "
    "with France were useful, according to people who attended the meeting."
)


def test_a_headline_takes_the_spelling_its_article_gives_each_word():
    out = recase_line(BODY.split("\n")[0], load_registry(), BODY)
    assert out == "Merkel meets Reuters in Berlin"  # not one name "Merkel Meets Reuters"
    assert recase_line("FRANCE HAILS TALKS", load_registry(), BODY) == "France hails talks"
    # without a body to learn from, every word is capitalised as before
    assert recase_line("MERKEL MEETS REUTERS", load_registry()) == "Merkel Meets Reuters"


def test_datelines_and_phrases_the_body_spells():
    body = (
        "TENNIS - SAMPRAS BEATS AGASSI IN NEW YORK FINAL\n"
        "NEW YORK 1996-09-08\n"
        "Pete Sampras beat Andre Agassi in New York on Sunday, the organisers of the tournament "
        "said after a long and hard match in the evening."
    )
    lines = body.split("\n")
    assert (
        recase_line(lines[0], load_registry(), body)
        == "Tennis - Sampras beats Agassi in New York final"
    )
    assert recase_line(lines[1], load_registry(), body) == "New York 1996-09-08"
    assert recase_line("U.S. EMBASSY 1996-09-08", load_registry()) == "U.S. Embassy 1996-09-08"


def test_caps_and_lower_case_text_find_their_actors(tmp_path):
    (tmp_path / "a.txt").write_text(
        "date 2024-07-01 IRAN WARNS ISRAEL OVER HEZBOLLAH, SAYS TURKISH FOREIGN MINISTER HAKAN FIDAN\n\n"
        "iran's acting foreign minister ali bagheri kani spoke with turkey and warned israel.",
        encoding="utf-8",
    )
    build([tmp_path], tmp_path / "out")
    tables = read_tables(tmp_path / "out")
    actors = tables["actors"].set_index("actor")
    assert {"Iran", "Israel", "Turkey", "Hezbollah", "Hakan Fidan", "Ali Bagheri Kani"} <= set(
        actors.index
    )
    assert actors.loc["Iran", "mentions"] == 2 and actors.loc["Israel", "mentions"] == 2
    assert "Warns Israel" not in actors.index and "WARNS ISRAEL" not in actors.index
    text = tables["articles"]["text"][0]
    assert all(text[r.start : r.end] == r.text for r in tables["mentions"].itertuples())
    assert "HAKAN FIDAN" in set(tables["mentions"]["text"])  # the article's own text is kept
