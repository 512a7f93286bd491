"""Syndicated-copy grouping: precision and recall on a labelled set, and speed at 100,000 articles.

    .venv/bin/python scripts/bench_duplicates.py [--articles 100000] [--seed 13]

The labelled set is made here from the demo corpus (seeds/, Wikinews, CC BY 2.5): for each of
80 articles, copies with the edits syndication makes (a byline or dateline added in front, the
first paragraph rewritten, a few words changed, the last paragraph cut, the same text again),
and, as look-alikes that must stay apart, the other demo articles on the same topic (they share
names and words, not sentences) plus "follow-ups": another article carrying the original's
first paragraph as background. Pairs are scored: a predicted pair is two articles put in one
group; precision = predicted pairs that are copies, recall = copy pairs found. Made by the
author of the grouping, so read it as a development figure; the threshold (0.5) was set from
the MinHash arithmetic before this set existed and was not tuned on it.

Speed: `find_duplicates` over N synthetic articles (demo sentences, ~20 each, 5 % copies with
a changed first sentence and a few words), timed once, with its precision and recall there.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.ingest.corpus import load_corpus  # noqa: E402
from analysis.tables.duplicates import find_duplicates  # noqa: E402

BYLINES = [
    "By Staff Reporter. ",
    "(Wire) — ",
    "LONDON (News Agency) - ",
    "By Our Correspondent\n\n",
]


def edit_words(text: str, rng: random.Random, share: float) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), max(1, int(share * len(words)))):
        words[i] = rng.choice(["said", "told", "the", "reported", "officials", "new"])
    return " ".join(words)


def copies_of(text: str, rng: random.Random) -> list[str]:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    first_rewritten = "\n\n".join(
        ["A rewritten lead paragraph for another outlet.", *paragraphs[1:]]
    )
    cut = "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 2 else text
    return [
        rng.choice(BYLINES) + text,
        first_rewritten,
        edit_words(text, rng, 0.03),
        cut,
        rng.choice(BYLINES) + edit_words(first_rewritten, rng, 0.02),
    ]


def labelled_set(seed: int) -> tuple[list[str], list[str], list[int]]:
    """(ids, texts, gold group per text): originals with copies, look-alikes in their own group."""
    rng = random.Random(seed)
    corpus = load_corpus([ROOT / "seeds"])
    articles = [a for a in corpus.articles if 150 <= len(a.text.split()) <= 3000]
    picked = rng.sample(articles, min(80, len(articles)))
    ids, texts, gold = [], [], []
    group = 0
    for article in picked:
        for text in [article.text, *copies_of(article.text, rng)]:
            ids.append(f"c{len(ids)}")
            texts.append(text)
            gold.append(group)
        group += 1
    topic = re.compile(r"\b(Iran|Iraq|Israel|Syria|Turkey|United States|China|Russia)\b")
    used = {a.article_id for a in picked}
    for article in articles:  # same-topic articles that are not copies: each its own group
        if article.article_id not in used and topic.search(article.text):
            ids.append(f"n{len(ids)}")
            texts.append(article.text)
            gold.append(group)
            group += 1
    others = [  # stories in no other group of the set, long enough to be a story of their own
        a
        for a in articles
        if a.article_id not in used and not topic.search(a.text) and len(a.text.split()) >= 300
    ]
    for article in picked[:30]:  # follow-ups: another story with the original's lead as background
        other = others.pop(rng.randrange(len(others)))
        lead = article.text.split("\n\n")[0]
        ids.append(f"f{len(ids)}")
        texts.append(other.text + "\n\n" + lead)
        gold.append(group)
        group += 1
    return ids, texts, gold


def pair_scores(ids: list[str], predicted_keep: list[str], gold: list[int]) -> tuple[float, float, int, int]:  # fmt: skip
    """Pairwise precision and recall of predicted groups (keeper id) against gold groups."""

    def pairs(labels) -> set[tuple[int, int]]:
        by: dict = {}
        for i, label in enumerate(labels):
            by.setdefault(label, []).append(i)
        return {p for members in by.values() for p in itertools.combinations(members, 2)}

    found, true = pairs(predicted_keep), pairs(gold)
    hit = len(found & true)
    return (
        hit / len(found) if found else 1.0,
        hit / len(true) if true else 1.0,
        len(found),
        len(true),
    )


def groups(frame) -> list[str]:
    return [d or a for a, d in zip(frame["article_id"], frame["duplicate_of"], strict=True)]


def synthetic(n: int, seed: int) -> tuple[list[str], list[str], list[int]]:
    rng = random.Random(seed)
    corpus = load_corpus([ROOT / "seeds"])
    pool = [  # sentence-sized pieces only: a 5,000-word list in many texts would make them alike
        s
        for a in corpus.articles
        for s in re.split(r"(?<=[.!?])\s+", a.text)
        if len(s) > 30 and len(s.split()) <= 60
    ]
    texts, gold = [], []
    for i in range(n):
        if i and rng.random() < 0.05:
            source = rng.randrange(i)
            words = "A new first sentence for this outlet. " + texts[source].split(". ", 1)[-1]
            texts.append(edit_words(words, rng, 0.02))
            gold.append(gold[source])
        else:
            texts.append(" ".join(rng.choice(pool) for _ in range(rng.randint(8, 30))))
            gold.append(i)
    return [f"s{i}" for i in range(n)], texts, gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    ids, texts, gold = labelled_set(args.seed)
    start = time.perf_counter()
    frame = find_duplicates(ids, texts)
    seconds = time.perf_counter() - start
    precision, recall, found, true = pair_scores(ids, groups(frame), gold)
    print(
        f"labelled set: {len(texts)} articles in {len(set(gold))} groups ({true} copy pairs); "
        f"found {found} pairs: precision {precision:.3f}, recall {recall:.3f} ({seconds:.2f} s)"
    )
    kinds = ["byline", "lead rewritten", "3% words", "last paragraph cut", "byline+lead+2%"]
    first = {g: i for i, g in reversed(list(enumerate(gold)))}
    keep = groups(frame)
    for k, kind in enumerate(kinds):
        members = [
            i for i, t in enumerate(ids) if t.startswith("c") and (i - first[gold[i]]) == k + 1
        ]
        caught = sum(keep[i] == keep[first[gold[i]]] for i in members)
        print(f"  {kind}: {caught}/{len(members)} grouped with their original")
    lookalikes = [i for i, t in enumerate(ids) if t[0] in "nf"]
    merged = sum(frame["copies"].iloc[i] > 1 for i in lookalikes)
    print(f"  look-alikes (same topic, follow-ups) wrongly grouped: {merged}/{len(lookalikes)}")
    ids, texts, gold = synthetic(args.articles, args.seed)
    words = sum(len(t.split()) for t in texts)
    start, cpu = time.perf_counter(), time.process_time()
    frame = find_duplicates(ids, texts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    precision, recall, found, true = pair_scores(ids, groups(frame), gold)
    print(
        f"synthetic {len(texts):,} articles ({words:,} words): grouped in {seconds:.1f} s "
        f"({cpu:.1f} s of CPU); "
        f"precision {precision:.3f}, recall {recall:.3f} over {true:,} copy pairs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
