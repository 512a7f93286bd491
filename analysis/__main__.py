"""Command line: `python -m analysis build [PATH ...] [--out DIR]`, `tone`, `quotes`, `relations`,
`evaluate`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.config import Settings
from analysis.schema import TONE_MODES

DEFAULT_OUT = Path(".actorscope") / "build"


def _progress_bar():
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="char", unit_scale=True, desc="spaCy", file=sys.stderr)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def cmd_build(args: argparse.Namespace) -> int:
    from analysis.pipeline import build

    settings = Settings(
        model=args.model,
        tone=args.tone,
        escape_csv=not args.raw_csv,
        n_process=args.processes,
        aliases=args.aliases,
    )
    report = build(args.paths, args.out, settings, progress=_progress_bar(), force=args.force)
    for reject in report.skipped:
        print(f"{reject.path}: {reject.location}: skipped: {reject.reason}", file=sys.stderr)
    for notice in report.notices:
        print(f"{notice.path}: {notice.location}: {notice.reason}", file=sys.stderr)
    state = "up to date, nothing re-analysed" if report.up_to_date else f"parsed {report.parsed}"
    print(
        f"{report.articles} articles ({report.undated} undated), {report.rejects} inputs skipped; "
        f"{state}; tables in {report.out}",
        file=sys.stderr,
    )
    return 0 if report.articles else 1


def cmd_tone(args: argparse.Namespace) -> int:
    from analysis.tone.cli import run

    return run(sys.stdin, sys.stdout)


def cmd_relate(args: argparse.Namespace) -> int:
    from analysis.relate.cli import run

    return run(sys.stdin, sys.stdout, command=args.command)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["evaluate"]:  # its own options: python -m analysis evaluate --help
        from analysis.evaluation.evaluate import main as evaluate

        return evaluate(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="analyse a corpus and write the tables")
    b.add_argument("paths", nargs="*", type=Path, default=[Path("seeds")], metavar="PATH")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder ({DEFAULT_OUT})")
    b.add_argument(
        "--model", default=None, help="spaCy model (default: en_core_web_sm if installed)"
    )
    b.add_argument(
        "--tone",
        choices=TONE_MODES,
        default="target",
        help="tone of each mention: 'target' (a model reads the sentence toward the mention, "
        "default) or 'sentence' (whole-sentence VADER, faster)",
    )
    b.add_argument(
        "--aliases", type=Path, default=None, help="alias file (default: OUT/aliases.yaml)"
    )
    b.add_argument("--processes", type=int, default=None, help="spaCy processes (default: auto)")
    b.add_argument(
        "--raw-csv",
        action="store_true",
        help="do not escape cells starting with = + - @ (for data pipelines, not spreadsheets)",
    )
    b.add_argument("--force", action="store_true", help="rebuild the tables even if up to date")
    b.set_defaults(func=cmd_build)
    t = sub.add_parser("tone", help="targeted tone: JSONL {text,start,end} on stdin -> stdout")
    t.set_defaults(func=cmd_tone)
    q = sub.add_parser("quotes", help="quotes and speakers: JSONL {text} on stdin -> stdout")
    q.set_defaults(func=cmd_relate)
    r = sub.add_parser(
        "relations", help="directed relations: JSONL {text[, a, b]} on stdin -> stdout"
    )
    r.set_defaults(func=cmd_relate)
    sub.add_parser("evaluate", help="NER and resolution accuracy on gold news (see --help)")
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
