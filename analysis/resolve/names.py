"""Joining names: partial names to full names, acronyms to what they abbreviate, names the
model missed to the mentions that taught them, and lone surnames to the corpus's dominant person.

All of it works on resolved mentions (analysis.resolve.mention.Mention) and the article text; no spaCy.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from analysis.knowledge.registry import Registry, name_key
from analysis.resolve.mention import Mention
from analysis.resolve.rules import may_join_by_surname, may_join_tail, reads_as_institution


def link_surnames(
    mentions: list[Mention], registry: Registry, *, texts: Mapping[str, str] | None = None
) -> list[Mention]:
    """Across the corpus, a one-word name joins the person whose surname it is ('Trump' ->
    'Donald Trump') when that person has at least twice the mentions of any other candidate.

    With the article `texts`, an institution's head word or a common noun ('House', 'Court')
    joins only where its own article gives person evidence (analysis.resolve.rules)."""
    counts = Counter(m.key for m in mentions if m.actor_type == "person" and m.name[:1].isupper())
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in counts:
        words = key.split()
        if len(words) > 1:
            by_surname[words[-1]].append(key)
    target = {}
    single = {
        m.key
        for m in mentions
        if " " not in m.key and m.label in ("PERSON", "ORG") and m.actor_type != "country"
    }
    for key in single & set(by_surname):
        if key in registry.names or key in registry.demonyms:
            continue
        ranked = sorted(by_surname[key], key=lambda k: -counts[k])
        if len(ranked) == 1 or counts[ranked[0]] >= 2 * counts[ranked[1]]:
            target[key] = ranked[0]
    texts = texts or {}
    return [
        replace(m, key=target[m.key], actor_type="person")
        if m.key in target
        and m.label in ("PERSON", "ORG")
        and (
            m.article_id not in texts
            or may_join_by_surname(
                m.name, text=texts[m.article_id], start=m.start, end=m.end, registry=registry
            )
        )
        else m
        for m in mentions
    ]


def drop_country_prefix(mentions: list[Mention], registry: Registry) -> list[Mention]:
    """'United Kingdom Home Office' is the Home Office (affiliated to the United Kingdom) when the
    article also names it 'Home Office' or a shorter part of it ('Italian Supreme Court of
    Cassation', then 'the Supreme Court'); 'Korean People's Army' stays whole."""
    organisations = {m.key for m in mentions if m.actor_type == "organization"}
    out = []
    for m in mentions:
        words = m.key.split()
        if m.actor_type == "organization" and len(words) > 2 and words[-1] != "party":
            for cut in (1, 2, 3):  # parties keep it: many countries have a "Liberal Party"
                rest = words[cut:]
                named = any(
                    o == " ".join(rest)
                    or (1 < len(o.split()) < len(rest) and _contains(rest, o.split()))
                    for o in organisations
                )
                wider = any(  # "Supreme Court" beside "Wisconsin Supreme Court": keep the "US"
                    o != m.key and len(o.split()) > len(rest) and _contains(o.split(), rest)
                    for o in organisations
                )
                if len(rest) < 2 or not named or wider:
                    continue
                rest = " ".join(rest)
                prefix = " ".join(words[:cut])
                entry = registry.names.get(prefix)
                country = entry.name if entry and entry.actor_type == "country" else None
                country = country or registry.country_of_demonym(prefix)
                if country:
                    surface = m.name.split()
                    name = " ".join(surface[cut:]) if len(surface) == len(words) else m.name
                    m = replace(m, key=rest, name=name, affiliation_hint=country)
                    break
        out.append(m)
    return out


def join_partial_names(mentions: list[Mention], *, text: str = "") -> list[Mention]:
    """Within one article, 'Bagheri Kani' and 'Kani' join 'Ali Bagheri Kani' when unambiguous.

    A shorter name joins even when the model typed it otherwise ('Montalvo' as a place, 'Paris' as
    the capital in an article about Valeska Paris): the full name in the same article decides;
    but 'the House' stays the House beside a Toni House (given the article `text`).
    """
    people = {m.key for m in mentions if m.actor_type == "person"}
    organisations = {m.key for m in mentions if m.actor_type == "organization"}

    heads = defaultdict(set)  # "Church" -> "Church of Scientology" when only one org starts so
    tails = defaultdict(set)  # "Korea" -> "South Korea" when no other country ends so
    for m in mentions:
        if m.actor_type == "organization" and len(m.key.split()) > 1:
            heads[m.key.split()[0]].add((m.key, m.actor_type))
        if m.actor_type == "country" and len(m.key.split()) > 1:  # "the North": North Korea
            heads[m.key.split()[0]].add((m.key, m.actor_type))
        if m.actor_type != "person" and len(m.key.split()) > 1:  # "the Channel", "the Court"
            head = m.key.split(" of ")[0].split()[-1]  # "Supreme Court of Cassation": court
            tails[head].add((m.key, m.actor_type))
    out = []
    for m in mentions:
        words = name_key(m.name).split() if m.label != "NORP" else []
        target = _widest(words, people) if words else None
        if target and text and reads_as_institution(m.name, text=text, start=m.start):
            target = None
        if target:
            m = replace(m, key=target, actor_type="person")
        elif (
            len(words) > 1
            and m.actor_type == "organization"
            and (org := _widest(words, organisations))
        ):
            m = replace(m, key=org)  # "Supreme Court" in "Italian Supreme Court of Cassation"
        elif len(words) == 1 and m.label in ("ORG", "GPE", "LOC") and m.actor_type != "country":
            found = heads.get(words[0], set()) | {
                (k, t) for k, t in tails.get(words[0], set()) if may_join_tail(words[0], k)
            }
            found = {  # "Court": "Supreme Court of Cassation" holds "Supreme Court"
                (k, t)
                for k, t in found
                if not any(k != o and _contains(o.split(), k.split()) for o, _ in found)
            }
            kinds = {kind for _, kind in found}
            fits = kinds == {"country"} or kinds <= (
                {"organization"} if m.label == "ORG" else {"place"}
            )
            if len(found) == 1 and fits:
                key, kind = next(iter(found))
                m = replace(m, key=key, actor_type=kind)
        out.append(m)
    return out


_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.\-]{1,9})\s*\)")


def acronyms(text: str, mentions: list[Mention], registry: Registry) -> dict[str, Mention]:
    """'University of Southern Indiana (USI)': acronym key -> the mention it abbreviates."""
    found = {}
    long_names = [m for m in mentions if m.actor_type != "person" and len(m.name.split()) > 1]
    for m in long_names:
        match = _ACRONYM.match(text, m.end)
        if match:
            found.setdefault(name_key(match.group(1)), m)
    by_initials = defaultdict(set)  # 'USI' is 'University of Southern Indiana' when only one fits
    for m in long_names:
        by_initials[_initials(m.name)].add(m.key)
    for m in mentions:
        key = name_key(m.name)
        known = registry.lookup(m.name) is not None  # "US" is never 'University of Sheffield'
        if m.name.isupper() and 2 <= len(m.name) <= 6 and key not in found and not known:
            keys = by_initials.get(m.name.lower(), set())
            if len(keys) == 1:
                found[key] = next(x for x in long_names if x.key in keys)
    return found


def _initials(name: str) -> str:
    words = [
        w
        for w in re.split(r"[\s\-]+", name)
        if w and w.lower() not in {"of", "the", "and", "for", "&"}
    ]
    return "".join(w[0] for w in words).lower()


def carry_names(
    text: str,
    mentions: list[Mention],
    starts: list[int],
    registry: Registry,
    *,
    skip: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """Apply what one mention taught to the rest of the article: acronyms defined in it, and
    names the model missed elsewhere (a person's surname, a multi-word or registry name, also
    written in capitals)."""
    defined = acronyms(text, mentions, registry)
    mentions = [
        replace(m, key=defined[k].key, actor_type=defined[k].actor_type)
        if (k := name_key(m.name)) in defined and m.actor_type != "person"
        else m
        for m in mentions
    ]
    wanted: dict[str, Mention] = {}
    surnames = defaultdict(set)
    for m in mentions:
        if m.actor_type == "person" and len(m.name.split()) > 1:
            surnames[m.name.split()[-1]].add(m.key)
    for m in mentions:
        words = m.name.split()
        if m.actor_type == "person" and len(words) > 1 and words[-1][:1].isupper():
            if len(surnames[words[-1]]) == 1:  # "Ho" stays unresolved beside Cyd Ho and Junius Ho
                wanted.setdefault(words[-1], m)
            wanted.setdefault(m.name, m)
        elif (
            m.label != "NORP"
            and m.name[:1].isupper()
            and (len(words) > 1 or registry.lookup(m.name) is not None)
        ):
            wanted.setdefault(m.name, m)
    for acronym_key, m in defined.items():
        for match in re.finditer(rf"\b{re.escape(acronym_key)}\b", text, re.IGNORECASE):
            if match.group().isupper():
                wanted.setdefault(match.group(), m)
    for name, m in list(wanted.items()):  # "MERKEL" in an all-caps headline
        if len(name) >= 4:
            wanted.setdefault(name.upper(), m)
    # Only names the text holds more often than the model found them are worth a search (a
    # pattern of every name costs more to compile than the search itself).
    found = Counter(text[m.start : m.end] for m in mentions)
    wanted = {w: m for w, m in wanted.items() if text.count(w) > found[w]}
    if not wanted:
        return mentions
    # One pass over the text with every wanted name (longest first), skipping what is taken.
    taken = sorted([(m.start, m.end) for m in mentions] + list(skip))  # skip: photo credits
    taken_starts = [t[0] for t in taken]
    pattern = "|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True))
    skipped = set(skip)
    added, replaced = [], set()
    for match in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text):
        s, e = match.span()
        if wanted[match.group()].actor_type == "person" and reads_as_institution(
            match.group(), text=text, start=s
        ):  # "the House" is not Toni House's surname
            continue
        i = bisect.bisect_left(taken_starts, e)  # spans starting before e may overlap
        overlaps = [(ts, te) for ts, te in taken[max(0, i - 8) : i] if ts < e and s < te]
        if overlaps:  # a longer name over what the model cut short: "Environment [Canada]"
            inside = all(s <= ts and te <= e and (ts, te) not in skipped for ts, te in overlaps)
            if not (
                inside and len(overlaps) == 1 and " " in match.group() and (s, e) not in overlaps
            ):
                continue
            replaced.update(overlaps)
        sentence_id = max(0, bisect.bisect_right(starts, s) - 1)
        model = wanted[match.group()]
        added.append(replace(model, sentence_id=sentence_id, start=s, end=e, name=match.group()))
    kept = [m for m in mentions if (m.start, m.end) not in replaced]
    return sorted(kept + added, key=lambda m: m.start)


def _widest(words: list[str], keys: set[str]) -> str | None:
    """The one longest name among keys that holds words, or None when there are several."""
    first = words[0]
    longer = [
        k
        for k in keys
        if first in k and len(k.split()) > len(words) and _contains(k.split(), words)
    ]
    widest = {
        k for k in longer if not any(x != k and _contains(x.split(), k.split()) for x in longer)
    }
    return widest.pop() if len(widest) == 1 else None


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))
