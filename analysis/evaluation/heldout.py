"""The held-out gold set: 30 Wikinews articles of the demo corpus that are not in GUM, plus the seed
article, annotated by hand (docs/heldout.md), read from tests/data/heldout/.

`articles.jsonl` holds one article a line (article, split, date, title, url, text); `gold.jsonl` one
gold actor of one article a line (article, actor, type, affiliation, same, mentions). A gold actor's
`mentions` are the surface forms it is named by in that article; every occurrence of a form, longest
forms first, whole words only, is one gold mention (`locate_mentions`). The split into a dev part
(rules may be written while reading it) and a test part (never tuned on) is fixed by `split_articles`.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

DEFAULT_HELDOUT: Final = Path(__file__).resolve().parents[2] / "tests" / "data" / "heldout"
SPLIT_SEED: Final = 14
SPLITS: Final = ("test", "dev")  # the test part is reported first


class HeldoutError(ValueError):
    """The held-out files cannot be used; the message says which line and why."""


@dataclass(frozen=True)
class GoldActor:
    article: str
    actor: str  # canonical name (a Wikipedia-style title)
    actor_type: str
    mentions: tuple[str, ...]
    affiliation: tuple[str, ...] = ()  # acceptable affiliations of a person; "" = none is right
    same: tuple[str, ...] = ()  # other names that identify the same actor

    def names(self) -> tuple[str, ...]:
        return (self.actor, *self.same)


@dataclass(frozen=True)
class GoldMention:
    article: str
    start: int
    end: int
    text: str
    actor: GoldActor


@dataclass(frozen=True)
class Heldout:
    articles: pd.DataFrame  # article, split, date, title, url, text
    actors: tuple[GoldActor, ...]

    def split_of(self) -> dict[str, str]:
        return dict(zip(self.articles["article"], self.articles["split"], strict=True))


def split_articles(keys: Sequence[str], *, seed: int = SPLIT_SEED) -> dict[str, str]:
    """Half the Wikinews articles dev, half test, by a shuffle with a fixed seed; the seed article
    (rules were written while reading it long before this set) is always dev."""
    order = sorted(k for k in keys if k != "seed")
    random.Random(seed).shuffle(order)
    half = len(order) // 2
    return {k: "dev" if i < half else "test" for i, k in enumerate(order)} | (
        {"seed": "dev"} if "seed" in keys else {}
    )


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise HeldoutError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise HeldoutError(f"{path}:{number}: expected an object")
        rows.append(row)
    return rows


def load_heldout(directory: Path = DEFAULT_HELDOUT) -> Heldout:
    """The articles and gold actors; HeldoutError names a missing file or a bad line."""
    directory = Path(directory)
    for name in ("articles.jsonl", "gold.jsonl"):
        if not (directory / name).is_file():
            raise HeldoutError(f"no {name} in {directory}")
    articles = pd.DataFrame(_read_jsonl(directory / "articles.jsonl"))
    keys = set(articles["article"])
    actors = []
    for number, row in enumerate(_read_jsonl(directory / "gold.jsonl"), 1):
        missing = {"article", "actor", "type", "mentions"} - set(row)
        if missing or row.get("article") not in keys:
            raise HeldoutError(f"gold.jsonl:{number}: missing {sorted(missing)} or unknown article")
        actors.append(
            GoldActor(
                row["article"], row["actor"], row["type"], tuple(row["mentions"]),
                tuple(row.get("affiliation") or ()), tuple(row.get("same") or ()),
            )
        )  # fmt: skip
    return Heldout(articles, tuple(actors))


def locate_mentions(text: str, actors: Sequence[GoldActor]) -> list[GoldMention]:
    """Every occurrence of every gold form in `text`: longest forms first, whole words (not inside
    a hyphenated word, not 'US' of 'US$'), never overlapping a form already placed."""
    forms = sorted(
        ((form, actor) for actor in actors for form in actor.mentions),
        key=lambda fa: -len(fa[0]),
    )
    taken: list[tuple[int, int]] = []
    found = []
    for form, actor in forms:
        for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w$-])", text):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append(GoldMention(actor.article, s, e, form, actor))
    return sorted(found, key=lambda m: (m.article, m.start))


def gold_mentions(heldout: Heldout) -> list[GoldMention]:
    texts = dict(zip(heldout.articles["article"], heldout.articles["text"], strict=True))
    by_article: dict[str, list[GoldActor]] = {}
    for actor in heldout.actors:
        by_article.setdefault(actor.article, []).append(actor)
    return [m for key, actors in by_article.items() for m in locate_mentions(texts[key], actors)]


def build_heldout(
    heldout: Heldout, *, model: str | None = None, out: Path | None = None
) -> dict[str, pd.DataFrame]:
    """Mentions and actors tables of one full build over every held-out article (both parts, as a
    user's corpus would be built); mentions carry the gold `article` key. `out` keeps the build
    (and its parse cache) for a rerun; by default it is a temporary folder."""
    from analysis.config import Settings
    from analysis.ingest.corpus import article_id_for
    from analysis.pipeline import build
    from analysis.store import read_tables

    with tempfile.TemporaryDirectory(prefix="actorscope-heldout-") as tmp:
        target = Path(out) if out is not None else Path(tmp) / "out"
        corpus = Path(tmp) / "heldout.csv"
        heldout.articles[["date", "title", "text"]].to_csv(corpus, index=False)
        build([corpus], target, Settings(model=model, tone="sentence", relate=False), force=True)
        tables = read_tables(target)
    ids = {article_id_for(t.strip()): k for k, t in zip(heldout.articles["article"],
                                                      heldout.articles["text"], strict=True)}  # fmt: skip
    mentions = tables["mentions"].assign(article=lambda f: f["article_id"].map(ids))
    return {"mentions": mentions, "actors": tables["actors"]}
