"""One text in, its quotes and relations out, with actor names: what the CLIs and the gold
evaluation run (the same rules as the build, on one text at a time)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.knowledge.registry import load_registry
from analysis.nlp.casing import make_recaser
from analysis.nlp.parse import load_pipeline, parse_articles
from analysis.relate.extract import Extracted, extract_articles, parse_texts
from analysis.relate.lexicon import Lexicon, load_lexicon
from analysis.relate.relations import classify, find_relations
from analysis.relate.rows import ArticleActors, Named, previous_speaker
from analysis.resolve.actors import display_names, resolve_article
from analysis.resolve.names import link_surnames


@dataclass
class Analysed:
    text: str
    found: Extracted
    actors: ArticleActors


def analyse_text(
    text: str, *, model: str | None = None, lexicon: Lexicon | None = None
) -> Analysed:
    """NER, actor resolution, then quote and relation spans for one text."""
    lexicon = lexicon or load_lexicon()
    registry = load_registry()
    nlp = load_pipeline(model)
    parsed = next(parse_articles(nlp, [("t", text)], n_process=1, recase=make_recaser(registry)))
    mentions = link_surnames(resolve_article("t", text, parsed, registry), registry)
    names = display_names(mentions, registry)
    named = [Named(m.start, m.end, names[m.key], m.actor_type, m.label) for m in mentions]
    spans = [(m.start, m.end, m.label) for m in mentions]
    found = extract_articles(
        [("t", text)], {"t": parsed.sentences}, {"t": spans}, model=model, lexicon=lexicon
    )["t"]
    return Analysed(text, found, ArticleActors(named, {}))


def quotes_of(text: str, *, model: str | None = None) -> list[dict]:
    """The `quotes` CLI's answer for one text."""
    done = analyse_text(text, model=model)
    out: list[dict] = []
    for q in done.found.quotes:
        previous = previous_speaker(out, q.start)
        out.append({
            "start": q.start, "end": q.end,
            "speaker_start": q.speaker_start if q.speaker_start >= 0 else None,
            "speaker_end": q.speaker_end if q.speaker_start >= 0 else None,
            "speaker": done.actors.resolve(text, q.speaker_start, q.speaker_end, previous=previous),
            "cue": q.cue, "kind": q.kind,
        })  # fmt: skip
    return out


def relations_of(text: str, *, model: str | None = None) -> list[dict]:
    """The `relations` CLI's answer for one text: relations whose two ends name actors."""
    lexicon = load_lexicon()
    done = analyse_text(text, model=model, lexicon=lexicon)
    out = []
    for r in done.found.relations:
        typed = classify(r.cues, r.reporting, lexicon)
        source = done.actors.resolve(text, *r.source)
        target = done.actors.resolve(text, *r.target)
        if typed is None or not source or not target or source == target:
            continue
        event, quad, tone = typed
        out.append({
            "source_start": r.source[0], "source_end": r.source[1],
            "target_start": r.target[0], "target_end": r.target[1],
            "source": source, "target": target, "verb": r.verb, "event": event, "quad": quad,
            "tone": round(tone * (-0.5 if r.negated else 1.0), 4),
            "negated": r.negated, "hypothetical": r.hypothetical,
        })  # fmt: skip
    return out


def relation_between(
    text: str, a: tuple[int, int], b: tuple[int, int], *, model: str | None = None
) -> dict:
    """The relation between two given spans: direction, event, quad, tone (strongest tone)."""
    lexicon = load_lexicon()
    doc = parse_texts([text], model=model)[0]
    best = None
    for r in find_relations(doc, [a, b], lexicon):
        if {r.source, r.target} != {a, b}:
            continue
        typed = classify(r.cues, r.reporting, lexicon)
        if typed is None:
            continue
        tone = typed[2] * (-0.5 if r.negated else 1.0)
        if best is None or abs(tone) > abs(best[2]):
            best = ("a->b" if r.source == a else "b->a", typed, tone)
    if best is None:
        return _fallback(doc, a, b, lexicon)
    direction, (event, quad, _), tone = best
    return {"direction": direction, "event": event, "quad": quad, "tone": round(tone, 4)}


def _fallback(doc, a: tuple[int, int], b: tuple[int, int], lexicon) -> dict:
    """No path joins the two spans: the sentence's first lexicon verb (else event noun) between
    or after them gives the event, and word order the direction (English puts the actor first)."""
    first = min(a, b)
    for nominal in (False, True):
        for tok in doc:
            if tok.idx < first[1] or tok.pos_ not in (("NOUN",) if nominal else ("VERB",)):
                continue
            word = tok.lower_ if nominal else tok.lemma_.lower()
            typed = lexicon.event(word, nominal=nominal)
            if typed is not None:
                negated = any(c.dep_ == "neg" for c in tok.children)
                tone = round(typed[2] * (-0.5 if negated else 1.0), 4)
                direction = "a->b" if first == a else "b->a"
                return {"direction": direction, "event": typed[0], "quad": typed[1], "tone": tone}
    return {"direction": "none", "event": "", "quad": "", "tone": 0.0}
