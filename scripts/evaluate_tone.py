"""Score NewsMTSC devtest_mt (or the dev split) with the targeted tone model and whole-sentence VADER.

The model is run through `analysis.tone.cli.run`, the code behind `python -m analysis tone`;
VADER through `analysis.tone.sentence.score_sentences` (compound >= 0.05 positive, <= -0.05 negative).

    .venv/bin/python scripts/evaluate_tone.py [PATH] [--dev] [--model DIR] [--record]

`--dev` scores the dev split that `scripts/train_tone.py` holds out of train.jsonl (10 % of the
sentences, seed 13): the set for choosing between candidates. devtest_mt is for the final figure.

`--record` writes the model's figures into analysis/tone/models/target_tone/meta.json.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.tone import cli as tone_cli  # noqa: E402
from analysis.tone.sentence import score_sentences  # noqa: E402
from analysis.tone.target import DEFAULT_PATH, LABELS, TargetToneModel  # noqa: E402

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
DEFAULT_DATA = ROOT.parent / "shared/corpora/newsmtsc/devtest_mt.jsonl"
TRAIN_DATA = ROOT.parent / "shared/corpora/newsmtsc/train.jsonl"


def load_groups(path: Path) -> list[list[tuple[str, int, int, str]]]:
    """(sentence, start, end, gold polarity) of every target in a NewsMTSC file, per sentence."""
    groups = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = row["sentence_normalized"]
            groups.append(
                [(text, t["from"], t["to"], POLARITY[t["polarity"]]) for t in row["targets"]]
            )
    return groups


def load_targets(path: Path) -> list[tuple[str, int, int, str]]:
    """(sentence, start, end, gold polarity) for every target in a NewsMTSC JSONL file."""
    return [target for group in load_groups(path) for target in group]


def dev_split(path: Path, *, fraction: float = 0.1, seed: int = 13) -> list:
    """The targets of train_tone.py's dev split: the same shuffle of sentences, same seed."""
    groups = load_groups(path)
    order = list(range(len(groups)))
    random.Random(seed).shuffle(order)
    return [t for i in order[: round(len(order) * fraction)] for t in groups[i]]


def scores(gold: list[str], pred: list[str]) -> dict:
    """Macro-F1, accuracy and per-class F1 (plain Python, no sklearn)."""
    per_class = {}
    for label in LABELS:
        tp = sum(g == label == p for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label == p for g, p in zip(gold, pred, strict=True))
        fn = sum(p != label == g for g, p in zip(gold, pred, strict=True))
        per_class[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {
        "macro_f1": sum(per_class.values()) / len(per_class),
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold),
        "f1_per_class": per_class,
    }


def vader_polarity(compound: float) -> str:
    if compound >= 0.05:
        return "positive"
    if compound <= -0.05:
        return "negative"
    return "neutral"


def predict_with_cli(
    targets: list[tuple[str, int, int, str]], *, model: TargetToneModel | None
) -> list[str]:
    lines = "".join(json.dumps({"text": t, "start": s, "end": e}) + "\n" for t, s, e, _ in targets)
    out = io.StringIO()
    tone_cli.run(io.StringIO(lines), out, model=model)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    errors = [row["error"] for row in rows if "error" in row]
    if errors:
        raise SystemExit(f"{len(errors)} targets were rejected, first: {errors[0]}")
    return [row["polarity"] for row in rows]


def report(name: str, result: dict) -> str:
    per_class = "  ".join(f"{k} {v:.4f}" for k, v in result["f1_per_class"].items())
    return (
        f"{name:<22} macro-F1 {result['macro_f1']:.4f}  accuracy {result['accuracy']:.4f}  "
        f"F1: {per_class}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: packaged)")
    parser.add_argument("--dev", action="store_true", help="the dev split of train.jsonl")
    parser.add_argument("--record", action="store_true", help="write figures to meta.json")
    args = parser.parse_args(argv)

    targets = dev_split(TRAIN_DATA) if args.dev else load_targets(args.data)
    name = "dev_split" if args.dev else args.data.stem
    gold = [t[3] for t in targets]
    model = TargetToneModel.load(args.model) if args.model else None
    started = time.perf_counter()
    model_result = scores(gold, predict_with_cli(targets, model=model))
    elapsed = time.perf_counter() - started
    compounds = score_sentences([t[0] for t in targets])
    vader_result = scores(gold, [vader_polarity(c) for c in compounds])

    print(f"{name}: {len(targets)} targets in {len(set(t[0] for t in targets))} sentences")
    print("gold: " + ", ".join(f"{k} {gold.count(k)}" for k in LABELS))
    print(report("target model", model_result))
    print(report("sentence VADER", vader_result))
    print(f"(model pass incl. loading: {elapsed:.1f}s)")

    if args.record:
        meta_path = (args.model or DEFAULT_PATH) / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta[name] = {
            "targets": len(targets),
            "model": _rounded(model_result),
            "sentence_vader": _rounded(vader_result),
        }
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(f"recorded in {meta_path}")
    return 0


def _rounded(result: dict) -> dict:
    return {
        "macro_f1": round(result["macro_f1"], 4),
        "accuracy": round(result["accuracy"], 4),
        "f1_per_class": {k: round(v, 4) for k, v in result["f1_per_class"].items()},
    }


if __name__ == "__main__":
    sys.exit(main())
