"""Quote and relation spans cached beside the NLP cache, so a rebuild parses nothing twice."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from analysis.relate.extract import RELATE_VERSION, Extracted
from analysis.relate.lexicon import Lexicon
from analysis.relate.quotes import QuoteSpan
from analysis.relate.relations import RelationSpan

CACHE_FILE = ".relate_cache.json"


def cache_key(model: str, lexicon: Lexicon) -> str:
    """Model, extractor version and the reporting verbs (which choose what is parsed)."""
    words = " ".join(sorted(lexicon.reporting))
    return f"{model}-{RELATE_VERSION}-{hashlib.sha1(words.encode()).hexdigest()[:10]}"


def load_relate_cache(out: Path, key: str) -> dict[str, Extracted]:
    """Cached spans per article, or {} when the cache is missing, unreadable or for another key."""
    try:
        raw = json.loads((Path(out) / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if raw.get("key") != key:
        return {}
    found = {}
    for aid, item in raw.get("articles", {}).items():
        quotes = [QuoteSpan(*q) for q in item["quotes"]]
        relations = [
            RelationSpan(tuple(r[0]), tuple(r[1]), *r[2:]) for r in item["relations"]
        ]  # fmt: skip
        found[aid] = Extracted(aid, quotes, relations)
    return found


def save_relate_cache(out: Path, key: str, found: dict[str, Extracted]) -> None:
    """Write the cache atomically (a crash leaves the old one)."""
    articles = {
        aid: {
            "quotes": [list(vars(q).values()) for q in item.quotes],
            "relations": [list(vars(r).values()) for r in item.relations],
        }
        for aid, item in found.items()
    }
    path = Path(out) / CACHE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"key": key, "articles": articles}), encoding="utf-8")
    os.replace(tmp, path)
