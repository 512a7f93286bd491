"""Targeted tone: the polarity of a sentence toward one span of it (a person, a party, ...).

A small transformer (MiniLM, first 3 layers, distilled by `scripts/distil_tone.py` from a 6-layer
model fine-tuned on NewsMTSC by `scripts/train_tone.py`) predicts negative, neutral or positive. It runs with onnxruntime and tokenizers only, on the CPU,
from files in `analysis/tone/models/target_tone/`; nothing is downloaded. What it reads is built by
`analysis.tone.inputs`, shared with the training script.

Speed and determinism: repeated (sentence, span) pairs are scored once; in the "pooled" design a
sentence is encoded once for all its targets. Each pass is one unpadded sequence (batch of 1), run
on one thread per core, so a score depends only on its (sentence, span): int8 dynamic quantisation
scales activations per run, and no other sentence shares the run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np

from analysis.tone.inputs import (
    MARK_CLOSE,
    MARK_OPEN,
    MAX_TOKENS,
    WINDOW_CHARS,
    Pass,
    format_input,
    load_tokenizer,
    plan,
)

__all__ = [
    "DEFAULT_PATH",
    "LABELS",
    "MARK_CLOSE",
    "MARK_OPEN",
    "MAX_TOKENS",
    "WINDOW_CHARS",
    "TargetToneModel",
    "ToneResult",
    "check_span",
    "format_input",
    "load_default_model",
    "load_tokenizer",
]

Polarity = Literal["negative", "neutral", "positive"]
LABELS: tuple[Polarity, ...] = ("negative", "neutral", "positive")
DEFAULT_PATH = Path(__file__).parent / "models" / "target_tone"
DESIGNS = ("pooled", "pair")


@dataclass(frozen=True)
class ToneResult:
    """Polarity toward a target and a score in [-1, 1] (p(positive) - p(negative))."""

    polarity: Polarity
    score: float


def check_span(text: object, start: object, end: object) -> None:
    """Raise ValueError unless `text[start:end]` is a non-empty span of the string `text`."""
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, not {type(text).__name__}")
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be an integer, not {type(value).__name__}")
    assert isinstance(start, int) and isinstance(end, int)
    if not 0 <= start < end <= len(text):
        raise ValueError(
            f"target span [{start}, {end}) must satisfy 0 <= start < end <= len(text) "
            f"(= {len(text)})"
        )


def _softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=-1, keepdims=True)


class TargetToneModel:
    """An ONNX encoder with its tokenizer; `score` maps (sentence, start, end) to tone."""

    def __init__(
        self,
        session,
        tokenizer,
        *,
        labels: Sequence[str] = LABELS,
        design: str = "pair",
        head: tuple[np.ndarray, np.ndarray] | None = None,
        workers: int = 1,
    ) -> None:
        if design not in DESIGNS:
            raise ValueError(f"design must be one of {DESIGNS}, not {design!r}")
        if design == "pooled" and head is None:
            raise ValueError('the "pooled" design needs its head (weights, bias)')
        self._session = session
        self._tokenizer = tokenizer
        self._labels: tuple[Polarity, ...] = tuple(labels)  # type: ignore[assignment]
        self._input_names = {i.name for i in session.get_inputs()}
        self._columns = [self._labels.index(label) for label in LABELS]
        self._design = design
        self._head = head
        self._workers = max(1, workers)
        self._sep = tokenizer.token_to_id("[SEP]")

    @classmethod
    def load(cls, path: Path | None = None, *, threads: int | None = None) -> TargetToneModel:
        """Load model.onnx, tokenizer.json and meta.json from `path` (default: the packaged one).

        By default one run per core, each on one thread; `threads` N runs one at a time on N
        threads (a Dask worker owns one core: onnxruntime ignores OMP_NUM_THREADS)."""
        import onnxruntime as ort

        folder = Path(path) if path is not None else DEFAULT_PATH
        missing = [
            n for n in ("model.onnx", "tokenizer.json", "meta.json") if not (folder / n).is_file()
        ]
        if missing:
            raise FileNotFoundError(f"target tone model in {folder} lacks {', '.join(missing)}")
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        labels = tuple(meta.get("labels", LABELS))
        if sorted(labels) != sorted(LABELS):
            raise ValueError(f"meta.json labels {labels} are not {LABELS}")
        design = meta.get("design", "pair")
        head = None
        if design == "pooled":
            if not (folder / "head.npz").is_file():
                raise FileNotFoundError(f"target tone model in {folder} lacks head.npz")
            with np.load(folder / "head.npz") as weights:
                head = (weights["weight"].astype(np.float64), weights["bias"].astype(np.float64))

        tokenizer = load_tokenizer(folder / "tokenizer.json", design=design)
        options = ort.SessionOptions()
        # One thread per run and one run per core: small unpadded runs keep both cores busier
        # than one run split over two threads (measured 554 vs 291 targets/s, batch of 1).
        options.intra_op_num_threads = threads or 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
        workers = 1 if threads else workers
        return cls(session, tokenizer, labels=labels, design=design, head=head, workers=workers)

    @property
    def design(self) -> str:
        """ "pooled" (one pass per sentence) or "pair" (one pass per target)."""
        return self._design

    def probabilities(
        self, items: Sequence[tuple[str, int, int]], *, batch_size: int = 64
    ) -> np.ndarray:
        """Class probabilities, shape (len(items), 3), columns in `LABELS` order.

        `batch_size` is checked and kept for callers of the first version; runs are now one
        sentence each, so that no score depends on which other sentences came with it.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, not {batch_size}")
        for i, item in enumerate(items):
            try:
                text, start, end = item
                check_span(text, start, end)
            except (TypeError, ValueError) as err:
                raise ValueError(f"item {i}: {err}") from err
        if not items:
            return np.zeros((0, len(LABELS)), dtype=np.float64)
        passes, where = plan(self._tokenizer, items, design=self._design)
        distinct = np.zeros((max(where) + 1, len(LABELS)), dtype=np.float64)
        passes.sort(key=lambda p: -len(p.ids))  # longest first: the two workers end together
        shares = [passes[w :: self._workers] for w in range(min(self._workers, len(passes)))]
        if len(shares) > 1:
            with ThreadPoolExecutor(len(shares)) as pool:
                done = list(pool.map(self._run_all, shares))
        else:
            done = [self._run_all(share) for share in shares]
        for share, results in zip(shares, done, strict=True):
            for p, probs in zip(share, results, strict=True):
                distinct[list(p.items)] = probs
        return distinct[where][:, self._columns]

    def score(
        self, items: Sequence[tuple[str, int, int]], *, batch_size: int = 64
    ) -> list[ToneResult]:
        """Tone toward each (sentence, start, end) target, in input order."""
        probs = self.probabilities(items, batch_size=batch_size)
        best = probs.argmax(axis=1)
        scores = np.clip(probs[:, 2] - probs[:, 0], -1.0, 1.0)
        return [
            ToneResult(polarity=LABELS[k], score=float(s))
            for k, s in zip(best, scores, strict=True)
        ]

    def tone_scores(self, items: Sequence[tuple[str, int, int]]) -> np.ndarray:
        """p(positive) - p(negative) per item, as one float array: the build's batch entry point.

        Give it every mention of a shard at once: repeated (sentence, span) pairs are scored
        once and each sentence is encoded once; the result does not depend on how items are cut.
        """
        probs = self.probabilities(items)
        return np.clip(probs[:, 2] - probs[:, 0], -1.0, 1.0)

    def _run_all(self, passes: list[Pass]) -> list[np.ndarray]:
        return [self._run(p) for p in passes]

    def _run(self, p: Pass) -> np.ndarray:
        """Probabilities (in the model's label order) for the targets of one pass."""
        ids = np.array([p.ids], dtype=np.int64)
        types = np.zeros_like(ids)
        if self._design == "pair":
            types[0, p.ids.index(self._sep) + 1 :] = 1
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": types}
        (out,) = self._session.run(None, {k: v for k, v in feeds.items() if k in self._input_names})
        if self._design == "pair":
            return _softmax(out.astype(np.float64))
        assert self._head is not None
        weight, bias = self._head
        hidden = out[0].astype(np.float64)
        rows = []
        for tokens in p.targets:  # one target at a time: no score depends on its neighbours
            feature = np.concatenate([hidden[0], hidden[list(tokens)].mean(axis=0)])
            rows.append(feature @ weight + bias)
        return _softmax(np.array(rows))


@lru_cache(maxsize=1)
def load_default_model() -> TargetToneModel:
    """The packaged model, loaded once per process."""
    return TargetToneModel.load()
