"""Measured accuracy: named-entity spans and actor resolution against GUM's gold news mentions.

`python -m analysis evaluate [--gum DIR] [--heldout DIR] [--errors] [--json PATH]` scores first the
held-out gold set (analysis.evaluation.heldout: test part, then dev part; docs/heldout.md), then, on
the same detokenised
text of the 24 GUM news documents (`analysis.evaluation.gum` reads them, `analysis.evaluation.gum_gold` derives the
gold spans):

1. bare spaCy: `doc.ents` of the full default pipeline of the project's model, PERSON -> PER,
   ORG -> ORG, GPE/LOC/FAC -> LOC (NORP and the rest are CoNLL's MISC or not names: ignored);
2. this project: the mentions table of a full build, actor_type person -> PER, organization ->
   ORG, country/place -> LOC, and group -> ORG unless spaCy called the span NORP (demonyms and
   nationalities are MISC; an armed group or party typed from the registry is an ORG); a mention
   written as a country's name is LOC whatever it stands for (CoNLL types a national team or a
   government named by its country as LOC).

Strict: a prediction is right when its start, end and type equal a gold span's. Predictions that
overlap an unscored gold region (a name GUM gives no CoNLL type for) and match no gold span are
left out. Resolution: the share of gold spans with a Wikipedia identity whose project actor is
that identity (`analysis.evaluation.identity.same_identity`), over those the project found (any mention
overlapping the span) and over all of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Final

from analysis.evaluation import conll_eval
from analysis.evaluation.errors import ERROR_TITLES, error_analysis
from analysis.evaluation.gum import load_gum
from analysis.evaluation.gum_gold import derive_gold, place_identities
from analysis.evaluation.heldout import DEFAULT_HELDOUT, HeldoutError, build_heldout, load_heldout
from analysis.evaluation.heldout_score import format_heldout, heldout_figures
from analysis.evaluation.scoring import (
    LABELS,
    drop_unscored,
    format_table,
    resolution_summary,
    resolve_gold,
    score_spans,
    score_untyped,
)
from analysis.evaluation.systems import project_mentions, project_spans, spacy_spans
from analysis.nlp.parse import default_model_name

DEFAULT_GUM: Final = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "gum_news"
DATA_NOTE: Final = (
    "GUM news (24 Wikinews articles; text CC BY 2.5, annotations CC BY 4.0, "
    "github.com/amir-zeldes/gum); gold spans derived as in docs/accuracy.md"
)


HELDOUT_NOTE: Final = (
    "held-out: 30 Wikinews articles of the demo corpus not in GUM plus the seed article, annotated "
    "by hand (tests/data/heldout, docs/heldout.md); test part never tuned on, dev part read while "
    "writing rules"
)


def evaluate_heldout(directory: Path, *, model: str | None = None) -> dict:
    """Held-out figures per part (test first), with the failing actors and affiliations."""
    heldout = load_heldout(directory)
    return heldout_figures(heldout, build_heldout(heldout, model=model))


def _without_problems(figures: dict) -> dict:
    """The figures for docs/accuracy.json: the lists of failing items stay on the terminal."""
    if isinstance(figures, dict):
        return {k: _without_problems(v) for k, v in figures.items() if k != "problems"}
    return figures


def evaluate(
    directory: Path, *, model: str | None = None, heldout: Path | None = DEFAULT_HELDOUT
) -> dict:
    """Every figure of docs/accuracy.json, plus the raw material of the error analysis."""
    held = evaluate_heldout(heldout, model=model) if heldout is not None else None
    docs = load_gum(directory)
    places = place_identities(docs)
    golds = {d.doc_id: derive_gold(d, places=places) for d in docs}
    gold = [(s.doc_id, s.start, s.end, s.label) for g in golds.values() for s in g.spans]
    mentions = project_mentions(docs, model=model)
    systems = {"project": project_spans(mentions), "spacy": spacy_spans(docs, model=model)}
    systems = {
        name: [
            s
            for d in docs
            for s in drop_unscored([p for p in spans if p[0] == d.doc_id], golds[d.doc_id])
        ]
        for name, spans in systems.items()
    }
    resolutions = resolve_gold(golds, mentions)
    figures = {
        **({"heldout": _without_problems(held), "heldout_data": HELDOUT_NOTE} if held else {}),
        "ner": {
            name: {k: v.as_dict() for k, v in score_spans(gold, spans).items()}
            | {"span_only": score_untyped(gold, spans).as_dict()}
            for name, spans in systems.items()
        },
        "resolution": resolution_summary(resolutions),
        "gold": {label: sum(s[3] == label for s in gold) for label in LABELS}
        | {"documents": len(docs), "linked": len(resolutions)},
        "data": DATA_NOTE,
        "model": model or default_model_name(),
        "measured": dt.date.today().isoformat(),
        "command": "python -m analysis evaluate --json docs/accuracy.json",
    }
    return {"figures": figures, "docs": docs, "golds": golds, "systems": systems,
            "resolutions": resolutions, "heldout": held}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """`evaluate [--gum DIR | --conll FILE ...] [--errors] [--json PATH] [--model NAME] [--top N]`."""
    argv = list(argv) if argv is not None else None
    if argv is not None and "--relate" in argv:  # quotes and relations: own gold and options
        from analysis.evaluation.relate_eval import main as relate_main

        return relate_main([a for a in argv if a != "--relate"])
    parser = argparse.ArgumentParser(
        prog="python -m analysis evaluate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--gum", type=Path, default=DEFAULT_GUM, help=f"GUM folder ({DEFAULT_GUM})")
    parser.add_argument(
        "--heldout", type=Path, default=DEFAULT_HELDOUT, help=f"held-out set ({DEFAULT_HELDOUT})"
    )
    parser.add_argument("--errors", action="store_true", help="print the project's top errors")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--model", default=None, help="spaCy model for both systems")
    parser.add_argument("--top", type=int, default=30, help="items per error list (30)")

    conll_eval.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.conll:
        return conll_eval.main(args)
    if not (args.gum / "xml").is_dir() or not (args.gum / "coref" / "gum" / "tsv").is_dir():
        print(f"error: no GUM corpus at {args.gum} (expected xml/ and coref/gum/tsv/); "
              "pass --gum DIR", file=sys.stderr)  # fmt: skip
        return 2
    try:
        result = evaluate(args.gum, model=args.model, heldout=args.heldout)
    except HeldoutError as exc:
        print(f"error: held-out set: {exc}; pass --heldout DIR", file=sys.stderr)
        return 2
    figures = result["figures"]
    print(format_heldout(result["heldout"]))
    print("\nGUM news (rules were written reading its error lists):")
    print(format_table(figures))
    if args.errors:
        errors = error_analysis(
            result["docs"], result["golds"], result["systems"]["project"],
            result["resolutions"], top=args.top,
        )  # fmt: skip
        for key, items in errors.items():
            print(f"\n{ERROR_TITLES[key]}:")
            print("  " + "; ".join(f"{text} x{n}" for text, n in items) if items else "  none")
        for part, held in result["heldout"].items():
            for key in ("actor_list", "affiliation"):
                print(f"\nheld-out {part}, {key.replace('_', ' ')} errors:")
                print("  " + ("; ".join(held[key]["problems"]) or "none"))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
