"""Quote and relation spans <-> the columns of a shard's relate stages (`relate-quotes`,
`relate-relations`): one row per span, article offsets, no actor names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields

import pandas as pd

from analysis.relate.extract import Extracted
from analysis.relate.quotes import QuoteSpan
from analysis.relate.relations import RelationSpan

QUOTES_STAGE = "relate-quotes"
RELATIONS_STAGE = "relate-relations"
QUOTE_COLUMNS = ["article_id", *(f.name for f in fields(QuoteSpan))]
_PAIRS = ("source", "target")
RELATION_COLUMNS = [
    "article_id",
    *(f"{f.name}_{end}" if f.name in _PAIRS else f.name for f in fields(RelationSpan)
      for end in (("start", "end") if f.name in _PAIRS else ("",)))
]  # fmt: skip


def relation_row(r: RelationSpan) -> tuple:
    """A relation span as the values of RELATION_COLUMNS after article_id."""
    return (*r.source, *r.target, r.verb, r.cues, r.reporting, r.negated, r.hypothetical,
            r.start, r.end)  # fmt: skip


def relate_frames(found: Iterable[Extracted]) -> dict[str, pd.DataFrame]:
    """The two stage frames of the articles in `found` (rows in article, then span order)."""
    quotes, relations = [], []
    for item in found:
        quotes += [(item.article_id, *vars(q).values()) for q in item.quotes]
        relations += [(item.article_id, *relation_row(r)) for r in item.relations]
    return {
        QUOTES_STAGE: pd.DataFrame(quotes, columns=QUOTE_COLUMNS),
        RELATIONS_STAGE: pd.DataFrame(relations, columns=RELATION_COLUMNS),
    }


def extracted_from(
    quotes: pd.DataFrame, relations: pd.DataFrame, article_ids: Sequence[str]
) -> dict[str, Extracted]:
    """Spans per article of `article_ids` (an article without any gets an empty Extracted)."""
    found = {aid: Extracted(aid) for aid in article_ids}
    for row in quotes[QUOTE_COLUMNS].itertuples(index=False):
        if row[0] in found:
            aid, s, e, ss, se, cue, kind, skind, cs = row
            found[aid].quotes.append(
                QuoteSpan(int(s), int(e), int(ss), int(se), cue, kind, skind, int(cs))
            )
    for row in relations[RELATION_COLUMNS].itertuples(index=False):
        if row[0] in found:
            aid, s0, s1, t0, t1, verb, cues, rep, neg, hyp, s, e = row
            found[aid].relations.append(
                RelationSpan((int(s0), int(s1)), (int(t0), int(t1)), verb, cues, bool(rep),
                             bool(neg), bool(hyp), int(s), int(e))
            )  # fmt: skip
    return found
