"""Score this project and bare spaCy on gold CoNLL-format files: `python -m analysis evaluate
--conll FILE [--conll FILE ...]`.

`analysis.evaluation.conll` reads each file into documents (one line per sentence, exact token offsets);
both systems read the same text and are mapped to PER/ORG/LOC as on GUM (`analysis.evaluation.evaluate`):
bare spaCy's `doc.ents`, and the mentions table of a full project build. Strict, as CoNLL scores:
a prediction is right when it covers exactly the tokens and type of a gold PER/ORG/LOC span; one
that does not start and end at token edges is a boundary error, and one on or over a MISC (or
other-typed) gold span is a false positive. Nothing is left unscored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from analysis.evaluation.conll import DOC_SENTENCES, ConllDocument, ConllRead, align, read_conll
from analysis.evaluation.errors import ERROR_TITLES, error_analysis
from analysis.evaluation.gum_gold import Gold, GoldSpan
from analysis.evaluation.scoring import (
    LABELS,
    Span,
    format_table,
    score_spans,
    score_untyped,
)
from analysis.evaluation.systems import project_mentions, project_spans, spacy_spans
from analysis.nlp.parse import default_model_name

MISC_TITLE = "predictions on or over MISC names (gold -> predicted)"


def gold_spans(docs: Sequence[ConllDocument]) -> list[Span]:
    """The scored gold: PER/ORG/LOC spans as (doc_id, start, end, label)."""
    return [(d.doc_id, s.start, s.end, s.label) for d in docs for s in d.spans if s.label in LABELS]


def system_spans(
    docs: Sequence[ConllDocument], *, model: str | None = None
) -> dict[str, list[Span]]:
    """Both systems' PER/ORG/LOC predictions. Documents with the same text are built once (a
    corpus holds a text once) and share the project's mentions."""
    first: dict[str, ConllDocument] = {}
    for doc in docs:
        first.setdefault(doc.text, doc)
    found: dict[str, list[Span]] = {}
    for span in project_spans(project_mentions(list(first.values()), model=model)):
        found.setdefault(span[0], []).append(span)
    project = [(d.doc_id, *s[1:]) for d in docs for s in found.get(first[d.text].doc_id, [])]
    return {"project": project, "spacy": spacy_spans(docs, model=model)}


def on_misc(docs: Sequence[ConllDocument], predicted: Sequence[Span]) -> dict[Span, str]:
    """Predictions on or over a gold span that is not PER/ORG/LOC, each with a description
    ("'German' MISC -> LOC")."""
    by_id = {d.doc_id: d for d in docs}
    hits: dict[Span, str] = {}
    for span in predicted:
        doc_id, start, end, label = span
        doc = by_id[doc_id]
        for s in doc.spans:
            if s.label not in LABELS and s.start < end and start < s.end:
                hits[span] = f"{doc.text[s.start : s.end]!r} {s.label} -> {label}"
                break
    return hits


def score_conll(reads: Sequence[ConllRead], *, model: str | None = None) -> dict:
    """Figures (as in docs/accuracy.json, less resolution) and the raw material of `--errors`."""
    docs = [d for r in reads for d in r.documents]
    gold = gold_spans(docs)
    systems = system_spans(docs, model=model)
    by_id = {d.doc_id: d for d in docs}
    labels = Counter(s.label for d in docs for s in d.spans)
    figures = {
        "ner": {
            name: {k: v.as_dict() for k, v in score_spans(gold, spans).items()}
            | {"span_only": score_untyped(gold, spans).as_dict()}
            for name, spans in systems.items()
        },
        "gold": {label: labels.pop(label, 0) for label in (*LABELS, "MISC")}
        | {"other": dict(sorted(labels.items()))}
        | {
            "documents": len(docs),
            "sentences": sum(d.sentences for d in docs),
            "tokens": sum(len(d.tokens) for d in docs),
        },
        "off_token_edges": {
            name: sum(align(by_id[s[0]], s[1], s[2]) is None for s in spans)
            for name, spans in systems.items()
        },
        "on_misc": {name: len(on_misc(docs, spans)) for name, spans in systems.items()},
        "files": [
            {
                "path": r.path,
                "scheme": r.scheme,
                "documents": len(r.documents),
                "skipped": len(r.skipped),
            }
            for r in reads
            if r.documents
        ],
        "skipped": [
            {"path": s.path, "line": s.line, "reason": s.reason} for r in reads for s in r.skipped
        ],
        "model": model or default_model_name(),
        "measured": dt.date.today().isoformat(),
    }
    return {"figures": figures, "docs": docs, "systems": systems}


def print_errors(result: dict, *, top: int) -> None:
    """The project's most frequent errors, as `python -m analysis evaluate --errors` lists them."""
    docs, predicted = result["docs"], result["systems"]["project"]
    golds = {
        d.doc_id: Gold(
            [GoldSpan(d.doc_id, s.start, s.end, s.label, "", d.text[s.start : s.end])
             for s in d.spans if s.label in LABELS], [],
        )
        for d in docs
    }  # fmt: skip
    misc = on_misc(docs, predicted)
    errors = error_analysis(docs, golds, [s for s in predicted if s not in misc], [], top=top)
    lists = {ERROR_TITLES[k]: errors[k] for k in ("fp", "fn", "span", "type")}
    lists[MISC_TITLE] = Counter(misc.values()).most_common(top)
    for title, items in lists.items():
        print(f"\n{title}:")
        print("  " + "; ".join(f"{text} x{n}" for text, n in items) if items else "  none")


def run(
    paths: Sequence[Path],
    *,
    model: str | None = None,
    json_path: Path | None = None,
    errors: bool = False,
    top: int = 30,
    doc_sentences: int = DOC_SENTENCES,
) -> int:
    """The `--conll` command: 2 when a file is missing or nothing could be read, else 0."""
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        for path in missing:
            print(f"error: no CoNLL file at {path}", file=sys.stderr)
        return 2
    unique = list(dict.fromkeys(Path(p) for p in paths))
    reads = [read_conll(p, doc_sentences=doc_sentences) for p in unique]
    for read in reads:
        for s in read.skipped:
            where = f"line {s.line}" if s.line else "file"
            print(f"{s.path}: {where}: skipped: {s.reason}", file=sys.stderr)
    if not any(r.documents for r in reads):
        print("error: no tokens read from the CoNLL files", file=sys.stderr)
        return 2
    result = score_conll(reads, model=model)
    figures = result["figures"]
    figures["command"] = "python -m analysis evaluate " + " ".join(f"--conll {p}" for p in unique)
    gold = figures["gold"]
    for entry in figures["files"]:
        print(f"{entry['path']}: {entry['documents']} documents, tags {entry['scheme']}")
    print(
        f"gold: PER {gold['PER']}, ORG {gold['ORG']}, LOC {gold['LOC']} (MISC {gold['MISC']} and "
        f"{sum(gold['other'].values())} other not scored) in {gold['documents']} documents, "
        f"{gold['sentences']} sentences, {gold['tokens']} tokens"
    )
    print(format_table(figures))
    for key, title in (("off_token_edges", "off token edges"), ("on_misc", "on/over MISC")):
        counts = ", ".join(f"{name} {n}" for name, n in figures[key].items())
        print(f"predictions {title} (false positives): {counts}")
    if errors:
        print_errors(result, top=top)
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `--conll` options of `python -m analysis evaluate`."""
    parser.add_argument(
        "--conll", type=Path, action="append", metavar="FILE",
        help="score a gold CoNLL-format NER file instead of GUM (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--doc-sentences", type=int, default=DOC_SENTENCES, metavar="N",
        help=f"a CoNLL file without -DOCSTART-: documents of N sentences ({DOC_SENTENCES}; 0: one)",
    )  # fmt: skip


def main(args: argparse.Namespace) -> int:
    """`evaluate --conll FILE ...` with the options of `python -m analysis evaluate`."""
    return run(
        args.conll, model=args.model, json_path=args.json, errors=args.errors, top=args.top,
        doc_sentences=args.doc_sentences,
    )  # fmt: skip
