"""Affiliation of people from the words around their names, voted over the whole corpus.

"Iran's acting Foreign Minister Ali Bagheri Kani" -> Iran; "Turkish Minister of Foreign Affairs
Hakan Fidan" -> Turkey; "Hezbollah leader Hassan Nasrallah" -> Hezbollah; "Hakan Fidan, Turkey's
foreign minister" -> Turkey. A country or organisation mention counts when only a role phrase
(a title noun and its modifiers) stands between it and the person.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

ROLE_NOUNS = frozenset(
    """minister president leader chief head spokesman spokeswoman spokesperson ambassador envoy
    diplomat commander general official secretary chairman chairwoman director premier chancellor
    king queen prince emir sultan governor mayor senator lawmaker deputy adviser advisor representative
    negotiator militant fighter member founder ceo prosecutor judge officer counterpart correspondent
    reporter editor journalist analyst cleric ayatollah sheikh sayyed commissioner speaker""".split()
)
MODIFIERS = frozenset(
    """acting foreign defense defence interior prime vice deputy top senior former militia military
    army security intelligence state supreme spiritual political national of affairs the a an its
    for justice finance economy trade health energy oil""".split()
)
# Words of a department that the model sometimes tags as an organisation inside a title
# ("Interior Minister X", "National Security Adviser X"): such an anchor is not an affiliation.
DEPARTMENTS = MODIFIERS | frozenset(
    "interior commerce treasury homeland labor labour education transport agriculture".split()
)
_BEFORE = re.compile(r"^(?:['’]s)?\s+((?:[\w-]+\s+){0,6})$")
_AFTER = re.compile(r"^,\s+(?:the\s+|a\s+)?$", re.IGNORECASE)
_ROLE_AFTER = re.compile(r"^(?:['’]s)?\s+((?:[\w-]+\s*){1,6})")


def _is_role_phrase(words: list[str]) -> bool:
    lowered = [w.lower() for w in words]
    return (
        bool(lowered)
        and any(w in ROLE_NOUNS for w in lowered)
        and all(w in ROLE_NOUNS or w in MODIFIERS for w in lowered)
    )


def affiliation_votes(mentions: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Counts of (person, affiliation) pairs found in the text: columns actor, affiliation, votes.

    `mentions` needs article_id, sentence_id, start, end, actor, actor_type.
    """
    votes: Counter = Counter()
    anchors = mentions[mentions["actor_type"].isin(["country", "organization"])]
    anchors = anchors[~anchors["actor"].map(lambda a: set(a.lower().split()) <= DEPARTMENTS)]
    people = mentions[mentions["actor_type"] == "person"]
    by_sentence = defaultdict(list)
    for row in anchors.itertuples(index=False):
        by_sentence[(row.article_id, row.sentence_id)].append(row)
    for person in people.itertuples(index=False):
        text = texts[person.article_id]
        for anchor in by_sentence.get((person.article_id, person.sentence_id), ()):
            if anchor.actor == person.actor:
                continue
            if anchor.end <= person.start and person.start - anchor.end <= 60:
                match = _BEFORE.match(text[anchor.end : person.start])
                if match and _is_role_phrase(match.group(1).split()):
                    votes[(person.actor, anchor.actor)] += 1
            elif (
                person.end <= anchor.start
                and anchor.start - person.end <= 8
                and _AFTER.match(text[person.end : anchor.start])
            ):
                tail = _ROLE_AFTER.match(text[anchor.end : anchor.end + 60])
                if tail and _is_role_phrase(tail.group(1).split()[:3]):
                    votes[(person.actor, anchor.actor)] += 1
    rows = [{"actor": a, "affiliation": b, "votes": n} for (a, b), n in votes.items()]
    return pd.DataFrame(rows, columns=["actor", "affiliation", "votes"])


def majority_affiliation(votes: pd.DataFrame) -> dict[str, str]:
    """The most voted affiliation per person (ties: alphabetical), e.g. {'Hakan Fidan': 'Turkey'}."""
    if votes.empty:
        return {}
    ranked = votes.sort_values(["actor", "votes", "affiliation"], ascending=[True, False, True])
    return ranked.drop_duplicates("actor").set_index("actor")["affiliation"].to_dict()
