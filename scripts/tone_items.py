"""Unlabelled targets for distilling the tone model: every spaCy entity the build would score.

Writes JSONL lines `{"text", "start", "end", "source"}` (a sentence, a mention's character span in
it, where it came from) for:

- the demo corpus (`seeds/wikinews`): the sentences and mentions the build scores;
- NewsMTSC train.jsonl sentences: their spaCy entities that are not a labelled target (the
  labelled ones come from train.jsonl itself). devtest_mt.jsonl is never read.

Nothing here has a gold label: `scripts/distil_tone.py` asks the teacher model for soft labels.
Runs in the app's .venv (it needs spaCy and the packaged model):

    .venv/bin/python scripts/tone_items.py /tmp/tone_items.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.ingest.corpus import load_corpus  # noqa: E402
from analysis.nlp.parse import default_model_name  # noqa: E402
from analysis.schema import ENTITY_LABELS  # noqa: E402

NEWSMTSC = ROOT.parent / "shared/corpora/newsmtsc/train.jsonl"


def spans(nlp, texts: list[str], *, whole: bool) -> Iterator[tuple[int, str, int, int]]:
    """(text index, sentence, start, end) of every entity the build keeps; `whole` treats each
    text as one sentence (NewsMTSC rows are sentences already)."""
    for i, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        sentences = [doc[:]] if whole else doc.sents
        for sent in sentences:
            for ent in sent.ents:
                if ent.label_ in ENTITY_LABELS:
                    base = sent.start_char
                    yield i, sent.text, ent.start_char - base, ent.end_char - base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT / "seeds" / "wikinews")
    parser.add_argument("--newsmtsc", type=Path, default=NEWSMTSC)
    args = parser.parse_args(argv)
    if "devtest" in args.newsmtsc.name:
        parser.error("devtest files are for evaluation only, never for training")
    import spacy

    nlp = spacy.load(default_model_name(), exclude=["lemmatizer"])
    counts: dict[str, int] = {}
    with args.out.open("w", encoding="utf-8") as out:

        def write(text: str, start: int, end: int, source: str) -> None:
            if text[start:end].strip():
                row = {"text": text, "start": start, "end": end, "source": source}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                counts[source] = counts.get(source, 0) + 1

        texts = [a.text for a in load_corpus([args.corpus]).articles]
        for _, text, start, end in spans(nlp, texts, whole=False):
            write(text, start, end, "demo")
        rows = [json.loads(line) for line in args.newsmtsc.open(encoding="utf-8")]
        sentences = [r["sentence_normalized"] for r in rows]
        for i, text, start, end in spans(nlp, sentences, whole=True):
            labelled = [(t["from"], t["to"]) for t in rows[i]["targets"]]
            if all(end <= s or start >= e for s, e in labelled):  # not overlapping a target
                write(text, start, end, "newsmtsc-train")
    print(f"wrote {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
