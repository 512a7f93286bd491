"""Person–affiliation links read from the dependency parse, during NLP, for the few places that need it.

The build runs spaCy without its parser (it is the slow part). Only where a person's name stands
near a country, group or organisation name with a role noun in reach ("Iran's acting Foreign
Minister Ali Bagheri Kani", "Hakan Fidan, Turkey's foreign minister") is the short fragment
parsed, and a link kept when the two names meet in the tree through a role noun without leaving
the noun phrase (possessive, compound, amod, appos, of-phrases; no verb, no coordination). In the demo corpus that is about 500 fragments (0.5 s).
The links are cached with the NLP output; resolution and affiliation voting stay spaCy-free.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.knowledge.roles import ROLE_NOUNS

ANCHOR_LABELS = frozenset({"GPE", "NORP", "ORG"})
NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "ADP", "PART", "NUM", "DET"})
BEFORE_CHARS = 60
AFTER_CHARS = 60

_APPOSITION = re.compile(r"^,\s+(?:the\s+|a\s+)?$", re.IGNORECASE)  # "Hakan Fidan, Turkey's ..."

Link = tuple[int, int, int, int]  # person start, end; anchor start, end (article offsets)


PARSE_PIPES = ("tok2vec", "tagger", "attribute_ruler", "parser")


def parse_fragments(fragments: Sequence[str], *, model: str | None = None) -> list:
    """Docs with tags and dependencies for `fragments`, from the already loaded NER pipeline's
    own (disabled) tagger and parser: nothing is loaded twice."""
    from analysis.nlp.parse import load_pipeline

    nlp = load_pipeline(model)
    wanted = [p for p in PARSE_PIPES if p in nlp.component_names]
    before = list(nlp.pipe_names)
    try:
        run_only(nlp, wanted)
        return list(nlp.pipe(fragments, batch_size=256))
    finally:
        run_only(nlp, before)


def run_only(nlp, names: Sequence[str]) -> None:
    """Enable exactly `names` among the pipeline's components."""
    for name in nlp.component_names:
        if name in names:
            nlp.enable_pipe(name)
        else:
            nlp.disable_pipe(name)


def candidates(text: str, entities: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, Link]]:
    """(fragment start, fragment end, link) for person/anchor pairs worth parsing."""
    people = [e for e in entities if e[2] == "PERSON"]
    anchors = [e for e in entities if e[2] in ANCHOR_LABELS]
    out = []
    for ps, pe, _ in people:
        for as_, ae, _ in anchors:
            if ae <= ps and ps - ae <= BEFORE_CHARS and "\n" not in text[as_:pe]:
                start, end = as_, pe
            elif pe <= as_ and _APPOSITION.match(text[pe:as_]):
                end = text.find("\n", ae, ae + AFTER_CHARS)
                start, end = ps, end if end != -1 else min(len(text), ae + AFTER_CHARS)
            else:
                continue
            if any(w.lower().strip(",.;:'’s") in ROLE_NOUNS for w in text[start:end].split()):
                out.append((start, end, (ps, pe, as_, ae)))
    return out


def linked(doc, person: tuple[int, int], anchor: tuple[int, int]) -> bool:
    """True when the two spans of `doc` meet through a role noun by noun-phrase relations."""
    p_span = doc.char_span(*person, alignment_mode="expand")
    a_span = doc.char_span(*anchor, alignment_mode="expand")
    if p_span is None or a_span is None:
        return False
    inside = {t.i for t in p_span} | {t.i for t in a_span}
    up_a = [a_span.root, *a_span.root.ancestors]
    up_p = [p_span.root, *p_span.root.ancestors]
    common = next((t for t in up_a if t in up_p), None)
    if common is None:
        return False
    path = up_a[: up_a.index(common)] + up_p[: up_p.index(common)] + [common]
    if len(path) > 5:
        return False
    if not any(t.lower_ in ROLE_NOUNS and t.i not in inside for t in path):
        return False
    # Inside one noun phrase: no verb, no coordination on the way (the small model sometimes
    # labels a verbless fragment's relations oddly, so the parts of speech decide).
    return all(t.pos_ in NOMINAL and t.dep_ not in ("conj", "cc") for t in path)


def find_links(
    texts: Sequence[tuple[str, str]],
    entities: dict[str, Sequence[tuple[int, int, str]]],
    *,
    model: str | None = None,
) -> dict[str, list[Link]]:
    """Links per article: parse each candidate fragment once, keep the pairs the tree joins."""
    jobs = []
    for aid, text in texts:
        for start, end, link in candidates(text, entities.get(aid, ())):
            jobs.append((aid, start, text[start:end], link))
    links: dict[str, list[Link]] = {aid: [] for aid, _ in texts}
    if not jobs:
        return links
    docs = parse_fragments([fragment for _, _, fragment, _ in jobs], model=model)
    for (aid, start, _, link), doc in zip(jobs, docs, strict=True):
        ps, pe, as_, ae = link
        if linked(doc, (ps - start, pe - start), (as_ - start, ae - start)):
            links[aid].append(link)
    return links
