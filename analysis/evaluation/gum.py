"""Read GUM news documents: tokens, their detokenised text, and the entity mentions.

GUM (github.com/amir-zeldes/gum) gives, per document, an XML file (one token per line with its
TreeTagger tag, `<w>` around tokens that were one orthographic word, `<head>`/`<p>`/`<caption>`/
`<item>` blocks) and a WebAnno TSV 3.2 file (per token: the entity type and the Wikipedia identity of
every mention covering it, each with a bracketed mention id). Both list the same tokens in order.

**Text.** Tokens are detokenised with ordinary English spacing (no space before `,` `.` `)` closing
quotes, `'s`, `n't`; none after `(` and opening quotes; none inside a `<w>` group), each block on its
own line, so both systems see newspaper text and every token has known character offsets.
How gold named spans are derived from the mentions is in `analysis.evaluation.gum_gold`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

BLOCK_TAGS: Final = ("head", "p", "caption", "item")
_NO_SPACE_BEFORE_TAGS: Final = frozenset({",", "SENT", ")", "''", "POS"})
_NO_SPACE_BEFORE_WORDS: Final = frozenset(
    {"n't", "n`t", "'s", "’s", "'ve", "'ll", "'m", "'d", "'re", ";", ":", "...", "%", "?", "!"}
)
_NO_SPACE_AFTER_TAGS: Final = frozenset({"``", "("})
_ANNOTATION = re.compile(r"^(.*)\[(\d+)\]$")
_TAG = re.compile(r"^<(/?)([a-z]+)")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Token:
    text: str
    tag: str  # TreeTagger tag as given in GUM's XML (NP, NPS, NN, DT, POS, ...)
    start: int  # character offsets in GumDocument.text
    end: int


@dataclass(frozen=True)
class GumMention:
    """One GUM mention: a contiguous token range [first, last], its entity type and identity."""

    mention_id: str
    entity: str
    identity: str  # Wikipedia title as in GUM ("Washington%2C_D.C."), "" when unlinked
    first: int
    last: int


@dataclass(frozen=True)
class GumDocument:
    doc_id: str
    date: str
    title: str
    text: str
    tokens: tuple[Token, ...]
    mentions: tuple[GumMention, ...]


@dataclass(frozen=True)
class _XmlToken:
    word: str
    tag: str
    glued: bool  # inside a <w> group, after its first token: no space before
    new_block: bool


def read_xml(path: Path) -> tuple[dict[str, str], list[_XmlToken]]:
    """The `<text>` attributes and the tokens of a GUM XML file (line based, as GUM writes it)."""
    attributes: dict[str, str] = {}
    tokens: list[_XmlToken] = []
    in_word, word_started, pending_block = False, False, False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        tag = _TAG.match(line)
        if tag:
            closing, name = tag.groups()
            if name == "text" and not closing:
                attributes = {k: html.unescape(v) for k, v in _ATTRIBUTE.findall(line)}
            elif name == "w":
                in_word, word_started = not closing, False
            elif name in BLOCK_TAGS and not closing:
                pending_block = True
            continue
        if "\t" not in line:
            continue
        word, tag_name = line.split("\t")[:2]
        tokens.append(
            _XmlToken(html.unescape(word), tag_name, in_word and word_started, pending_block)
        )
        word_started = in_word
        pending_block = False
    return attributes, tokens


def detokenise(tokens: Sequence[_XmlToken]) -> tuple[str, list[tuple[int, int]]]:
    """Text with English spacing and one line per block, and each token's (start, end)."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    previous: _XmlToken | None = None
    for token in tokens:
        if previous is None:
            sep = ""
        elif token.new_block:
            sep = "\n"
        elif (
            token.glued
            or token.tag in _NO_SPACE_BEFORE_TAGS
            or token.word.lower() in _NO_SPACE_BEFORE_WORDS
            or previous.tag in _NO_SPACE_AFTER_TAGS
            or previous.word == "$"
        ):
            sep = ""
        else:
            sep = " "
        parts.append(sep + token.word)
        pos += len(sep)
        offsets.append((pos, pos + len(token.word)))
        pos += len(token.word)
        previous = token
    return "".join(parts), offsets


def _annotations(cell: str) -> Iterator[tuple[str, str]]:
    """('value', 'mention id') pairs of a WebAnno cell like 'place[22]|organization[23]'."""
    if cell in ("_", ""):
        return
    for part in re.split(r"(?<!\\)\|", cell):
        match = _ANNOTATION.match(part)
        if match:
            yield match.group(1).replace("\\", ""), match.group(2)


def read_tsv(path: Path) -> tuple[list[str], list[GumMention]]:
    """Tokens and mentions of a WebAnno TSV 3.2 file (columns: id, offsets, token, entity,
    infstat, salience, identity, ...); mentions in order of their first token."""
    words: list[str] = []
    entity: dict[str, str] = {}
    identity: dict[str, str] = {}
    span: dict[str, list[int]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        index = len(words)
        words.append(cells[2])
        for value, mid in _annotations(cells[3]):
            entity[mid] = value
            span.setdefault(mid, [index, index])[1] = index
        for value, mid in _annotations(cells[6] if len(cells) > 6 else "_"):
            identity[mid] = value
    mentions = [
        GumMention(mid, entity[mid], identity.get(mid, ""), first, last)
        for mid, (first, last) in span.items()
    ]
    return words, sorted(mentions, key=lambda m: (m.first, -m.last))


def load_document(xml_path: Path, tsv_path: Path) -> GumDocument:
    """One GUM document from its XML and TSV files; ValueError when their tokens disagree."""
    attributes, xml_tokens = read_xml(xml_path)
    words, mentions = read_tsv(tsv_path)
    if [t.word for t in xml_tokens] != [html.unescape(w) for w in words]:
        raise ValueError(f"{xml_path} and {tsv_path} do not hold the same tokens")
    text, offsets = detokenise(xml_tokens)
    tokens = tuple(
        Token(t.word, t.tag, s, e) for t, (s, e) in zip(xml_tokens, offsets, strict=True)
    )
    return GumDocument(
        doc_id=attributes.get("id", Path(xml_path).stem),
        date=attributes.get("dateCreated", ""),
        title=attributes.get("title", ""),
        text=text,
        tokens=tokens,
        mentions=tuple(mentions),
    )


def load_gum(directory: Path | str, *, genre: str = "news") -> list[GumDocument]:
    """Every `xml/GUM_<genre>_*.xml` in `directory` with its `coref/gum/tsv/` twin, sorted."""
    root = Path(directory)
    xml_files = sorted((root / "xml").glob(f"GUM_{genre}_*.xml"))
    if not xml_files:
        raise FileNotFoundError(f"no GUM {genre} documents under {root / 'xml'}")
    return [load_document(x, root / "coref" / "gum" / "tsv" / f"{x.stem}.tsv") for x in xml_files]
