"""Remembered attribute_ruler and lemmatizer results equal the real components', token by token."""

from __future__ import annotations

from analysis.ingest.corpus import load_corpus
from analysis.relate.attrs import MemoAttributes
from tests.paths import SEEDS

FIELDS = ("tag_", "pos_", "lemma_", "dep_")


def _views(doc):
    return [(*(getattr(t, f) for f in FIELDS), str(t.morph)) for t in doc]


def test_remembered_attributes_equal_the_real_components_on_demo_articles():
    import spacy

    from analysis.nlp.parse import default_model_name

    full = spacy.load(default_model_name())  # the model as shipped, its own pipe order
    ruler, lemmatizer = full.get_pipe("attribute_ruler"), full.get_pipe("lemmatizer")
    articles = load_corpus([SEEDS]).articles[:40]
    texts = [s.strip() + "." for a in articles for s in a.text.split(". ") if s.strip()]
    texts += ["There is a gon na be trouble, y' all said. Let 's go.\n\n  Iran has warned Israel."]
    parse = [full.get_pipe(n) for n in ("tok2vec", "tagger", "parser")]

    def parsed():
        docs = [full.make_doc(t) for t in texts]
        for proc in parse:
            docs = list(proc.pipe(docs))
        return docs

    memo = MemoAttributes(ruler, lemmatizer, full.vocab)
    expected = [_views(lemmatizer(ruler(d))) for d in parsed()]
    first = [_views(d) for d in memo(parsed())]  # learns every triple
    again = [_views(d) for d in memo(parsed())]  # all remembered
    assert sum(map(len, expected)) > 10_000
    assert first == expected
    assert again == expected
    assert memo.whole < len(texts) / 2  # most sentences never ran the real components
    assert memo.whole >= 2  # "There is", "gon na", "Let 's": the multi-token rules ran whole
