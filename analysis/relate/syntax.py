"""Small helpers over a spaCy dependency parse: which entity a phrase names, who the subject is.

Entity spans are character offsets into the parsed text; a phrase "names" an entity when the
entity covers its head or sits in the phrase's noun-phrase dependents (compound, amod, poss,
appos, an "of" phrase): "an Israeli flight" names Israel, "Turkey's government" names Turkey.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

Span = tuple[int, int]

NP_DEPS = frozenset({"compound", "amod", "poss", "appos", "nmod", "flat", "nummod", "det"})
SUBJECTS = frozenset({"nsubj", "csubj"})
PRONOUNS = frozenset(
    "he she it they we i you him her them us his its their our".split()
)  # fmt: skip


class EntityIndex:
    """Token index -> entity span, for the entity spans of one parsed text."""

    def __init__(self, doc, spans: Sequence[Span]):
        self.spans = list(spans)
        self.of_token: dict[int, int] = {}
        for n, (start, end) in enumerate(self.spans):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.of_token.setdefault(tok.i, n)

    def at(self, tok) -> Span | None:
        n = self.of_token.get(tok.i)
        return None if n is None else self.spans[n]


def np_tokens(head) -> Iterator:
    """The head, then its noun-phrase dependents breadth first (no clauses, no other preps)."""
    queue = [head]
    while queue:
        tok = queue.pop(0)
        yield tok
        for child in tok.children:
            if child.dep_ in NP_DEPS:
                queue.append(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                queue.extend(c for c in child.children if c.dep_ == "pobj")


RANK = {"poss": 1, "amod": 2, "det": 3}  # names (head, appos, compound) first, adjectives last


def named(head, index: EntityIndex, *, pronouns: bool = False) -> Span | None:
    """The entity a noun phrase names: its head's, else a name among its NP dependents, else a
    possessive, else an adjective ("the Lebanese movement Hezbollah" names Hezbollah); with
    `pronouns`, a pronoun head stands for itself (resolved later to the actor it refers to)."""
    if pronouns and head.lower_ in PRONOUNS and head.pos_ == "PRON":
        return head.idx, head.idx + len(head)
    found = [(RANK.get(t.dep_, 0) if t is not head else -1, n, index.at(t))
             for n, t in enumerate(np_tokens(head))]  # fmt: skip
    found = [f for f in found if f[2] is not None]
    return min(found)[2] if found else None


def with_conjuncts(tok) -> list:
    """`tok` and the words coordinated with it ("Iran and Turkey")."""
    joined = any(c.dep_ == "cc" or c.lower_ == "," for c in tok.children)
    conjuncts = [c for c in tok.children if c.dep_ == "conj"]
    if conjuncts and not joined:  # "Iran’s minister Ali Bagheri Kani" misread as two: the name
        return with_conjuncts(conjuncts[0])
    out = [tok]
    for child in conjuncts:
        out.extend(with_conjuncts(child))
    return out


def subjects(verb) -> list:
    """Active subjects of a verb, inherited through 'and' and 'to'-infinitives when it has none."""
    seen = 0
    while verb is not None and seen < 4:
        found = [c for c in verb.children if c.dep_ in SUBJECTS]
        if found:
            return [t for s in found for t in with_conjuncts(s)]
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            if verb.dep_ == "advcl" and not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
            ):
                return []
            verb = verb.head
            seen += 1
            continue
        return []
    return []


def phrase_span(head) -> Span:
    """Characters of a noun phrase: its head and NP dependents (for a speaker's text)."""
    toks = [t for t in np_tokens(head) if not t.is_punct] or [head]  # a mis-parsed mark
    left = min(t.idx for t in toks)
    right = max(t.idx + len(t) for t in toks)
    return left, right


def clause_span(head) -> Span:
    """Characters of a clause's whole subtree, without a leading 'that' or edge punctuation."""
    toks = [t for t in head.subtree]
    while toks and (toks[0].is_punct or (toks[0].dep_ == "mark" and toks[0].lower_ == "that")):
        toks.pop(0)
    while toks and toks[-1].is_punct:
        toks.pop()
    if not toks:
        return head.idx, head.idx + len(head)
    return toks[0].idx, toks[-1].idx + len(toks[-1])
