"""Quotes over a dependency parse: direct, indirect, mixed and 'according to', with the speaker.

Rules (documented with examples in docs/quotes_relations.md):
- direct: text in quote marks that is a clause (4+ words), with a reporting verb outside the
  marks in the same sentence ('"...," X said', 'X said: "..."'); a quoted sentence with no cue
  right after a quote keeps that quote's speaker (a quote that runs on);
- indirect: a reporting verb's clausal complement ('X said that ...', 'X warned ... would');
- mixed: an indirect quote with a quoted part ('X claimed that Y would face "consequences"'),
  or a short quoted phrase a reporting verb governs ('X called it "unethical"');
- according_to: 'according to X, ...' (the rest of the sentence is the content; the whole
  sentence when the cue sits inside it: 'Six were, according to X, "sexual in nature"').
The speaker is the cue's subject (for 'A quoted B as saying': B), kept as a character span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.relate.lexicon import Lexicon
from analysis.relate.syntax import PRONOUNS, EntityIndex, Span, clause_span, phrase_span, subjects

_QUOTED = re.compile(r"“([^“”]*)”|\"([^\"\n]*)\"|‘([^‘’\n]{12,})’")
RUN_ON_CHARS = 400  # a cue-less quoted sentence within this distance keeps the last speaker
MIN_CLAUSE_WORDS = 4


@dataclass(frozen=True)
class QuoteSpan:
    """One quote: content and speaker as character spans of the parsed text (-1 when none)."""

    start: int
    end: int
    speaker_start: int
    speaker_end: int
    cue: str
    kind: str  # direct | indirect | mixed | according_to
    speaker_kind: str  # name | pronoun | noun | '' (how the speaker is written)
    cue_start: int = -1

    def shifted(self, offset: int) -> QuoteSpan:
        s, e = (self.speaker_start + offset, self.speaker_end + offset)
        if self.speaker_start < 0:
            s, e = -1, -1
        cue = self.cue_start + offset if self.cue_start >= 0 else -1
        return QuoteSpan(self.start + offset, self.end + offset, s, e, self.cue, self.kind,
                         self.speaker_kind, cue)  # fmt: skip


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in ",.;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def speaker_of(cue, index: EntityIndex) -> tuple[int, int, str]:
    """(start, end, kind) of who speaks through `cue` (a verb, or 'according'), or (-1, -1, '')."""
    if cue.lower_ == "according":
        heads = [
            c for p in cue.children if p.lower_ == "to" for c in p.children if c.dep_ == "pobj"
        ]
    elif cue.lemma_ == "quote":
        heads = [c for c in cue.children if c.dep_ in ("dobj", "nsubjpass")]
    elif _quoting(cue) is not None:  # "quoted X as saying"
        heads = [c for c in _quoting(cue).children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        heads = subjects(cue)
        if not heads and cue.dep_ == "relcl" and cue.head.pos_ in ("PROPN", "NOUN"):
            heads = [cue.head]  # "Bagheri Kani, who said that ..."
    if not heads:
        return -1, -1, ""
    head = heads[0]
    found = None
    for tok in [head, *head.subtree]:
        found = index.at(tok)
        if found:
            break
    if head.lower_ in PRONOUNS or head.pos_ == "PRON":
        return head.idx, head.idx + len(head), "pronoun"
    if found and index.at(head) == found:
        return found[0], found[1], "name"
    start, end = phrase_span(head)
    sub = [t for t in head.subtree if t.dep_ != "punct"]
    if found and len(sub) <= 8:  # "representatives from Iran": the whole phrase
        start, end = min(start, sub[0].idx), max(end, sub[-1].idx + len(sub[-1]))
    return start, end, "noun"


def _quoting(cue):
    """The 'quoted' above 'saying' in 'A quoted B as saying', else None."""
    up = [cue.head, cue.head.head]
    return next((t for t in up if t.lemma_ == "quote" and t is not cue), None)


def is_cue(tok, lexicon: Lexicon) -> bool:
    """A reporting verb, or the 'according' of 'according to'."""
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children)
    return tok.lemma_.lower() in lexicon.reporting and tok.pos_ in ("VERB", "AUX")


def _cue_for(doc, span: Span, lexicon: Lexicon, *, inside: bool = False):
    """The reporting verb outside `span` in the sentences it touches, nearest first."""
    sents = [s for s in doc.sents if s.start_char < span[1] and s.end_char > span[0]]
    best = None
    for sent in sents:
        for tok in sent:
            if not is_cue(tok, lexicon):
                continue
            if span[0] <= tok.idx < span[1] and not inside:
                continue
            dist = span[0] - tok.idx if tok.idx < span[0] else tok.idx - span[1]
            if best is None or dist < best[0]:
                best = (dist, tok)
    return best[1] if best else None


def _governs(cue, doc, span: Span) -> bool:
    """True when a token of `span` lies in the cue's subtree (the cue introduces the quote)."""
    return any(span[0] <= t.idx < span[1] for t in cue.subtree)


def _inner_cue(doc, span: Span, lexicon: Lexicon):
    """A reporting verb inside the marks whose subject stands outside them: 'X "noted that ..."'."""
    for tok in doc:
        if span[0] <= tok.idx < span[1] and tok.lemma_.lower() in lexicon.reporting:
            subj = subjects(tok)
            if subj and not span[0] <= subj[0].idx < span[1]:
                return tok
    return None


def direct_quotes(doc, index: EntityIndex, lexicon: Lexicon) -> list[QuoteSpan]:
    """Quoted clauses with their cue and speaker; cue-less ones inherit a recent speaker."""
    text = doc.text
    out: list[QuoteSpan] = []
    last: QuoteSpan | None = None
    for m in _QUOTED.finditer(text):
        group = next(g for g in range(1, 4) if m.group(g) is not None)
        start, end = _trim(text, m.start(group), m.end(group))
        if end <= start:
            continue
        words = len(text[start:end].split())
        verb = any(t.pos_ in ("VERB", "AUX") for t in doc if start <= t.idx < end)
        cue = _cue_for(doc, (m.start(), m.end()), lexicon)
        if cue is not None and not verb and not _governs(cue, doc, (start, end)):
            cue = None  # a name or title in quote marks, not what the cue's speaker said
        if cue is None and verb:
            cue = _inner_cue(doc, (start, end), lexicon)
        if cue is not None:
            s, e, kind = speaker_of(cue, index)
            quote_kind = "according_to" if cue.lower_ == "according" else "direct"
            if quote_kind == "direct" and (words < MIN_CLAUSE_WORDS or not verb):
                quote_kind = "mixed"
            if start <= cue.idx < end:
                quote_kind = "mixed"
            q = QuoteSpan(start, end, s, e, cue.text, quote_kind, kind, cue.idx)
        elif not verb:
            continue
        elif last is not None and start - last.end < RUN_ON_CHARS and words >= 2:
            q = QuoteSpan(start, end, last.speaker_start, last.speaker_end, "", "direct",
                          last.speaker_kind)  # fmt: skip
        elif words >= MIN_CLAUSE_WORDS and _is_sentence(text, m.start(), m.end()):
            q = QuoteSpan(start, end, -1, -1, "", "direct", "")
        else:
            continue
        out.append(q)
        if q.speaker_start >= 0 and q.kind != "mixed":
            last = q
    return out


def _is_sentence(text: str, start: int, end: int) -> bool:
    """A quote that stands as its own sentence (not a phrase inside one)."""
    before = text[max(0, start - 2) : start].strip()
    return before in ("", ".", ":", "!", "?") or before.endswith((".", ":"))


def indirect_quotes(doc, index: EntityIndex, lexicon: Lexicon) -> list[QuoteSpan]:
    """Clausal complements of reporting verbs, and 'according to X' sentences."""
    out = []
    for tok in doc:
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            sent = tok.sent
            phrase = [t for t in tok.subtree]
            a, b = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
            left = _trim(doc.text, sent.start_char, a)
            right = _trim(doc.text, b, sent.end_char)
            start, end = max([left, right], key=lambda s: s[1] - s[0])
            inside_marks = any(c in doc.text[left[0] : left[1]] for c in '“"')
            if min(len(doc.text[x:y].split()) for x, y in (left, right)) >= 3 and not inside_marks:
                start, end = left[0], right[1]  # the content surrounds a mid-sentence cue
            if len(doc.text[start:end].split()) >= MIN_CLAUSE_WORDS:
                s, e, kind = speaker_of(tok, index)
                out.append(
                    QuoteSpan(start, end, s, e, "according to", "according_to", kind, tok.idx)
                )
            continue
        if tok.lemma_.lower() not in lexicon.reporting or tok.pos_ not in ("VERB", "AUX"):
            continue
        for child in tok.children:
            if child.dep_ != "ccomp":
                continue
            start, end = clause_span(child)
            if len(doc.text[start:end].split()) < MIN_CLAUSE_WORDS - 1:
                continue
            s, e, kind = speaker_of(tok, index)
            out.append(QuoteSpan(start, end, s, e, tok.text, "indirect", kind, tok.idx))
    return out


def find_quotes(doc, entities: list[Span], lexicon: Lexicon) -> list[QuoteSpan]:
    """Every quote of a parsed text; an indirect quote holding a quoted part becomes 'mixed'."""
    index = EntityIndex(doc, entities)
    direct = direct_quotes(doc, index, lexicon)
    indirect = indirect_quotes(doc, index, lexicon)
    kept: list[QuoteSpan] = []
    absorbed: set[int] = set()
    for q in indirect:
        inner = [n for n, d in enumerate(direct) if q.start <= d.start and d.end <= q.end + 2]
        if any(q.start <= direct[n].cue_start < q.end for n in inner):
            continue  # "The report says X said '...'": X's own quote stands
        outer = [d for d in direct if d.start <= q.start + 2 and q.end <= d.end + 2]
        if outer:  # the clause is itself in quote marks: the direct quote stands
            continue
        if any(k.start <= q.start and q.end <= k.end for k in kept):
            continue  # a clause inside a clause already kept ("said that X noted that ...")
        if inner:
            absorbed.update(inner)
            if q.kind == "indirect":
                q = replace(q, kind="mixed")
        kept.append(q)
    kept.extend(d for n, d in enumerate(direct) if n not in absorbed)
    return sorted(kept, key=lambda q: (q.start, q.end))
