"""Measured accuracy: named-entity spans and actor resolution against GUM's gold news mentions.

`python -m analysis evaluate [--gum DIR] [--errors] [--json PATH]` scores, on the same detokenised
text of the 24 GUM news documents (`analysis.gum` reads them, `analysis.gum_gold` derives the
gold spans):

1. bare spaCy: `doc.ents` of the full default pipeline of the project's model, PERSON -> PER,
   ORG -> ORG, GPE/LOC/FAC -> LOC (NORP and the rest are CoNLL's MISC or not names: ignored);
2. this project: the mentions table of a full build, actor_type person -> PER, organization ->
   ORG, country/place -> LOC, and group -> ORG unless spaCy called the span NORP (demonyms and
   nationalities are MISC; an armed group or party typed from the registry is an ORG); a mention
   written as a country's name is LOC whatever it stands for (CoNLL types a national team or a
   government named by its country as LOC).

Strict: a prediction is right when its start, end and type equal a gold span's. Predictions that
overlap an unscored gold region (a name GUM gives no CoNLL type for) and match no gold span are
left out. Resolution: the share of gold spans with a Wikipedia identity whose project actor is
that identity (`analysis.identity.same_identity`), over those the project found (any mention
overlapping the span) and over all of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

import pandas as pd

from analysis.eval_errors import ERROR_TITLES, error_analysis
from analysis.gum import GumDocument, load_gum
from analysis.gum_gold import Gold, derive_gold, place_identities
from analysis.identity import same_identity
from analysis.nlp import default_model_name
from analysis.registry import load_registry

LABELS: Final = ("PER", "ORG", "LOC")
SPACY_TO_GOLD: Final = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
TYPE_TO_GOLD: Final = {"person": "PER", "organization": "ORG", "country": "LOC", "place": "LOC"}
DEFAULT_GUM: Final = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "gum_news"
DATA_NOTE: Final = (
    "GUM news (24 Wikinews articles; text CC BY 2.5, annotations CC BY 4.0, "
    "github.com/amir-zeldes/gum); gold spans derived as in docs/accuracy.md"
)

Span = tuple[str, int, int, str]  # (document id, start, end, label)


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "p": round(self.p, 4), "r": round(self.r, 4), "f": round(self.f, 4)}


def score_spans(
    gold: Iterable[Span], predicted: Iterable[Span], *, labels: Sequence[str] = LABELS
) -> dict[str, Score]:
    """Strict P/R/F per label and micro-averaged over `labels` (key "micro")."""
    gold_set, pred_set = set(gold), set(predicted)
    scores = {}
    for label in labels:
        g = {s for s in gold_set if s[3] == label}
        p = {s for s in pred_set if s[3] == label}
        scores[label] = Score(len(g & p), len(p - g), len(g - p))
    scores["micro"] = Score(
        *(sum(getattr(s, k) for s in scores.values()) for k in ("tp", "fp", "fn"))
    )
    return scores


def score_untyped(gold: Iterable[Span], predicted: Iterable[Span]) -> Score:
    """Span-only score: exact boundaries, any type (a diagnostic of boundary errors)."""
    g = {s[:3] for s in gold}
    p = {s[:3] for s in predicted}
    return Score(len(g & p), len(p - g), len(g - p))


def drop_unscored(predicted: Iterable[Span], gold: Gold) -> list[Span]:
    """Predictions, less those overlapping an unscored region that match no gold span."""
    exact = {(s.start, s.end) for s in gold.spans}
    return [
        s
        for s in predicted
        if (s[1], s[2]) in exact or not any(s[1] < e and b < s[2] for b, e in gold.unscored)
    ]


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
    from analysis.corpus import article_id_for
    from analysis.pipeline import build
    from analysis.store import read_tables

    with tempfile.TemporaryDirectory(prefix="actorscope-eval-") as tmp:
        corpus = Path(tmp) / "gum.csv"
        frame = pd.DataFrame(
            {"date": [d.date for d in docs], "title": [d.title for d in docs],
             "text": [d.text for d in docs]}
        )  # fmt: skip
        frame.to_csv(corpus, index=False)
        settings = Settings(model=model, tone="sentence")  # tone plays no part in the scores
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


@dataclass(frozen=True)
class Resolution:
    """Per gold span with an identity: the overlapping project actor ("" when none)."""

    doc_id: str
    text: str
    identity: str
    actor: str

    @property
    def found(self) -> bool:
        return bool(self.actor)

    @property
    def correct(self) -> bool:
        return self.found and same_identity(self.actor, self.identity)


def resolve_gold(golds: dict[str, Gold], mentions: pd.DataFrame) -> list[Resolution]:
    """Each linked gold span with the actor of the project mention overlapping it most."""
    by_doc = {d: g for d, g in mentions.groupby("doc_id")} if len(mentions) else {}
    rows = []
    for doc_id, gold in golds.items():
        frame = by_doc.get(doc_id)
        for span in gold.spans:
            if not span.identity:
                continue
            actor = ""
            if frame is not None:
                overlap = frame["end"].clip(upper=span.end) - frame["start"].clip(lower=span.start)
                if (overlap > 0).any():
                    actor = str(frame.loc[overlap.idxmax(), "actor"])
            rows.append(Resolution(doc_id, span.text, span.identity, actor))
    return rows


def resolution_summary(rows: Sequence[Resolution]) -> dict[str, dict[str, float | int]]:
    found = [r for r in rows if r.found]

    def share(items: Sequence[Resolution]) -> dict[str, float | int]:
        right = sum(r.correct for r in items)
        return {"accuracy": round(right / len(items), 4) if items else 0.0,
                "correct": right, "n": len(items)}  # fmt: skip

    return {"found": share(found), "all": share(rows)}


def evaluate(directory: Path, *, model: str | None = None) -> dict:
    """Every figure of docs/accuracy.json, plus the raw material of the error analysis."""
    docs = load_gum(directory)
    places = place_identities(docs)
    golds = {d.doc_id: derive_gold(d, places=places) for d in docs}
    gold = [(s.doc_id, s.start, s.end, s.label) for g in golds.values() for s in g.spans]
    mentions = project_mentions(docs, model=model)
    systems = {"project": project_spans(mentions), "spacy": spacy_spans(docs, model=model)}
    systems = {
        name: [
            s
            for d in docs
            for s in drop_unscored([p for p in spans if p[0] == d.doc_id], golds[d.doc_id])
        ]
        for name, spans in systems.items()
    }
    resolutions = resolve_gold(golds, mentions)
    figures = {
        "ner": {
            name: {k: v.as_dict() for k, v in score_spans(gold, spans).items()}
            | {"span_only": score_untyped(gold, spans).as_dict()}
            for name, spans in systems.items()
        },
        "resolution": resolution_summary(resolutions),
        "gold": {label: sum(s[3] == label for s in gold) for label in LABELS}
        | {"documents": len(docs), "linked": len(resolutions)},
        "data": DATA_NOTE,
        "model": model or default_model_name(),
        "measured": dt.date.today().isoformat(),
        "command": "python -m analysis evaluate --json docs/accuracy.json",
    }
    return {"figures": figures, "docs": docs, "golds": golds, "systems": systems,
            "resolutions": resolutions}  # fmt: skip


def format_table(figures: dict) -> str:
    """The NER and resolution figures as a plain-text table."""
    lines = [f"{'':9}{'type':6}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for system, scores in figures["ner"].items():
        for key in (*LABELS, "micro", "span_only"):
            s = scores[key]
            lines.append(
                f"{system:9}{key:6}{s['p']:7.3f}{s['r']:7.3f}{s['f']:7.3f}"
                f"{s['tp']:6}{s['fp']:6}{s['fn']:6}"
            )
    ner = figures["ner"]
    if {"project", "spacy"} <= ner.keys():
        gain = ner["project"]["micro"]["f"] - ner["spacy"]["micro"]["f"]
        lines.append(f"micro F1, project - spacy: {gain:+.3f}")
    for key, r in figures.get("resolution", {}).items():  # none on a CoNLL file
        lines.append(f"resolution ({key}): {r['accuracy']:.3f} ({r['correct']}/{r['n']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """`evaluate [--gum DIR | --conll FILE ...] [--errors] [--json PATH] [--model NAME] [--top N]`."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis evaluate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--gum", type=Path, default=DEFAULT_GUM, help=f"GUM folder ({DEFAULT_GUM})")
    parser.add_argument("--errors", action="store_true", help="print the project's top errors")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--model", default=None, help="spaCy model for both systems")
    parser.add_argument("--top", type=int, default=30, help="items per error list (30)")
    from analysis import conll_eval  # here: it imports this module

    conll_eval.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.conll:
        return conll_eval.main(args)
    if not (args.gum / "xml").is_dir() or not (args.gum / "coref" / "gum" / "tsv").is_dir():
        print(f"error: no GUM corpus at {args.gum} (expected xml/ and coref/gum/tsv/); "
              "pass --gum DIR", file=sys.stderr)  # fmt: skip
        return 2
    result = evaluate(args.gum, model=args.model)
    figures = result["figures"]
    print(format_table(figures))
    if args.errors:
        errors = error_analysis(
            result["docs"], result["golds"], result["systems"]["project"],
            result["resolutions"], top=args.top,
        )  # fmt: skip
        for key, items in errors.items():
            print(f"\n{ERROR_TITLES[key]}:")
            print("  " + "; ".join(f"{text} x{n}" for text, n in items) if items else "  none")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
