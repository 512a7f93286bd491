"""A reproducible generated corpus: new articles recombined from the demo corpus's sentences.

Article i is always the same text (its own random generator, seeded by --seed and i), so
`--first 2000 --count 20` makes exactly the 1 % that extends a 2,000-article corpus. Sentences
come from the Wikinews demo corpus (CC BY 2.5, see seeds/wikinews/LICENSE.md), split at sentence
ends without spaCy; dates are spread over ten years (2015-2024). Writes one CSV (date, title,
text). Usage: python scripts/make_corpus.py OUT.csv --count 2000 [--first 0] [--seed 10]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.ingest.corpus import load_corpus  # noqa: E402

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
START, DAYS = dt.date(2015, 1, 1), 3652


def sentence_pool(folder: Path) -> list[str]:
    """Every sentence of the demo corpus of 40 to 400 characters, in corpus order."""
    pool = []
    for article in load_corpus([folder]).articles:
        for line in article.text.split("\n"):
            pool += [s.strip() for s in _SENTENCE_END.split(line) if 40 <= len(s.strip()) <= 400]
    return pool


def make_article(pool: list[str], index: int, *, seed: int) -> dict[str, str]:
    rng = random.Random(seed * 1_000_003 + index)
    picked = rng.sample(pool, rng.randint(8, 20))
    paragraphs = [" ".join(picked[i : i + 4]) for i in range(0, len(picked), 4)]
    date = START + dt.timedelta(days=rng.randrange(DAYS))
    return {
        "date": date.isoformat(),
        "title": f"Generated article {index}",
        "text": "\n\n".join(paragraphs),
    }


def write_corpus(path: Path, *, count: int, first: int = 0, seed: int = 10) -> int:
    """Write articles first..first+count-1 to `path`; returns their number of words."""
    pool = sentence_pool(ROOT / "seeds")
    words = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["date", "title", "text"])
        writer.writeheader()
        for i in range(first, first + count):
            row = make_article(pool, i, seed=seed)
            words += len(row["text"].split())
            writer.writerow(row)
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="CSV file to write")
    parser.add_argument("--count", type=int, default=2000, help="articles (2000)")
    parser.add_argument("--first", type=int, default=0, help="index of the first article (0)")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    words = write_corpus(args.out, count=args.count, first=args.first, seed=args.seed)
    print(f"{args.count} articles, {words:,} words -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
