"""Error analysis for `python -m analysis evaluate --errors`: the most frequent false positives,
false negatives, span and type mismatches of one system, and its wrong or missing resolutions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Final

from analysis.evaluation.gum import GumDocument
from analysis.evaluation.gum_gold import Gold
from analysis.evaluation.scoring import Resolution, Span


def error_analysis(
    docs: Sequence[GumDocument],
    golds: dict[str, Gold],
    predicted: Iterable[Span],
    resolutions: Sequence[Resolution],
    *,
    top: int = 30,
) -> dict[str, list[tuple[str, int]]]:
    """The most frequent errors of one system, as ("description", count) lists: false positives
    (no gold span overlaps), false negatives (no prediction overlaps), span mismatches (overlap,
    other boundaries), type errors (same span, other type) and wrong resolutions."""
    texts = {d.doc_id: d.text for d in docs}
    gold = {(s.doc_id, s.start, s.end, s.label) for g in golds.values() for s in g.spans}
    pred = set(predicted)
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("fp", "fn", "span", "type")}

    def show(span: Span) -> str:
        return f"{texts[span[0]][span[1] : span[2]]!r} {span[3]}"

    def overlapping(span: Span, pool: set[Span]) -> list[Span]:
        return [o for o in pool if o[0] == span[0] and o[1] < span[2] and span[1] < o[2]]

    for span in sorted(pred - gold):
        hits = overlapping(span, gold)
        same = [g for g in hits if g[1:3] == span[1:3]]
        if same:
            counts["type"][f"{show(same[0])} -> {span[3]}"] += 1
        elif hits:
            counts["span"][f"{show(hits[0])} -> {show(span)}"] += 1
        else:
            counts["fp"][show(span)] += 1
    for span in sorted(gold - pred):
        if not overlapping(span, pred):
            counts["fn"][show(span)] += 1
    wrong = Counter(
        f"{r.identity} -> {r.actor!r}" for r in resolutions if r.found and not r.correct
    )
    missed = Counter(r.identity for r in resolutions if not r.found)
    result = {key: c.most_common(top) for key, c in counts.items()}
    result["wrong_actor"] = wrong.most_common(top)
    result["unresolved"] = missed.most_common(top)
    return result


ERROR_TITLES: Final = {
    "fp": "false positives (no gold span overlaps)",
    "fn": "false negatives (no prediction overlaps)",
    "span": "span mismatches (gold -> predicted)",
    "type": "type errors (gold -> predicted type)",
    "wrong_actor": "wrong resolutions (gold identity -> project actor)",
    "unresolved": "linked gold spans no project mention overlaps",
}
