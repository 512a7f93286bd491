"""Read a CoNLL-format NER file into documents with newspaper-like text and gold spans.

**Layouts.** One token per line, cells separated by tabs (when the line has one) or by spaces; the
LAST cell is the NER tag: CoNLL-2003's `token POS chunk NER`, the two-column `token NER`, or any
other count. Blank lines end sentences; a `-DOCSTART-` line starts a document. A file without
`-DOCSTART-` lines is cut into documents of `doc_sentences` sentences (default 50, about a long
news story; 0: the whole file is one document), so a long file of unrelated sentences is not read
as one article. A line starting with `#` that is not a well-formed token line is a comment.

**Tags.** `O`, or a prefix and a type (`B-PER`, `I_ORG`). One decoder reads every scheme, as
conlleval does: `B-` always starts a span; `I-` (and `E-`, `L-`) continue a span of the same type
and otherwise start one (IOB1, CoNLL-2003's original scheme, where `B-` only separates two adjacent
spans of one type; IOB2/BIO; IO); `E-`/`L-` close the span, `S-`/`U-` are one-token spans
(BIOES/BILOU). A bare type without prefix is read as `I-` when it is a known type name.
Types: PER, PERSON, PERS -> PER; ORG, ORGANIZATION, ORGANISATION, CORPORATION -> ORG; LOC,
LOCATION, GPE, FAC, FACILITY -> LOC (CoNLL tags countries, cities and facilities LOC); MISC and
NORP -> MISC; any other type (DATE, EVENT, ...) is kept as written. Only PER/ORG/LOC are gold.

**Bad lines.** A line with another cell count than the file's, or a tag that is not `O` or
prefix-type, costs its sentence (every other sentence is kept); `ConllRead.skipped` names the file,
line and reason.

**Text.** Tokens are joined with `analysis.evaluation.gum.detokenise`, GUM's English spacing (no space before
`,` `.` `)` closing quotes `'s` `n't`; none after `(` opening quotes `$`), one line per sentence,
so every token has exact character offsets and every system reads the same text. Straight quotes
alternate open/close within a sentence; single ones only when they pair up, else each closes
("players' coach").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from analysis.evaluation.gum import _XmlToken, detokenise
from analysis.ingest.corpus import decode

DOCSTART: Final = "-DOCSTART-"
DOC_SENTENCES: Final = 50
TYPE_NAMES: Final = {
    **dict.fromkeys(("PER", "PERSON", "PERS"), "PER"),
    **dict.fromkeys(("ORG", "ORGANIZATION", "ORGANISATION", "CORPORATION"), "ORG"),
    **dict.fromkeys(("LOC", "LOCATION", "GPE", "FAC", "FACILITY"), "LOC"),
    **dict.fromkeys(("MISC", "NORP"), "MISC"),
}
_PREFIXED = re.compile(r"^([BIESLU])[-_](\S+)$", re.IGNORECASE)
# Pseudo TreeTagger tags, so that analysis.evaluation.gum.detokenise spaces CoNLL tokens as it spaces GUM's.
_WORD_TAGS: Final = {
    ",": ",",
    **dict.fromkeys((".", "?", "!"), "SENT"),
    **dict.fromkeys((")", "]", "}"), ")"),
    **dict.fromkeys(("(", "[", "{"), "("),
    **dict.fromkeys(("``", "`", "“", "‘"), "``"),
    **dict.fromkeys(("''", "”", "’", "'"), "''"),
    **dict.fromkeys(("'s", "'S", "’s"), "POS"),
}


@dataclass(frozen=True)
class ConllToken:
    text: str
    tag: str  # the NER tag as written in the file
    start: int  # character offsets in ConllDocument.text
    end: int
    line: int  # 1-based line of the file


@dataclass(frozen=True)
class ConllSpan:
    """A gold span of any type: tokens [first, stop) and characters [start, end)."""

    first: int
    stop: int
    start: int
    end: int
    label: str  # PER, ORG, LOC, MISC, or another type as written


@dataclass(frozen=True)
class ConllDocument:
    doc_id: str  # "<file>#<n>", n from 1
    text: str
    tokens: tuple[ConllToken, ...]
    spans: tuple[ConllSpan, ...]
    sentences: int
    date: str = ""  # what analysis.evaluation.evaluate.project_mentions writes to the corpus CSV
    title: str = ""


@dataclass(frozen=True)
class Skipped:
    path: str
    line: int  # 0: the whole file
    reason: str


@dataclass
class ConllRead:
    documents: list[ConllDocument] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    path: str = ""
    scheme: str = "no entities"  # IOB1, IOB2, BIOES (as far as the tags show)


def parse_tag(tag: str) -> tuple[str, str] | None:
    """(prefix, type) of a tag: ("O", "") for outside, ("B", "PER") for "B-PERSON"; None when
    the tag is unreadable."""
    if tag.upper() == "O":
        return "O", ""
    match = _PREFIXED.match(tag)
    if match:
        kind = match.group(2)
        return match.group(1).upper(), TYPE_NAMES.get(kind.upper(), kind)
    if tag.upper() in TYPE_NAMES:
        return "I", TYPE_NAMES[tag.upper()]
    return None


def decode_tags(tags: Sequence[tuple[str, str]]) -> tuple[list[tuple[int, int, str]], set[str]]:
    """Spans (first, stop, type) of one sentence's parsed tags, and the scheme hints seen:
    "I-start" (an I- opening a span: IOB1), "B", "S/E" (BIOES)."""
    spans: list[tuple[int, int, str]] = []
    hints: set[str] = set()
    first, open_kind = -1, ""  # the open span's first token (-1: none) and type
    for i, (prefix, kind) in enumerate(tags):
        continues = first >= 0 and prefix in "IEL" and kind == open_kind
        if first >= 0 and not continues:
            spans.append((first, i, open_kind))
            first = -1
        if prefix == "O":
            continue
        if not continues:
            first, open_kind = i, kind
            hints.add("I-start" if prefix == "I" else "B" if prefix == "B" else "S/E")
        if prefix in "ESLU":
            hints.add("S/E")
            spans.append((first, i + 1, kind))
            first = -1
    if first >= 0:
        spans.append((first, len(tags), open_kind))
    return spans, hints


def _scheme(hints: set[str]) -> str:
    if "S/E" in hints:
        return "BIOES"
    if "I-start" in hints:
        return "IOB1"
    return "IOB2" if "B" in hints else "no entities"


def _cells(line: str) -> list[str]:
    line = line.strip()
    return [c.strip() for c in line.split("\t")] if "\t" in line else line.split()


@dataclass
class _Sentence:
    words: list[tuple[str, str, int]] = field(default_factory=list)  # (token, tag, line)
    problem: tuple[int, str] | None = None


def _sentences(lines: Sequence[str], source: str, read: ConllRead) -> Iterator[_Sentence | None]:
    """Sentences in file order, None at each -DOCSTART-; bad sentences are reported, not given."""
    rows = [_cells(line) for line in lines]
    counts = [len(r) for r in rows if r and r[0] != DOCSTART]
    width = max(set(counts), key=counts.count) if counts else 2
    if width < 2:
        read.skipped.append(Skipped(source, 0, "no NER tag column (one cell per line)"))
        return
    sentence = _Sentence()

    def flush() -> Iterator[_Sentence]:
        nonlocal sentence
        if sentence.problem:
            line, reason = sentence.problem
            first, last = sentence.words[0][2], sentence.words[-1][2]
            read.skipped.append(
                Skipped(source, line, f"{reason}; sentence of lines {first}-{last} skipped")
            )
        elif sentence.words:
            yield sentence
        sentence = _Sentence()

    for number, cells in enumerate(rows, start=1):
        if not cells or cells[0] == DOCSTART:
            yield from flush()
            if cells:
                yield None
            continue
        reason = None
        if len(cells) != width:
            reason = f"{len(cells)} cells where the file has {width}"
        elif parse_tag(cells[-1]) is None:
            reason = f"unreadable NER tag {cells[-1]!r}"
        if reason and cells[0].startswith("#"):
            continue  # a comment ("# sent_id = 3"), not a token "#"
        if reason and sentence.problem is None:
            sentence.problem = (number, reason)
        sentence.words.append((cells[0], cells[-1], number))
    yield from flush()


def _document(doc_id: str, sentences: Sequence[_Sentence]) -> tuple[ConllDocument, set[str]]:
    """One document from its sentences, and the scheme hints of its tags."""
    pseudo: list[_XmlToken] = []
    raw: list[tuple[str, str, int]] = []
    spans: list[tuple[int, int, str]] = []
    hints: set[str] = set()
    for sentence in sentences:
        base, opened = len(raw), {'"': False, "'": False}
        paired = {'"', "'"} if sum(w == "'" for w, _, _ in sentence.words) % 2 == 0 else {'"'}
        for i, (word, tag, line) in enumerate(sentence.words):
            pseudo_tag = _WORD_TAGS.get(word, "W")
            if word in paired:  # straight quotes alternate; an odd ' is a possessive
                pseudo_tag = "''" if opened[word] else "``"
                opened[word] = not opened[word]
            pseudo.append(_XmlToken(word, pseudo_tag, glued=False, new_block=i == 0))
            raw.append((word, tag, line))
        found, seen = decode_tags([parse_tag(t) for _, t, _ in sentence.words])
        spans += [(base + a, base + b, kind) for a, b, kind in found]
        hints |= seen
    text, offsets = detokenise(pseudo)
    tokens = tuple(
        ConllToken(w, t, s, e, n) for (w, t, n), (s, e) in zip(raw, offsets, strict=True)
    )
    gold = tuple(ConllSpan(a, b, tokens[a].start, tokens[b - 1].end, k) for a, b, k in spans)
    return ConllDocument(doc_id, text, tokens, gold, len(sentences)), hints


def parse_conll(
    text: str, *, source: str = "<string>", doc_sentences: int = DOC_SENTENCES
) -> ConllRead:
    """Documents of a CoNLL-format text (rules in the module docstring)."""
    read = ConllRead(path=source)
    groups: list[list[_Sentence]] = [[]]
    for sentence in _sentences(text.split("\n"), source, read):
        if sentence is None:
            groups.append([])
        else:
            groups[-1].append(sentence)
    if len(groups) == 1 and doc_sentences > 0:  # no -DOCSTART-
        groups = [groups[0][i : i + doc_sentences] for i in range(0, len(groups[0]), doc_sentences)]
    hints: set[str] = set()
    for n, group in enumerate((g for g in groups if g), start=1):
        document, seen = _document(f"{source}#{n}", group)
        read.documents.append(document)
        hints |= seen
    read.scheme = _scheme(hints)
    if not read.documents and not read.skipped:
        read.skipped.append(Skipped(source, 0, "no tokens"))
    return read


def read_conll(path: Path | str, *, doc_sentences: int = DOC_SENTENCES) -> ConllRead:
    """A CoNLL file's documents; an unreadable file gives no documents and one `Skipped`."""
    try:
        text = decode(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        return ConllRead(path=str(path), skipped=[Skipped(str(path), 0, f"unreadable: {exc}")])
    return parse_conll(text, source=str(path), doc_sentences=doc_sentences)


def align(doc: ConllDocument, start: int, end: int) -> tuple[int, int] | None:
    """Tokens [first, stop) of a character span that starts at a token start and ends at a token
    end; None when either edge falls elsewhere (inside a token or in the spaces between)."""
    starts = [t.start for t in doc.tokens]
    first = bisect.bisect_left(starts, start)
    if first == len(starts) or starts[first] != start:
        return None
    ends = [t.end for t in doc.tokens]
    last = bisect.bisect_left(ends, end)
    if last == len(ends) or ends[last] != end or last < first:
        return None
    return first, last + 1
