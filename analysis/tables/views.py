"""Views the pages show, derived from tables that `analysis.tables.filters.apply_filters` narrowed:
the evidence sentences of an actor or a pair, counts and tone over time, the tone ranking and the
most negative and positive sentences. Pure pandas; every input is already filtered, so what a
page shows and what its download holds come from the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from analysis.tables.cooccurrence import Window


def actor_evidence(filtered: Mapping[str, pd.DataFrame], actor: str) -> pd.DataFrame:
    """Every sentence (in the filtered tables) that mentions `actor`: one row per sentence.

    Columns: date, article_id, title, sentence_id, mentions (of the actor in the sentence),
    spans ("start-end" offsets into the sentence text, ';'-separated), tone, text.
    Ordered by date (undated last), article, sentence. Nothing is sampled.
    """
    mentions = filtered["mentions"]
    mine = mentions[mentions["actor"] == actor]
    return _sentence_rows(filtered, mine)


def edge_evidence(
    filtered: Mapping[str, pd.DataFrame], a: str, b: str, *, window: Window = "sentence"
) -> pd.DataFrame:
    """The sentences behind an edge: with window "sentence", sentences mentioning both actors;
    with "article", sentences mentioning either actor in articles where both appear.
    Columns as `actor_evidence` (mentions/spans count both actors)."""
    mentions = filtered["mentions"]
    pair = mentions[mentions["actor"].isin([a, b])]
    keys = ["article_id", "sentence_id"] if window == "sentence" else ["article_id"]
    both = pair.groupby(keys)["actor"].nunique()
    shared = both[both == 2].index
    index = pd.MultiIndex.from_frame(pair[keys]) if len(keys) > 1 else pd.Index(pair[keys[0]])
    return _sentence_rows(filtered, pair[index.isin(shared)])


EVIDENCE_COLUMNS = (
    "date",
    "article_id",
    "title",
    "sentence_id",
    "mentions",
    "spans",
    "tone",
    "text",
)


def _sentence_rows(filtered: Mapping[str, pd.DataFrame], mine: pd.DataFrame) -> pd.DataFrame:
    if mine.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EVIDENCE_COLUMNS})
    keys = ["article_id", "sentence_id"]
    sentences = filtered["sentences"][[*keys, "start", "date", "tone", "text"]]
    rows = mine[[*keys, "start", "end"]].merge(sentences, on=keys, suffixes=("", "_sent"))
    rows["_span"] = (rows["start"] - rows["start_sent"]).astype(str) + "-"
    rows["_span"] += (rows["end"] - rows["start_sent"]).astype(str)
    rows = rows.sort_values([*keys, "start"], ignore_index=True)
    # One row per sentence: the rows of a sentence are a run (sorted by keys) sharing its date,
    # tone and text; joining the spans per run is ~5x faster than a groupby agg(";".join).
    article, sentence = rows["article_id"].to_numpy(object), rows["sentence_id"].to_numpy()
    starts = np.flatnonzero(
        np.r_[True, (article[1:] != article[:-1]) | (sentence[1:] != sentence[:-1])]
    )
    ends = np.r_[starts[1:], len(rows)]
    spans = rows["_span"].to_numpy(object)
    out = rows.loc[starts, [*keys, "date", "tone", "text"]].reset_index(drop=True)
    out["mentions"] = ends - starts
    out["spans"] = pd.array(
        [";".join(spans[s:e]) for s, e in zip(starts, ends, strict=True)], dtype=rows["_span"].dtype
    )
    titles = filtered["articles"].set_index("article_id")["title"]
    out["title"] = out["article_id"].map(titles).fillna("")
    out["_undated"] = out["date"] == ""
    out = out.sort_values(["_undated", "date", "article_id", "sentence_id"], ignore_index=True)
    return out[list(EVIDENCE_COLUMNS)]


def parse_spans(spans: str) -> list[tuple[int, int]]:
    """The `spans` cell of an evidence row back as (start, end) pairs."""
    return [tuple(int(x) for x in part.split("-")) for part in spans.split(";") if part]


# Views of filtered tables: the tables behind the charts (a chart draws one, a download offers it).

Freq = Literal["day", "month", "year"]
_PERIOD_LEN = {"day": 10, "month": 7, "year": 4}


def pick_freq(dates: pd.Series) -> Freq:
    """Days for a span up to ~3 months, months up to ~6 years, years beyond."""
    valid = dates[dates.fillna("") != ""]
    if valid.empty:
        return "month"
    span = (pd.Timestamp(valid.max()) - pd.Timestamp(valid.min())).days
    return "day" if span <= 92 else "month" if span <= 6 * 366 else "year"


def mentions_over_time(
    mentions: pd.DataFrame, actors: Sequence[str], *, freq: Freq = "month"
) -> pd.DataFrame:
    """Mentions and mean tone per period for each of `actors`; undated mentions are left out.

    Columns: period (YYYY, YYYY-MM or YYYY-MM-DD), actor, mentions, tone.
    The mentions of an actor summed over periods equal its dated rows in the mentions table.
    """
    mine = mentions[mentions["actor"].isin(list(actors)) & (mentions["date"].fillna("") != "")]
    period = mine["date"].str.slice(0, _PERIOD_LEN[freq])
    out = (
        mine.assign(period=period)
        .groupby(["period", "actor"], as_index=False)
        .agg(mentions=("article_id", "size"), tone=("tone", "mean"))
    )
    out["tone"] = out["tone"].round(4)
    return out[["period", "actor", "mentions", "tone"]]


def tone_over_time(mentions: pd.DataFrame, *, freq: Freq = "month") -> pd.DataFrame:
    """Mean tone of all (dated) mentions per period, with how many mentions it averages."""
    dated = mentions[mentions["date"].fillna("") != ""]
    period = dated["date"].str.slice(0, _PERIOD_LEN[freq])
    out = (
        dated.assign(period=period)
        .groupby("period", as_index=False)
        .agg(mentions=("article_id", "size"), tone=("tone", "mean"), tone_sd=("tone", "std"))
    )
    out[["tone", "tone_sd"]] = out[["tone", "tone_sd"]].fillna(0.0).round(4)
    return out


def tone_ranking(actors: pd.DataFrame, *, min_mentions: int = 5) -> pd.DataFrame:
    """Actors ranked by mean tone toward them, with a 95% interval and a reliability flag.

    Actors with fewer than `min_mentions` mentions are kept but not ranked (rank is empty,
    ranked False), so the page can list them apart instead of hiding or ranking them.
    Columns: rank, actor, actor_type, mentions, tone, tone_sd, ci_low, ci_high, ranked, flag.
    """
    out = actors[["actor", "actor_type", "mentions", "tone", "tone_sd"]].copy()
    half = 1.96 * out["tone_sd"] / out["mentions"].clip(lower=1) ** 0.5
    out["ci_low"] = (out["tone"] - half).clip(lower=-1).round(4)
    out["ci_high"] = (out["tone"] + half).clip(upper=1).round(4)
    out["ranked"] = out["mentions"] >= min_mentions
    out["flag"] = ""
    out.loc[~out["ranked"], "flag"] = f"fewer than {min_mentions} mentions: not ranked"
    out.loc[out["ranked"] & (out["mentions"] < 2 * min_mentions), "flag"] = "few mentions"
    out = out.sort_values(
        ["ranked", "tone", "mentions", "actor"], ascending=[False, True, False, True]
    )
    ranks = pd.Series(range(1, int(out["ranked"].sum()) + 1), dtype="Int64")
    out.insert(
        0,
        "rank",
        pd.concat(
            [ranks, pd.Series([pd.NA] * int((~out["ranked"]).sum()), dtype="Int64")],
            ignore_index=True,
        ).to_numpy(),
    )
    return out.reset_index(drop=True)


def extreme_sentences(
    filtered: Mapping[str, pd.DataFrame], actor: str, *, n: int = 5
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `n` most negative and `n` most positive sentences mentioning `actor` (by sentence tone)."""
    evidence = actor_evidence(filtered, actor)
    ordered = evidence.sort_values(["tone", "date", "article_id", "sentence_id"], kind="stable")
    negative = ordered[ordered["tone"] < 0].head(n).reset_index(drop=True)
    positive = ordered[ordered["tone"] > 0].iloc[::-1].head(n).reset_index(drop=True)
    return negative, positive
