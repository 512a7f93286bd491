"""The model's attribute_ruler and lemmatizer, remembered per token instead of run per token.

After the tagger and the parser, the attribute_ruler maps each token's tag (and for a few words
its dependency label) to a coarse part of speech and morphology, and the rule lemmatizer reads
those. Almost every rule looks at one token only, so the outcome is a function of the token's
(word, tag, dependency): it is worked out once per distinct triple by the real components, run
over a scratch Doc of the new triples, and written back into each Doc as arrays. The ruler's few
rules that span tokens ("there is", "gon na", "let 's") are looked for on their own; a Doc where
one matches goes through the real components whole, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

KEY = [ORTH, TAG, DEP]
SET = [TAG, POS, MORPH, LEMMA]
MAX_KNOWN = 500_000  # distinct (word, tag, dep) triples kept; forgotten all at once past it


class MemoAttributes:
    """attribute_ruler then lemmatizer over lists of parsed Docs, with the same results."""

    def __init__(self, ruler, lemmatizer, vocab):
        self.ruler, self.lemmatizer, self.vocab = ruler, lemmatizer, vocab
        self.multi = Matcher(vocab)  # the ruler's multi-token rules
        for i, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                if isinstance(pattern, list) and len(pattern) > 1:
                    self.multi.add(f"multi{i}", [pattern])
        # (orth, tag, dep) -> (tag, pos, morph, lemma, dep) under the one-token rules
        self.known: dict[tuple[int, int, int], tuple[int, ...]] = {}
        self.whole = 0  # Docs that went through the real components (for tests and profiles)

    def _real(self, doc: Doc) -> Doc:
        return self.lemmatizer(self.ruler(doc))

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        arrays = [doc.to_array(KEY) for doc in docs]
        keys = [list(map(tuple, a.tolist())) for a in arrays]
        self._learn({k for ks in keys for k in ks if k not in self.known})
        out = []
        for doc, array, ks in zip(docs, arrays, keys, strict=True):
            if not len(doc) or self.multi(doc):
                out.append(self._real(doc))
                self.whole += 1
                continue
            table = np.array([self.known[k] for k in ks], dtype="uint64")
            doc.from_array(SET, np.ascontiguousarray(table[:, :4]))
            for i in np.flatnonzero(table[:, 4] != array[:, 2]).tolist():
                doc[i].dep = int(table[i, 4])  # the ruler relabels a few whitespace tokens
            out.append(doc)
        return out

    def _learn(self, new: set[tuple[int, int, int]]) -> None:
        if not new:
            return
        if len(self.known) + len(new) > MAX_KNOWN:
            self.known.clear()
        new = sorted(new)
        scratch = self._scratch(new)
        # side by side in the scratch Doc, two new words could meet a multi-token rule: those
        # are worked out again one by one
        alone = {i for _, start, end in self.multi(scratch) for i in range(start, end)}
        done = self._real(scratch)
        for i, (k, tok) in enumerate(zip(new, done, strict=True)):
            tok = self._real(self._scratch([k]))[0] if i in alone else tok
            self.known[k] = (tok.tag, tok.pos, tok.morph.key, tok.lemma, tok.dep)

    def _scratch(self, keys: list[tuple[int, int, int]]) -> Doc:
        """A Doc of one token per triple (each its own head: no rule looks at heads)."""
        s = self.vocab.strings
        return Doc(
            self.vocab,
            words=[s[o] for o, _, _ in keys],
            spaces=[True] * len(keys),
            tags=[s[t] for _, t, _ in keys],
            deps=[s[d] for _, _, d in keys],
        )
