"""CoNLL-format gold: the reader (layouts, tagging schemes, bad lines), the detokenised text, the
alignment of character spans to tokens, and `evaluate --conll` end to end with the real model."""

from __future__ import annotations

import json
import shutil

import pytest

from analysis.evaluation.conll import align, decode_tags, parse_conll, parse_tag
from analysis.evaluation.conll_eval import on_misc, score_conll
from analysis.evaluation.evaluate import main
from tests.paths import DATA

TINY = DATA / "conll" / "tiny_news.conll"


def conll(*sentences: str, sep: str = " ") -> str:
    """A CoNLL text from sentences written as 'token/TAG token/TAG ...' ('-DOCSTART-' alone)."""
    blocks = []
    for sentence in sentences:
        if sentence == "-DOCSTART-":
            blocks.append(f"-DOCSTART-{sep}O")
            continue
        blocks.append("\n".join(sep.join(item.rsplit("/", 1)) for item in sentence.split()))
    return "\n\n".join(blocks) + "\n"


def spans(text: str, **options) -> list[tuple[str, str]]:
    read = parse_conll(text, **options)
    return [(d.text[s.start : s.end], s.label) for d in read.documents for s in d.spans]


def test_tags_parse_with_any_prefix_and_known_type_names():
    assert parse_tag("O") == ("O", "")
    assert parse_tag("B-PERSON") == ("B", "PER")
    assert parse_tag("i_organization") == ("I", "ORG")
    assert parse_tag("S-GPE") == ("S", "LOC")
    assert parse_tag("U-FAC") == ("U", "LOC")
    assert parse_tag("B-NORP") == ("B", "MISC")
    assert parse_tag("B-DATE") == ("B", "DATE")  # kept, not scored
    assert parse_tag("LOCATION") == ("I", "LOC")  # IO: a bare type name
    assert parse_tag("NNP") is None
    assert parse_tag("B-") is None


def test_iob1_i_starts_a_span_and_b_only_splits_adjacent_ones():
    text = conll("Peter/I-PER Blackburn/I-PER Smith/B-PER met/O EU/I-ORG UN/I-LOC Jones/I-PER ./O")
    assert spans(text) == [
        ("Peter Blackburn", "PER"),
        ("Smith", "PER"),  # B-: a second PER right after the first
        ("EU", "ORG"),
        ("UN", "LOC"),  # a type change starts a span
        ("Jones", "PER"),
    ]
    assert parse_conll(text).scheme == "IOB1"


def test_bio_b_starts_every_span_and_a_stray_i_starts_one_too():
    text = conll("New/B-LOC York/I-LOC Yankees/B-ORG beat/O Red/I-ORG Sox/I-ORG ./O")
    assert spans(text) == [("New York", "LOC"), ("Yankees", "ORG"), ("Red Sox", "ORG")]
    assert parse_conll(conll("New/B-LOC York/I-LOC Yankees/B-ORG")).scheme == "IOB2"


def test_bioes_and_bilou_close_spans_at_e_l_and_s_u():
    bioes = conll("Angela/B-PER Merkel/E-PER Merkel/S-PER met/O Bank/B-ORG of/I-ORG Japan/E-ORG")
    assert spans(bioes) == [("Angela Merkel", "PER"), ("Merkel", "PER"), ("Bank of Japan", "ORG")]
    bilou = conll("Paris/U-LOC Saint/B-LOC Germain/L-LOC Lyon/U-LOC")
    assert spans(bilou) == [("Paris", "LOC"), ("Saint Germain", "LOC"), ("Lyon", "LOC")]
    assert parse_conll(bilou).scheme == "BIOES"


def test_two_three_and_four_columns_tabs_or_spaces_the_last_is_the_tag():
    four = "Obama NNP B-NP B-PER\nvisited VBD B-VP O\nKenya NNP B-NP B-LOC\n"
    three = "Obama\tNNP\tB-PERSON\nvisited\tVBD\tO\nKenya\tNNP\tB-GPE\n"
    two = "Obama B-PER\nvisited O\nKenya B-LOCATION\n"
    for text in (four, three, two):
        assert spans(text) == [("Obama", "PER"), ("Kenya", "LOC")]


def test_docstart_splits_documents_and_files_without_it_are_cut_every_n_sentences():
    read = parse_conll(
        conll("-DOCSTART-", "Rome/B-LOC ./O", "Bonn/B-LOC ./O", "-DOCSTART-", "Oslo/B-LOC ./O"),
        source="f",
    )
    assert [(d.doc_id, d.text, d.sentences) for d in read.documents] == [
        ("f#1", "Rome.\nBonn.", 2),
        ("f#2", "Oslo.", 1),
    ]
    plain = conll("Rome/B-LOC", "Bonn/B-LOC", "Oslo/B-LOC")
    assert [d.text for d in parse_conll(plain, doc_sentences=2).documents] == ["Rome\nBonn", "Oslo"]
    assert [d.text for d in parse_conll(plain, doc_sentences=0).documents] == ["Rome\nBonn\nOslo"]


def test_a_bad_line_costs_its_sentence_only_and_is_named():
    text = (
        "Rome NNP B-NP B-LOC\n. . O O\n\n"  # lines 1-2
        "Bonn NNP B-NP B-LOC\nbroken line\n. . O O\n\n"  # lines 4-6: line 5 has 2 cells
        "Oslo NNP B-NP B-\n\n"  # line 8: a bad tag
        "# sent_id = 4\n"  # a comment, not a bad line
        "Kyiv NNP B-NP B-LOC\n"
    )
    read = parse_conll(text, source="news.conll")
    assert [d.text for d in read.documents] == ["Rome.\nKyiv"]
    assert [(s.path, s.line, s.reason) for s in read.skipped] == [
        ("news.conll", 5, "2 cells where the file has 4; sentence of lines 4-6 skipped"),
        ("news.conll", 8, "unreadable NER tag 'B-'; sentence of lines 8-8 skipped"),
    ]
    bad_tag = parse_conll("Oslo NNP B-NP I-LOC\nis VBZ B-VP ??\n", source="x").skipped
    assert bad_tag[0].line == 2 and "unreadable NER tag '??'" in bad_tag[0].reason


def test_a_file_without_a_tag_column_is_one_clear_problem():
    read = parse_conll("just\nwords\nhere\n", source="words.txt")
    assert read.documents == []
    assert [(s.line, s.reason) for s in read.skipped] == [
        (0, "no NER tag column (one cell per line)")
    ]


def test_text_is_newspaper_like_with_exact_token_offsets():
    text = conll(
        "\"/O We/O wo/O n't/O stop/O ,/O \"/O Smith/B-PER 's/O aide/O said/O (/O in/O U.S./B-LOC )/O ./O",
        "SHARES/O ROSE/O $/O 5/O ;/O analysts/O were/O '/O surprised/O '/O !/O",
        "The/O players/O '/O coach/O quit/O ?/O",
    )
    (doc,) = parse_conll(text).documents
    assert doc.text == (
        "\"We won't stop,\" Smith's aide said (in U.S.).\nSHARES ROSE $5; analysts were 'surprised'!\n"
        "The players' coach quit?"
    )
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)
    assert [(doc.text[s.start : s.end], s.first, s.stop) for s in doc.spans] == [
        ("Smith", 7, 8),
        ("U.S.", 13, 14),
    ]


def test_character_spans_align_to_tokens_only_at_token_edges():
    (doc,) = parse_conll(conll("The/O New/B-ORG York/I-ORG Times/I-ORG 's/O editor/O")).documents
    assert doc.text == "The New York Times's editor"
    assert align(doc, 4, 18) == (1, 4)  # "New York Times"
    assert align(doc, 0, 3) == (0, 1)
    assert align(doc, 4, 20) == (1, 5)  # "New York Times's": aligned, wrong span
    assert align(doc, 5, 18) is None  # starts inside "New"
    assert align(doc, 4, 19) is None  # ends inside "'s"
    assert align(doc, 3, 18) is None  # starts on the space
    assert align(doc, 8, 4) is None


def test_predictions_on_or_over_misc_gold_are_found():
    (doc,) = parse_conll(conll("German/B-MISC Chancellor/O Merkel/B-PER")).documents
    predicted = [(doc.doc_id, 0, 6, "LOC"), (doc.doc_id, 0, 17, "PER"), (doc.doc_id, 18, 24, "PER")]
    assert on_misc([doc], predicted) == {
        (doc.doc_id, 0, 6, "LOC"): "'German' MISC -> LOC",
        (doc.doc_id, 0, 17, "PER"): "'German' MISC -> PER",
    }


def test_decoding_is_per_sentence_list_of_token_ranges():
    tags = [parse_tag(t) for t in ("I-PER", "I-PER", "O", "B-ORG", "E-ORG", "I-LOC")]
    assert decode_tags(tags) == (
        [(0, 2, "PER"), (3, 5, "ORG"), (5, 6, "LOC")],
        {"I-start", "B", "S/E"},
    )


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """Both systems on the tiny file and a copy of it (same texts: built once, shared)."""
    from analysis.evaluation.conll import read_conll

    copy = tmp_path_factory.mktemp("conll") / "copy.conll"
    shutil.copy(TINY, copy)
    return score_conll([read_conll(TINY), read_conll(copy)])


def _texts(result, system: str, source: str) -> list[tuple[str, str]]:
    texts = {d.doc_id: d.text for d in result["docs"]}
    return [
        (texts[d][a:b], label)
        for d, a, b, label in result["systems"][system]
        if d.startswith(str(source))
    ]


def test_tiny_file_gold_and_text(scored):
    gold = scored["figures"]["gold"]
    assert {k: gold[k] for k in ("PER", "ORG", "LOC", "MISC", "documents")} == {
        "PER": 6, "ORG": 10, "LOC": 8, "MISC": 2, "documents": 4,
    }  # fmt: skip
    assert scored["docs"][0].text.splitlines() == [
        "MERKEL MEETS REUTERS IN BERLIN",
        "German Chancellor Angela Merkel met Reuters editors in Berlin on Monday.",
        'The European Union said Merkel\'s trip to Paris was "useful".',
    ]


def test_tiny_file_bare_spacy_keeps_the_determiner_and_misses_the_headline(scored):
    got = _texts(scored, "spacy", TINY)
    assert ("The European Union", "ORG") in got  # CoNLL: "European Union" -> fp and fn
    assert not any(text.isupper() for text, _ in got)  # all-caps headline: nothing found
    assert ("German", "LOC") not in got  # NORP is MISC, not scored
    micro = scored["figures"]["ner"]["spacy"]["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (16, 2, 8)  # twice (8, 1, 4)


def test_tiny_file_project_spans_are_conll_names(scored):
    got = _texts(scored, "project", TINY)
    for span in [
        ("Angela Merkel", "PER"),  # no title, no demonym
        ("European Union", "ORG"),  # no determiner
        ("Merkel", "PER"),  # no possessive
        ("Toyota Motor Corp", "ORG"),
        ("Tokyo", "LOC"),
        ("Nomura", "ORG"),
        ("BERLIN", "LOC"),  # the recased headline, cased as its body: "Merkel meets Reuters"
        ("MERKEL", "PER"),
        ("REUTERS", "ORG"),
    ]:
        assert span in got
    assert not any(text == "German" for text, _ in got)
    assert _texts(scored, "project", "copy") == []  # doc ids are per file ...
    copies = [s for s in scored["systems"]["project"] if "copy.conll#" in s[0]]
    assert [s[1:] for s in copies] == [
        s[1:] for s in scored["systems"]["project"] if s[0].startswith(str(TINY))
    ]  # ... and the copy shares the one build's mentions
    figures = scored["figures"]
    micro = figures["ner"]["project"]["micro"]
    assert micro["tp"] + micro["fn"] == 24
    assert micro["f"] > figures["ner"]["spacy"]["micro"]["f"]
    assert figures["off_token_edges"] == {"project": 0, "spacy": 0}
    assert figures["on_misc"] == {"project": 0, "spacy": 0}


def test_cli_prints_the_table_and_writes_json(tmp_path, capsys, monkeypatch):
    """The command's wiring without a build: canned predictions for both systems."""
    import analysis.evaluation.conll_eval as conll_eval

    def canned(docs, *, model=None):
        first = docs[0].doc_id  # "MERKEL MEETS REUTERS IN BERLIN\nGerman Chancellor Angela ..."
        return {
            "project": [(first, 49, 62, "PER"), (first, 31, 37, "LOC")],  # Angela Merkel; German
            "spacy": [(first, 49, 56, "PER")],  # "Angela": off by a token
        }

    monkeypatch.setattr(conll_eval, "system_spans", canned)
    out = tmp_path / "figures.json"
    assert main(["--conll", str(TINY), "--json", str(out), "--errors"]) == 0
    printed = capsys.readouterr().out
    assert "tags IOB1" in printed
    assert "gold: PER 3, ORG 5, LOC 4 (MISC 1 and 0 other not scored)" in printed
    assert "project  micro   0.500  0.083  0.143     1     1    11" in printed
    assert "micro F1, project - spacy: +0.143" in printed
    assert "'German' MISC -> LOC x1" in printed
    assert "'Angela Merkel' PER -> 'Angela' PER" not in printed  # errors are the project's
    figures = json.loads(out.read_text())
    assert figures["ner"]["spacy"]["span_only"]["fp"] == 1
    assert figures["on_misc"] == {"project": 1, "spacy": 0}
    assert figures["files"] == [{"path": str(TINY), "scheme": "IOB1", "documents": 2, "skipped": 0}]


def test_cli_names_a_missing_file_and_an_empty_one(tmp_path, capsys):
    assert main(["--conll", str(tmp_path / "nowhere.conll")]) == 2
    assert "no CoNLL file at" in capsys.readouterr().err
    empty = tmp_path / "empty.conll"
    empty.write_text("\n\n", encoding="utf-8")
    assert main(["--conll", str(empty)]) == 2
    err = capsys.readouterr().err
    assert f"{empty}: file: skipped: no tokens" in err and "no tokens read" in err
