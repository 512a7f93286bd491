"""Scores shared by the GUM and CoNLL evaluations: strict span P/R/F, resolution accuracy, the table.

A span is (document id, start, end, label); labels are CoNLL's PER, ORG, LOC.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Final

import pandas as pd

from analysis.evaluation.gum_gold import Gold
from analysis.evaluation.identity import same_identity

LABELS: Final = ("PER", "ORG", "LOC")
SPACY_TO_GOLD: Final = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
TYPE_TO_GOLD: Final = {"person": "PER", "organization": "ORG", "country": "LOC", "place": "LOC"}

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
