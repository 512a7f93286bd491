"""Build the output tables from articles and spaCy's spans: the spaCy-free part of a build.

Every aggregate is computed from the mentions table itself, so an actor's `mentions` and
`articles`, and an edge's `sentences` and `articles`, equal what mentions.csv implies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.knowledge.registry import Registry, name_key
from analysis.nlp.parse import Parsed
from analysis.relate.extract import Extracted
from analysis.resolve.actors import resolve_article
from analysis.resolve.affiliation import affiliation_votes, plausible_affiliations
from analysis.resolve.corpus import mentions_frame, resolve_corpus, vote_types
from analysis.resolve.overrides import Overrides, apply_overrides
from analysis.schema import ACTORS, MENTIONS, SENTENCES
from analysis.tables.articles import build_articles
from analysis.tables.cooccurrence import build_cooccurrence
from analysis.tables.relations import actor_totals, build_relate_tables
from analysis.tone.sentence import ToneMode, mention_tone

ALIAS_SEPARATOR = "; "


def build_sentences(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentence rows with their number in the article, date and text; `sentences` holds
    article_id, start, end and tone, in article order."""
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    dates = dict(zip(articles["article_id"], articles["date"], strict=True))
    ids, starts, ends = (sentences[c].tolist() for c in ("article_id", "start", "end"))
    frame = pd.DataFrame(
        {
            "article_id": ids,
            "sentence_id": sentences.groupby("article_id", sort=False).cumcount().to_numpy(),
            "start": starts,
            "end": ends,
            "date": [dates[a] for a in ids],
            "text": [texts[a][s:e] for a, s, e in zip(ids, starts, ends, strict=True)],
        }
    )
    frame["tone"] = pd.Series(sentences["tone"].to_numpy(), dtype=float).round(4)
    return frame[list(SENTENCES)]


def build_mentions(
    articles: pd.DataFrame, resolved: pd.DataFrame, names: dict[str, str]
) -> pd.DataFrame:
    """The mentions table (before overrides and tone) from resolved per-article mentions."""
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    dates = dict(zip(articles["article_id"], articles["date"], strict=True))
    ids, starts, ends = (resolved[c].tolist() for c in ("article_id", "start", "end"))
    return pd.DataFrame(
        {
            "article_id": ids,
            "sentence_id": resolved["sentence_id"].tolist(),
            "start": starts,
            "end": ends,
            "text": [texts[a][s:e] for a, s, e in zip(ids, starts, ends, strict=True)],
            "label": resolved["label"].tolist(),
            "actor": [names[k] for k in resolved["key"].tolist()],
            "actor_type": resolved["actor_type"].tolist(),
            "date": [dates[a] for a in ids],
            "hint": resolved["affiliation_hint"].tolist(),
        }
    )


def summarise_actors(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per actor (the index): mentions, articles, tone and its spread, first and last date, and
    the aliases seen (most frequent first). Shared by the build and the dashboard's filters, so
    an actor's figures are computed one way everywhere.

    The figures of `groupby("actor").agg(first type, size, nunique articles, mean and std tone,
    min and max date)`, on integer codes (actors in name order, dates in date order): pandas for
    the tone only (its sums are compensated, in row order), numpy for counts, first and bounds.
    """
    actors, names = pd.factorize(mentions["actor"], sort=True)
    rows = np.flatnonzero(actors >= 0)  # a groupby leaves out missing keys
    actors, n = actors[rows].astype(np.int64), len(names)
    tone = pd.Series(mentions["tone"].to_numpy(dtype=float)[rows]).groupby(actors, sort=True)
    articles = pd.factorize(mentions["article_id"])[0][rows]
    seen, width = articles >= 0, int(articles.max(initial=0)) + 1
    in_articles = np.unique(actors[seen] * width + articles[seen])  # each (actor, article) once
    dates = mentions["date"].iloc[rows]
    dated = dates.notna().to_numpy() & (dates != "").to_numpy(dtype=bool)
    date_codes, date_values = pd.factorize(dates.where(dated), sort=True)
    first, last = np.full(n, len(date_values)), np.full(n, -1)
    np.minimum.at(first, actors[dated], date_codes[dated])
    np.maximum.at(last, actors[dated], date_codes[dated])
    last[last < 0] = len(date_values)
    date_values = date_values.append(pd.Index([""], dtype=date_values.dtype))  # no date: ""
    out = pd.DataFrame(
        {
            "mentions": np.bincount(actors, minlength=n),
            "articles": np.bincount(in_articles // width, minlength=n),
            "tone": tone.mean().to_numpy(),
            "tone_sd": tone.std().to_numpy(),
            "first_date": date_values.take(first).array,
            "last_date": date_values.take(last).array,
        },
        index=pd.Index(names.tolist(), name="actor"),  # a groupby infers the type of its keys
    )
    types = mentions["actor_type"]  # the first type seen, typed as the column (as `first` does)
    first_type = pd.Series(_first_of_each(types.iloc[rows], actors, n), index=out.index)
    out.insert(0, "actor_type", first_type.astype(types.dtype))
    codes = np.full(len(mentions), -1)
    codes[rows] = actors
    out["aliases"] = _aliases(mentions["text"], codes, names)
    out["tone"] = out["tone"].round(4)
    out["tone_sd"] = out["tone_sd"].fillna(0.0).round(4)
    return out


def _first_of_each(values: pd.Series, groups: np.ndarray, n: int) -> np.ndarray:
    """The first non-missing value of each group 0..n-1 (None where it has none)."""
    codes, uniques = pd.factorize(values)
    known = np.flatnonzero(codes >= 0)
    found, at = np.unique(groups[known], return_index=True)
    pick = np.full(n, len(uniques))
    pick[found] = codes[known[at]]
    return np.r_[uniques.to_numpy(dtype=object), None][pick]


def _aliases(texts: pd.Series, actors: np.ndarray, names: pd.Index) -> pd.Series:
    """Each actor's distinct spellings (`texts` of its mentions) joined with ALIAS_SEPARATOR, most
    used first, ties in the order first seen; `actors` codes the actor of each row in `names`.

    On integer codes: one np.unique counts every (actor, spelling) and finds where it is first
    seen, a lexsort orders them, and the spellings are joined per run of an actor. A groupby
    agg(str.join) does the same in 70 ms on the demo corpus, this in 4.
    """
    spellings, _ = pd.factorize(texts)
    seen = np.flatnonzero((actors >= 0) & (spellings >= 0))
    pair = actors[seen].astype(np.int64) * (spellings.max(initial=0) + 1) + spellings[seen]
    _, first, counts = np.unique(pair, return_index=True, return_counts=True)
    first = seen[first]
    rows = first[np.lexsort((first, -counts, actors[first]))]  # by actor, most used, first seen
    keys, spelled = actors[rows], texts.iloc[rows].tolist()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(rows) else rows
    ends = [*starts[1:].tolist(), len(rows)]
    joined = [
        ALIAS_SEPARATOR.join(spelled[s:e]) for s, e in zip(starts.tolist(), ends, strict=True)
    ]
    return pd.Series(joined, index=names.take(keys[starts]))


def build_actors(
    mentions: pd.DataFrame,
    links: dict[str, list],
    registry: Registry,
    overrides: Overrides,
    *,
    texts: dict[str, str] | None = None,
) -> pd.DataFrame:
    if mentions.empty:
        return pd.DataFrame(columns=list(ACTORS))
    actors = summarise_actors(mentions)
    votes = affiliation_votes(mentions, links, texts=texts, registry=registry)
    hints = mentions[mentions["hint"] != ""][["actor", "hint"]].rename(
        columns={"hint": "affiliation"}
    )
    votes = pd.concat([votes, hints.assign(votes=1)], ignore_index=True)
    reaffiliated = {name_key(k): v for k, v in overrides.affiliations.items()}
    found = plausible_affiliations(
        votes.groupby(["actor", "affiliation"], as_index=False)["votes"].sum(),
        actors["articles"].to_dict(),
        registry,
    )
    chosen = [
        (reaffiliated[name_key(actor)], 0)
        if name_key(actor) in reaffiliated
        else found.get(actor) or (_registry_affiliation(registry, actor), 0)
        for actor in actors.index
    ]
    actors["affiliation"] = [a for a, _ in chosen]
    actors["affiliation_votes"] = np.array([n for _, n in chosen], dtype=np.int64)
    return actors.reset_index()[list(ACTORS)]


def _registry_affiliation(registry: Registry, actor: str) -> str:
    entry = registry.names.get(name_key(actor))
    return entry.affiliation if entry else ""


def compute_tables(
    articles: pd.DataFrame,
    parsed: Sequence[Parsed],
    sentence_tones,
    registry: Registry,
    *,
    overrides: Overrides | None = None,
    tone: ToneMode = "sentence",
    tone_cache: dict | None = None,
    relate: Mapping[str, Extracted] | None = None,
) -> dict[str, pd.DataFrame]:
    """The tables from Parsed records (tests, small inputs): columns made, then `tables_from`."""
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    spans = [(p.article_id, s, e) for p in parsed for s, e in p.sentences]
    sentences = pd.DataFrame(spans, columns=["article_id", "start", "end"])
    sentences["tone"] = pd.Series(sentence_tones, dtype=float)
    dates = dict(zip(articles["article_id"], articles["date"].fillna("").astype(str), strict=True))
    resolved = [
        m for p in parsed
        for m in resolve_article(p.article_id, texts[p.article_id], p, registry, date=dates[p.article_id])
    ]  # fmt: skip
    links = {p.article_id: p.links for p in parsed}
    frame, options = mentions_frame(resolved), {"tone": tone, "tone_cache": tone_cache}
    return tables_from(
        articles, sentences, frame, links, registry, overrides=overrides, relate=relate, **options
    )


def base_tables(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    resolved: pd.DataFrame,
    registry: Registry,
    *,
    signature: np.ndarray | None = None,
) -> dict[str, pd.DataFrame]:
    """What the tables hold before the alias file: the sentences table, the articles table and
    the mentions resolved corpus-wide (surnames joined, display names; types not yet voted).
    None of it depends on the alias file, and it is most of the table step's time."""
    sentences = build_sentences(articles, sentences)
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    resolved, names = resolve_corpus(resolved, registry, texts=texts)
    return {
        "sentences": sentences,
        "mentions": build_mentions(articles, resolved, names),
        "articles": build_articles(articles, sentences, signature),
    }


def tables_from(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    resolved: pd.DataFrame,
    links: dict[str, list],
    registry: Registry,
    *,
    overrides: Overrides | None = None,
    tone: ToneMode = "sentence",
    tone_cache: dict | None = None,
    relate: Mapping[str, Extracted] | None = None,
    signature: np.ndarray | None = None,
    base: Mapping[str, pd.DataFrame] | None = None,
) -> dict[str, pd.DataFrame]:
    """articles, sentences, mentions, actors, cooccurrence from columns (no spaCy here);
    quotes, relations and relations_summary from the spans in `relate` (empty without it).

    `sentences`: article_id, start, end, tone in article order; `resolved`: per-article
    mentions (MENTION_FIELDS); `links`: parse links per article; `tone_cache`: targeted scores
    by (article_id, start, end), which the shards computed (any missing one is scored here);
    `signature`: the articles' MinHash signatures (analysis.store.signatures), else computed;
    `base`: what `base_tables` returned for the same inputs (a build keeps it between alias edits,
    so an edit starts from the resolved mentions); `sentences` and `resolved` are then unused.
    """
    overrides = overrides or Overrides()
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    if base is None:
        base = base_tables(articles, sentences, resolved, registry, signature=signature)
    sentences = base["sentences"]
    mentions = apply_overrides(base["mentions"], overrides)
    types = vote_types(mentions, registry)
    retyped = {name_key(k): v for k, v in overrides.types.items()}
    types = {a: retyped.get(name_key(a), t) for a, t in types.items()}
    mentions["actor_type"] = mentions["actor"].map(types)
    mentions["tone"] = _tone(mentions, sentences, tone, tone_cache).round(4)
    actors = build_actors(mentions, links, registry, overrides, texts=texts)
    related = build_relate_tables(articles, mentions, sentences, actors, relate or {})
    actors = actor_totals(actors, related["quotes"], related["relations"])
    return {
        "articles": base["articles"],
        "sentences": sentences,
        "mentions": mentions[list(MENTIONS)].reset_index(drop=True),
        "actors": actors,
        "cooccurrence": build_cooccurrence(mentions, sentences, window="sentence"),
        **related,
    }


def _tone(mentions: pd.DataFrame, sentences: pd.DataFrame, mode: ToneMode, cache) -> pd.Series:
    """Mention tone: looked up when the shards scored every mention (no model loaded here)."""
    if mode == "target" and cache is not None:
        columns = [mentions[c].tolist() for c in ("article_id", "start", "end")]
        keys = zip(*columns, strict=True)
        scores = [cache.get(k) for k in keys]
        if None not in scores:
            return pd.Series(scores, index=mentions.index, name="tone", dtype=float)
    return mention_tone(mentions, sentences, mode=mode, cache=cache)
