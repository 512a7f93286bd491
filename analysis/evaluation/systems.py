"""The two systems the evaluations compare, run over gold documents: bare spaCy and a full build."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.evaluation.gum import GumDocument
from analysis.evaluation.scoring import SPACY_TO_GOLD, TYPE_TO_GOLD, Span
from analysis.knowledge.registry import load_registry
from analysis.nlp.parse import default_model_name


def spacy_spans(docs: Sequence[GumDocument], *, model: str | None = None) -> list[Span]:
    """Bare spaCy: the model's full default pipeline over each whole document text."""
    import spacy

    nlp = spacy.load(model or default_model_name())
    spans = []
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        spans += [
            (doc.doc_id, e.start_char, e.end_char, SPACY_TO_GOLD[e.label_])
            for e in parsed.ents
            if e.label_ in SPACY_TO_GOLD
        ]
    return spans


def project_mentions(docs: Sequence[GumDocument], *, model: str | None = None) -> pd.DataFrame:
    """The mentions table of a full project build over the documents, with their `doc_id`."""
    from analysis.config import Settings
    from analysis.ingest.corpus import article_id_for
    from analysis.pipeline import build
    from analysis.store import read_tables

    with tempfile.TemporaryDirectory(prefix="actorscope-eval-") as tmp:
        corpus = Path(tmp) / "gum.csv"
        frame = pd.DataFrame(
            {"date": [d.date for d in docs], "title": [d.title for d in docs],
             "text": [d.text for d in docs]}
        )  # fmt: skip
        frame.to_csv(corpus, index=False)
        # neither tone nor quotes play a part in the scores
        settings = Settings(model=model, tone="sentence", relate=False)
        build([corpus], Path(tmp) / "out", settings, force=True)
        mentions = read_tables(Path(tmp) / "out")["mentions"]
    ids = {article_id_for(d.text.strip()): d.doc_id for d in docs}
    return mentions.assign(doc_id=mentions["article_id"].map(ids))


def project_spans(mentions: pd.DataFrame) -> list[Span]:
    """Project mentions as CoNLL-typed spans (mapping in the module docstring)."""
    registry = load_registry()
    spans = []
    for row in mentions.itertuples():
        label = TYPE_TO_GOLD.get(row.actor_type)
        if row.actor_type == "group" and row.label != "NORP":
            label = "ORG"
        entry = registry.lookup(row.text)
        if entry is not None and entry.actor_type == "country":
            label = "LOC"  # CoNLL: a team or government named by a place is LOC
        if label is not None and row.label != "NORP":
            spans.append((row.doc_id, int(row.start), int(row.end), label))
    return spans
