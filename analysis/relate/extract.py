"""Parse only what needs it and extract quote and relation spans per article.

The build runs spaCy without its parser. Here the sentences that can hold a quote or a relation
(two or more names, a reporting verb, a quote mark, "according to") are parsed, as runs of
neighbouring sentences within one paragraph so that a quote over two sentences stays whole. The
result is spans only (no actor names), so resolution, the alias file and the lexicon can change
without a new parse; analysis.relate.rows turns spans into table rows.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.nlp.links import run_only
from analysis.relate.lexicon import Lexicon, load_lexicon
from analysis.relate.quotes import QuoteSpan, find_quotes
from analysis.relate.relations import RelationSpan, find_relations
from analysis.schema import LABEL_TO_TYPE

log = logging.getLogger(__name__)

PARSE_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser")
PARALLEL_CHARS = 200_000
_QUOTE_MARK = re.compile(r"[“”\"]|‘[^’]{12,}’|\baccording to\b", re.IGNORECASE)
_IRREGULAR = "said says told tells wrote thought spoke quoted warned".split()


@dataclass
class Extracted:
    """Quote and relation spans of one article (article character offsets)."""

    article_id: str
    quotes: list[QuoteSpan] = field(default_factory=list)
    relations: list[RelationSpan] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sentence runs a rule failed on, and why


def reporting_pattern(lexicon: Lexicon) -> re.Pattern:
    """Word forms of the reporting verbs, for choosing sentences before any parse."""
    stems = sorted({w.rstrip("e") for w in lexicon.reporting if " " not in w} | set(_IRREGULAR))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w{0,3}\b", re.IGNORECASE)


def fragments(
    text: str,
    sentences: Sequence[tuple[int, int]],
    entities: Sequence[tuple[int, int, str]],
    *,
    lexicon: Lexicon,
) -> list[tuple[int, int]]:
    """(start, end) of runs of sentences worth parsing; a run never crosses a line break."""
    starts = [e[0] for e in entities if e[2] in LABEL_TO_TYPE]
    starts.sort()
    pattern = reporting_pattern(lexicon)
    runs: list[list[int]] = []
    j = 0
    for s, e in sentences:
        while j < len(starts) and starts[j] < s:
            j += 1
        k = j
        while k < len(starts) and starts[k] < e:
            k += 1
        chunk = text[s:e]
        if k - j >= 2 or _QUOTE_MARK.search(chunk) or (k > j and pattern.search(chunk)):
            if runs and "\n" not in text[runs[-1][1] : s] and s - runs[-1][1] <= 2:
                runs[-1][1] = e
            else:
                runs.append([s, e])
    return [(s, e) for s, e in runs]


def parse_texts(
    texts: Sequence[str], *, model: str | None = None, n_process: int | None = None
) -> list:
    """Docs with tags, lemmas and dependencies, from the loaded pipeline's disabled parts;
    `n_process` None: 2 processes for more than PARALLEL_CHARS characters (as the NER pass)."""
    from analysis.nlp.parse import load_pipeline

    nlp = load_pipeline(model)
    wanted = [p for p in PARSE_PIPES if p in nlp.component_names]
    before = list(nlp.pipe_names)
    if n_process is None:
        big = sum(len(t) for t in texts) > PARALLEL_CHARS
        n_process = min(2, os.cpu_count() or 1) if big else 1
    try:
        run_only(nlp, wanted)
        return list(nlp.pipe(texts, batch_size=128, n_process=n_process))
    finally:
        run_only(nlp, before)


def extract_doc(doc, entities: Sequence[tuple[int, int]], *, lexicon: Lexicon):
    """(quotes, relations, skipped) of one parsed text, spans relative to that text.

    A rule that fails on an odd parse loses that text's quotes or relations, never the build:
    `skipped` says which finder failed and why (the shard's manifest counts them)."""
    spans = [(s, e) for s, e in entities]
    found, skipped = [], []
    for finder in (find_quotes, find_relations):
        try:
            found.append(finder(doc, spans, lexicon))
        except Exception as err:  # one sentence run is lost and reported, never the shard
            found.append([])
            skipped.append(f"{finder.__name__} on {doc.text[:60]!r}: {err!r}")
            log.warning("quotes/relations: %s", skipped[-1])
    return found[0], found[1], skipped


def extract_articles(
    texts: Sequence[tuple[str, str]],
    sentences: dict[str, Sequence[tuple[int, int]]],
    entities: dict[str, Sequence[tuple[int, int, str]]],
    *,
    model: str | None = None,
    lexicon: Lexicon | None = None,
    n_process: int | None = None,
) -> dict[str, Extracted]:
    """Quote and relation spans per article: the one call the build makes (after NER)."""
    lexicon = lexicon or load_lexicon()
    jobs = []
    for aid, text in texts:
        ents = entities.get(aid, ())
        for start, end in fragments(text, sentences.get(aid, ()), ents, lexicon=lexicon):
            inside = [(s - start, e - start) for s, e, lab in ents
                      if start <= s and e <= end and lab in LABEL_TO_TYPE]  # fmt: skip
            jobs.append((aid, start, text[start:end], inside))
    found = {aid: Extracted(aid) for aid, _ in texts}
    fragments_ = [fragment for _, _, fragment, _ in jobs]
    docs = parse_texts(fragments_, model=model, n_process=n_process) if jobs else []
    for (aid, start, _, inside), doc in zip(jobs, docs, strict=True):
        quotes, relations, skipped = extract_doc(doc, inside, lexicon=lexicon)
        found[aid].skipped += skipped
        found[aid].quotes.extend(q.shifted(start) for q in quotes)
        found[aid].relations.extend(r.shifted(start) for r in relations)
    for item in found.values():
        item.quotes = run_on(item.quotes)
    return found


def run_on(quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """A cue-less direct quote with no speaker right after a quote with one keeps its speaker
    (across the paragraph break a fragment cannot see)."""
    out: list[QuoteSpan] = []
    for q in quotes:
        prev = next((p for p in reversed(out) if p.speaker_start >= 0 and p.kind != "mixed"), None)
        if q.speaker_start < 0 and not q.cue and prev is not None and q.start - prev.end < 400:
            q = QuoteSpan(q.start, q.end, prev.speaker_start, prev.speaker_end, "", q.kind,
                          prev.speaker_kind)  # fmt: skip
        out.append(q)
    return out
