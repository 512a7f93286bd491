"""The table step's input: the columns of every shard the corpus uses, in corpus order.

An article is read from the one shard that `owner` names, so an article that sits in two shards
(a corpus re-cut after a crash) counts once, and a shard's articles that left the corpus are
left out. Rows keep their order within an article; articles come in the corpus's order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.pipeline.shard import LINK_COLUMNS, ShardSpec, tone_stage
from analysis.relate import spans as relate_spans
from analysis.relate.extract import Extracted
from analysis.resolve.corpus import MENTION_FIELDS
from analysis.store import shards

SENTENCE_COLUMNS = ["article_id", "start", "end", "tone"]


@dataclass
class Columns:
    sentences: pd.DataFrame  # article_id, start, end, tone
    mentions: pd.DataFrame  # per-article mentions (analysis.resolve.corpus.MENTION_FIELDS)
    links: dict[str, list[tuple[int, int, int, int]]]
    scores: dict[tuple[str, int, int], float] | None  # targeted tone, when the build uses it
    relate: dict[str, Extracted] | None = None  # quote/relation spans, when the build finds them


def _read(root: Path, wanted: dict[str, list[str]], name: str, columns: list[str]) -> pd.DataFrame:
    frames = []
    for shard, ids in wanted.items():
        frame = shards.read_stage(root, shard, name)
        frames.append(frame[frame["article_id"].isin(ids)])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def _in_order(frame: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    if frame.empty:
        return frame
    position = frame["article_id"].map(order).to_numpy()
    return frame.iloc[position.argsort(kind="stable")].reset_index(drop=True)


def gather(
    root: Path, articles: pd.DataFrame, owner: dict[str, str], spec: ShardSpec, *, spans=True
) -> Columns:
    """`spans` False: no sentences and mentions (empty frames), when the build has its base."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for aid in articles["article_id"]:
        if aid in owner:  # an article kept out of NLP (its language) has no shard
            wanted[owner[aid]].append(aid)
    order = {aid: i for i, aid in enumerate(articles["article_id"])}
    sentences = pd.DataFrame(columns=SENTENCE_COLUMNS)
    mentions = pd.DataFrame(columns=MENTION_FIELDS)
    if spans:
        sentences = _in_order(_read(root, wanted, "sentences", SENTENCE_COLUMNS), order)
        mentions = _in_order(_read(root, wanted, "mentions", MENTION_FIELDS), order)
    links_frame = _in_order(_read(root, wanted, "links", LINK_COLUMNS), order)
    links: dict[str, list] = {}
    for row in links_frame.itertuples(index=False):
        links.setdefault(row.article_id, []).append(tuple(int(x) for x in row[1:]))
    scores = None
    if spec.tone == "target":
        tone = _read(root, wanted, tone_stage(spec), ["article_id", "start", "end", "score"])
        scores = {} if tone.empty else dict(
            zip(
                zip(tone["article_id"], tone["start"].astype(int), tone["end"].astype(int),
                    strict=True),
                tone["score"].astype(float), strict=True,
            )
        )  # fmt: skip
    relate = None
    if spec.relate_id:
        quotes = _read(root, wanted, relate_spans.QUOTES_STAGE, relate_spans.QUOTE_COLUMNS)
        relations = _read(root, wanted, relate_spans.RELATIONS_STAGE, relate_spans.RELATION_COLUMNS)
        ids = [aid for aid in articles["article_id"] if aid in owner]
        relate = relate_spans.extracted_from(quotes, relations, ids)
    return Columns(sentences, mentions, links, scores, relate)
