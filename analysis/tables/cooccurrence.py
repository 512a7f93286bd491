"""Who appears with whom: actor pairs per shared sentence (or article), weighted by NPMI.

Normalised pointwise mutual information, npmi = log(p(a,b) / (p(a) p(b))) / -log p(a,b), is 1 when
two actors only ever appear together, 0 when they meet as often as chance says, and below 0 when
they avoid each other; unlike a raw count, it does not let the most frequent actors dominate.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

import numpy as np
import pandas as pd

from analysis.schema import COOCCURRENCE

Window = Literal["sentence", "article"]


def npmi(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n_units: int) -> np.ndarray:
    """NPMI from co-occurrence and marginal unit counts; 1.0 where p(a,b) is 1."""
    n_ab, n_a, n_b = (np.asarray(x, dtype=float) for x in (n_ab, n_a, n_b))
    p_ab = n_ab / n_units
    pmi = np.log(p_ab / ((n_a / n_units) * (n_b / n_units)))
    denom = -np.log(p_ab)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denom > 0, pmi / np.where(denom > 0, denom, 1.0), 1.0)
    return np.clip(out, -1.0, 1.0)


def build_cooccurrence(
    mentions: pd.DataFrame,
    units: pd.DataFrame,
    *,
    window: Window = "sentence",
    among: Collection[str] | None = None,
) -> pd.DataFrame:
    """One row per actor pair that shares a unit (sentence or article), actor_a < actor_b.

    `mentions` needs article_id, sentence_id, actor; `units` is the sentences table (window
    "sentence") or the articles table (window "article") with date and tone, and sets N for NPMI.
    Columns: actor_a, actor_b, sentences (shared sentences), articles (articles where both appear),
    weight (NPMI over `window` units), tone, first/last date. Tone is the mean over the shared
    units of the two actors' mean mention tone there when `mentions` has a tone column (with
    sentence tone, the mean tone of the shared sentences), else the mean tone of the shared units.

    With `among`, only the pairs of those actors: the very rows the whole table has for them
    (their units, counts and N do not change), for a page that shows no other edge.
    """
    if window not in ("sentence", "article"):
        raise ValueError(f"window must be 'sentence' or 'article', not {window!r}")
    keys = ["article_id", "sentence_id"] if window == "sentence" else ["article_id"]
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in COOCCURRENCE})
    # Integer codes for actors (in name order, so code order is name order), articles, units
    # (an article, or an article and sentence) and dates; pairs are listed with numpy. Only the
    # means (tone) go through pandas, which sums in row order with compensation: so the rows of
    # each group come in the order a self-merge of `present` gives (left row, then right row).
    actor, names = pd.factorize(mentions["actor"], sort=True)
    article, article_ids = pd.factorize(mentions["article_id"])
    info = units[[*keys, "date", "tone"]].drop_duplicates(keys)
    n_units = len(info)
    info = info.assign(article_id=article_ids.get_indexer(info["article_id"]))
    info = info[info["article_id"] >= 0]  # units without mentions hold no pair
    coded = pd.DataFrame(
        {"article_id": article, "sentence_id": mentions["sentence_id"].to_numpy(), "actor": actor}
    )
    unit = _unit_codes(pd.concat([coded[keys], info[keys]]), keys)
    unit, info_unit = unit[: len(coded)], unit[len(coded) :]
    n = len(names)
    if "tone" in mentions.columns:  # each actor's mean mention tone in the unit
        tone = pd.Series(mentions["tone"].to_numpy(dtype=float))
        present = tone.groupby(unit * n + actor, sort=False).mean()  # in order first seen
        code, present_tone = present.index.to_numpy(), present.to_numpy()
    else:
        code, present_tone = pd.unique(unit * n + actor), None
    present_unit, present_actor = code // n, code % n
    n_units = n_units or len(np.unique(present_unit))  # no units table: the units mentioned
    pool = np.arange(len(present_unit))  # the rows pairs are formed from
    if among is not None:
        pool = pool[np.isin(present_actor, names.get_indexer(list(among)))]
    left, right = (pool[side] for side in _merge_order(present_unit[pool]))  # same order
    keep = present_actor[left] < present_actor[right]
    left, right = left[keep], right[keep]
    # the unit's date (as a code in date order) and tone, as a left merge on the keys gives them
    at = pd.Index(info_unit).get_indexer(present_unit[left])
    dates = info["date"].fillna("")
    date_codes, date_values = pd.factorize(dates.where(dates != ""), sort=True)  # undated: -1
    unit_date = np.r_[np.where(date_codes >= 0, date_codes, np.nan), np.nan]  # last: no unit
    unit_tone = np.r_[info["tone"].to_numpy(dtype=float), np.nan]
    pairs = pd.DataFrame(
        {
            "pair": present_actor[left] * n + present_actor[right],
            "tone": (
                (present_tone[left] + present_tone[right]) / 2  # both actors' mention tones
                if present_tone is not None
                else unit_tone[at]
            ),
            "date": unit_date[at],
        }
    )
    grouped = pairs.groupby("pair", sort=True)  # by actor_a, then actor_b
    size = grouped.size()
    code = size.index.to_numpy()
    a, b, shared = code // n, code % n, size.to_numpy()
    date_values = date_values.append(pd.Index([""], dtype=date_values.dtype))  # last: undated

    def bound(codes: pd.Series) -> pd.api.extensions.ExtensionArray:
        codes = codes.to_numpy()
        return date_values.take(np.where(np.isnan(codes), len(date_values) - 1, codes)).array

    counts = np.bincount(present_actor, minlength=n)  # units per actor
    out = {
        "actor_a": names.take(a).array,
        "actor_b": names.take(b).array,
        "sentences": (
            shared  # the shared units are the shared sentences
            if window == "sentence"
            else _shared(coded, ["article_id", "sentence_id"], a, b)
        ),
        "articles": _shared(coded, ["article_id"], a, b),
        "weight": npmi(shared, counts[a], counts[b], max(n_units, 1)).round(4),
        "tone": grouped["tone"].mean().round(4).to_numpy(),
        "first_date": bound(grouped["date"].min()),
        "last_date": bound(grouped["date"].max()),
    }
    return pd.DataFrame(out, columns=list(COOCCURRENCE))


def _merge_order(units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (left, right) of equal `units`, in the order `frame.merge(frame, on=unit)` lists
    them: each left row in turn, with every row of its unit in row order (itself included)."""
    order = np.argsort(units, kind="stable")
    sorted_units = units[order]
    starts = np.flatnonzero(np.r_[True, sorted_units[1:] != sorted_units[:-1]])
    sizes = np.diff(np.r_[starts, len(units)])
    group = np.empty(len(units), dtype=np.int64)
    group[order] = np.repeat(np.arange(len(starts)), sizes)  # each row's group
    per_row = sizes[group]
    left = np.repeat(np.arange(len(units)), per_row)
    step = np.arange(len(left)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    right = order[np.repeat(starts[group], per_row) + step]
    return left, right


def _unit_codes(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """One integer per unit (an article code, or article code and sentence id) of each row."""
    codes = frame["article_id"].to_numpy(np.int64)
    if "sentence_id" in keys:
        sentences = frame["sentence_id"].to_numpy(np.int64)
        codes = codes * (int(sentences.max(initial=0)) + 1) + sentences
    return codes


def _shared(coded: pd.DataFrame, keys: list[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How many distinct units of `keys` hold both actors of each pair (a, b) (codes).

    Each actor's units as the bits of a Python int, so a pair's count is the popcount of an
    AND: 3 ms for 9,000 pairs over 300 articles, where listing every pair of actors in every
    article (125,000) and counting them took 12 ms.
    """
    coded = coded[np.isin(coded["actor"].to_numpy(), np.union1d(a, b))]  # the actors asked
    unit = pd.factorize(_unit_codes(coded, keys))[0].astype(np.int64)  # 0, 1, ...: its bit
    n = int(coded["actor"].max()) + 1 if len(coded) else 1
    masks = [0] * n
    for code in np.unique(unit * n + coded["actor"].to_numpy(np.int64)).tolist():
        masks[code % n] |= 1 << (code // n)
    pairs = zip(a.tolist(), b.tolist(), strict=True)
    return np.fromiter(
        ((masks[x] & masks[y]).bit_count() for x, y in pairs), dtype=np.int64, count=len(a)
    )


def _dtype(column: str) -> str:
    return {"sentences": "int64", "articles": "int64", "weight": "float64", "tone": "float64"}.get(
        column, "object"
    )
