"""Resolution, co-occurrence and totals on tiny hand-written articles with hand-placed spans.

The spans stand in for spaCy's output, so these tests pin the logic after NLP exactly; the real
model is exercised in test_seed.py and test_build.py.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from analysis.knowledge.registry import load_registry
from analysis.nlp.links import find_links
from analysis.nlp.parse import Parsed
from analysis.resolve.actors import clean_span
from analysis.resolve.overrides import parse_overrides
from analysis.tables.build import compute_tables
from analysis.tables.cooccurrence import npmi


def article(aid: str, date: str, text: str, ents: list[tuple[str, str]], sents: list[str]):
    """An article, its sentence spans and entity spans found by searching `text` in order."""
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        spans.append((start, start + len(surface), label))
        pos = start + len(surface)  # the model's spans never overlap
    bounds, pos = [], 0
    for sentence in sents:
        start = text.index(sentence, pos)
        bounds.append((start, start + len(sentence)))
        pos = start + len(sentence)
    links = find_links([(aid, text)], {aid: spans})[aid]  # the real parser, as in a build
    return {"article_id": aid, "date": date, "text": text}, Parsed(aid, bounds, spans, links)


A1 = article(
    "a1",
    "2024-07-01",
    "Iran’s acting Foreign Minister Ali Bagheri Kani warned Israel. Bagheri Kani spoke to Ankara.\n"
    "Isolating Israel in the region\n"
    "Turkish Minister of Foreign Affairs Hakan Fidan met the US envoy. (credit: WANA VIA REUTERS)",
    [
        ("Iran’s", "GPE"),
        ("Ali Bagheri Kani", "PERSON"),
        ("Israel", "GPE"),
        ("Bagheri Kani", "PERSON"),
        ("Ankara", "GPE"),
        ("Isolating Israel", "PERSON"),
        ("Turkish", "NORP"),
        ("Hakan Fidan", "PERSON"),
        ("US", "GPE"),
        ("REUTERS", "ORG"),
    ],
    [
        "Iran’s acting Foreign Minister Ali Bagheri Kani warned Israel.",
        "Bagheri Kani spoke to Ankara.",
        "Isolating Israel in the region",
        "Turkish Minister of Foreign Affairs Hakan Fidan met the US envoy.",
        "(credit: WANA VIA REUTERS)",
    ],
)
A2 = article(
    "a2",
    "2024-07-03",
    "Hezbollah leader Sayyed Hassan Nasrallah's speech was aired by al-Mayadeen. Iranians cheered.",
    [
        ("Hezbollah", "ORG"),
        ("Sayyed Hassan Nasrallah's", "PERSON"),
        ("al-Mayadeen", "PERSON"),
        ("Iranians", "NORP"),
    ],
    [
        "Hezbollah leader Sayyed Hassan Nasrallah's speech was aired by al-Mayadeen.",
        "Iranians cheered.",
    ],
)
A3 = article(
    "a3",
    "",
    "Israel and Iran traded threats.",
    [("Israel", "GPE"), ("Iran", "GPE")],
    ["Israel and Iran traded threats."],
)


def tables_for(*items, overrides=None, tones=None):
    articles = pd.DataFrame([a for a, _ in items]).assign(
        title="", source="", url="", source_id="", path="", language="en"
    )
    parsed = [p for _, p in items]
    n = sum(len(p.sentences) for p in parsed)
    tones = tones if tones is not None else [0.0] * n
    return compute_tables(articles, parsed, tones, load_registry(), overrides=overrides)


@pytest.fixture(scope="module")
def tiny():
    return tables_for(A1, A2, A3, tones=[-0.5, 0.1, 0.0, 0.3, 0.0, 0.2, 0.6, -0.4])


def test_every_mention_text_is_its_span(tiny):
    texts = {a["article_id"]: a["text"] for a, _ in (A1, A2, A3)}
    for row in tiny["mentions"].itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


def test_seed_resolution_cases(tiny):
    m = tiny["mentions"]
    by_text = dict(zip(m["text"], m["actor"], strict=False))
    assert by_text["Iran"] == "Iran"  # possessive stripped from the span
    assert by_text["Bagheri Kani"] == "Ali Bagheri Kani"  # partial name joined
    assert by_text["Ankara"] == "Turkey"  # capital used for its government
    assert by_text["Turkish"] == "Turkey" and by_text["Iranians"] == "Iran"  # demonyms
    assert by_text["US"] == "United States"
    assert by_text["Sayyed Hassan Nasrallah"] == "Hassan Nasrallah"  # title stripped, kept in span
    assert by_text["al-Mayadeen"] == "Al-Mayadeen"
    actors = tiny["actors"].set_index("actor")
    assert actors.loc["Al-Mayadeen", "actor_type"] == "organization"  # registry beats PERSON
    assert "Isolating Israel" not in actors.index
    assert not any("REUTERS" in a or "WANA" in a for a in actors.index)  # photo credit
    assert actors.loc["Israel", "mentions"] == 3  # "Isolating Israel" trimmed to Israel
    assert set(actors.loc["Ali Bagheri Kani", "aliases"].split("; ")) == {
        "Ali Bagheri Kani",
        "Bagheri Kani",
    }


def test_affiliations_from_text(tiny):
    aff = tiny["actors"].set_index("actor")["affiliation"]
    assert aff["Ali Bagheri Kani"] == "Iran"
    assert aff["Hakan Fidan"] == "Turkey"
    assert aff["Hassan Nasrallah"] == "Hezbollah"


def test_totals_add_up(tiny):
    m, actors, edges = tiny["mentions"], tiny["actors"], tiny["cooccurrence"]
    counts = m.groupby("actor").agg(mentions=("start", "size"), articles=("article_id", "nunique"))
    merged = actors.set_index("actor")[["mentions", "articles"]]
    pd.testing.assert_frame_equal(merged.sort_index(), counts.sort_index(), check_dtype=False)
    sent_sets = m.groupby("actor").apply(
        lambda g: set(zip(g.article_id, g.sentence_id, strict=True))
    )
    art_sets = m.groupby("actor")["article_id"].agg(set)
    for e in edges.itertuples():
        assert e.sentences == len(sent_sets[e.actor_a] & sent_sets[e.actor_b])
        assert e.articles == len(art_sets[e.actor_a] & art_sets[e.actor_b])
        assert e.sentences >= 1 and e.actor_a < e.actor_b


def test_edges_weights_tones_and_dates(tiny):
    edges = tiny["cooccurrence"].set_index(["actor_a", "actor_b"])
    iran_israel = edges.loc[("Iran", "Israel")]
    assert iran_israel["sentences"] == 2  # a1 sentence 0 and a3
    assert iran_israel["articles"] == 2
    assert iran_israel["tone"] == pytest.approx((-0.5 + -0.4) / 2)
    assert (iran_israel["first_date"], iran_israel["last_date"]) == ("2024-07-01", "2024-07-01")
    assert edges["weight"].min() >= -1 and edges["weight"].max() <= 1


def test_npmi_bounds():
    assert npmi([5], [5], [5], 5)[0] == pytest.approx(1.0)  # p(a,b) = 1
    assert npmi([2], [2], [2], 10)[0] == pytest.approx(1.0)  # always together
    independent = npmi([1], [2], [5], 10)[0]  # p(a,b) = p(a)p(b)
    assert independent == pytest.approx(0.0, abs=1e-12)
    assert npmi([1], [5], [5], 10)[0] < 0


def test_article_tone_is_mean_of_sentences(tiny):
    arts = tiny["articles"].set_index("article_id")
    assert arts.loc["a1", "tone"] == pytest.approx((-0.5 + 0.1 + 0.0 + 0.3 + 0.0) / 5)
    assert arts.loc["a1", "n_sentences"] == 5
    assert arts.loc["a3", "date"] == ""
    assert math.isclose(arts.loc["a3", "tone"], -0.4)


def test_overrides_merge_drop_retype_reaffiliate():
    overrides = parse_overrides(
        "merge: {Bagheri Kani: Kani the Diplomat, Hizbullah: Hezbollah}\n"
        "drop: [Al-Mayadeen]\n"
        "types: {Hezbollah: group}\n"
        "affiliations: {Hakan Fidan: NATO}\n"
    )
    t = tables_for(A1, A2, A3, overrides=overrides)
    actors = t["actors"].set_index("actor")
    assert "Al-Mayadeen" not in actors.index
    assert actors.loc["Kani the Diplomat", "mentions"] == 1
    assert actors.loc["Ali Bagheri Kani", "mentions"] == 1
    assert actors.loc["Hezbollah", "actor_type"] == "group"
    assert actors.loc["Hakan Fidan", "affiliation"] == "NATO"
    assert set(t["mentions"]["actor"]) == set(actors.index)


def test_overrides_errors_are_clear():
    with pytest.raises(ValueError, match="unknown section"):
        parse_overrides("renames: {a: b}")
    with pytest.raises(ValueError, match="types must be one of"):
        parse_overrides("types: {Iran: planet}")
    with pytest.raises(ValueError, match="not valid YAML"):
        parse_overrides("merge: [a")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Iran’s", "Iran"),
        ("the U.S.'s", "U.S."),
        ('"Hezbollah,"', "Hezbollah"),
        ("anti-Israel", "Israel"),
        ("the Gaza Strip", "Gaza Strip"),
        ("Jesus'", "Jesus"),
        ("Organisation of Islamic Cooperation (OIC", "Organisation of Islamic Cooperation"),
    ],
)
def test_clean_span(raw, clean):
    start, end = clean_span(raw, 0, len(raw))
    assert raw[start:end] == clean


def test_no_actor_named_like_a_heading_or_pronoun():
    text = "He met Condemning Iran officials."
    item = article(
        "x", "2020-01-01", text, [("He", "PERSON"), ("Condemning Iran", "PERSON")], [text]
    )
    actors = tables_for(item)["actors"]["actor"].tolist()
    assert actors == ["Iran"]
    assert not any(re.match(r"(?i)^he$", a) for a in actors)


def test_surname_joins_the_dominant_full_name_across_articles():
    items = [
        article(
            f"t{i}",
            "2020-01-01",
            "Donald Trump spoke.",
            [("Donald Trump", "PERSON")],
            ["Donald Trump spoke."],
        )
        for i in range(3)
    ]
    items.append(
        article("t9", "2020-01-02", "Trump replied.", [("Trump", "ORG")], ["Trump replied."])
    )
    items.append(
        article(
            "i1",
            "2020-01-03",
            "Ivanka Trump came.",
            [("Ivanka Trump", "PERSON")],
            ["Ivanka Trump came."],
        )
    )
    actors = tables_for(*items)["actors"].set_index("actor")
    assert actors.loc["Donald Trump", "mentions"] == 4
    assert actors.loc["Donald Trump", "actor_type"] == "person"
    assert "Trump" not in actors.index and actors.loc["Ivanka Trump", "mentions"] == 1


def test_speaker_tags_time_zones_and_other_scripts_are_not_actors():
    text = "((WN)) Why? At 1700 UTC the minister हैं spoke."
    item = article(
        "s", "2020-01-01", text, [("WN", "ORG"), ("UTC", "ORG"), ("हैं", "PERSON")], [text]
    )
    assert tables_for(item)["mentions"].empty


def test_affiliation_needs_a_role_noun_next_to_the_name():
    text = "CNN reporter and former Bill Clinton aide spoke. Interior Minister Jan Kowal met AIP chairman Mark Lee."
    item = article(
        "r",
        "2020-01-01",
        text,
        [
            ("CNN", "ORG"),
            ("Bill Clinton", "PERSON"),
            ("Interior", "ORG"),
            ("Jan Kowal", "PERSON"),
            ("AIP", "ORG"),
            ("Mark Lee", "PERSON"),
        ],
        [text],
    )
    aff = tables_for(item)["actors"].set_index("actor")["affiliation"]
    assert aff["Bill Clinton"] == ""  # "reporter and former" opens another phrase
    assert aff["Jan Kowal"] == ""  # a department inside a title is no affiliation
    assert aff["Mark Lee"] == "AIP"


def test_caption_words_glued_to_a_name_are_trimmed():
    text = "Jo JorgensenImage: campaign. Howie Hawkins Image"
    item = article(
        "c",
        "2020-01-01",
        text,
        [("Jo JorgensenImage", "PERSON"), ("Howie Hawkins Image", "PERSON")],
        [text],
    )
    assert set(tables_for(item)["mentions"]["text"]) == {"Jo Jorgensen", "Howie Hawkins"}


def test_names_carry_across_the_article_and_acronyms_resolve():
    text = (
        "Daniel Montalvo spoke at the University of Southern Indiana. Later Montalvo left USI. "
        "The Korean People's Army (KPA) moved; the KPA said so. "
        "The Museum of Flight opened. The Museum said so."
    )
    item = article(
        "k",
        "2020-01-01",
        text,
        [
            ("Daniel Montalvo", "PERSON"),
            ("University of Southern Indiana", "ORG"),
            ("USI", "ORG"),
            ("Korean People's Army", "ORG"),
            ("KPA", "ORG"),
            ("Museum of Flight", "ORG"),
            ("Museum", "ORG"),
        ],
        [text],
    )
    m = tables_for(item)["mentions"]
    pairs = list(zip(m["text"], m["actor"], strict=True))
    assert ("Montalvo", "Daniel Montalvo") in pairs  # missed by the model, found by its name
    assert ("USI", "University of Southern Indiana") in pairs  # initials of one long name
    assert pairs.count(("KPA", "Korean People's Army")) == 2  # defined in parentheses, then reused
    assert ("Museum", "Museum of Flight") in pairs  # the head word of the one org it can be
    assert all(text[r.start : r.end] == r.text for r in m.itertuples())


def test_countries_in_a_football_report_are_national_teams():
    text = "Belgium beat Panama 3-0 at the FIFA World Cup in Russia. Mertens scored the first goal."
    item = article(
        "f",
        "2018-06-18",
        text,
        [("Belgium", "GPE"), ("Panama", "GPE"), ("FIFA", "ORG"), ("Russia", "GPE")],
        [text],
    )
    actors = tables_for(item)["actors"].set_index("actor")
    assert actors.loc["Belgium national football team", "actor_type"] == "organization"
    assert actors.loc["Belgium national football team", "affiliation"] == "Belgium"
    assert "Panama national football team" in actors.index
    assert actors.loc["Russia", "actor_type"] == "country"  # "in Russia" is the place
    plain = article(
        "p",
        "2018-06-18",
        "Belgium and Panama signed a treaty.",
        [("Belgium", "GPE"), ("Panama", "GPE")],
        ["Belgium and Panama signed a treaty."],
    )
    assert {"Belgium", "Panama"} <= set(tables_for(plain)["actors"]["actor"])


def test_a_capital_is_its_government_unless_named_as_a_place():
    text = "Talks were held in Tehran. Ankara refused, and Washington spoke to Moscow."
    ents = [("Tehran", "GPE"), ("Ankara", "GPE"), ("Washington", "GPE"), ("Moscow", "GPE")]
    item = article(
        "cap",
        "2020-01-01",
        text,
        ents,
        ["Talks were held in Tehran.", "Ankara refused, and Washington spoke to Moscow."],
    )
    pairs = dict(
        zip(
            tables_for(item)["mentions"]["text"], tables_for(item)["mentions"]["actor"], strict=True
        )
    )
    assert pairs == {
        "Tehran": "Tehran",
        "Ankara": "Turkey",
        "Washington": "United States",
        "Moscow": "Russia",
    }


def _pairs(text: str, ents: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(mention text, actor, actor type) for one article given as a single sentence."""
    m = tables_for(article("x", "2020-01-01", text, ents, [text]))["mentions"]
    return list(zip(m["text"], m["actor"], m["actor_type"], strict=True))


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("The museum in Seattle, Washington opened.", "Washington"),
        ("Governor of Washington Chris Gregoire spoke.", "Washington"),
        ("A document was found on an Ottawa street.", "Ottawa"),
        ("Taipei, Taiwan — the festival opened.", "Taipei"),
        ("Paul Dewar, an Ottawa New Democrat MP, spoke.", "Ottawa"),
    ],
)
def test_a_capital_named_as_the_city_stays_the_city(text, capital):
    pairs = _pairs(text, [(capital, "GPE")])
    assert pairs == [(capital, capital, "place")]


def test_football_teams_after_to_with_a_score_and_as_a_plural_demonym():
    text = (
        "FIFA World Cup: Tunisia lost 1 – 2 to England. Group F — Sweden 1 – 0 Korea Republic. "
        "A late goal put the Belgians in the lead."
    )
    ents = [
        ("FIFA World Cup", "ORG"),
        ("Tunisia", "GPE"),
        ("England", "GPE"),
        ("Sweden 1", "ORG"),
        ("Korea Republic", "GPE"),
        ("Belgians", "NORP"),
    ]
    pairs = _pairs(text, ents)
    assert ("FIFA World Cup", "FIFA World Cup", "other") in pairs  # an event, not an actor
    assert ("England", "England national football team", "organization") in pairs
    assert ("Sweden", "Sweden national football team", "organization") in pairs  # score cut
    assert ("Korea Republic", "South Korea national football team", "organization") in pairs
    assert ("Belgians", "Belgium national football team", "organization") in pairs


def test_words_around_a_name_that_are_not_the_name():
    text = (
        "Jeff Rathke, the State Department Spokesperson, met a detective of the Los Angeles Sheriff. "
        "The pro-Beijing New People Party won in the State of Texas."
    )
    ents = [
        ("Jeff Rathke", "PERSON"),
        ("State Department Spokesperson", "ORG"),
        ("Los Angeles Sheriff", "ORG"),
        ("Beijing New People Party", "ORG"),
        ("State of Texas", "GPE"),
    ]
    pairs = _pairs(text, ents)
    assert ("State Department", "United States Department of State", "organization") in pairs
    assert ("Los Angeles", "Los Angeles", "organization") in pairs
    assert ("New People Party", "New People Party", "organization") in pairs  # "pro-Beijing"
    assert ("State of Texas", "Texas", "place") in pairs


def test_short_forms_join_the_one_long_name_in_the_article():
    text = (
        "North Korea fired at South Korea. Propaganda went into the North. "
        "The Italian Supreme Court of Cassation ruled; the Supreme Court gave reasons, and the "
        "Court was clear."
    )
    ents = [
        ("North Korea", "GPE"),
        ("South Korea", "GPE"),
        ("North", "LOC"),
        ("Italian Supreme Court of Cassation", "ORG"),
        ("Supreme Court", "ORG"),
        ("Court", "ORG"),
    ]
    pairs = _pairs(text, ents)
    assert ("North", "North Korea", "country") in pairs
    assert ("Supreme Court", "Supreme Court of Cassation", "organization") in pairs
    assert ("Court", "Supreme Court of Cassation", "organization") in pairs  # its head word
    football = "FIFA World Cup: Sweden beat South Korea 1 – 0. Korea had no goal."
    ents = [("FIFA World Cup", "ORG"), ("Sweden", "GPE"), ("South Korea", "GPE"), ("Korea", "GPE")]
    teams = {actor for _, actor, _ in _pairs(football, ents)}
    assert "South Korea national football team" in teams
    assert ("Korea", "South Korea national football team", "organization") in _pairs(football, ents)


def test_a_first_name_the_model_left_out_and_coordinated_countries():
    text = (
        "The show included singer-songwriter Carly Simon. On Monday Simon sang. "
        "North and South Korea exchanged fire."
    )
    ents = [("Simon", "PERSON"), ("Simon", "PERSON"), ("North and South Korea", "GPE")]
    pairs = _pairs(text, ents)
    assert ("Carly Simon", "Carly Simon", "person") in pairs  # the word before joins
    assert pairs.count(("Simon", "Carly Simon", "person")) == 1  # "On Monday Simon": date word
    assert ("North", "North Korea", "country") in pairs
    assert ("South Korea", "South Korea", "country") in pairs


def test_a_name_found_once_replaces_the_part_the_model_kept_elsewhere():
    text = "Environment Canada issued a warning in Canada. Later Environment Canada lifted it."
    spans = [
        (0, 18, "ORG"),
        (39, 45, "GPE"),
        (text.rindex("Canada"), text.rindex("Canada") + 6, "GPE"),
    ]
    item = (
        {"article_id": "x", "date": "2020-01-01", "text": text},
        Parsed("x", [(0, 46), (47, len(text))], spans, []),
    )
    m = tables_for(item)["mentions"]
    pairs = list(zip(m["text"], m["actor"], strict=True))
    assert pairs == [
        ("Environment Canada", "Environment Canada"),
        ("Canada", "Canada"),  # "in Canada" alone stays the country
        ("Environment Canada", "Environment Canada"),  # the model kept only "Canada"
    ]


def test_spans_the_model_cut_short_grow_to_the_whole_name():
    text = (
        "Belgium attacked with Dries Mertens. Mertens scored. Pro-Beijing Wong Kwok-hing lost, "
        "and Eddie Chu won at the University of North Carolina at Greensboro. "
        "According to Rathbun the Scientology property was returned."
    )
    ents = [
        ("Belgium", "GPE"),
        ("Dries", "ORG"),  # the model's split of "Dries Mertens"
        ("Mertens", "PERSON"),
        ("Wong Kwok", "PERSON"),  # cut at the hyphen of the given name
        ("Eddie Chu", "PERSON"),
        ("University of North Carolina", "ORG"),
        ("Greensboro", "GPE"),
        ("Rathbun the Scientology", "ORG"),
    ]
    m = tables_for(article("g", "2020-01-01", text, ents, [text]))["mentions"]
    pairs = list(zip(m["text"], m["actor"], strict=True))
    assert ("Dries Mertens", "Dries Mertens") in pairs
    assert ("Mertens", "Dries Mertens") in pairs
    assert ("Wong Kwok-hing", "Wong Kwok-hing") in pairs
    assert (
        "University of North Carolina at Greensboro",
        "University of North Carolina at Greensboro",
    ) in pairs
    assert "Greensboro" not in set(m["text"])  # inside the campus name
    assert ("Rathbun", "Rathbun") not in pairs  # no person "Rathbun" in this article: kept whole


def test_names_that_keep_their_words():
    text = (
        "The European Court of Justice ruled. The roof of Notre Dame burned. Fans of Buffy the "
        "Vampire Slayer met. Both Buttigieg and Klobuchar dropped out. Both said so."
    )
    ents = [
        ("European Court of Justice", "ORG"),  # "Justice" is a title, not a role tail here
        ("Notre Dame", "FAC"),  # nor "Dame"
        ("Buffy the Vampire Slayer", "ORG"),  # no person before "the"
        ("Buttigieg", "PERSON"),  # "Both" is no first name
        ("Klobuchar", "PERSON"),
    ]
    names = set(tables_for(article("k", "2020-01-01", text, ents, [text]))["mentions"]["text"])
    assert {"European Court of Justice", "Notre Dame", "Buffy the Vampire Slayer"} <= names
    assert "Buttigieg" in names and "Both Buttigieg" not in names


def test_a_country_before_an_organisation_is_dropped_only_when_unambiguous():
    text = (
        "The United States Supreme Court and the Wisconsin Supreme Court disagreed; the Supreme "
        "Court spoke first. The Australian Liberal Party and the Liberal Party met. The Italian "
        "Supreme Court of Cassation ruled; the Court said the Supreme Court was clear."
    )
    ents = [
        ("United States Supreme Court", "ORG"),
        ("Wisconsin Supreme Court", "ORG"),
        ("Supreme Court", "ORG"),
        ("Australian Liberal Party", "ORG"),
        ("Liberal Party", "ORG"),
        ("Italian Supreme Court of Cassation", "ORG"),
        ("Court", "ORG"),
        ("Supreme Court", "ORG"),
    ]
    m = tables_for(article("c", "2020-01-01", text, ents, [text]))["mentions"]
    actors = list(m["actor"])
    assert actors[0] == "United States Supreme Court"  # "Supreme Court" would be ambiguous
    assert actors[3] == "Australian Liberal Party"  # parties share names across countries
    assert actors[5] == "Supreme Court of Cassation"


def test_a_person_run_together_with_the_words_before():
    text = (
        "Alia Salem spoke. The pro-establishment nonpartisan Junius Ho won. Nonpartisan Paul Tse "
        "won too. Director of the Council on American-Islamic Relations Alia Salem said so."
    )
    ents = [
        ("Alia Salem", "PERSON"),
        ("Junius Ho", "PERSON"),
        ("Nonpartisan Paul Tse", "PERSON"),  # "nonpartisan" is a common word in this article
        ("Council on American-Islamic Relations Alia Salem", "ORG"),
    ]
    m = tables_for(article("p", "2020-01-01", text, ents, [text]))["mentions"]
    pairs = list(zip(m["text"], m["actor"], strict=True))
    assert ("Paul Tse", "Paul Tse") in pairs
    assert (
        "Council on American-Islamic Relations",
        "Council on American-Islamic Relations",
    ) in pairs
    assert pairs.count(("Alia Salem", "Alia Salem")) == 2  # the second carried after the cut


def test_dangling_words_and_two_people_named_together():
    text = (
        "Kelly and Baroni were convicted. Kelly and Baroni's convictions stood. In the City of "
        "Melbourne, fans cheered: Northern Ireland - 1, Wales 0."
    )
    ents = [
        ("Kelly and Baroni", "ORG"),
        ("Kelly", "PERSON"),
        ("Baroni", "PERSON"),
        ("the City of", "GPE"),
        ("Melbourne", "GPE"),
        ("Northern Ireland - 1", "ORG"),
    ]
    names = list(tables_for(article("d", "2020-01-01", text, ents, [text]))["mentions"]["text"])
    assert names.count("Kelly") == 1 and names.count("Baroni") == 1  # not one "Kelly and Baroni"
    assert "City" in names and "City of" not in names
    assert "Northern Ireland" in names


def test_score_lines_datelines_and_event_names():
    text = (
        "LONDON 1996-08-31\n"
        "Leeds 0 Newcastle 3\n"
        "Liverpool 1 Everton 1\n"
        "Agassi of the U.S. lost the final of the U.S. Open."
    )
    lines = text.split("\n")
    ents = [
        ("LONDON", "GPE"),
        ("Leeds 0", "PERSON"),
        ("Newcastle", "GPE"),
        ("Liverpool 1 Everton 1", "ORG"),
        ("Agassi", "PERSON"),
        ("U.S.", "GPE"),
        ("the U.S. Open", "EVENT"),  # a name, never an actor, and no actor found inside it
    ]
    m = tables_for(article("s", "1996-08-31", text, ents, lines))["mentions"]
    pairs = list(zip(m["text"], m["actor"], strict=True))
    assert ("LONDON", "London") in pairs  # a dateline names the city, not the government
    assert ("Leeds", "Leeds") in pairs and ("Liverpool", "Liverpool") in pairs  # scores cut
    assert list(m["text"]).count("U.S.") == 1  # not again inside "the U.S. Open"
    assert "the U.S. Open" not in set(m["text"])
