"""Affiliation of people, voted over the whole corpus from the parse links of analysis.nlp.links.

"Iran's acting Foreign Minister Ali Bagheri Kani" -> Iran; "Turkish Minister of Foreign Affairs
Hakan Fidan" -> Turkey; "Hezbollah leader Hassan Nasrallah" -> Hezbollah; "Hakan Fidan, Turkey's
foreign minister" -> Turkey. Each link is a vote; a clear majority of enough votes wins (analysis.resolve.rules); the alias file
overrides.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict, namedtuple

import pandas as pd

from analysis.knowledge.registry import Registry, name_key
from analysis.knowledge.roles import ROLE_NOUNS
from analysis.resolve.rules import plausible_affiliation

Span = namedtuple("Span", "article_id start end actor")


def _spans(frame: pd.DataFrame) -> list[Span]:
    """The rows of `frame` as Spans, built from whole columns (itertuples over Arrow-backed text
    columns costs about 5 us a value: 12 s of a 10,000-article build)."""
    columns = [frame[c].tolist() for c in Span._fields]
    return [Span(*row) for row in zip(*columns, strict=True)]


# Words of a title or a department that the model sometimes tags as an organisation inside a
# title ("Interior Minister X", "National Security Adviser X"): such an anchor is no affiliation.
DEPARTMENTS = frozenset(
    """acting foreign defense defence interior prime vice deputy top senior former militia military
    army security intelligence state supreme spiritual political national of affairs the a an its
    for justice finance economy trade health energy oil commerce treasury homeland labor labour
    education transport agriculture""".split()
)


def affiliation_votes(
    mentions: pd.DataFrame,
    links: dict[str, list[tuple]],
    *,
    texts: dict[str, str] | None = None,
    registry: Registry | None = None,
) -> pd.DataFrame:
    """Counts of (person, affiliation) pairs from the parse links: columns actor, affiliation, votes.

    `mentions` needs article_id, start, end, actor, actor_type; `links` maps an article to its
    (person start, end, anchor start, end) spans from analysis.nlp.links. A link counts when a
    person mention lies in its person span and a country or organisation mention in its anchor span.
    With the article `texts`, a person mention no link covers also votes for the name right before
    it when only title words stand between ("Russian opposition leader Alexei Navalny",
    "Republican US Senator Elizabeth Dole"; see `title_anchor`).
    """
    votes: Counter = Counter()
    voted: set[tuple[str, int]] = set()  # person mentions a parse link already counted
    anchors = mentions[mentions["actor_type"].isin(["country", "organization"])]
    names = anchors["actor"].unique().tolist()
    department = {a: set(a.lower().split()) <= DEPARTMENTS for a in names}
    anchors = anchors[~anchors["actor"].map(department).astype(bool)]
    people = mentions[mentions["actor_type"] == "person"]
    by_article = defaultdict(lambda: ([], []))
    for row in _spans(people):
        by_article[row.article_id][0].append(row)
    for row in _spans(anchors):
        by_article[row.article_id][1].append(row)
    for aid, spans in links.items():
        persons, orgs = by_article.get(aid, ([], []))
        for ps, pe, as_, ae in spans:
            person = next((m for m in persons if ps <= m.start and m.end <= pe), None)
            anchor = next((m for m in orgs if as_ <= m.start and m.end <= ae), None)
            if person is not None and anchor is not None and person.actor != anchor.actor:
                votes[(person.actor, anchor.actor)] += 1
                voted.add((aid, person.start))
    for aid, (persons, orgs) in by_article.items() if texts else ():
        text = texts.get(aid, "")
        if not text:
            continue
        orgs = sorted(orgs, key=lambda a: a.end)  # stable: equal ends keep the text order
        ends = [a.end for a in orgs]
        for person in persons:
            if (aid, person.start) in voted:
                continue
            anchor = title_anchor(text, person, orgs, registry, ends=ends)
            if anchor is not None and anchor.actor != person.actor:
                votes[(person.actor, anchor.actor)] += 1
    rows = [{"actor": a, "affiliation": b, "votes": n} for (a, b), n in votes.items()]
    return pd.DataFrame(rows, columns=["actor", "affiliation", "votes"])


TITLE_WORDS = (
    ROLE_NOUNS
    | DEPARTMENTS
    | frozenset("chair opposition incumbent then party ex elected designate interim".split())
)
_BETWEEN = 40  # characters between the anchor's end and the person's name


def title_anchor(
    text: str, person, anchors: list, registry: Registry | None, *, ends: list[int] | None = None
):
    """The country or organisation mention right before `person` with only title words between
    and at least one role noun or title among them (also inside the person's span: "Senator Kay
    Hagan"), or None. `ends`: the anchors' ends when `anchors` is sorted by them (found by
    bisection, not by a scan of the article's anchors)."""
    if ends is None:
        anchors = sorted(anchors, key=lambda a: a.end)
        ends = [a.end for a in anchors]
    last = bisect.bisect_right(ends, person.start) - 1  # the nearest end at or before the name
    if last < 0 or person.start - ends[last] > _BETWEEN:
        return None
    anchor = anchors[bisect.bisect_left(ends, ends[last])]  # the first of equal ends
    gap = re.sub(r"['’]s\b", " ", text[anchor.end : person.start]).replace(",", " ").split()
    own = text[person.start : person.end].split()[:-1]  # "Senator" of "Senator Kay Hagan"
    words = [w.strip(".").lower() for w in gap]
    if any(w not in TITLE_WORDS and not (registry and registry.is_title(w)) for w in words):
        return None
    roles = [w.strip(".").lower() for w in gap + own]
    if not any(w in ROLE_NOUNS or (registry and registry.is_title(w)) for w in roles):
        return None
    return anchor


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
