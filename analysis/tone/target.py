"""Targeted tone: the polarity of a sentence toward one span of it (a person, a party, ...).

A small transformer (MiniLM-L6, fine-tuned on NewsMTSC by `scripts/train_tone.py`) reads the
pair (mention, sentence with the mention wrapped in marker tokens) and predicts negative, neutral
or positive. It runs with onnxruntime and tokenizers only, on the CPU, from files in
`analysis/tone/models/target_tone/`; nothing is downloaded. `format_input` is shared with the training
script, so the model sees at run time exactly what it saw in training.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np

Polarity = Literal["negative", "neutral", "positive"]
LABELS: tuple[Polarity, ...] = ("negative", "neutral", "positive")
DEFAULT_PATH = Path(__file__).parent / "models" / "target_tone"
# Marker tokens around the target: unused entries of the BERT uncased vocabulary.
MARK_OPEN = "[unused0]"
MARK_CLOSE = "[unused1]"
# A long sentence is cut to a window of about this many characters centred on the target.
WINDOW_CHARS = 480
MAX_TOKENS = 160


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


def _window(text: str, start: int, end: int, *, width: int) -> tuple[int, int]:
    """Character bounds of a window of about `width` around [start, end), cut at spaces."""
    if len(text) <= width:
        return 0, len(text)
    spare = max(width - (end - start), 0)
    left = max(start - spare // 2, 0)
    right = min(end + (spare - (start - left)), len(text))
    left = max(min(left, right - width), 0)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return left, right


def format_input(text: str, start: int, end: int) -> tuple[str, str]:
    """The model's input pair: the mention, and the sentence with the mention marked."""
    left, right = _window(text, start, end, width=WINDOW_CHARS)
    marked = (
        f"{text[left:start]}{MARK_OPEN} {text[start:end]} {MARK_CLOSE}{text[end:right]}"
    ).strip()
    return text[start:end].strip() or text[start:end], marked


def load_tokenizer(path: Path):
    """A BERT WordPiece tokenizer set up for `format_input` pairs (markers, truncation, padding)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.add_special_tokens([MARK_OPEN, MARK_CLOSE])
    tokenizer.enable_truncation(MAX_TOKENS, strategy="only_second")
    tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0, pad_token="[PAD]")
    return tokenizer


class TargetToneModel:
    """An ONNX classifier with its tokenizer; `score` maps (sentence, start, end) to tone."""

    def __init__(self, session, tokenizer, *, labels: Sequence[str] = LABELS) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._labels: tuple[Polarity, ...] = tuple(labels)  # type: ignore[assignment]
        self._input_names = {i.name for i in session.get_inputs()}
        self._index = {label: i for i, label in enumerate(self._labels)}

    @classmethod
    def load(cls, path: Path | None = None) -> TargetToneModel:
        """Load model.onnx, tokenizer.json and meta.json from `path` (default: the packaged one)."""
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

        tokenizer = load_tokenizer(folder / "tokenizer.json")
        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 2
        options.inter_op_num_threads = 1
        # Without spinning, two threads do not lose most of their time when another process
        # (the dashboard, a test run) holds a core; measured 190 vs 118 batches/s under load.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        return cls(session, tokenizer, labels=labels)

    def probabilities(
        self, items: Sequence[tuple[str, int, int]], *, batch_size: int = 64
    ) -> np.ndarray:
        """Class probabilities, shape (len(items), 3), columns in `LABELS` order."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, not {batch_size}")
        pairs = []
        for i, item in enumerate(items):
            try:
                text, start, end = item
                check_span(text, start, end)
            except (TypeError, ValueError) as err:
                raise ValueError(f"item {i}: {err}") from err
            pairs.append(format_input(text, start, end))
        probs = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        for lo in range(0, len(order), batch_size):
            chunk = order[lo : lo + batch_size]
            probs[chunk] = self._run([pairs[i] for i in chunk])
        columns = [self._index[label] for label in LABELS]
        return probs[:, columns]

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

    def _run(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(pairs)
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        (logits,) = self._session.run(
            None, {k: v for k, v in feeds.items() if k in self._input_names}
        )
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def load_default_model() -> TargetToneModel:
    """The packaged model, loaded once per process."""
    return TargetToneModel.load()
