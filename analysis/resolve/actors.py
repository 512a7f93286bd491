"""Actor resolution: raw entity spans from spaCy -> mentions of canonical actors.

Runs after NLP on plain spans and article text (no spaCy), so it can be re-run in seconds when the
registry or an analyst's alias file changes. Order of work for one span:
clean the span (article, quotes, possessive, pro-/anti-) -> repair its extent (analysis.resolve.spans: cut
short, run together, scores, captions) -> drop noise (photo credits, pronouns, bare titles) -> type
it (registry, demonym, capital used for a government unless named as the city) -> join partial
names, acronyms and short forms to the full name seen in the same article (analysis.resolve.names) -> pick
one display name per actor.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from analysis.knowledge.registry import Registry, name_key
from analysis.nlp.parse import Parsed
from analysis.resolve.mention import Mention
from analysis.resolve.names import carry_names, drop_country_prefix, join_partial_names
from analysis.resolve.places import named_as_place, past_state
from analysis.resolve.rules import (
    COLLECTIVES,
    is_group_name,
    looks_collective,
    name_storms,
    person_evidence,
    storm_name,
)
from analysis.resolve.spans import PRONOUNS, coordinated, reshape, trim
from analysis.resolve.sports import national_teams
from analysis.schema import LABEL_TO_TYPE, ActorType

_LEADING = re.compile(r"^(?:the\s+|an?\s+(?=[A-Z])|[\"“”‘’'(\[]+)+", re.IGNORECASE)
_DANGLING = re.compile(r"(?:\s+(?:of|and|the|for|at|in|on|to)|\s*[-–—])$")  # "the City of"
_TRAILING = re.compile(r"(?:['’]s\b|(?<=s)['’]|[\s\"“”‘’'.,;:!?)\]]+)+$")
_STANCE = re.compile(r"^(?:pro|anti|non)[-‐‑](?=\w)", re.IGNORECASE)
_CREDIT = re.compile(
    r"\((?:photo|image|picture|credit|source|file photo)s?\s*(?:credit)?\s*:[^)\n]*\)",
    re.IGNORECASE,
)
# Events are named like organisations but are not actors (CoNLL's MISC): typed "other".
_EVENT = re.compile(
    r"\s(?:Fair|Festival|Expo|Olympics|Games|Cup|Championships?|Tournament|Marathon|Grand Prix|"
    r"Awards?|Prize|Week)$"
)
_POLITY = re.compile(r"^(?:State|Commonwealth|Municipality) of ([A-Z][\w\s.'-]*)$")
_HEADLINE_VERB = re.compile(
    r"^[A-Za-z][a-z]+(?:ing|ed)$|^(?:says|warns|urges|slams|hits|backs|claims|calls|blames|accuses|"
    r"threatens|attacks|condemns|praises|rejects|meets|visits|tells|asks|seeks|vows|denies|pledges|"
    r"signs|sends|joins|leaves|wins|loses|beats|make|makes|let|lets|why|how|when|after|before)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\s]+")
_NUMBER = re.compile(r"\s+\d")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # "U.S.", "U.K.": the last period belongs


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span past a leading 'the', quotes, 'pro-'/'anti-', a trailing possessive and a
    dangling 'of'/'and'/dash."""
    for _ in range(4):
        span = text[start:end]
        lead = _LEADING.match(span) or _STANCE.match(span)
        if lead:
            start += lead.end()
            continue
        if span.count("(") > span.count(")") and span.index("(") > 0:  # "Organisation (OIC"
            end = start + span.index("(")
            continue
        dangling = _DANGLING.search(span)
        if dangling and dangling.start() > 0:
            end = start + dangling.start()
            continue
        trail = _TRAILING.search(span)
        if trail and trail.start() > 0:
            keep = 1 if _ABBREVIATION.search(span[: trail.start() + 1]) else 0
            if trail.start() + keep < len(span):
                end = start + trail.start() + keep
                continue
        break
    return start, end


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Photo credits and captions in parentheses: names there are not actors of the story."""
    return [(m.start(), m.end()) for m in _CREDIT.finditer(text)]


def strip_titles(name: str, registry: Registry) -> str:
    """'Sayyed Hassan Nasrallah' -> 'Hassan Nasrallah'; a bare title gives ''."""
    words = _WORD.findall(name)
    changed = True
    while words and changed:
        changed = False
        for size in (3, 2, 1):
            if len(words) >= size and registry.is_title(" ".join(words[:size])):
                words = words[size:]
                changed = True
                break
    return " ".join(words)


def _tail_actor(words: list[str], registry: Registry) -> tuple[int, object] | None:
    """For 'Isolating Israel': the number of leading words to drop and the registry entry."""
    if len(words) < 2 or not _HEADLINE_VERB.match(words[0]):
        return None
    for cut in range(1, len(words)):
        entry = registry.lookup(" ".join(words[cut:]))
        if entry is not None and entry.actor_type != "person":
            return cut, entry
    return None


def classify(
    text: str, start: int, end: int, label: str, registry: Registry, *, date: str = ""
) -> tuple[int, int, str, ActorType, str, str] | None:
    """(start, end, key, type, name, affiliation hint) for one cleaned span, or None for noise.
    `date` (the article's) resolves the words of states of the past ("Bonn" in 1989)."""
    surface = text[start:end]
    key = name_key(surface)
    if not key or not any(ch.isalpha() for ch in key):
        return None
    if key in PRONOUNS and not surface.isupper():  # "he", "They"; but "US" is a country
        return None
    if key in registry.not_actors or not _LATIN.search(surface):  # "UTC"; another script
        return None
    start, end = trim(text, start, end, label, registry)
    surface = text[start:end]
    past = past_state(text, start, end, label, registry, date=date)
    if past is not None:
        return start, end, name_key(past), "country", surface, ""
    storm = storm_name(surface)
    if storm is not None:  # "Hurricane Humberto", later just "Humberto": see name_storms
        return start, end, name_key(storm), "other", storm, ""
    entry = registry.lookup(surface)
    if label == "NORP":
        people = name_key(surface)
        if people in COLLECTIVES:  # "Palestinians", "Kurds", "Serbs": a people, not a state
            return start, end, _singular(people), "group", surface, ""
        country = registry.country_of_demonym(surface)
        if country:
            return start, end, name_key(country), "country", surface, ""
        if entry is not None:
            return start, end, name_key(entry.name), entry.actor_type, surface, ""
        return start, end, _singular(key), "group", surface, ""
    if entry is None and _EVENT.search(surface) and " " in surface:  # "FIFA World Cup"
        return start, end, key, "other", surface, ""
    if label == "PERSON":
        number = _NUMBER.search(surface)  # "Humberto 75 miles": no name holds a number
        if number and number.start() > 0:
            end = start + number.start()
            surface = text[start:end]
        if " " not in surface and (country := registry.country_of_demonym(surface)):
            return start, end, name_key(country), "country", surface, ""  # "Tongan time"
        words = surface.split()
        tail = _tail_actor(words, registry)
        if tail is not None:
            cut, found = tail
            new_start = start + surface.index(words[cut])
            return new_start, end, name_key(found.name), found.actor_type, text[new_start:end], ""
        if entry is not None and entry.actor_type != "person":
            return start, end, name_key(entry.name), entry.actor_type, surface, ""
        if entry is None and is_group_name(  # "Sandinistas": a group, unless "Mr. Sandinistas"
            surface, person_evidence_seen=person_evidence(text, start, end, registry)
        ):
            return start, end, _singular(key), "group", surface, ""
        name = strip_titles(surface, registry)
        if not name or name_key(name) in PRONOUNS:
            return None
        return start, end, name_key(name), "person", name, ""
    if entry is not None:
        return start, end, name_key(entry.name), entry.actor_type, surface, ""
    if label == "ORG" and looks_collective(surface):  # "the Contras" as an organisation
        return start, end, _singular(key), "group", surface, ""
    polity = _POLITY.match(surface)  # "the State of Texas" is Texas
    if polity and label in ("GPE", "ORG"):
        name = polity.group(1)
        found = registry.lookup(name)
        if found is not None:
            return start, end, name_key(found.name), found.actor_type, name, ""
        return start, end, name_key(name), "place", name, ""
    if label == "GPE":
        country = registry.country_of_capital(surface)
        if country and not named_as_place(text, start, end):
            return start, end, name_key(country), "country", surface, ""
    if label == "ORG":  # "the Turkish Anadolu Agency": a demonym before a known organisation
        first, _, rest = surface.partition(" ")
        country = registry.country_of_demonym(first)
        found = registry.lookup(rest) if country and rest else None
        if found is not None:
            new_start = start + len(first) + 1
            return new_start, end, name_key(found.name), found.actor_type, rest, country
    return start, end, key, LABEL_TO_TYPE[label], surface, ""


def _singular(key: str) -> str:
    """'muslims' -> 'muslim', so a group's singular and plural are one actor."""
    return key[:-1] if len(key) > 4 and key.endswith("s") and not key.endswith("ss") else key


def _speaker_label(text: str, start: int, end: int) -> bool:
    """'((WN))' and similar interview speaker tags are not mentions."""
    return text[max(0, start - 2) : start] == "((" and text[end : end + 2] == "))"


def resolve_article(
    article_id: str, text: str, parsed: Parsed, registry: Registry, *, date: str = ""
) -> list[Mention]:
    """Every kept entity of one article as a Mention, partial names joined; `date` (ISO, "" when
    undated) is the article's, for the states of the past."""
    starts = [s for s, _ in parsed.sentences]
    credits = credit_spans(text)
    people = {text[s:e] for s, e, label in parsed.entities if label == "PERSON"}
    out: list[Mention] = []
    covered = 0  # end of the last span, which may have grown over the model's next one
    names_only = [(s, e) for s, e, label in parsed.entities if label not in LABEL_TO_TYPE]
    for raw_start, raw_end, label in parsed.entities:
        if raw_start < covered or label not in LABEL_TO_TYPE:  # "the U.S. Open": no actor
            continue
        if any(cs <= raw_start < ce for cs, ce in credits) or _speaker_label(
            text, raw_start, raw_end
        ):
            continue
        start, end = clean_span(text, raw_start, raw_end)
        if end <= start:
            continue
        start, end, label = reshape(
            text, start, end, label,
            people=people, covered=covered, sentence_starts=starts, registry=registry,
        )  # fmt: skip
        covered = end
        pair = coordinated(text, start, end, registry)
        if pair is not None:  # "North and South Korea": two countries
            sentence_id = max(0, bisect.bisect_right(starts, start) - 1)
            out += [
                Mention(article_id, sentence_id, s, e, label, k, t, n) for s, e, k, t, n in pair
            ]
            continue
        found = classify(text, start, end, label, registry, date=date)
        if found is None:
            continue
        start, end, key, actor_type, name, hint = found
        sentence_id = max(0, bisect.bisect_right(starts, start) - 1)
        out.append(Mention(article_id, sentence_id, start, end, label, key, actor_type, name, hint))
    out = name_storms(join_partial_names(drop_country_prefix(out, registry), text=text))
    out = carry_names(text, out, starts, registry, skip=credits + names_only)
    return national_teams(text, out, registry)


def display_names(mentions: Sequence[Mention], registry: Registry) -> dict[str, str]:
    """One display name per actor key: the registry's, else the most common well-cased spelling."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        spellings[m.key][m.name] += 1
    names = {}
    for key, counts in spellings.items():
        entry = registry.names.get(key)
        past = registry.history.keys.get(key)  # "Burma" in 1985, not today's Myanmar
        if past is not None or entry is not None:
            names[key] = past or entry.name
            continue
        ranked = sorted(
            counts.items(),
            key=lambda kv: (
                name_key(kv[0]) not in (key, key + "s"),  # the full name, not a part of it
                kv[0].isupper() or kv[0].islower(),  # "Hakan Fidan" over "HAKAN FIDAN"
                -kv[1],
            ),
        )
        best = ranked[0][0]
        names[key] = best.title() if (best.isupper() and len(best) > 4) or best.islower() else best
    return names
