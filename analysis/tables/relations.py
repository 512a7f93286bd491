"""quotes, relations and relations_summary tables, and the actor totals they add to actors.

Built from cached spans (analysis.relate) and the mentions table of this build, so speakers,
sources and targets follow the alias file. Every count is taken from the rows: an edge's
`relations` is the number of relations.csv rows with its (source, target, quad, event).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping

import pandas as pd

from analysis.relate.extract import Extracted
from analysis.relate.lexicon import Lexicon, load_lexicon
from analysis.relate.rows import ArticleActors, Named, quote_rows, relation_rows
from analysis.schema import ACTOR_TOTALS, QUOTES, RELATIONS, RELATIONS_SUMMARY


def build_relate_tables(
    articles: pd.DataFrame,
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    actors: pd.DataFrame,
    extracted: Mapping[str, Extracted],
    *,
    lexicon: Lexicon | None = None,
) -> dict[str, pd.DataFrame]:
    """quotes, relations and relations_summary frames (empty, with their columns, when none)."""
    lexicon = lexicon or load_lexicon()
    affiliation = dict(zip(actors["actor"], actors["affiliation"], strict=True))
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    dates = dict(zip(articles["article_id"], articles["date"], strict=True))
    wanted = {aid for aid, f in extracted.items() if aid in texts and (f.quotes or f.relations)}
    by_article: dict[str, list[Named]] = defaultdict(list)  # one pass over whole columns
    columns = [mentions[c].tolist() for c in ("article_id", "start", "end", "actor")]
    columns += [mentions[c].tolist() for c in ("actor_type", "label")]
    for aid, s, e, actor, kind, label in zip(*columns, strict=True):
        if aid in wanted:
            by_article[aid].append(Named(int(s), int(e), actor, kind, label))
    starts: dict[str, list[int]] = defaultdict(list)
    for aid, s in zip(sentences["article_id"].tolist(), sentences["start"].tolist(), strict=True):
        if aid in wanted:
            starts[aid].append(s)
    quotes, relations = [], []
    for aid, found in extracted.items():
        if aid not in wanted:
            continue
        people = ArticleActors(by_article.get(aid, []), affiliation)
        firsts = starts.get(aid) or [0]

        def sentence_of(pos: int, firsts=firsts) -> int:
            return max(0, bisect.bisect_right(firsts, pos) - 1)

        q = quote_rows(aid, texts[aid], found, people, sentence_of)
        r = relation_rows(aid, texts[aid], found, people, sentence_of, q, lexicon=lexicon)
        for row in q + r:
            row["date"] = dates[aid]
        quotes += q
        relations += r
    quotes_frame = pd.DataFrame(quotes, columns=list(QUOTES))
    relations_frame = pd.DataFrame(relations, columns=list(RELATIONS))
    for col in ("negated", "hypothetical"):
        relations_frame[col] = relations_frame[col].astype(bool)
    return {
        "quotes": quotes_frame,
        "relations": relations_frame,
        "relations_summary": summarise_relations(relations_frame),
    }


def summarise_relations(relations: pd.DataFrame) -> pd.DataFrame:
    """One row per directed (source, target, quad, event): counts, mean tone, date range."""
    if relations.empty:
        return pd.DataFrame(columns=list(RELATIONS_SUMMARY))
    dated = relations["date"].where(relations["date"] != "")
    grouped = relations.assign(dated=dated).groupby(["source", "target", "quad", "event"])
    out = grouped.agg(
        relations=("relation_id", "size"),
        articles=("article_id", "nunique"),
        tone=("tone", "mean"),
        first_date=("dated", "min"),
        last_date=("dated", "max"),
    ).reset_index()
    out["tone"] = out["tone"].round(4)
    out[["first_date", "last_date"]] = out[["first_date", "last_date"]].fillna("")
    out = out.sort_values(["relations", "source", "target"], ascending=[False, True, True])
    return out[list(RELATIONS_SUMMARY)].reset_index(drop=True)


def actor_totals(
    actors: pd.DataFrame, quotes: pd.DataFrame, relations: pd.DataFrame
) -> pd.DataFrame:
    """`actors` with quotes_given, quoted_about, relations_out and relations_in (0 when none)."""
    about = quotes["about"].str.split("; ").explode()
    counts = {
        "quotes_given": quotes["speaker"][quotes["speaker"] != ""].value_counts(),
        "quoted_about": about[about.fillna("") != ""].value_counts(),
        "relations_out": relations["source"].value_counts(),
        "relations_in": relations["target"].value_counts(),
    }
    out = actors.copy()
    for col in ACTOR_TOTALS:
        out[col] = out["actor"].map(counts[col]).fillna(0).astype(int)
    return out


def filter_relate(
    quotes: pd.DataFrame,
    relations: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    actors: tuple[str, ...] = (),
) -> dict[str, pd.DataFrame]:
    """Quotes and relations of the filtered `articles` (dates, text query and actors have chosen
    them); with `actors`, only quotes by or about them and relations from or to them. The
    summary is recomputed from the rows kept, so its counts equal them."""
    ids = set(articles["article_id"])
    quotes = quotes[quotes["article_id"].isin(ids)]
    relations = relations[relations["article_id"].isin(ids)]
    if actors:
        chosen = set(actors)
        about = quotes["about"].str.split("; ").map(lambda names: bool(chosen & set(names)))
        quotes = quotes[quotes["speaker"].isin(chosen) | about.astype(bool)]
        relations = relations[relations["source"].isin(chosen) | relations["target"].isin(chosen)]
    return {
        "quotes": quotes.reset_index(drop=True),
        "relations": relations.reset_index(drop=True),
        "relations_summary": summarise_relations(relations),
    }
