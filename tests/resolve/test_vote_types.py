"""One type per actor, voted over its mentions (analysis.resolve.corpus.vote_types)."""

from __future__ import annotations

import pandas as pd

from analysis.knowledge.registry import load_registry
from analysis.resolve.corpus import vote_types


def test_registry_then_majority_then_first_seen_and_personal_names_stay_people():
    rows = [
        ("Iran", "organization"), ("Iran", "organization"),  # the registry's type wins
        ("Acme Widgets", "organization"), ("Acme Widgets", "place"), ("Acme Widgets", "place"),
        ("Zorblat", "place"), ("Zorblat", "other"),  # a tie: the type seen first
        ("Maria Lopez", "person"), ("Maria Lopez", "organization"), ("Maria Lopez", "other"),
        ("Maria Lopez", "organization"),  # a person a quarter of the time, named like one
    ]  # fmt: skip
    mentions = pd.DataFrame(rows, columns=["actor", "actor_type"])
    types = vote_types(mentions, load_registry())
    assert types == {
        "Iran": "country", "Acme Widgets": "place", "Zorblat": "place", "Maria Lopez": "person",
    }  # fmt: skip
    assert vote_types(mentions.iloc[:0], load_registry()) == {}
