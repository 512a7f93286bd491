"""What the targeted tone model reads: token passes over a sentence, and the targets' tokens in them.

Shared by the run-time model (`analysis.tone.target`) and `scripts/train_tone.py`, so the model
sees at run time exactly what it saw in training. Two input designs:

- "pooled": the sentence is encoded once and every target in it is scored from the mean of its
  own tokens' states (with the [CLS] state), so a sentence with three actors costs one pass. A
  sentence longer than `MAX_TOKENS` gets one pass per target over a window around the target.
- "pair": one pass per target over (mention, sentence with the mention between marker tokens);
  the design of the first model, kept so its figures can be re-measured.

Every pass depends only on the sentence and, for windows, on the target's own span: never on the
other targets asked for, so a score is the same however mentions are grouped into batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Marker tokens around the target ("pair" design): unused entries of the BERT uncased vocabulary.
MARK_OPEN = "[unused0]"
MARK_CLOSE = "[unused1]"
# A long sentence is cut to a window of about this many characters centred on the target.
WINDOW_CHARS = 480
MAX_TOKENS = 128
PAIR_MAX_TOKENS = 160  # the "pair" model was trained with this limit


@dataclass(frozen=True)
class Pass:
    """One run of the encoder: token ids, and per target its token positions and input index."""

    ids: tuple[int, ...]
    targets: tuple[tuple[int, ...], ...]
    items: tuple[int, ...]


def window(text: str, start: int, end: int, *, width: int) -> tuple[int, int]:
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
    """The "pair" design's input: the mention, and the sentence window with the mention marked."""
    left, right = window(text, start, end, width=WINDOW_CHARS)
    marked = (
        f"{text[left:start]}{MARK_OPEN} {text[start:end]} {MARK_CLOSE}{text[end:right]}"
    ).strip()
    return text[start:end].strip() or text[start:end], marked


def load_tokenizer(path, *, design: str = "pair"):
    """The BERT WordPiece tokenizer, with the markers and, for "pair", truncation of the sentence."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.add_special_tokens([MARK_OPEN, MARK_CLOSE])
    tokenizer.no_padding()
    if design == "pair":
        tokenizer.enable_truncation(PAIR_MAX_TOKENS, strategy="only_second")
    else:
        tokenizer.no_truncation()
    return tokenizer


def _target_tokens(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, ...]:
    """Positions of the (non-special) tokens overlapping [start, end); the nearest one if none."""
    inner = range(1, len(offsets) - 1)
    hit = tuple(i for i in inner if offsets[i][0] < end and offsets[i][1] > start)
    if hit or not inner:
        return hit or (0,)
    return (min(inner, key=lambda i: abs(offsets[i][0] - start)),)


def _clip(ids: list[int], tokens: tuple[int, ...], *, limit: int) -> tuple[list[int], tuple]:
    """At most `limit` ids ([CLS] and [SEP] kept), centred on the target's tokens."""
    if len(ids) <= limit:
        return ids, tokens
    inner, room = ids[1:-1], limit - 2
    centre = (tokens[0] + tokens[-1]) // 2 - 1
    lo = max(0, min(centre - room // 2, len(inner) - room))
    kept = tuple(t - lo for t in tokens if lo <= t - 1 < lo + room) or (1,)
    return [ids[0], *inner[lo : lo + room], ids[-1]], kept


def pooled_passes(tokenizer, text: str, spans: Sequence[tuple[int, int, int]]) -> list[Pass]:
    """Passes for targets (start, end, item) of one sentence: one pass, or a window per target."""
    whole = tokenizer.encode(text)
    if len(whole.ids) <= MAX_TOKENS:
        targets = tuple(_target_tokens(whole.offsets, s, e) for s, e, _ in spans)
        return [Pass(tuple(whole.ids), targets, tuple(i for _, _, i in spans))]
    passes = []
    for start, end, item in spans:
        left, right = window(text, start, end, width=WINDOW_CHARS)
        enc = tokenizer.encode(text[left:right])
        tokens = _target_tokens(enc.offsets, start - left, end - left)
        ids, tokens = _clip(list(enc.ids), tokens, limit=MAX_TOKENS)
        passes.append(Pass(tuple(ids), (tokens,), (item,)))
    return passes


def pair_pass(tokenizer, text: str, start: int, end: int, item: int) -> Pass:
    """The one pass of the "pair" design for one target (type ids are implied by [SEP])."""
    enc = tokenizer.encode(*format_input(text, start, end))
    return Pass(tuple(enc.ids), ((0,),), (item,))


def plan(
    tokenizer, items: Sequence[tuple[str, int, int]], *, design: str
) -> tuple[list[Pass], list[int]]:
    """Passes covering every distinct (text, start, end) once, and each item's distinct index."""
    distinct: dict[tuple[str, int, int], int] = {}
    where = [distinct.setdefault(tuple(item), len(distinct)) for item in items]
    if design == "pair":
        return [pair_pass(tokenizer, t, s, e, i) for (t, s, e), i in distinct.items()], where
    by_text: dict[str, list[tuple[int, int, int]]] = {}
    for (text, start, end), i in distinct.items():
        by_text.setdefault(text, []).append((start, end, i))
    passes = [p for text, spans in by_text.items() for p in pooled_passes(tokenizer, text, spans)]
    return passes, where
