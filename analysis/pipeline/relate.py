"""The relate step of a build (opt-in, `build --relate`): quote and relation spans per article.

It runs after the shards, on the sentence and entity columns they stored, and parses (cached in
the output folder) only the sentences that can hold a quote or a relation. Off, the build passes
no spans and the quotes/relations tables are written empty with their columns.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

from analysis.config import Settings
from analysis.relate.cache import cache_key, load_relate_cache, save_relate_cache
from analysis.relate.extract import Extracted, extract_articles
from analysis.relate.lexicon import load_lexicon
from analysis.store import shards


def shard_entities(root: Path, owner: dict[str, str], ids: set[str]) -> dict[str, list]:
    """(start, end, label) entity spans per article, read from the shard that owns it."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for aid in ids:
        if aid in owner:
            wanted[owner[aid]].add(aid)
    found: dict[str, list] = defaultdict(list)
    for shard, keep in wanted.items():
        frame = shards.read_stage(root, shard, "entities")
        frame = frame[frame["article_id"].isin(keep)]
        for aid, s, e, label in frame[["article_id", "start", "end", "label"]].itertuples(
            index=False
        ):
            found[aid].append((int(s), int(e), label))
    return found


def run_relate(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    root: Path,
    owner: dict[str, str],
    out: Path,
    settings: Settings,
    model: str,
) -> dict[str, Extracted]:
    """Spans per analysed article; articles already in the relate cache are not parsed again."""
    lexicon = load_lexicon()
    key = cache_key(model, lexicon)
    cached = load_relate_cache(out, key)
    ids = [aid for aid in articles["article_id"] if aid in owner]
    todo = {aid for aid in ids if aid not in cached}
    if todo:
        texts = dict(zip(articles["article_id"], articles["text"], strict=True))
        spans: dict[str, list] = defaultdict(list)
        rows = sentences[sentences["article_id"].isin(todo)]
        for aid, s, e in rows[["article_id", "start", "end"]].itertuples(index=False):
            spans[aid].append((int(s), int(e)))
        fresh = extract_articles(
            [(aid, texts[aid]) for aid in ids if aid in todo],
            spans,
            shard_entities(root, owner, todo),
            model=settings.model,
            lexicon=lexicon,
            n_process=settings.n_process,
        )
        cached.update(fresh)
        save_relate_cache(out, key, cached)
    return {aid: cached[aid] for aid in ids}
