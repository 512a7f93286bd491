"""The model's attribute_ruler and lemmatizer, remembered per token instead of run per token.

After the tagger and the parser, the attribute_ruler maps each token's tag (and for a few words
its dependency label) to a coarse part of speech and morphology, and the rule lemmatizer reads
those. Almost every rule looks at one token only, so the outcome is a function of the token's
(word, tag, dependency): it is worked out once per distinct triple by the real components, run
over a scratch Doc of the new triples, and written back into each Doc as arrays. The ruler's few
rules that span tokens ("there is", "gon na", "let 's") are found by their first token; a Doc
holding such a token goes through the real components whole, as before.
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
        self.starts = Matcher(vocab)  # first tokens of the ruler's multi-token rules
        for i, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                if isinstance(pattern, list) and len(pattern) > 1:
                    self.starts.add(f"start{i}", [[pattern[0]]])
        # (orth, tag, dep) -> (tag, pos, morph, lemma, dep), or None for a multi-token start
        self.known: dict[tuple[int, int, int], tuple[int, ...] | None] = {}
        self.whole = 0  # Docs that went through the real components (for tests and profiles)

    def _real(self, doc: Doc) -> Doc:
        return self.lemmatizer(self.ruler(doc))

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        arrays = [doc.to_array(KEY) for doc in docs]
        keys = [list(map(tuple, a.tolist())) for a in arrays]
        self._learn({k for ks in keys for k in ks if k not in self.known})
        out = []
        for doc, ks in zip(docs, keys, strict=True):
            values = [self.known[k] for k in ks]
            if not len(doc) or any(v is None for v in values):
                out.append(self._real(doc))
                self.whole += 1
                continue
            table = np.array(values, dtype="uint64")
            doc.from_array(SET, np.ascontiguousarray(table[:, :4]))
            for tok, v in zip(doc, values, strict=True):
                if v[4] != tok.dep:  # the ruler relabels a few whitespace tokens
                    tok.dep = v[4]
            out.append(doc)
        return out

    def _learn(self, new: set[tuple[int, int, int]]) -> None:
        if not new:
            return
        if len(self.known) + len(new) > MAX_KNOWN:
            self.known.clear()
        new = sorted(new)
        scratch = self._scratch(new)
        starts = {start for _, start, _ in self.starts(scratch)}
        self.known.update((new[i], None) for i in starts)
        plain = [k for i, k in enumerate(new) if i not in starts]
        if not plain:
            return
        done = self._real(self._scratch(plain))
        for k, tok in zip(plain, done, strict=True):
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
