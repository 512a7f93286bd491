"""Corpus-wide resolution on the mentions table: the steps that need every article at once.

Per-article resolution (`actors.resolve_article`) runs in each shard; what is left needs the whole
corpus: lone surnames joined to the corpus's dominant person (`names.link_surnames`), one-word
"people" that never take a person's title, first name or pronoun retyped "other"
(`people.unsupported_people`), one display name per actor (`actors.display_names`), and one type
per actor (`vote_types`, run after the alias file). The rules are called as they are, so a change
to a rule is a change in one place; they see the table's rows as Mention records, and their
answer is written back as columns.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.knowledge.registry import Registry, name_key
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


ORG_WORDS = frozenset(
    """inc ltd llc corp co company group party agency ministry department council committee
    university college school institute foundation association union bank court army force forces
    police tv radio news times post press network club team league studio studios linux project
    commission office service services organization organisation society church hospital""".split()
)


def _looks_personal(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper() and w.lower() not in ORG_WORDS for w in words
    )


def vote_types(mentions: pd.DataFrame, registry: Registry) -> dict[str, str]:
    """One type per actor: the registry's, else the majority of its mentions (ties: the type
    seen first); a personal-looking name that spaCy called a person at least a quarter of the
    time stays a person.

    On integer codes: one np.unique counts every (actor, type) and finds where it is first seen,
    so only the per-actor decision is Python (a groupby with a Counter per actor took 2 s of an
    alias edit on the demo corpus).
    """
    if mentions.empty:
        return {}
    actors, names = pd.factorize(mentions["actor"], use_na_sentinel=False)
    kinds, labels = pd.factorize(mentions["actor_type"], use_na_sentinel=False)
    width = len(labels)
    pair, first, counts = np.unique(
        actors.astype(np.int64) * width + kinds, return_index=True, return_counts=True
    )
    owner, kind = pair // width, pair % width
    best = np.lexsort((first, -counts, owner))  # per actor: most used, then first seen
    top = best[np.r_[True, owner[best][1:] != owner[best][:-1]]]
    size = np.bincount(owner, weights=counts, minlength=len(names)).astype(np.int64)
    person = np.zeros(len(names), dtype=np.int64)
    if "person" in labels:
        is_person = kind == labels.get_loc("person")
        person[owner[is_person]] = counts[is_person]
    majority = dict(zip(owner[top].tolist(), labels.take(kind[top]).tolist(), strict=True))
    types = {}
    for i, actor in enumerate(names.tolist()):
        entry = registry.names.get(name_key(actor))
        if entry is not None:
            types[actor] = entry.actor_type
        elif person[i] * 4 >= size[i] and _looks_personal(actor):
            types[actor] = "person"
        else:
            types[actor] = majority[i]
    return types
