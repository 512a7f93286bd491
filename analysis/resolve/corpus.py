"""Corpus-wide resolution on the mentions table: the steps that need every article at once.

Per-article resolution (`actors.resolve_article`) runs in each shard; what is left needs the whole
corpus: lone surnames joined to the corpus's dominant person (`names.link_surnames`), one-word
"people" that never take a person's title, first name or pronoun retyped "other"
(`people.unsupported_people`), and one display name per actor (`actors.display_names`). The rules
are called as they are, so a change to a rule is a change in one place; they see the table's rows
as Mention records, and their answer is written back as columns.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.knowledge.registry import Registry
from analysis.resolve.actors import display_names
from analysis.resolve.mention import Mention
from analysis.resolve.names import link_surnames
from analysis.resolve.people import unsupported_people

# The columns of a per-article mentions table: the fields of Mention, in order.
MENTION_FIELDS = ["article_id", "sentence_id", "start", "end", "label", "key", "actor_type"]
MENTION_FIELDS += ["name", "affiliation_hint"]


def mentions_frame(mentions: list[Mention]) -> pd.DataFrame:
    """Mention records as a table with MENTION_FIELDS columns."""
    rows = [tuple(getattr(m, f) for f in MENTION_FIELDS) for m in mentions]
    return pd.DataFrame(rows, columns=MENTION_FIELDS)


def _records(mentions: pd.DataFrame) -> list[Mention]:
    columns = [mentions[f].tolist() for f in MENTION_FIELDS]
    return [Mention(*row) for row in zip(*columns, strict=True)]


def resolve_corpus(
    mentions: pd.DataFrame, registry: Registry, *, texts: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Per-article mentions -> (mentions with surnames joined and one-word names without a
    person's evidence retyped, display name of every key)."""
    if mentions.empty:
        return mentions.copy(), {}
    linked = link_surnames(_records(mentions), registry, texts=texts)
    if texts is not None:
        linked = unsupported_people(linked, registry, texts=texts)
    out = mentions.copy()
    out["key"] = [m.key for m in linked]
    out["actor_type"] = [m.actor_type for m in linked]
    return out, display_names(linked, registry)
