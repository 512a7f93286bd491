"""A build: corpus files in, tables out. The only place that runs spaCy over a corpus.

Load the corpus, find the articles no finished shard holds, cut them into shards (their texts go
to the store), run the shards (analysis.pipeline.engine), then the table step on the columns of
every shard the corpus uses. One build per output folder at a time (analysis.store.lock).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from analysis import store
from analysis.config import ALIAS_FILE, TABLES_VERSION, Settings
from analysis.ingest.corpus import Corpus, Reject, kept_out, load_corpus
from analysis.knowledge.history import DATA as STATES_FILE
from analysis.knowledge.registry import DATA as REGISTRY_FILE
from analysis.knowledge.registry import load_registry
from analysis.nlp.parse import model_id_for
from analysis.pipeline.engine import choose_engine, run_shards
from analysis.pipeline.gather import gather
from analysis.pipeline.shard import ShardSpec, is_done, relate_notices
from analysis.pipeline.write import write_outputs
from analysis.query.files import query_files_current, write_query_files
from analysis.relate.lexicon import DATA as LEXICON_FILE
from analysis.resolve.overrides import load_overrides
from analysis.schema import REJECTS
from analysis.store import lock, shards
from analysis.store.base import read_base, write_base
from analysis.store.signatures import cached_signatures
from analysis.tables.build import base_tables, tables_from
from analysis.tone.sentence import target_model_id

Progress = Callable[[int, int], None]  # (articles parsed and toned, articles to do)
Stage = Callable[[str], None]  # what the build is doing now, in a few words
SHARD_SIZE = 400
ANALYSIS = Path(__file__).resolve().parents[1]


@dataclass
class BuildReport:
    out: Path
    articles: int = 0
    undated: int = 0
    rejects: int = 0
    parsed: int = 0  # articles spaCy ran on in this build (0 when all came from the cache)
    shards: int = 0  # shards run in this build (parsed, or re-resolved / re-toned)
    engine: str = ""
    workers: int = 0  # local Dask workers (0: in this process or on a given scheduler)
    up_to_date: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: list[Reject] = field(default_factory=list)  # inputs skipped, with the reason
    notices: list[Reject] = field(default_factory=list)  # inputs kept with a remark (undated)


def corpus_frame(corpus: Corpus) -> pd.DataFrame:
    columns = [
        "article_id", "date", "title", "source", "url", "source_id", "path", "language", "text",
    ]  # fmt: skip
    rows = [[getattr(a, c) for c in columns] for a in corpus.articles]
    return pd.DataFrame(rows, columns=columns)


def rejects_frame(corpus: Corpus) -> pd.DataFrame:
    rows = [(r.path, r.location, r.reason) for r in corpus.rejects]
    return pd.DataFrame(rows, columns=list(REJECTS))


def alias_path(out: Path, settings: Settings) -> Path:
    return Path(settings.aliases) if settings.aliases else Path(out) / ALIAS_FILE


def _code_hash(folders: Sequence[str], extra: Sequence[Path] = ()) -> str:
    digest = hashlib.sha1()
    for name in folders:
        for path in sorted((ANALYSIS / name).glob("*.py")):
            digest.update(path.read_bytes())
    for path in extra:
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:12]


def resolve_id() -> str:
    """Identity of per-article resolution: its code, the registry and the schema."""
    extra = [REGISTRY_FILE, STATES_FILE, ANALYSIS / "schema.py"]
    return _code_hash(["resolve", "knowledge"], extra)


def relate_id(model: str) -> str:
    """Identity of a shard's relate stage: its code, the lexicon file and the spaCy model."""
    return f"{model}-{_code_hash(['relate'], [LEXICON_FILE])}"


def fingerprint(
    article_ids: Sequence[str], model: str, settings: Settings, aliases: Path | None
) -> str:
    """What the tables are made of; `aliases` None: all but the alias file (the base's key)."""
    digest = hashlib.sha1()
    tone = settings.tone + (target_model_id() if settings.tone == "target" else "")
    parts = [TABLES_VERSION, model, tone, str(settings.escape_csv), str(settings.relate)]
    for part in [*parts, *sorted(article_ids)]:
        digest.update(part.encode() + b"\0")
    code = ["", "pipeline", "store", "tables", "resolve", "knowledge", "nlp", "tone", "ingest"]
    code += ["relate"]
    files = [REGISTRY_FILE, STATES_FILE, LEXICON_FILE, *([aliases] if aliases else [])]
    digest.update(_code_hash(code, files).encode())  # a code change redoes
    return digest.hexdigest()


def known_languages(out: Path) -> dict[str, str]:
    """Article id -> language from the previous build's articles table (empty when none)."""
    path = Path(out) / "articles.parquet"
    try:
        frame = pd.read_parquet(path, columns=["article_id", "language"])
    except (OSError, ValueError, KeyError):  # no build yet, or one from before the column
        return {}
    return dict(zip(frame["article_id"], frame["language"], strict=True))


def analysed(articles: pd.DataFrame) -> pd.Series:
    """Articles in a language the model reads (the others are listed, never parsed as English)."""
    return ~articles["language"].map(kept_out).astype(bool)


def plan(
    articles: pd.DataFrame, root: Path, *, size: int
) -> tuple[dict[str, str], list[pd.DataFrame]]:
    """(article -> the finished-parse shard that holds it, new shards of the other articles)."""
    owner: dict[str, str] = {}
    for name, record in shards.read_manifests(root).items():
        if "parse" in record:
            for aid in record["articles"]:
                owner.setdefault(aid, name)
    todo = articles[~articles["article_id"].isin(owner) & analysed(articles)]
    todo = todo[["article_id", "date", "text"]]
    return owner, [todo.iloc[i : i + size] for i in range(0, len(todo), size)]


def build(
    paths: Sequence[Path | str],
    out: Path,
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    stage: Stage | None = None,
    force: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    shard_size: int = SHARD_SIZE,
) -> BuildReport:
    """Load, parse (in shards, cached), resolve and write every table to `out`.

    `workers`: 0 runs the shards in this process, N on a local Dask cluster of N workers, None
    decides by corpus size; `scheduler` (tcp://host:8786) runs them on an existing cluster.
    Raises lock.BuildRunning when another build of `out` is running.
    """
    if shard_size < 1:
        raise ValueError(f"shard_size must be >= 1, not {shard_size}")
    out = Path(out)
    with lock.BuildLock(out):
        try:
            return _build(
                paths, out, settings or Settings(), progress=progress, stage=stage,
                force=force, workers=workers, scheduler=scheduler, shard_size=shard_size,
            )  # fmt: skip
        except BaseException as exc:
            lock.write_status(out, state="failed", error=f"{type(exc).__name__}: {exc}")
            raise


def _build(paths, out: Path, settings: Settings, *, progress, stage, force, workers, scheduler,
           shard_size) -> BuildReport:  # fmt: skip
    say = stage or (lambda _text: None)
    report = BuildReport(out=out)
    clock = time.perf_counter()
    lock.write_status(out, state="running", stage="loading the corpus", done=0, total=0,
                      started=time.time(), error="")  # fmt: skip
    say("loading the corpus")
    corpus = load_corpus(paths, options=settings.inputs, languages=known_languages(out))
    articles = corpus_frame(corpus)
    report.articles, report.rejects = len(articles), len(corpus.rejects)
    report.skipped, report.notices = list(corpus.rejects), list(corpus.notices)
    report.undated = int((articles["date"] == "").sum()) if len(articles) else 0
    report.seconds["load"] = time.perf_counter() - clock
    aliases = alias_path(out, settings)
    # every article field but the text (the id is its hash): a changed date order or column
    # mapping redoes the tables
    fields = articles.drop(columns="text").astype(str)
    stamps = fields.iloc[:, 0]
    for column in fields.columns[1:]:  # as "\0".join per row, without a Python call per row
        stamps = stamps + "\0" + fields[column]
    stamps = stamps.tolist()
    key = fingerprint(stamps, settings.model or "default", settings, aliases)
    if (
        not force
        and store.read_json(out / "build.json").get("fingerprint") == key
        and (out / "mentions.parquet").exists()
    ):
        if not query_files_current(out):  # a build from before the query files (or their layout)
            write_query_files(out, store.read_tables(out))
        report.up_to_date = True
        lock.write_status(out, state="done", stage="up to date", done=0, total=0)
        return report
    clock = time.perf_counter()
    model = model_id_for(settings.model)
    root = shards.cache_root(out, model)
    owner, _ = plan(articles, root, size=shard_size)
    pending = int((~articles["article_id"].isin(owner) & analysed(articles)).sum())
    engine, n_workers = choose_engine(pending, workers=workers, scheduler=scheduler)
    if engine == "local":  # enough shards that every worker stays busy to the end
        shard_size = max(1, min(shard_size, math.ceil(pending / (4 * n_workers))))
    owner, fresh = plan(articles, root, size=shard_size)
    for part in fresh:
        name = shards.shard_id(list(part["article_id"]))
        shards.write_texts(root, name, part)
        owner.update(dict.fromkeys(part["article_id"], name))
    spec = ShardSpec(
        out=str(out), model_id=model, shard="", model=settings.model, resolve_id=resolve_id(),
        tone=settings.tone, tone_id=target_model_id() if settings.tone == "target" else "",
        n_process=settings.n_process, relate_id=relate_id(model) if settings.relate else "",
    )  # fmt: skip
    records = shards.read_manifests(root)
    used = sorted(set(owner.values()))
    specs = [s for s in (_spec(spec, name) for name in used) if not is_done(records[s.shard], s)]
    sizes = {s.shard: len(records[s.shard]["articles"]) for s in specs}
    total = sum(sizes.values())
    report.engine, report.shards = (engine if specs else ""), len(specs)
    report.workers = n_workers if specs else 0

    step, last = max(1, total // 200), [-1]

    def tell(done: int) -> None:  # the status file is rewritten every 0.5 %, not per article
        if done - last[0] >= step or done >= total:
            last[0] = done
            lock.write_status(out, stage="parsing and scoring tone", done=done, total=total)
        if progress:
            progress(done, total)

    say(f"analysing {total} articles in {len(specs)} shards ({engine})" if specs else "cached")
    results = run_shards(
        specs, sizes, engine=engine, workers=n_workers, scheduler=scheduler, progress=tell
    )
    report.parsed = sum(r["parsed"] for r in results)
    kept = set(used)
    report.notices += relate_notices(
        {n: r for n, r in shards.read_manifests(root).items() if n in kept}
    )
    report.seconds["nlp"] = time.perf_counter() - clock
    clock = time.perf_counter()
    say("reading the shards")
    lock.write_status(out, stage="building the tables")
    base_key = fingerprint(stamps, settings.model or "default", settings, None)
    base = read_base(out, base_key)
    columns = gather(root, articles, owner, spec, spans=base is None)
    if base is None:
        say("resolving actors across the corpus")
        base = base_tables(
            articles, columns.sentences, columns.mentions, load_registry(),
            signature=cached_signatures(out, articles["article_id"], articles["text"]),
        )  # fmt: skip
        write_base(out, base_key, base)
    say("applying the alias file and building the tables")
    tables = tables_from(
        articles, columns.sentences, columns.mentions, columns.links, load_registry(),
        overrides=load_overrides(aliases), tone=settings.tone, tone_cache=columns.scores,
        relate=columns.relate, base=base,
    )  # fmt: skip
    tables["rejects"] = rejects_frame(corpus)
    report.seconds["tables"] = time.perf_counter() - clock
    clock = time.perf_counter()
    say("writing the tables and their query files")
    write_outputs(out, tables, base_key=base_key, escape=settings.escape_csv)
    report.seconds["write"] = time.perf_counter() - clock
    store.write_json(
        out / "build.json",
        {
            "fingerprint": key, "base": base_key, "model": model, "tone": settings.tone,
            "relate": settings.relate,
            "paths": [str(p) for p in paths], "articles": report.articles,
            "undated": report.undated, "rejects": report.rejects,
            "languages": corpus.languages(),
            "kept_out": sum(kept_out(a.language) for a in corpus.articles),
            "engine": report.engine, "workers": n_workers, "shards": report.shards,
            "seconds": {k: round(v, 2) for k, v in report.seconds.items()},
        },
    )  # fmt: skip
    lock.write_status(out, state="done", stage="done", done=total, total=total)
    return report


def _spec(base: ShardSpec, name: str) -> ShardSpec:
    return replace(base, shard=name)
