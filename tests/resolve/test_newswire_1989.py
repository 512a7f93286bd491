"""Two short 1989-style wire stories through a real build (the real spaCy model): the institutions,
states of the past, groups and affiliations that issue #14 found wrong on AP newswire."""

from __future__ import annotations

import pytest

from analysis.config import Settings
from analysis.pipeline import build
from analysis.store import read_tables

FIRST = """date 1989-03-14
WASHINGTON (AP) - The House voted 250-170 on Tuesday to approve the aid package. Toni House, a \
spokeswoman for the Supreme Court, declined comment on the case.

Soviet officials said Moscow would pull its troops out by June. The Soviet Union and East Germany \
signed the pact in East Berlin. White House spokesman Marlin Fitzwater said the United States \
welcomed the Soviet move.
"""
SECOND = """date 1989-03-15
The House approved the measure on Wednesday, and the Senate is expected to follow. House Speaker \
Jim Wright said the vote was close. Fitzwater told reporters the president would sign it.

The Sandinistas and the Contras met in Managua. Yugoslav and Czechoslovak diplomats attended. \
Russian dissidents in Moscow welcomed the talks.
"""


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wire")
    (folder / "a1.txt").write_text(FIRST, encoding="utf-8")
    (folder / "a2.txt").write_text(SECOND, encoding="utf-8")
    build([folder], folder / "out", Settings(tone="sentence"))
    return read_tables(folder / "out")


def test_the_house_is_no_person_and_no_white_house(wire):
    mentions = wire["mentions"]
    house = mentions[mentions["text"] == "House"]
    assert len(house) >= 2
    assert not set(house["actor"]) & {"Toni House", "White House"}
    types = wire["actors"].set_index("actor")["actor_type"]
    assert types["Toni House"] == "person"


def test_states_of_the_past_by_the_article_date(wire):
    mentions = wire["mentions"]
    actor_of = mentions.groupby("text")["actor"].agg(set).to_dict()
    assert actor_of["Soviet"] == {"Soviet Union"}
    assert actor_of["Soviet Union"] == {"Soviet Union"}
    assert actor_of["Moscow"] == {"Soviet Union", "Moscow"}  # "Moscow would", then "in Moscow"
    assert actor_of["Yugoslav"] == {"Yugoslavia"}
    assert actor_of["Czechoslovak"] == {"Czechoslovakia"}
    assert actor_of["Russian"] == {"Russia"}  # ambiguous in 1989: as the text says
    types = wire["actors"].set_index("actor")["actor_type"]
    assert types["Soviet Union"] == types["East Germany"] == "country"


def test_groups_and_affiliations(wire):
    actors = wire["actors"].set_index("actor")
    assert actors.loc["Sandinistas", "actor_type"] == "group"
    assert actors.loc["Contras", "actor_type"] == "group"
    assert actors.loc["Marlin Fitzwater", "affiliation"] in ("White House", "United States")
    assert actors.loc["Marlin Fitzwater", "affiliation_votes"] >= 1


# Three more wire stories: a name spaCy calls PERSON that takes no person's evidence ("Kiev"), a
# person known by his surname and a pronoun ("Gorbachev ... he"), a spokesman named in three
# articles with one vote for an affiliation, and a demonym before the Democratic Party.
THIRD = """date 1989-05-09
MOSCOW (AP) - Chernobyl still worries Kiev residents, the Soviet news agency Tass said Tuesday. \
Soviet Foreign Ministry spokesman Gennadi Gerasimov said the reactor was safe. Gorbachev told \
reporters he was pleased with the talks.
"""
FOURTH = """date 1989-05-10
Gerasimov said the talks would resume in May. The House voted 250-170 to approve the aid \
package, and Democratic Party leaders in the House welcomed the vote.
"""
FIFTH = """date 1989-05-11
Gerasimov declined to comment. In Beijing, a Chinese Democratic Party official said students \
would march again. Palestinians threw stones at Israeli soldiers in Nablus.
"""


def _build(folder, stories: dict[str, str]) -> dict:
    for name, text in stories.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    build([folder], folder / "out", Settings(tone="sentence"))
    return read_tables(folder / "out")


@pytest.fixture(scope="module")
def more_wire(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("wire"), {"a3": THIRD, "a4": FOURTH, "a5": FIFTH})


def test_a_person_label_without_a_persons_evidence_is_no_person(more_wire):
    mentions = more_wire["mentions"]
    kiev = mentions[mentions["text"] == "Kiev"]
    assert len(kiev) == 1 and kiev["actor_type"].iloc[0] != "person"
    types = more_wire["actors"].set_index("actor")["actor_type"]
    assert types["Gorbachev"] == "person"  # no first name anywhere, but "he" is his
    assert types["Gennadi Gerasimov"] == "person"
    house = mentions[mentions["text"] == "House"]
    assert len(house) >= 2 and "person" not in set(house["actor_type"])
    assert types["Palestinians"] == "group"


def test_one_vote_and_another_countrys_vote_give_no_affiliation(more_wire, tmp_path):
    alone = _build(tmp_path, {"a3": THIRD})["actors"].set_index("actor")
    assert alone.loc["Gennadi Gerasimov", "affiliation_votes"] == 1  # the one parse's vote
    actors = more_wire["actors"].set_index("actor")
    gerasimov = actors.loc["Gennadi Gerasimov"]
    assert gerasimov["articles"] == 3  # one parse's vote does not speak for three articles
    assert (gerasimov["affiliation"], gerasimov["affiliation_votes"]) == ("", 0)
    party = actors.loc["Democratic Party"]  # "Chinese Democratic Party" votes China: dropped
    assert party["affiliation"] == "United States" and party["affiliation_votes"] == 0
