"""One-word names spaCy calls PERSON stay people only with a person's evidence in the corpus
(issue #14, "groups are not people"): rules on hand-placed mentions, then a real build."""

from __future__ import annotations

import re

import pytest

from analysis.knowledge.given_names import given_names
from analysis.knowledge.registry import load_registry
from analysis.resolve.mention import Mention
from analysis.resolve.people import PRONOUN_SHARE, unsupported_people


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def mentions_of(texts: dict[str, str], people: list[tuple[str, str, str]]) -> list[Mention]:
    """Person mentions (article, name, key) at every whole-word place of the name, in order."""
    out = []
    for aid, name, key in people:
        for found in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", texts[aid]):
            out.append(Mention(aid, 0, found.start(), found.end(), "PERSON", key, "person", name))
    return sorted(out, key=lambda m: (m.article_id, m.start))


def types(mentions: list[Mention]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in mentions:
        found.setdefault(m.name, set()).add(m.actor_type)
    return found


def test_a_name_without_a_persons_evidence_is_not_a_person(registry):
    texts = {"a": "Brexit dominated the talks. Brexit would cost jobs, the minister warned."}
    out = unsupported_people(mentions_of(texts, [("a", "Brexit", "brexit")]), registry, texts=texts)
    assert types(out) == {"Brexit": {"other"}}


def test_people_with_evidence_stay_people(registry):
    texts = {
        "a": "White House spokesman Marlin Fitzwater spoke. Mr. Shamir rejected the plan.",
        "b": "Fitzwater told reporters the vote was close. Shamir left early.",
        "c": "Gorbachev told reporters he was pleased. The Politburo agreed.",
        "d": "Arafat, who leads the PLO, spoke. Arafat left.",
        "e": "Her son Barron tested negative. Zoe was taken to hospital.",
        "f": "Tsvangirai's wife died in a crash in 2009.",
        "g": "Robert Mugabe and Nkomo signed the accord. They are required to, said Mauer.",
    }
    people = [("a", "Marlin Fitzwater", "marlin fitzwater"), ("a", "Shamir", "shamir"),
              ("b", "Fitzwater", "fitzwater"), ("b", "Shamir", "shamir"),
              ("c", "Gorbachev", "gorbachev"), ("d", "Arafat", "arafat"),
              ("e", "Barron", "barron"), ("e", "Zoe", "zoe"),
              ("f", "Tsvangirai", "tsvangirai"), ("g", "Robert Mugabe", "robert mugabe"),
              ("g", "Nkomo", "nkomo"), ("g", "Mauer", "mauer")]  # fmt: skip
    out = unsupported_people(mentions_of(texts, people), registry, texts=texts)
    assert {t for found in types(out).values() for t in found} == {"person"}
    assert "zoe" in given_names() and "brexit" not in given_names()


def test_a_pronoun_counts_only_when_no_other_person_can_own_it(registry):
    texts = {
        "a": "Fedora is released today. Johnson thinks Fedora cost him a week.",
        "b": "Rosselló resigned after his chats leaked.",
    }
    people = [("a", "Fedora", "fedora"), ("a", "Johnson", "johnson"), ("b", "Rosselló", "rossello")]
    out = types(unsupported_people(mentions_of(texts, people), registry, texts=texts))
    assert out["Fedora"] == {"other"}  # "him" is Johnson's
    assert out["Rosselló"] == {"person"}


def test_one_odd_phrase_does_not_make_a_frequent_name_a_person(registry):
    n = 30  # "Zorbex said he" once in 30 mentions: below PRONOUN_SHARE
    text = " ".join(["Zorbex reported the vote."] * (n - 1) + ["Zorbex said he had left."])
    texts = {"a": text}
    out = unsupported_people(mentions_of(texts, [("a", "Zorbex", "zorbex")]), registry, texts=texts)
    assert PRONOUN_SHARE * n > 1 and types(out) == {"Zorbex": {"other"}}
    title = {"a": text + " Mr. Zorbex spoke."}  # a title is enough: "Mr. X" is a person
    out = unsupported_people(mentions_of(title, [("a", "Zorbex", "zorbex")]), registry, texts=title)
    assert types(out) == {"Zorbex": {"person"}}


def test_registry_entries_and_other_labels_are_left_alone(registry):
    texts = {"a": "Hezbollah fired rockets. Reuters said so."}
    mentions = [
        Mention("a", 0, 0, 9, "PERSON", "hezbollah", "person", "Hezbollah"),
        Mention("a", 0, 25, 32, "ORG", "reuters", "organization", "Reuters"),
    ]
    assert "hezbollah" in registry.names  # a registry name is typed by the registry
    assert unsupported_people(mentions, registry, texts=texts) == mentions
    assert unsupported_people(mentions[1:], registry, texts=texts) == mentions[1:]
