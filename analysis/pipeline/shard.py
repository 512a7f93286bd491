"""One shard of articles: its texts in, its NLP output on disk. The build's only unit of work.

`run_shard(spec)` reads the shard's texts from the store and runs up to four stages, each written
atomically as Parquet and then recorded in the shard's manifest: parse (spaCy sentences, entity
spans, parse links, sentence tone), relate (quote and relation spans from a parse of only the
sentences that can hold one; spans, no actor names), resolve (spans -> per-article mentions) and,
in targeted mode, tone (the model's score of every mention, scored article by article so a score
never depends on which shard its article fell in). A stage already recorded with the same model
ids is skipped, so a re-run after a crash, a registry change or an alias edit redoes only what it
must. The same function runs in-process, on a local Dask cluster or on a remote one; the spec
is a few strings, and models are loaded once per process.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.ingest.model import Reject
from analysis.knowledge.registry import load_registry
from analysis.nlp.casing import make_recaser
from analysis.nlp.links import find_links
from analysis.nlp.parse import Parsed, load_pipeline, parse_articles
from analysis.relate.extract import extract_articles
from analysis.relate.inpass import extracted_of, with_relate
from analysis.relate.spans import relate_frames
from analysis.resolve.actors import resolve_article
from analysis.resolve.corpus import MENTION_FIELDS
from analysis.store import shards
from analysis.tone.sentence import score_sentences

TONE_ARTICLES = 20  # articles per call of the tone model (progress moves after each call)
LINK_COLUMNS = ["article_id", "person_start", "person_end", "anchor_start", "anchor_end"]


@dataclass(frozen=True)
class ShardSpec:
    """What a worker needs to run one shard (small and picklable: no model, no text)."""

    out: str
    model_id: str
    shard: str
    model: str | None = None
    resolve_id: str = ""
    tone: str = "target"
    tone_id: str = ""
    relate_id: str = ""  # "": quotes and relations off
    n_process: int | None = 1  # spaCy processes; 1 inside a Dask worker (it cannot fork)
    threads: int | None = None  # ONNX threads; 1 per worker on a cluster, None: the default


def tone_stage(spec: ShardSpec) -> str:
    return f"target-tone-{spec.tone_id}"


def is_done(record: dict, spec: ShardSpec) -> bool:
    """Whether every stage `spec` asks for is recorded in the shard's manifest."""
    if "parse" not in record or record.get("resolve", {}).get("id") != spec.resolve_id:
        return False
    if spec.relate_id and record.get("relate", {}).get("id") != spec.relate_id:
        return False
    tone = record.get("tone", {})
    return spec.tone != "target" or (
        tone.get("model") == spec.tone_id and tone.get("resolve") == spec.resolve_id
    )


def run_shard(spec: ShardSpec, *, tick: Callable[[int], None] | None = None) -> dict:
    """Run the stages of one shard that are not done yet; returns {shard, articles, parsed}.

    `tick(done)` hears how many of the shard's articles are parsed and toned; without it the
    count goes to the shard's progress file (what a build on a cluster reads).
    """
    root = shards.cache_root(spec.out, spec.model_id)
    record = shards.read_manifest(root, spec.shard)
    texts = shards.read_texts(root, spec.shard)
    n = len(texts)
    steps = 2 if spec.tone == "target" else 1  # an article is done once parsed and toned
    counts = {"steps": 0, "at": 0.0}

    def report(done: int) -> None:
        if tick is not None:
            tick(done)
        elif time.monotonic() - counts["at"] > 1.0 or done == n:
            counts["at"] = time.monotonic()
            shards.write_progress(root, spec.shard, done)

    def advance() -> None:
        counts["steps"] += 1
        report(counts["steps"] // steps)

    fresh = 0
    if "parse" not in record:
        record["parse"] = _parse(spec, root, texts, advance)
        if "relate" in record["parse"]:  # found in the same spaCy pass
            record["relate"] = {"id": spec.relate_id, **record["parse"].pop("relate")}
        shards.write_manifest(root, spec.shard, record)
        fresh = n
    else:
        counts["steps"] = n
    if spec.relate_id and record.get("relate", {}).get("id") != spec.relate_id:
        record["relate"] = {"id": spec.relate_id, **_relate(spec, root, texts)}
        shards.write_manifest(root, spec.shard, record)
    if record.get("resolve", {}).get("id") != spec.resolve_id:
        record["resolve"] = {"id": spec.resolve_id, "mentions": _resolve(root, spec, texts)}
        record.pop("tone", None)
        shards.write_manifest(root, spec.shard, record)
    if not is_done(record, spec):
        _tone(root, spec, texts, advance)
        record["tone"] = {"model": spec.tone_id, "resolve": spec.resolve_id}
        shards.write_manifest(root, spec.shard, record)
    report(n)
    return {"shard": spec.shard, "articles": n, "parsed": fresh}


@lru_cache(maxsize=1)
def _recaser():
    return make_recaser(load_registry())


def _parse(spec: ShardSpec, root, texts: pd.DataFrame, advance) -> dict:
    """spaCy over the shard: sentences (with VADER tone), entity spans and parse links."""
    todo = list(zip(texts["article_id"], texts["text"], strict=True))
    nlp = load_pipeline(spec.model)
    with_relate(nlp, bool(spec.relate_id))
    try:
        parsed = list(
            parse_articles(
                nlp, todo, n_process=spec.n_process, recase=_recaser(),
                progress=lambda _chars: advance(),
            )
        )  # fmt: skip
    finally:
        with_relate(nlp, False)
    text_of = dict(todo)
    links = find_links(todo, {p.article_id: p.entities for p in parsed}, model=spec.model)
    sentences, entities, linked = [], [], []
    for p in parsed:
        tones = score_sentences([text_of[p.article_id][s:e] for s, e in p.sentences])
        sentences += [(p.article_id, s, e, t) for (s, e), t in zip(p.sentences, tones, strict=True)]
        entities += [(p.article_id, s, e, label) for s, e, label in p.entities]
        linked += [(p.article_id, *link) for link in links[p.article_id]]
    frames = {
        "sentences": pd.DataFrame(sentences, columns=["article_id", "start", "end", "tone"]),
        "entities": pd.DataFrame(entities, columns=["article_id", "start", "end", "label"]),
        "links": pd.DataFrame(linked, columns=LINK_COLUMNS),
    }
    for name, frame in frames.items():
        shards.write_stage(root, spec.shard, name, frame)
    counts = {name: len(frame) for name, frame in frames.items()}
    if spec.relate_id:
        found = [extracted_of(p.article_id, p.relate) for p in parsed]
        related = relate_frames(found)
        for name, frame in related.items():
            shards.write_stage(root, spec.shard, name, frame)
        counts["relate"] = {name: len(frame) for name, frame in related.items()}
        counts["relate"]["skipped"] = skipped_runs(found)
    return counts


def parsed_articles(root, shard: str) -> list[Parsed]:
    """The parse stage of a shard read back as one Parsed per article (in the shard's order)."""
    texts = shards.read_texts(root, shard)
    out = {aid: Parsed(aid, [], []) for aid in texts["article_id"]}
    sents = shards.read_stage(root, shard, "sentences")
    for aid, s, e in zip(sents["article_id"], sents["start"], sents["end"], strict=True):
        out[aid].sentences.append((int(s), int(e)))
    ents = shards.read_stage(root, shard, "entities")
    for aid, s, e, label in ents[["article_id", "start", "end", "label"]].itertuples(index=False):
        out[aid].entities.append((int(s), int(e), label))
    links = shards.read_stage(root, shard, "links")
    for row in links.itertuples(index=False):
        out[row.article_id].links.append(tuple(int(x) for x in row[1:]))
    return list(out.values())


def _relate(spec: ShardSpec, root, texts: pd.DataFrame) -> dict:
    """Quote and relation spans of the shard's articles, from its sentence and entity columns."""
    parsed = parsed_articles(root, spec.shard)
    found = extract_articles(
        list(zip(texts["article_id"], texts["text"], strict=True)),
        {p.article_id: p.sentences for p in parsed},
        {p.article_id: p.entities for p in parsed},
        model=spec.model, n_process=spec.n_process,
    )  # fmt: skip
    frames = relate_frames(found.values())
    for name, frame in frames.items():
        shards.write_stage(root, spec.shard, name, frame)
    return {name: len(frame) for name, frame in frames.items()} | {
        "skipped": skipped_runs(found.values())
    }


def relate_notices(records: dict[str, dict]) -> list[Reject]:
    """One notice per shard whose quote or relation rules failed on some sentence runs."""
    out = []
    for name, record in sorted(records.items()):
        skipped = record.get("relate", {}).get("skipped") or {}
        if skipped.get("runs"):
            first = "; ".join(skipped["first"][:3])
            out.append(Reject(f"shard {name}", f"{skipped['runs']} sentence runs",
                              f"quotes/relations skipped there (a rule failed): {first}"))  # fmt: skip
    return out


def skipped_runs(found, keep: int = 20) -> dict:
    """How many sentence runs a quote or relation rule failed on, and the first few, by article
    (recorded in the shard's manifest; the build tells the user)."""
    runs = [(item.article_id, why) for item in found for why in item.skipped]
    return {"runs": len(runs), "first": [f"{aid}: {why}" for aid, why in runs[:keep]]}


def _resolve(root, spec: ShardSpec, texts: pd.DataFrame) -> int:
    """Per-article resolution of the shard's spans (the corpus-wide steps come in the tables)."""
    registry = load_registry()
    text_of = dict(zip(texts["article_id"], texts["text"], strict=True))
    dates = texts["date"] if "date" in texts else pd.Series("", index=texts.index)
    date_of = dict(zip(texts["article_id"], dates.fillna("").astype(str), strict=True))
    rows = [
        tuple(getattr(m, f) for f in MENTION_FIELDS)
        for p in parsed_articles(root, spec.shard)
        for m in resolve_article(
            p.article_id, text_of[p.article_id], p, registry, date=date_of[p.article_id]
        )
    ]
    shards.write_stage(root, spec.shard, "mentions", pd.DataFrame(rows, columns=MENTION_FIELDS))
    return len(rows)


def _tone(root, spec: ShardSpec, texts: pd.DataFrame, advance) -> int:
    """Targeted tone of every mention of the shard, reusing scores the shard already has."""
    path = shards.stage_path(root, spec.shard, tone_stage(spec))
    known = pd.read_parquet(path) if path.exists() else pd.DataFrame(columns=["article_id"])
    cache = {
        (a, int(s), int(e)): float(v)
        for a, s, e, v in known[["article_id", "start", "end", "score"]].itertuples(index=False)
    } if len(known) else {}  # fmt: skip
    mentions = shards.read_stage(root, spec.shard, "mentions")
    sents = shards.read_stage(root, spec.shard, "sentences")
    text_of = dict(zip(texts["article_id"], texts["text"], strict=True))
    starts: dict[str, list[tuple[int, int]]] = {}
    for aid, s, e in zip(sents["article_id"], sents["start"], sents["end"], strict=True):
        starts.setdefault(aid, []).append((int(s), int(e)))
    groups = list(mentions.groupby("article_id", sort=False))
    rows = []
    known_items: dict[tuple[str, int, int], float] = {}  # syndicated copies are scored once
    # Articles go to the model TONE_ARTICLES at a time: one call keeps both cores busy over many
    # sentences; a score depends only on its own (sentence, span), never on the batch.
    for first in range(0, len(groups), TONE_ARTICLES):
        chunk = groups[first : first + TONE_ARTICLES]
        todo, items = [], []
        for aid, group in chunk:
            for s, e, sid in zip(group["start"], group["end"], group["sentence_id"], strict=True):
                key = (aid, int(s), int(e))
                if key in cache:
                    continue
                s0, e0 = starts[aid][int(sid)]
                text = text_of[aid][s0:e0]
                begin = max(0, key[1] - s0)
                item = (text, begin, max(min(len(text), key[2] - s0), begin + 1))
                if item in known_items:
                    cache[key] = known_items[item]
                    continue
                items.append(item)
                todo.append(key)
        if items:
            scores = _tone_model(spec.threads).tone_scores(items).tolist()
            cache.update(zip(todo, scores, strict=True))
            known_items.update(zip(items, scores, strict=True))
        for aid, group in chunk:
            keys = zip(group["start"], group["end"], strict=True)
            rows += [(aid, s, e, cache[aid, s, e]) for s, e in dict.fromkeys(map(_ints, keys))]
            advance()
    frame = pd.DataFrame(rows, columns=["article_id", "start", "end", "score"])
    shards.write_stage(root, spec.shard, tone_stage(spec), frame)
    return len(mentions)


def _ints(pair) -> tuple[int, int]:
    return int(pair[0]), int(pair[1])


@lru_cache(maxsize=2)
def _tone_model(threads: int | None):
    """The targeted tone model, once per process; with `threads`, ONNX runs on that many."""
    from analysis.tone.target import TargetToneModel, load_default_model

    return load_default_model() if threads is None else TargetToneModel.load(threads=threads)
