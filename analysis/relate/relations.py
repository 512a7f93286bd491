"""Directed relations between named actors over a dependency parse: who does what to whom.

source -> verb -> target from subjects and objects (through 'with', 'against', 'on', ... and
possessives or adjectives: "refused to enable an Israeli flight" -> Israel), passives ("Y was
attacked by X"), nominalisations ("X's threats against Y", "talks between X and Y"), light verbs
with an event noun ("X launched attacks on Y") and conjunctions. The event type is not fixed here:
each relation keeps its cue lemmas (governing verb first) and analysis.relate.lexicon types it
when the tables are built, so an edited lexicon needs no new parse.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from analysis.relate.lexicon import Lexicon
from analysis.relate.syntax import EntityIndex, Span, named, subjects, with_conjuncts

TARGET_PREPS = frozenset("against on with to toward towards at into over upon between from".split())
LIGHT = frozenset("be have do get become seem make take give hold launch issue carry".split())
QUOTING = frozenset("quote cite".split())  # "A quoted B as saying": B is a source, not a target
PREFIXED = ("anti-", "pro-")  # "an anti-Muslim document", "pro-Beijing candidates": not the object


@dataclass(frozen=True)
class RelationSpan:
    """One directed relation; spans are character offsets of the parsed text."""

    source: Span
    target: Span
    verb: str  # the cue word as written
    cues: str  # lemmas, governing first; "n:" marks a noun ("refuse enable", "n:threat")
    reporting: bool  # the cue is a reporting verb (STATEMENT when the lexicon knows none)
    negated: bool
    hypothetical: bool
    start: int  # evidence span
    end: int

    def shifted(self, offset: int) -> RelationSpan:
        return replace(
            self,
            source=(self.source[0] + offset, self.source[1] + offset),
            target=(self.target[0] + offset, self.target[1] + offset),
            start=self.start + offset,
            end=self.end + offset,
        )


def _named_all(heads, index: EntityIndex) -> list[Span]:
    found = []
    for head in heads:
        for tok in with_conjuncts(head):
            span = named(tok, index, pronouns=True)
            if span is not None and span not in found:
                found.append(span)
    return found


def _objects(tok, lexicon: Lexicon, cues: list[str]) -> list:
    """Heads of what `tok` acts on; an event noun as object adds its cue and its own objects."""
    heads = []
    for child in tok.children:
        if child.dep_ in ("dobj", "dative", "obj"):
            heads.append(child)
            if child.lemma_.lower() in lexicon.nominals or child.lower_ in lexicon.nominals:
                cues.append("n:" + child.lower_)
                heads.extend(_prep_objects(child))
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            heads.extend(_prep_objects(tok, only=child))
    return heads


def _prep_objects(tok, *, only=None) -> list:
    preps = [only] if only is not None else [c for c in tok.children if c.dep_ == "prep"]
    return [c for p in preps if p.lower_ in TARGET_PREPS for c in p.children if c.dep_ == "pobj"]


def _flags(verb, lexicon: Lexicon) -> tuple[bool, bool]:
    """(negated, hypothetical) for a verb: 'not', a modal, an intent verb above, an 'if' clause."""
    chain = [verb]
    if verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
        chain.append(verb.head)
    negated = any(c.dep_ == "neg" for t in chain for c in t.children)
    hypothetical = any(
        c.dep_ == "aux" and c.lower_ in lexicon.modals for t in chain for c in t.children
    )
    hypothetical |= verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in lexicon.intent
    for tok in [verb, *verb.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            hypothetical = True
        if tok.dep_ not in ("conj", "xcomp", "ccomp", "advcl"):
            break
    return negated, hypothetical


def _emit(sources, targets, tok, cues, reporting, flags, out) -> None:
    text = tok.doc.text
    for s in sources:
        for t in targets:
            if s == t or (s[0] < t[1] and t[0] < s[1]):
                continue
            if any(text[max(0, e[0] - 5) : e[0]].lower().endswith(PREFIXED) for e in (s, t)):
                continue
            start = min(s[0], t[0], tok.idx)
            end = max(s[1], t[1], tok.idx + len(tok))
            out.append(RelationSpan(s, t, tok.text, " ".join(cues), reporting, *flags,
                                    start, end))  # fmt: skip


def verb_relations(verb, index: EntityIndex, lexicon: Lexicon, out: list) -> None:
    lemma = verb.lemma_.lower()
    if lemma in QUOTING:
        return
    cues = [lemma] if lemma not in LIGHT or lemma in lexicon.verbs else []
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in lexicon.verbs:
        cues.insert(0, head.lemma_.lower())  # "refused to enable": REJECT
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    if particle and f"{lemma} {particle}" in lexicon.verbs:  # "pull out"
        cues.insert(0, f"{lemma}_{particle}")
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    targets_heads = _objects(verb, lexicon, cues)
    if passive:
        agents = [c for a in verb.children if a.dep_ == "agent" for c in a.children]
        sources = _named_all([a for a in agents if a.dep_ == "pobj"], index)
        targets = _named_all(passive, index)
    else:
        sources = _named_all(subjects(verb), index)
        targets = _named_all(targets_heads, index)
    if not cues or not sources or not targets:
        return
    reporting = lemma in lexicon.reporting
    _emit(sources, targets, verb, cues, reporting, _flags(verb, lexicon), out)


def nominal_relations(noun, index: EntityIndex, lexicon: Lexicon, out: list) -> None:
    """'X's threats against Y', 'Israeli attacks on Y', 'talks between X and Y'."""
    own = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound")]
    sources = _named_all(own, index)
    heads = _prep_objects(noun)
    for child in noun.children:  # "threats to launch attacks on Y"
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            heads.extend(_objects(child, lexicon, []))
    targets = _named_all(heads, index)
    between = any(c.dep_ == "prep" and c.lower_ == "between" for c in noun.children)
    if not sources and between and len(targets) >= 2:
        sources, targets = targets[:1], targets[1:]
    if sources and targets:
        flags = (any(c.dep_ == "neg" or c.lower_ == "no" for c in noun.children), False)
        _emit(sources, targets, noun, ["n:" + noun.lower_], False, flags, out)


def find_relations(doc, entities: list[Span], lexicon: Lexicon) -> list[RelationSpan]:
    """Every directed relation between two entity spans of a parsed text, in text order."""
    index = EntityIndex(doc, entities)
    out: list[RelationSpan] = []
    for tok in doc:
        if tok.pos_ == "VERB":
            verb_relations(tok, index, lexicon, out)
        elif tok.pos_ == "NOUN" and (
            tok.lower_ in lexicon.nominals or tok.lemma_.lower() in lexicon.nominals
        ):
            nominal_relations(tok, index, lexicon, out)
    seen, unique = set(), []
    for r in out:
        key = (r.source, r.target, r.start, r.end)
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def classify(cues: str, reporting: bool, lexicon: Lexicon) -> tuple[str, str, float] | None:
    """(event, quad, tone) of a relation's cues; STATEMENT for a bare reporting verb, else None."""
    for cue in cues.split():
        nominal = cue.startswith("n:")
        word = (cue[2:] if nominal else cue).replace("_", " ")
        found = lexicon.event(word, nominal=nominal)
        if found is not None:
            return found
    if reporting:
        return "STATEMENT", "statement", 0.0
    return None
