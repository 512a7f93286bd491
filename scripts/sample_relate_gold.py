"""The demo-corpus articles of the quotes/relations gold set, drawn reproducibly, with their splits.

Candidates: Wikinews articles of the demo corpus (seeds/wikinews, CC BY 2.5) with 150 to 450
words (short enough to annotate every quote and relation by hand; the corpus median is about 330),
minus the articles already in the gold set (the seed article and the first four, three of which
were read while the rules were written). `random.Random(SEED)` draws COUNT of them from the
URL-sorted candidates and puts the first half of the draw in `test`, the rest in `dev`; the splits
are fixed by this draw, before any system output on the articles is seen.
Usage: python scripts/sample_relate_gold.py  (prints one JSON line per article: url, split, words)
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.ingest.corpus import load_corpus  # noqa: E402

SEED, COUNT, MIN_WORDS, MAX_WORDS = 1515, 20, 150, 450
GOLD = ROOT / "docs" / "quotes_relations_gold.jsonl"
FIRST_GOLD = 5  # lines of the gold file that predate this draw


def sample() -> list[dict]:
    """COUNT articles, each as {url, split, words}, in draw order."""
    lines = GOLD.read_text(encoding="utf-8").splitlines()[:FIRST_GOLD]
    taken = {json.loads(line).get("url") for line in lines}
    articles = load_corpus([ROOT / "seeds" / "wikinews"]).articles
    candidates = sorted(
        (a.url, len(a.text.split()))
        for a in articles
        if a.url not in taken and MIN_WORDS <= len(a.text.split()) <= MAX_WORDS
    )
    drawn = random.Random(SEED).sample(candidates, COUNT)
    return [
        {"url": url, "split": "test" if n < COUNT // 2 else "dev", "words": words}
        for n, (url, words) in enumerate(drawn)
    ]


if __name__ == "__main__":
    for row in sample():
        print(json.dumps(row))
