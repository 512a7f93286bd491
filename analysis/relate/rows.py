"""Quote and relation spans -> rows naming actors, and the directed edge summary.

spaCy-free: it runs at every build from cached spans and the resolved mentions, so an alias edit
or a lexicon edit re-maps speakers, sources, targets and event types without a new parse.
A speaker or party written as a pronoun or a role noun is resolved to an actor where the text
allows: 'he'/'she' -> the last person named before; 'it'/'they' -> the last country, group or
organisation; 'the Iranian', 'the Turkish Foreign Minister' -> the last person affiliated with
that country (else the country); 'an Israeli flight', 'the Iranians', 'Saudi officials' -> the
country; 'the minister' -> the last person; 'officials' -> no one. Otherwise it stays empty.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.knowledge.roles import ROLE_NOUNS
from analysis.relate.extract import Extracted
from analysis.relate.lexicon import Lexicon
from analysis.relate.relations import classify

PERSONAL = frozenset("he she him his her".split())
COLLECTIVE = frozenset("it its they them their".split())
NEGATED_TONE = -0.5  # "did not attack": a weak opposite stance


@dataclass(frozen=True)
class Named:
    """A resolved mention as the rows need it."""

    start: int
    end: int
    actor: str
    actor_type: str
    label: str


class ArticleActors:
    """The resolved mentions of one article, for span -> actor look-ups."""

    def __init__(self, mentions: Sequence[Named], affiliation: Mapping[str, str]):
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self.affiliation = affiliation

    def inside(self, start: int, end: int) -> list[Named]:
        i = bisect.bisect_left(self.starts, start - 200)
        return [m for m in self.items[i:] if m.start < end and m.end > start]

    def before(self, pos: int, keep) -> Named | None:
        i = bisect.bisect_left(self.starts, pos)
        return next((m for m in reversed(self.items[:i]) if m.end <= pos and keep(m)), None)

    def _of(self, person: Named, country: str) -> bool:
        """A person of `country`: by the voted affiliation, else written just after its name
        ("Iran’s acting Foreign Minister Ali Bagheri Kani", "Turkish Minister ... Hakan Fidan")."""
        if person.actor_type != "person":
            return False
        known = self.affiliation.get(person.actor)
        if known:
            return known == country
        near = [m for m in self.inside(person.start - 60, person.start) if m.end <= person.start]
        return bool(near) and near[-1].actor == country  # the name just before, not any in reach

    def resolve(self, text: str, start: int, end: int, *, previous: str = "") -> str:
        """The actor a span names or refers to, '' when the text does not say."""
        if start < 0:
            return ""
        surface = text[start:end]
        word = surface.lower()
        if word in PERSONAL:
            if previous:  # '"...", he added': the speaker of the quote before
                return previous
            found = self.before(start, lambda m: m.actor_type == "person")
            return found.actor if found else ""
        if word in COLLECTIVE:
            found = self.before(
                start, lambda m: m.actor_type in ("country", "organization", "group")
            )
            return found.actor if found else ""
        named = self.inside(start, end)
        words = {w.strip(".,’'s").lower() for w in surface.split()}
        role = bool(words & ROLE_NOUNS)
        if named and len(named) == 1 and named[0].actor_type != "person":
            country = named[0]
            # 'The Iranian' is a person; 'an Israeli flight', 'the Iranians', 'officials' are not
            the = word.startswith("the ") or text[max(0, start - 4) : start].lower() == "the "
            demonym_alone = country.label == "NORP" and the and len(words - {"the"}) <= 1
            if (role or demonym_alone) and not _plural(surface):
                found = self.before(start, lambda m: self._of(m, country.actor))
                return found.actor if found else country.actor
        if named:  # a person named in the phrase speaks for it ('X's editorial director, Y')
            persons = [m for m in named if m.actor_type == "person"] or named
            return max(persons, key=lambda m: min(m.end, end) - max(m.start, start)).actor
        if role and not _plural(surface):  # 'security officials' name no one
            found = self.before(start, lambda m: m.actor_type == "person")
            return found.actor if found else ""
        return ""


def _plural(surface: str) -> bool:
    """Whether a phrase's head word is a plural ('Saudi officials', 'the Iranians'), not 's."""
    head = surface.split()[-1].strip(".,:;") if surface.split() else ""
    return head.lower().endswith("s") and not head.endswith(("'s", "’s", "ss"))


def previous_speaker(rows: Sequence[dict], start: int) -> str:
    """The person speaking in the quote just before (within a short paragraph), or ''."""
    if rows and rows[-1]["speaker"] and start - rows[-1]["end"] < 300:
        return rows[-1]["speaker"]
    return ""


def quote_rows(
    article_id: str, text: str, found: Extracted, actors: ArticleActors, sentence_of
) -> list[dict]:
    """quotes.csv rows of one article (without date)."""
    rows: list[dict] = []
    for n, q in enumerate(found.quotes):
        about = []
        for m in actors.inside(q.start, q.end):
            if m.actor not in about:
                about.append(m.actor)
        rows.append({
            "article_id": article_id, "quote_id": f"{article_id}:q{n}",
            "sentence_id": sentence_of(q.start), "start": q.start, "end": q.end,
            "text": text[q.start : q.end],
            "speaker": actors.resolve(text, q.speaker_start, q.speaker_end,
                                      previous=previous_speaker(rows, q.start)),
            "speaker_text": text[q.speaker_start : q.speaker_end] if q.speaker_start >= 0 else "",
            "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            "cue": q.cue, "kind": q.kind, "about": "; ".join(about),
        })  # fmt: skip
    return rows


def relation_rows(
    article_id: str,
    text: str,
    found: Extracted,
    actors: ArticleActors,
    sentence_of,
    quotes: Sequence[dict],
    *,
    lexicon: Lexicon,
) -> list[dict]:
    """relations.csv rows of one article (without date): both ends named, typed by the lexicon."""
    rows = []
    seen = set()
    for r in found.relations:
        typed = classify(r.cues, r.reporting, lexicon)
        source = actors.resolve(text, *r.source)
        target = actors.resolve(text, *r.target)
        if typed is None or not source or not target or source == target:
            continue
        key = (source, target, r.start, r.verb)
        if key in seen:
            continue
        seen.add(key)
        event, quad, tone = typed
        reporter = next(
            (q["speaker"] for q in quotes if q["start"] <= r.start and r.end <= q["end"] + 1), ""
        )
        rows.append({
            "article_id": article_id, "relation_id": f"{article_id}:r{len(rows)}",
            "sentence_id": sentence_of(r.start), "source": source, "target": target,
            "verb": r.verb, "event": event, "quad": quad,
            "tone": round(tone * (NEGATED_TONE if r.negated else 1.0), 4),
            "negated": r.negated, "hypothetical": r.hypothetical, "reported_by": reporter,
            "start": r.start, "end": r.end, "text": text[r.start : r.end],
        })  # fmt: skip
    return rows
