"""The PLOVER lexicon: verb and noun lemmas -> event type, quad and tone (see the YAML file)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.knowledge.text import read_yaml

DATA = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "plover_lexicon.yaml"
STATEMENT = ("STATEMENT", "statement", 0.0)
QUADS = (
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
    "statement",
)


@dataclass(frozen=True)
class Lexicon:
    """Lookups built from the lexicon file; `verbs`/`nominals` map a lemma to its event types."""

    quads: dict[str, str]
    tones: dict[str, float]
    verbs: dict[str, tuple[str, ...]]
    nominals: dict[str, tuple[str, ...]]
    word_tones: dict[str, float]
    prefer: dict[str, str]
    reporting: frozenset[str]
    modals: frozenset[str]
    intent: frozenset[str]

    def event(self, lemma: str, *, nominal: bool = False) -> tuple[str, str, float] | None:
        """(event, quad, tone) for a lemma, or None when the lexicon does not list it."""
        types = (self.nominals if nominal else self.verbs).get(lemma.lower())
        if not types:
            return None
        event = self.prefer.get(lemma.lower(), types[0])
        event = event if event in types else types[0]
        tone = self.word_tones.get(lemma.lower(), self.tones[event])
        return event, self.quads[event], tone

    def quad_of(self, event: str) -> str:
        return self.quads.get(event, "statement")


def _check(raw: dict, path: Path) -> None:
    events = raw.get("events")
    if not isinstance(events, dict) or not events:
        raise ValueError(f"{path}: no 'events' mapping")
    for name, spec in events.items():
        if not isinstance(spec, dict) or spec.get("quad") not in QUADS:
            raise ValueError(f"{path}: event {name}: 'quad' must be one of {', '.join(QUADS)}")
        if not -1 <= float(spec.get("tone", 0)) <= 1:
            raise ValueError(f"{path}: event {name}: 'tone' must lie in [-1, 1]")


@lru_cache(maxsize=4)
def load_lexicon(path: Path | str = DATA) -> Lexicon:
    """Read and check the lexicon file (cached per path)."""
    path = Path(path)
    raw = read_yaml(path.read_text(encoding="utf-8")) or {}
    _check(raw, path)
    verbs: dict[str, list[str]] = {}
    nominals: dict[str, list[str]] = {}
    for name, spec in raw["events"].items():
        for word in spec.get("verbs") or ():
            verbs.setdefault(str(word).lower(), []).append(name)
        for word in spec.get("nominals") or ():
            nominals.setdefault(str(word).lower(), []).append(name)
    return Lexicon(
        quads={n: s["quad"] for n, s in raw["events"].items()} | {"STATEMENT": "statement"},
        tones={n: float(s.get("tone", 0)) for n, s in raw["events"].items()} | {"STATEMENT": 0.0},
        verbs={k: tuple(v) for k, v in verbs.items()},
        nominals={k: tuple(v) for k, v in nominals.items()},
        word_tones={str(k).lower(): float(v) for k, v in (raw.get("tones") or {}).items()},
        prefer={str(k).lower(): str(v) for k, v in (raw.get("prefer") or {}).items()},
        reporting=frozenset(str(w).lower() for w in raw.get("reporting") or ()),
        modals=frozenset(str(w).lower() for w in raw.get("modals") or ()),
        intent=frozenset(str(w).lower() for w in raw.get("intent") or ()),
    )
