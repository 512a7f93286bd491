"""Distil a tone model into a shallower "pooled" student, on gold and teacher soft labels.

The teacher is any exported model folder (run through `analysis.tone.target`, as at run time). The
student (MiniLM-L6's first --layers layers) learns from:

- NewsMTSC train.jsonl targets, with a target distribution `alpha * gold + (1 - alpha) * teacher`;
- unlabelled targets from `scripts/tone_items.py` (the demo corpus's mentions, NewsMTSC train
  sentences' other entities), with the teacher's distribution only.

The dev split of train.jsonl (the one `scripts/train_tone.py` uses: same seed, same fraction) is
kept out of both, and picks the epoch by dev macro-F1 on gold labels. devtest_mt.jsonl is never
read here. Runs in the training venv (scripts/requirements-train.txt):

    /work/trainenv/bin/python scripts/distil_tone.py --teacher DIR --items ITEMS.jsonl --out DIR
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_tone as tt  # noqa: E402

from analysis.tone.inputs import load_tokenizer, pooled_passes  # noqa: E402
from analysis.tone.target import LABELS, TargetToneModel  # noqa: E402

Soft = tuple[float, float, float]


def soft_groups(teacher: TargetToneModel, groups: list[list[tuple]]) -> list[list[tuple]]:
    """(sentence, start, end, label or -1, teacher distribution) per target, grouped by sentence."""
    flat = [(t[0], t[1], t[2]) for g in groups for t in g]
    probs = teacher.probabilities(flat)
    out, k = [], 0
    for g in groups:
        out.append([(*t[:4], tuple(float(x) for x in probs[k + j])) for j, t in enumerate(g)])
        k += len(g)
    return out


def encode(tokenizer, groups: list[list[tuple]], alpha: float) -> list[tuple]:
    """(ids, target positions, target distribution) per target, through the run-time passes."""
    out = []
    for g in groups:
        passes = pooled_passes(tokenizer, g[0][0], [(s, e, i) for i, (_, s, e, *_) in enumerate(g)])
        for p in passes:
            for tokens, i in zip(p.targets, p.items, strict=True):
                label, soft = g[i][3], np.array(g[i][4])
                if label >= 0:
                    soft = alpha * np.eye(len(LABELS))[label] + (1 - alpha) * soft
                out.append((p.ids, tokens, tuple(soft)))
    return out


def load_items(path: Path, dev_texts: set[str]) -> list[list[tuple]]:
    """Unlabelled targets grouped by sentence, without any sentence of the dev split."""
    by_text: dict[str, list[tuple]] = {}
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        if row["text"] not in dev_texts:
            by_text.setdefault(row["text"], []).append((row["text"], row["start"], row["end"], -1))
    return list(by_text.values())


def train(args: argparse.Namespace) -> dict:
    from transformers import get_linear_schedule_with_warmup

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    groups = tt.load_examples(args.data)
    train_groups, dev_groups = tt.split_groups(
        groups, dev_fraction=args.dev_fraction, seed=args.seed
    )
    dev_texts = {g[0][0] for g in dev_groups}
    teacher = TargetToneModel.load(args.teacher)
    started = time.time()
    labelled = soft_groups(teacher, train_groups)
    unlabelled = soft_groups(teacher, load_items(args.items, dev_texts)) if args.items else []
    print(f"teacher labels in {time.time() - started:.0f}s", flush=True)
    tokenizer = load_tokenizer(args.base / "tokenizer.json", design="pooled")
    sep_id = tokenizer.token_to_id("[SEP]")
    train_set = encode(tokenizer, labelled, args.alpha) + encode(tokenizer, unlabelled, 0.0)
    dev_set = tt.encode_examples(tokenizer, dev_groups, "pooled")
    print(f"train {len(train_set)} targets ({sum(map(len, unlabelled))} unlabelled)", flush=True)
    model = tt.build_model(args)
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
        for step, batch in enumerate(tt.batches(train_set, size=args.batch_size, rng=rng), 1):
            target = torch.tensor([ex[2] for ex in batch], dtype=torch.float32)
            logits = model(**tt.tensors(batch, sep_id))
            loss = -(target * torch.log_softmax(logits, dim=-1)).sum(dim=-1).mean()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {total / step:.4f}", flush=True)
        f1, acc, per_class = tt.macro_f1(*tt.predict(model, sep_id, dev_set))
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
    dev = [ex[:3] for g in dev_groups for ex in g], [ex[3] for g in dev_groups for ex in g]
    extra = {"labelled_targets": sum(map(len, labelled)), "unlabelled_targets": len(train_set)}
    extra["unlabelled_targets"] -= extra["labelled_targets"]
    return {"model": model, "tokenizer": tokenizer, "dev": dev, "best": best,
            "history": history, "data": extra}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teacher", type=Path, required=True, help="exported model folder")
    parser.add_argument("--items", type=Path, help="unlabelled targets from tone_items.py")
    parser.add_argument(
        "--data", type=Path, default=tt.ROOT.parent / "shared/corpora/newsmtsc/train.jsonl"
    )
    parser.add_argument("--base", type=Path, default=None, help="base model folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/tone_distil"))
    parser.add_argument("--layers", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--alpha", type=float, default=0.5, help="weight of gold vs teacher")
    parser.add_argument("--dev-fraction", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    args.base = args.base or tt.default_base()
    args.design, args.freeze_embeddings = "pooled", True
    if "devtest" in args.data.name or (args.items and "devtest" in args.items.name):
        parser.error("devtest files are for evaluation only, never for training")
    started = time.time()
    result = train(args)
    print(f"best: {result['best']} ({time.time() - started:.0f}s)", flush=True)
    tt.export(result["model"], result["tokenizer"], args.out, args.work, design="pooled")
    teacher_meta = json.loads((args.teacher / "meta.json").read_text(encoding="utf-8"))
    hyper = {k: getattr(args, k) for k in ("layers", "epochs", "batch_size", "lr", "alpha")}
    meta = tt.model_meta(
        args, result,
        hyper | {"design": "pooled", "freeze_embeddings": True},
        distilled_from=teacher_meta.get("name", str(args.teacher)),
        data=result["data"],
    )  # fmt: skip
    tt.write_meta(args.out, meta, result)
    print(f"wrote {args.out} ({time.time() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
