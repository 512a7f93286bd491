"""Affiliation of people, voted over the whole corpus from the parse links of analysis.nlp.links.

"Iran's acting Foreign Minister Ali Bagheri Kani" -> Iran; "Turkish Minister of Foreign Affairs
Hakan Fidan" -> Turkey; "Hezbollah leader Hassan Nasrallah" -> Hezbollah; "Hakan Fidan, Turkey's
foreign minister" -> Turkey. Each link is a vote; a clear majority of enough votes wins (analysis.resolve.rules); the alias file
overrides.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from analysis.knowledge.registry import Registry, name_key
from analysis.resolve.rules import plausible_affiliation

# Words of a title or a department that the model sometimes tags as an organisation inside a
# title ("Interior Minister X", "National Security Adviser X"): such an anchor is no affiliation.
DEPARTMENTS = frozenset(
    """acting foreign defense defence interior prime vice deputy top senior former militia military
    army security intelligence state supreme spiritual political national of affairs the a an its
    for justice finance economy trade health energy oil commerce treasury homeland labor labour
    education transport agriculture""".split()
)


def affiliation_votes(mentions: pd.DataFrame, links: dict[str, list[tuple]]) -> pd.DataFrame:
    """Counts of (person, affiliation) pairs from the parse links: columns actor, affiliation, votes.

    `mentions` needs article_id, start, end, actor, actor_type; `links` maps an article to its
    (person start, end, anchor start, end) spans from analysis.nlp.links. A link counts when a
    person mention lies in its person span and a country or organisation mention in its anchor span.
    """
    votes: Counter = Counter()
    anchors = mentions[mentions["actor_type"].isin(["country", "organization"])]
    anchors = anchors[~anchors["actor"].map(lambda a: set(a.lower().split()) <= DEPARTMENTS)]
    people = mentions[mentions["actor_type"] == "person"]
    by_article = defaultdict(lambda: ([], []))
    for row in people.itertuples(index=False):
        by_article[row.article_id][0].append(row)
    for row in anchors.itertuples(index=False):
        by_article[row.article_id][1].append(row)
    for aid, spans in links.items():
        persons, orgs = by_article.get(aid, ([], []))
        for ps, pe, as_, ae in spans:
            person = next((m for m in persons if ps <= m.start and m.end <= pe), None)
            anchor = next((m for m in orgs if as_ <= m.start and m.end <= ae), None)
            if person is not None and anchor is not None and person.actor != anchor.actor:
                votes[(person.actor, anchor.actor)] += 1
    rows = [{"actor": a, "affiliation": b, "votes": n} for (a, b), n in votes.items()]
    return pd.DataFrame(rows, columns=["actor", "affiliation", "votes"])


def majority_affiliation(votes: pd.DataFrame) -> dict[str, str]:
    """The most voted affiliation per person (ties: alphabetical), e.g. {'Hakan Fidan': 'Turkey'}."""
    if votes.empty:
        return {}
    ranked = votes.sort_values(["actor", "votes", "affiliation"], ascending=[True, False, True])
    return ranked.drop_duplicates("actor").set_index("actor")["affiliation"].to_dict()


def plausible_affiliations(
    votes: pd.DataFrame, articles: dict[str, int], registry: Registry
) -> dict[str, tuple[str, int]]:
    """Per actor, (affiliation, votes) that passes analysis.resolve.rules.plausible_affiliation:
    a clear majority of enough votes, none contradicting the registry's own affiliation."""
    if votes.empty:
        return {}
    countries = frozenset(
        e.name for e in registry.names.values() if e.actor_type == "country"
    ) | frozenset(registry.history.keys.values())
    out = {}
    for actor, group in votes.groupby("actor", sort=False):
        entry = registry.names.get(name_key(actor))
        found = plausible_affiliation(
            dict(zip(group["affiliation"], group["votes"], strict=True)),
            articles=articles.get(actor, 1),
            registry_affiliation=entry.affiliation if entry else "",
            countries=countries,
        )
        if found[0]:
            out[actor] = found
    return out
