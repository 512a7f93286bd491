"""Synthetic build tables at any size, in the exact schema, for speed and memory measures.

    .venv/bin/python scripts/make_tables.py --articles 100000 --home /tmp/h --name synth-100k

Building 100,000 real articles takes hours here, so this writes what a build would: articles,
sentences, mentions, actors, cooccurrence and rejects (Parquet), the query files and
build.json, into HOME/corpora/NAME (and an empty HOME/uploads/NAME so the dashboard lists it).
Realistic where speed depends on it: sentences drawn from the demo corpus (seeds/), about 20
per article; dates over ten years (0.5 % undated); Zipf-like actor frequencies over
thousands of countries, people, organisations and places; ~1.4 mentions per sentence; 5 % of
articles are syndicated copies of an earlier one (first sentence changed; `duplicate_of` and
`copies` set). Actors and co-occurrence are computed from the mentions by the query layer's
own SQL, so every total adds up (actor mentions sum to the mentions rows, and so on).
Articles are made in date order, chunk by chunk, so memory stays flat at any size.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.ingest.corpus import load_corpus  # noqa: E402
from analysis.query import tables as qt  # noqa: E402
from analysis.query import views as qv  # noqa: E402
from analysis.query.files import QUERY_DIR, ROW_GROUP, VERSION, VERSION_FILE  # noqa: E402
from analysis.query.rollups import write_rollups  # noqa: E402
from analysis.schema import ARTICLES, MENTIONS, REJECTS, SENTENCES  # noqa: E402
from analysis.tables.filters import Filters  # noqa: E402

CHUNK = 20_000  # articles per chunk
FIRST = np.datetime64("2015-01-01")
DAYS = 3653
FIRST_NAMES = "Ali Maria John Fatima Wei Olga Ahmed Sara Ivan Lucia Omar Anna Peter Leila Raj Mei Karl Nadia Tom Yusuf Elena Hassan Grace Luis Amir Chen Sofia Daniel Zainab Pablo".split()  # fmt: skip
ORG_WORDS = "National United Federal Central Global Islamic Democratic Workers Energy Trade Health Defence Press Youth Farmers Maritime Rail Civil Atlantic Pacific".split()  # fmt: skip
ORG_KINDS = "Party Ministry Council Union Bank Agency Front Alliance Institute Company Committee Movement Court Army Authority".split()  # fmt: skip


def sentence_pool() -> list[str]:
    """Sentences of the demo corpus (a naive split is enough for text that is only displayed)."""
    corpus = load_corpus([ROOT / "seeds"])
    pool = []
    for article in corpus.articles:
        for part in re.split(r"(?<=[.!?])\s+", article.text.replace("\n", " ")):
            if 20 <= len(part) <= 400:
                pool.append(part.strip())
    return pool


def actor_names(n_people: int, rng: np.random.Generator) -> pd.DataFrame:
    """Countries (pycountry), people, organisations and places, in Zipf rank order."""
    import pycountry

    countries = sorted(c.name for c in pycountry.countries)
    words = sorted({w for w in re.findall(r"[A-Z][a-z]{3,}", " ".join(sentence_pool()[:3000]))})
    initials = [""] + [f"{c}. " for c in "ABCDEFGHJKLMNPRSTW"]
    people = [
        f"{first} {initial}{word}"
        for initial in initials
        for word in words
        for first in FIRST_NAMES
    ][:n_people]
    orgs = [f"{a} {b}" for a in ORG_WORDS for b in ORG_KINDS]
    places = [f"{w} City" for w in words[:1500]]
    frame = pd.DataFrame(
        {
            "actor": countries + people + orgs + places,
            "actor_type": ["country"] * len(countries)
            + ["person"] * len(people)
            + ["organization"] * len(orgs)
            + ["place"] * len(places),
        }
    ).drop_duplicates("actor")
    order = rng.permutation(len(frame))
    # countries lead the ranks, as in news: each gets a rank among the first few hundred
    boost = np.where(frame["actor_type"].to_numpy() == "country", 0, 400)
    rank = np.argsort(order + boost * rng.random(len(frame)) * 10, kind="stable")
    return frame.iloc[rank].reset_index(drop=True)


def make_chunk(first_row: int, n: int, pool: np.ndarray, lengths: np.ndarray, catalogue, rng):
    """Articles first_row.. first_row+n-1 (in date order) with their sentences and mentions."""
    days = np.sort(rng.integers(0, DAYS, n))
    dates = (FIRST + days).astype(str)
    dates = np.where(rng.random(n) < 0.005, "", dates)
    order = np.argsort(dates, kind="stable")  # undated first, as the query files sort
    dates = dates[order]
    ids = np.array(
        [hashlib.sha1(f"synthetic {first_row + i}".encode()).hexdigest()[:16] for i in range(n)]
    )
    n_sent = rng.poisson(17, n) + 3
    art_of = np.repeat(np.arange(n), n_sent)
    sent_id = np.arange(len(art_of)) - np.repeat(np.cumsum(n_sent) - n_sent, n_sent)
    pick = rng.integers(0, len(pool), len(art_of))
    # 5 % copies: an earlier article of the chunk again, its first sentence changed
    copy = rng.random(n) < 0.05
    copy[0] = False
    source = np.where(copy, rng.integers(0, np.maximum(np.arange(n), 1)), np.arange(n))
    source = np.where(copy & ~copy[source], source, np.arange(n))
    copy = source != np.arange(n)
    starts = np.cumsum(n_sent) - n_sent
    for i in np.flatnonzero(copy):
        s, k = source[i], min(n_sent[i], n_sent[source[i]])
        pick[starts[i] + 1 : starts[i] + k] = pick[starts[s] + 1 : starts[s] + k]
    lens = lengths[pick]
    offset = np.cumsum(lens + 1) - (lens + 1)
    offset = offset - np.repeat(offset[starts], n_sent)
    texts = pool[pick]
    tone = np.clip(rng.normal(0, 0.35, len(art_of)), -1, 1).round(4)
    sentences = pd.DataFrame(
        {
            "article_id": ids[art_of],
            "sentence_id": sent_id,
            "start": offset,
            "end": offset + lens,
            "tone": tone,
            "date": dates[art_of],
            "text": texts,
        }
    )
    body = [" ".join(texts[a:b]) for a, b in zip(starts, starts + n_sent, strict=True)]
    per_sentence = rng.poisson(1.4, len(art_of))
    at = np.repeat(np.arange(len(art_of)), per_sentence)
    ranks = (rng.zipf(1.15, len(at)) - 1) % len(catalogue)  # the tail wraps, not piles up
    names = catalogue["actor"].to_numpy()[ranks]
    kinds = catalogue["actor_type"].to_numpy()[ranks]
    spelled = np.where(
        (kinds == "person") & (rng.random(len(at)) < 0.3),
        [name.split(" ")[-1] for name in names],
        names,
    )
    span = np.minimum(np.char.str_len(spelled.astype(str)), lens[at])
    labels = np.select([kinds == "person", kinds == "organization"], ["PERSON", "ORG"], "GPE")
    mentions = pd.DataFrame(
        {
            "article_id": ids[art_of[at]],
            "sentence_id": sent_id[at],
            "start": offset[at],
            "end": offset[at] + span,
            "text": spelled,
            "label": labels,
            "actor": names,
            "actor_type": kinds,
            "tone": tone[at],
            "date": dates[art_of[at]],
        }
    )
    copies = np.bincount(source, minlength=n)
    articles = pd.DataFrame(
        {
            "article_id": ids,
            "date": dates,
            "title": [t[:80] for t in texts[starts]],
            "source": "synthetic wire",
            "url": [f"https://example.org/{i}" for i in ids],
            "source_id": "",
            "path": "synthetic",
            "language": "en",
            "n_sentences": n_sent,
            "n_words": [b.count(" ") + 1 for b in body],
            "tone": pd.Series(tone).groupby(art_of).mean().round(4).to_numpy(),
            "duplicate_of": np.where(copy, ids[source], ""),
            "copies": np.where(copy, copies[source], copies),
            "text": body,
        }
    )
    return articles, sentences, mentions


def hidden(frame: pd.DataFrame, first_row: int, dup: np.ndarray, art: np.ndarray) -> pd.DataFrame:
    """The query files' extra columns (see analysis.query.files)."""
    return frame.assign(
        _row=np.arange(first_row, first_row + len(frame)),
        _art=art,
        _date=frame["date"].to_numpy(),
        _dup=dup,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--home", type=Path, required=True, help="ACTORSCOPE_HOME to write into")
    parser.add_argument("--name", default="", help="corpus name (default synth-<N>)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    name = args.name or f"synth-{args.articles}"
    out = args.home / "corpora" / name
    folder = out / QUERY_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (args.home / "uploads" / name).mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    clock = time.perf_counter()
    pool = np.array(sentence_pool(), dtype=object)
    lengths = np.array([len(s) for s in pool])
    catalogue = actor_names(min(max(3000, 5 * args.articles), 300_000), rng)
    writers: dict[str, tuple[pq.ParquetWriter, pq.ParquetWriter]] = {}
    rows = {"articles": 0, "sentences": 0, "mentions": 0}
    undated = 0
    for first in range(0, args.articles, CHUNK):
        n = min(CHUNK, args.articles - first)
        chunk = dict(zip(rows, make_chunk(first, n, pool, lengths, catalogue, rng), strict=True))
        position = dict(zip(chunk["articles"]["article_id"], range(first, first + n), strict=True))
        dup = dict(
            zip(
                chunk["articles"]["article_id"],
                chunk["articles"]["duplicate_of"] != "",
                strict=True,
            )
        )
        undated += int((chunk["articles"]["date"] == "").sum())
        for table, frame in chunk.items():
            schema = {"articles": ARTICLES, "sentences": SENTENCES, "mentions": MENTIONS}[table]
            frame = frame[list(schema)]
            plain = pa.Table.from_pandas(frame, preserve_index=False)
            query = pa.Table.from_pandas(
                hidden(
                    frame,
                    rows[table],
                    frame["article_id"].map(dup).to_numpy(bool),
                    frame["article_id"].map(position).to_numpy(np.int64),
                ),
                preserve_index=False,
            )
            if table not in writers:
                writers[table] = (
                    pq.ParquetWriter(out / f"{table}.parquet", plain.schema),
                    pq.ParquetWriter(folder / f"{table}.parquet", query.schema),
                )
            writers[table][0].write_table(plain, row_group_size=ROW_GROUP)
            writers[table][1].write_table(query, row_group_size=ROW_GROUP)
            rows[table] += len(frame)
        print(f"  {first + n:,} articles ({time.perf_counter() - clock:.0f} s)", file=sys.stderr)
    for plain, query in writers.values():
        plain.close()
        query.close()
    empty = pd.DataFrame({c: pd.Series(dtype=str) for c in REJECTS})
    for target in (out, folder):
        empty.to_parquet(target / "rejects.parquet", index=False)
    write_rollups(folder)
    (folder / VERSION_FILE).write_text(VERSION, encoding="utf-8")
    totals = derived_tables(out, folder, catalogue)
    (out / "build.json").write_text(
        json.dumps(
            {
                "fingerprint": f"synthetic-{args.articles}-{args.seed}",
                "model": "synthetic",
                "tone": "sentence",
                "paths": ["synthetic"],
                "articles": rows["articles"],
                "undated": undated,
                "rejects": 0,
            },
            indent=2,
        )
    )
    print(
        f"{name}: {rows['articles']:,} articles, {rows['sentences']:,} sentences, "
        f"{rows['mentions']:,} mentions, {totals['actors']:,} actors, "
        f"{totals['pairs']:,} actor pairs in {time.perf_counter() - clock:.0f} s -> {out}"
    )
    return 0


def derived_tables(out: Path, folder: Path, catalogue: pd.DataFrame) -> dict:
    """actors and cooccurrence from the mentions, by the query layer's SQL (no filter)."""
    import duckdb

    con = duckdb.connect(":memory:", config={"threads": 2, "memory_limit": "4GB"})
    for table in ("articles", "sentences", "mentions"):
        con.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{folder / table}.parquet')"
        )
    info = catalogue.assign(affiliation="", affiliation_votes=0)
    con.register("catalogue", info)
    con.execute("CREATE VIEW actors AS SELECT * FROM catalogue")
    everything = Filters(once=False)
    actors = qt.actors_table(con, everything)
    con.unregister("catalogue")
    con.execute("DROP VIEW actors")
    con.register("actors", actors)
    edges = qv.cooccurrence(con, everything)
    for target in (out, folder):
        actors.to_parquet(target / "actors.parquet", index=False)
        edges.to_parquet(target / "cooccurrence.parquet", index=False)
    con.close()
    return {"actors": len(actors), "pairs": len(edges)}


if __name__ == "__main__":
    sys.exit(main())
