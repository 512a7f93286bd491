"""A build: corpus files in, tables out. The only place that runs spaCy over a corpus."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import store
from analysis.config import ALIAS_FILE, TABLES_VERSION, Settings
from analysis.ingest.corpus import Corpus, Reject, load_corpus
from analysis.knowledge.history import DATA as STATES_FILE
from analysis.knowledge.registry import DATA as REGISTRY_FILE
from analysis.knowledge.registry import load_registry
from analysis.nlp.casing import make_recaser
from analysis.nlp.links import find_links
from analysis.nlp.parse import Parsed, load_pipeline, model_id, parse_articles
from analysis.relate.cache import cache_key as relate_cache_key
from analysis.relate.cache import load_relate_cache, save_relate_cache
from analysis.relate.extract import Extracted, extract_articles
from analysis.relate.lexicon import DATA as LEXICON_FILE
from analysis.relate.lexicon import load_lexicon
from analysis.resolve.overrides import load_overrides
from analysis.schema import REJECTS
from analysis.tables.build import compute_tables
from analysis.tone.sentence import score_sentences, target_model_id

Progress = Callable[[int, int], None]  # (characters done, characters in all)


@dataclass
class BuildReport:
    out: Path
    articles: int = 0
    undated: int = 0
    rejects: int = 0
    parsed: int = 0  # articles spaCy ran on in this build (0 when all came from the cache)
    up_to_date: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: list[Reject] = field(default_factory=list)  # inputs skipped, with the reason
    notices: list[Reject] = field(default_factory=list)  # inputs kept with a remark (undated)


def corpus_frame(corpus: Corpus) -> pd.DataFrame:
    columns = ["article_id", "date", "title", "source", "url", "source_id", "path", "text"]
    rows = [[getattr(a, c) for c in columns] for a in corpus.articles]
    return pd.DataFrame(rows, columns=columns)


def rejects_frame(corpus: Corpus) -> pd.DataFrame:
    rows = [(r.path, r.location, r.reason) for r in corpus.rejects]
    return pd.DataFrame(rows, columns=list(REJECTS))


def alias_path(out: Path, settings: Settings) -> Path:
    return Path(settings.aliases) if settings.aliases else Path(out) / ALIAS_FILE


def fingerprint(article_ids: Sequence[str], model: str, settings: Settings, aliases: Path) -> str:
    digest = hashlib.sha1()
    tone = settings.tone + (target_model_id() if settings.tone == "target" else "")
    for part in [
        TABLES_VERSION,
        model,
        tone,
        str(settings.escape_csv),
        str(settings.relate),
        *sorted(article_ids),
    ]:
        digest.update(part.encode() + b"\0")
    code = sorted(
        Path(__file__).parent.rglob("*.py")
    )  # a code change (any stage, relate/ included) redoes the tables
    for path in [REGISTRY_FILE, STATES_FILE, LEXICON_FILE, aliases, *code]:
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


def run_nlp(
    articles: pd.DataFrame,
    out: Path,
    settings: Settings,
    *,
    progress: Progress | None = None,
) -> tuple[list[Parsed], list[float], str, int]:
    """Spans and sentence tones for every article, parsing only those the cache lacks."""
    nlp = load_pipeline(settings.model)
    model = model_id(nlp)
    cached, tones = store.load_nlp_cache(out, model)
    todo = [
        (a, t)
        for a, t in zip(articles["article_id"], articles["text"], strict=True)
        if a not in cached
    ]
    total, done = sum(len(t) for _, t in todo), 0

    def tick(chars: int) -> None:
        nonlocal done
        done += chars
        if progress:
            progress(done, total)

    recase = make_recaser(load_registry())
    fresh = list(
        parse_articles(nlp, todo, n_process=settings.n_process, progress=tick, recase=recase)
    )
    texts = dict(todo)
    links = find_links(todo, {p.article_id: p.entities for p in fresh}, model=settings.model)
    for p in fresh:
        p.links.extend(links[p.article_id])
        cached[p.article_id] = p
        tones[p.article_id] = score_sentences(
            [texts[p.article_id][s:e] for s, e in p.sentences]
        ).tolist()
    if fresh:
        store.save_nlp_cache(out, model, list(cached.values()), tones)
    parsed = [cached[a] for a in articles["article_id"]]
    flat = [t for p in parsed for t in tones[p.article_id]]
    return parsed, flat, model, len(fresh)


def run_relate(
    articles: pd.DataFrame, parsed: Sequence[Parsed], out: Path, settings: Settings, model: str
) -> dict[str, Extracted]:
    """Quote and relation spans per article, parsing (cached) only the sentences that need it."""
    lexicon = load_lexicon()
    key = relate_cache_key(model, lexicon)
    cached = load_relate_cache(out, key)
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    todo = [p for p in parsed if p.article_id not in cached]
    if todo:
        fresh = extract_articles(
            [(p.article_id, texts[p.article_id]) for p in todo],
            {p.article_id: p.sentences for p in todo},
            {p.article_id: p.entities for p in todo},
            model=settings.model,
            lexicon=lexicon,
            n_process=settings.n_process,
        )
        cached.update(fresh)
        save_relate_cache(out, key, cached)
    return {p.article_id: cached[p.article_id] for p in parsed}


def build(
    paths: Sequence[Path | str],
    out: Path,
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    force: bool = False,
) -> BuildReport:
    """Load, parse (cached), resolve and write every table to `out`."""
    out = Path(out)
    settings = settings or Settings()
    report = BuildReport(out=out)
    clock = time.perf_counter()
    corpus = load_corpus(paths)
    articles = corpus_frame(corpus)
    report.articles, report.rejects = len(articles), len(corpus.rejects)
    report.skipped, report.notices = list(corpus.rejects), list(corpus.notices)
    report.undated = int((articles["date"] == "").sum()) if len(articles) else 0
    report.seconds["load"] = time.perf_counter() - clock
    aliases = alias_path(out, settings)
    meta = store.read_json(out / "build.json")
    model_name = settings.model or "default"
    key = fingerprint(list(articles["article_id"]), model_name, settings, aliases)
    if not force and meta.get("fingerprint") == key and (out / "mentions.parquet").exists():
        report.up_to_date = True
        return report
    clock = time.perf_counter()
    parsed, tones, model, report.parsed = run_nlp(articles, out, settings, progress=progress)
    report.seconds["nlp"] = time.perf_counter() - clock
    clock = time.perf_counter()
    relate = run_relate(articles, parsed, out, settings, model) if settings.relate else None
    report.seconds["relate"] = time.perf_counter() - clock
    clock = time.perf_counter()
    tone_cache, tone_model = None, ""
    if settings.tone == "target":
        tone_model = target_model_id()
        tone_cache = store.load_tone_cache(out, model, tone_model)
    known = len(tone_cache or ())
    tables = compute_tables(
        articles,
        parsed,
        tones,
        load_registry(),
        overrides=load_overrides(aliases),
        tone=settings.tone,
        tone_cache=tone_cache,
        relate=relate,
    )
    if tone_cache is not None and len(tone_cache) > known:
        store.save_tone_cache(out, model, tone_model, tone_cache)
    tables["rejects"] = rejects_frame(corpus)
    report.seconds["tables"] = time.perf_counter() - clock
    clock = time.perf_counter()
    store.write_tables(tables, out, escape=settings.escape_csv)
    report.seconds["write"] = time.perf_counter() - clock
    store.write_json(
        out / "build.json",
        {
            "fingerprint": key,
            "model": model,
            "tone": settings.tone,
            "paths": [str(p) for p in paths],
            "articles": report.articles,
            "undated": report.undated,
            "rejects": report.rejects,
        },
    )
    return report
