"""CoNLL-format gold: the reader (layouts, tagging schemes, bad lines), the detokenised text and
the alignment of character spans to tokens."""

from __future__ import annotations

from analysis.conll import align, decode_tags, parse_conll, parse_tag


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


def test_decoding_is_per_sentence_list_of_token_ranges():
    tags = [parse_tag(t) for t in ("I-PER", "I-PER", "O", "B-ORG", "E-ORG", "I-LOC")]
    assert decode_tags(tags) == (
        [(0, 2, "PER"), (3, 5, "ORG"), (5, 6, "LOC")],
        {"I-start", "B", "S/E"},
    )
