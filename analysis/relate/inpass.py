"""Quotes and relations during the build's own spaCy pass, reusing tok2vec's output.

The build runs tok2vec, senter and ner over every line. Added after ner (and before the
doc_cleaner drops the tensor), `relate_spans` picks the same candidate sentences as
`extract.fragments`, makes each run a fresh Doc of its tokens carrying the slice of the line's
tok2vec tensor, and runs only the tagger and the parser on it, then the attribute_ruler and the
lemmatizer (in the model's own order, remembered per token: analysis.relate.attrs): the model's
tagger and parser read their features from `doc.tensor` (Tok2VecListener at inference), so the
tok2vec network is not run a second time. The spans (relative to the line) travel back in
`doc.user_data`, small enough to cross from spaCy's worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from analysis.nlp.parse import trimmed
from analysis.relate.attrs import MemoAttributes
from analysis.relate.extract import Extracted, extract_doc, fragments, run_on
from analysis.relate.lexicon import load_lexicon
from analysis.relate.quotes import QuoteSpan
from analysis.relate.relations import RelationSpan
from analysis.relate.spans import relation_row
from analysis.schema import ENTITY_LABELS, LABEL_TO_TYPE, OTHER_NAME_LABELS

NAME = "relate_spans"
KEY = "relate"  # doc.user_data[KEY] = [quote tuples, relation tuples, skipped], line offsets
PIPES = ("tagger", "parser")


class RelateSpans:
    """The pipeline component (holds the parsing components, not the pipeline: picklable)."""

    def __init__(self, nlp: Language):
        self.procs = [nlp.get_pipe(name) for name in PIPES if name in nlp.component_names]
        self.vocab = nlp.vocab
        names = nlp.component_names
        self.attrs = (
            MemoAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"), nlp.vocab)
            if "attribute_ruler" in names and "lemmatizer" in names
            else None
        )

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """The candidate runs of a whole batch of lines go to the parser together (one call
        per batch, not per line: the parsing components' per-call cost is high)."""
        lexicon = load_lexicon()
        for batch in minibatch(docs, size=batch_size):
            jobs = [(doc, *job) for doc in batch for job in self._jobs(doc, lexicon)]
            subs = [sub for _, _, sub, _ in jobs]
            for proc in self.procs:
                subs = list(proc.pipe(subs)) if hasattr(proc, "pipe") else [proc(s) for s in subs]
            if self.attrs is not None:
                subs = self.attrs(subs)
            found: dict[int, list[list]] = {id(doc): [[], [], []] for doc in batch}
            for (doc, start, _, inside), sub in zip(jobs, subs, strict=True):
                quotes, relations, skipped = found[id(doc)]
                found_q, found_r, failed = extract_doc(sub, inside, lexicon=lexicon)
                skipped += failed
                quotes += [list(vars(q.shifted(start)).values()) for q in found_q]
                relations += [list(relation_row(r.shifted(start))) for r in found_r]
            for doc in batch:
                doc.user_data[KEY] = found[id(doc)]
                yield doc

    def _jobs(self, doc: Doc, lexicon) -> list[tuple[int, Doc, list[tuple[int, int]]]]:
        """(start in the line, fresh Doc with its tensor slice, entity spans in it) per run."""
        text = doc.text
        sentences = [trimmed(text, s.start_char, s.end_char) for s in doc.sents]
        sentences = [(start, end) for start, end in sentences if end > start]
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents
                if e.label_ in ENTITY_LABELS or e.label_ in OTHER_NAME_LABELS]  # fmt: skip
        jobs = []
        for start, end in fragments(text, sentences, ents, lexicon=lexicon):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            # a fresh Doc (no sentence starts, as a separate parse of the fragment text)
            spaces = [bool(t.whitespace_) for t in span]
            spaces[-1] = False
            sub = Doc(self.vocab, words=[t.text for t in span], spaces=spaces)
            sub.tensor = np.ascontiguousarray(doc.tensor[span.start : span.end])
            start, end = span.start_char, span.end_char
            inside = [(s - start, e - start) for s, e, lab in ents
                      if start <= s and e <= end and lab in LABEL_TO_TYPE]  # fmt: skip
            jobs.append((start, sub, inside))
        return jobs


@Language.factory(NAME)
def make_relate_spans(nlp: Language, name: str) -> RelateSpans:
    return RelateSpans(nlp)


def with_relate(nlp: Language, on: bool) -> None:
    """Add (once) and enable the component, or disable it."""
    if NAME not in nlp.component_names:
        if not on:
            return
        nlp.add_pipe(NAME, before="drop_tensor" if "drop_tensor" in nlp.pipe_names else None)
    if on:
        nlp.enable_pipe(NAME)
    elif NAME in nlp.pipe_names:
        nlp.disable_pipe(NAME)


def extracted_of(article_id: str, lines: Sequence[tuple[int, list, list, list]]) -> Extracted:
    """One article's spans from its lines' rows (Parsed.relate), shifted to article offsets."""
    found = Extracted(article_id)
    for off, quotes, relations, skipped in lines:
        found.skipped += skipped
        found.quotes += [QuoteSpan(*q).shifted(off) for q in quotes]
        found.relations += [
            RelationSpan((s0, s1), (t0, t1), *rest).shifted(off)
            for s0, s1, t0, t1, *rest in relations
        ]
    found.quotes = run_on(found.quotes)
    return found
