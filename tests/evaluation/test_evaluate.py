"""Gold derivation from GUM, strict scoring, title normalisation and the evaluate CLI's edges."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.evaluation.errors import error_analysis
from analysis.evaluation.evaluate import main
from analysis.evaluation.gum import load_gum, read_tsv
from analysis.evaluation.gum_gold import derive_gold, mention_name
from analysis.evaluation.identity import normalise_title, same_identity
from analysis.evaluation.scoring import (
    Resolution,
    drop_unscored,
    resolution_summary,
    resolve_gold,
    score_spans,
    score_untyped,
)
from analysis.evaluation.systems import project_spans
from tests.paths import DATA

GUM = DATA / "gum"
TEXT = (
    "Afghan girls honored\n"
    "The US President Donald Trump's policies were criticized in Mexico City. "
    "Muslims and IE6 users met at the University of Sheffield of the UK.\n"
    "Belgium beat all-girl Afghan team."
)


@pytest.fixture(scope="module")
def doc():
    (document,) = load_gum(GUM)
    return document


def test_text_is_detokenised_with_one_line_per_block_and_exact_offsets(doc):
    assert doc.doc_id == "GUM_news_tiny"
    assert doc.date == "2017-07-18"
    assert doc.text == TEXT
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)


def test_tsv_mentions_are_contiguous_token_ranges_with_identities():
    words, mentions = read_tsv(GUM / "coref" / "gum" / "tsv" / "GUM_news_tiny.tsv")
    by_id = {m.mention_id: m for m in mentions}
    assert words[3:9] == ["The", "US", "President", "Donald", "Trump", "'s"]
    assert (by_id["2"].entity, by_id["2"].identity) == ("person", "Donald_Trump")
    assert (by_id["2"].first, by_id["2"].last) == (3, 8)
    assert by_id["3"].first == by_id["3"].last == 4
    assert by_id["1"].identity == ""


def test_gold_spans_follow_conll_conventions(doc):
    gold = derive_gold(doc)
    got = [(s.text, s.label, s.identity) for s in gold.spans]
    assert got == [
        ("US", "LOC", "United_States"),  # nested in the person mention: its own LOC
        ("Donald Trump", "PER", "Donald_Trump"),  # no determiner, title or possessive
        ("Mexico City", "LOC", "Mexico_City"),  # nested "Mexico" is part of the name
        ("University of Sheffield", "ORG", "University_of_Sheffield"),  # "of the UK" attached
        ("UK", "LOC", "United_Kingdom"),
        ("Belgium", "LOC", "Belgium_national_football_team"),  # a team named by its country
    ]
    assert all(doc.text[s.start : s.end] == s.text for s in gold.spans)


def test_modifiers_are_unscored_and_peoples_are_not_gold(doc):
    gold = derive_gold(doc)
    assert [doc.text[a:b] for a, b in gold.unscored] == ["IE6"]
    assert "Muslims" not in {s.text for s in gold.spans}
    mentions = {m.mention_id: m for m in doc.mentions}
    assert mention_name(doc, mentions["1"]) is None  # "Afghan girls": no proper noun
    assert mention_name(doc, mentions["13"]) is None  # "all-girl Afghan team"


def test_strict_scores_count_exact_span_and_type_only():
    gold = [("d", 0, 5, "PER"), ("d", 10, 15, "LOC"), ("d", 20, 25, "ORG")]
    predicted = [("d", 0, 5, "PER"), ("d", 10, 15, "ORG"), ("d", 20, 24, "ORG"), ("e", 0, 5, "PER")]
    scores = score_spans(gold, predicted)
    assert (scores["PER"].tp, scores["PER"].fp, scores["PER"].fn) == (1, 1, 0)
    assert (scores["LOC"].tp, scores["LOC"].fp, scores["LOC"].fn) == (0, 0, 1)
    assert (scores["ORG"].tp, scores["ORG"].fp, scores["ORG"].fn) == (0, 2, 1)
    micro = scores["micro"]
    assert (micro.tp, micro.fp, micro.fn) == (1, 3, 2)
    assert micro.p == pytest.approx(0.25) and micro.r == pytest.approx(1 / 3)
    assert micro.f == pytest.approx(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3))
    untyped = score_untyped(gold, predicted)
    assert (untyped.tp, untyped.fp, untyped.fn) == (2, 2, 1)


def test_empty_scores_are_zero_not_errors():
    score = score_spans([], [])["micro"]
    assert (score.p, score.r, score.f) == (0.0, 0.0, 0.0)


def test_predictions_on_unscored_regions_are_left_out(doc):
    gold = derive_gold(doc)
    ie6 = TEXT.index("IE6")
    us = TEXT.index("US")
    predicted = [
        (doc.doc_id, ie6, ie6 + 3, "ORG"),  # inside the unscored modifier: dropped
        (doc.doc_id, ie6, ie6 + 9, "ORG"),  # "IE6 users" overlaps it: dropped
        (doc.doc_id, us, us + 2, "LOC"),  # gold: kept
    ]
    assert drop_unscored(predicted, gold) == [(doc.doc_id, us, us + 2, "LOC")]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Washington%2C_D.C.", "Washington, D.C."),
        ("Washington%2C_D.C.", "Washington DC"),
        ("Kim_Min%2Dwoo_%28footballer%29", "Kim Min-woo"),
        ("Gérald_Darmanin", "Gerald Darmanin"),
        ("Nabil_Maâloul", "NABIL MAALOUL"),
        ("The_Guardian", "Guardian"),
        ("Korean_People's_Army", "Korean Peoples Army"),
    ],
)
def test_wikipedia_titles_normalise_to_the_actor_name(title, name):
    assert normalise_title(title) == normalise_title(name)
    assert same_identity(name, title)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Evansville%2C_Indiana", "Evansville"),  # Wikipedia's comma qualifier
        ("Washington%2C_D.C.", "Washington"),
        ("Bonnie_J._Dunbar", "Bonnie Dunbar"),  # a middle initial
        ("United_States_Department_of_Agriculture", "U.S. Department of Agriculture"),
        ("U.S._Space_&_Rocket_Center", "US Space and Rocket Center"),
        ("Hong_Kong_Federation_of_Trade_Unions", "FTU"),  # an acronym of a run of initials
        ("Democratic_Alliance_for_the_Betterment_and_Progress_of_Hong_Kong", "DAB"),
        ("NASA", "National Aeronautics and Space Administration"),
        ("New_People's_Party_%28Hong_Kong%29", "New People Party"),  # no possessive
        ("Mohamed_Elhassan_Mohamed", "Mohamed El-Hassan Mohamed"),  # no spaces
        ("Freedom_%28magazine%29", "Freedom Magazine"),
    ],
)
def test_an_actor_named_another_way_is_the_same_identity(title, name):
    assert same_identity(name, title)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Belgium_national_football_team", "Belgium"),
        ("Church_of_Scientology", "Scientology"),
        ("Washington_%28state%29", "Washington, D.C."),
        ("Episcopal_Conference_of_Italy", "CEI"),  # Italian initials, not the title's
        ("United_Nations", "UNHCR"),  # an acronym must be a run of the initials
        ("Intrepid_Sea%2C_Air_&_Space_Museum", "Intrepid Sea"),  # the comma is part of the name
    ],
)
def test_different_entities_stay_different(title, name):
    assert normalise_title(title) != normalise_title(name)
    assert not same_identity(name, title)


def _mentions(rows):
    columns = ["doc_id", "start", "end", "text", "label", "actor", "actor_type"]
    return pd.DataFrame(rows, columns=columns)


def test_project_types_map_to_conll_and_demonyms_are_misc():
    mentions = _mentions(
        [
            ("d", 0, 5, "Trump", "PERSON", "Donald Trump", "person"),
            ("d", 6, 8, "US", "GPE", "United States", "country"),
            ("d", 9, 15, "Afghan", "NORP", "Afghanistan", "country"),  # demonym: MISC
            ("d", 16, 21, "Hamas", "ORG", "Hamas", "group"),  # armed group: ORG
            ("d", 22, 29, "Muslims", "NORP", "Muslims", "group"),
            ("d", 30, 35, "COVID", "ORG", "COVID-19", "other"),
        ]
    )
    assert project_spans(mentions) == [
        ("d", 0, 5, "PER"),
        ("d", 6, 8, "LOC"),
        ("d", 16, 21, "ORG"),
    ]


def test_resolution_counts_found_and_all_separately(doc):
    gold = {doc.doc_id: derive_gold(doc)}
    trump = TEXT.index("Donald Trump")
    us = TEXT.index("US")
    uk = TEXT.index("UK")
    mentions = _mentions(
        [
            (doc.doc_id, trump, trump + 12, "Donald Trump", "PERSON", "Donald Trump", "person"),
            (doc.doc_id, us, us + 2, "US", "GPE", "United States", "country"),
            (doc.doc_id, uk - 4, uk + 2, "the UK", "GPE", "Britain", "country"),  # overlaps
        ]
    )
    rows = resolve_gold(gold, mentions)
    assert len(rows) == 6  # every gold span of the snippet is linked
    summary = resolution_summary(rows)
    assert summary["found"] == {"accuracy": pytest.approx(2 / 3, abs=1e-4), "correct": 2, "n": 3}
    assert summary["all"] == {"accuracy": pytest.approx(2 / 6, abs=1e-4), "correct": 2, "n": 6}
    errors = error_analysis([doc], gold, [(doc.doc_id, us, us + 2, "ORG")], rows)
    assert errors["type"] == [("'US' LOC -> ORG", 1)]
    assert ("United_Kingdom -> 'Britain'", 1) in errors["wrong_actor"]
    assert ("'Donald Trump' PER", 1) in errors["fn"]


def test_resolution_correct_needs_a_found_actor():
    assert not Resolution("d", "Trump", "Donald_Trump", "").correct
    assert Resolution("d", "Trump", "Donald_Trump", "Donald Trump").correct


def test_main_names_a_missing_corpus(tmp_path, capsys):
    assert main(["--gum", str(tmp_path / "nowhere")]) == 2
    assert "no GUM corpus" in capsys.readouterr().err


def test_main_scores_both_systems_and_writes_the_figures(tmp_path, capsys):
    import json

    out = tmp_path / "accuracy.json"
    assert main(["--gum", str(GUM), "--json", str(out), "--errors"]) == 0
    figures = json.loads(out.read_text())
    assert set(figures["ner"]) == {"project", "spacy"}
    for system in figures["ner"].values():
        assert set(system) == {"PER", "ORG", "LOC", "micro", "span_only"}
        assert system["micro"]["tp"] + system["micro"]["fn"] == 6  # the snippet's gold spans
    assert figures["resolution"]["all"]["n"] == 6
    assert figures["gold"] == {"PER": 1, "ORG": 1, "LOC": 4, "documents": 1, "linked": 6}
    printed = capsys.readouterr().out
    assert "project  micro" in printed and "false negatives" in printed
