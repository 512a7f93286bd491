"""Command line: `python -m analysis build [PATH ...] [--out DIR]`, `tone`, `quotes`, `relations`,
`evaluate`."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from analysis.config import InputOptions, Settings, relate_default
from analysis.schema import TONE_MODES

DEFAULT_OUT = Path(".actorscope") / "build"


def _progress_bar():
    """One bar over articles for the whole build (parse and tone): articles/s and time left."""
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="article", desc="articles", file=sys.stderr)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _say(text: str) -> None:
    print(f"build: {text}", file=sys.stderr, flush=True)


ROLES = ("text", "date", "title", "url", "source", "id")


def input_options(args: argparse.Namespace) -> InputOptions:
    """Column overrides and day/month order from the build's input options."""
    columns = tuple(
        (role, getattr(args, f"{role}_column"))
        for role in ROLES
        if getattr(args, f"{role}_column", None)
    )
    saved = InputOptions.from_file(args.inputs) if args.inputs else InputOptions()
    return replace(saved, columns=columns, order=args.order or saved.order)


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "input", "how files are read (columns are found by their usual names without these)"
    )
    for role in ROLES:
        group.add_argument(
            f"--{role}-column", metavar="NAME", help=f"the column holding the {role}"
        )
    group.add_argument(
        "--inputs", type=Path, default=None, metavar="FILE",
        help="column mapping per file and date order saved as JSON (the dashboard's upload page)",
    )  # fmt: skip
    order = group.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst",
        dest="order",
        action="store_const",
        const="dayfirst",
        help="read numeric dates like 01/07/2024 day first (1 July)",
    )
    order.add_argument(
        "--monthfirst",
        dest="order",
        action="store_const",
        const="monthfirst",
        help="read them month first (7 January); default: decided per file",
    )


def cmd_build(args: argparse.Namespace) -> int:
    from analysis.pipeline import BuildRunning, build

    settings = Settings(
        model=args.model,
        tone=args.tone,
        escape_csv=not args.raw_csv,
        n_process=args.processes,
        aliases=args.aliases,
        inputs=input_options(args),
        relate=relate_default() if args.relate is None else args.relate,
    )
    scheduler = args.scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    try:
        report = build(
            args.paths, args.out, settings, progress=_progress_bar(), stage=_say,
            force=args.force, workers=args.workers, scheduler=scheduler,
            shard_size=args.shard_size,
        )  # fmt: skip
    except BuildRunning as exc:
        print(f"not started: {exc}", file=sys.stderr)
        return 2
    for reject in report.skipped:
        print(f"{reject.path}: {reject.location}: skipped: {reject.reason}", file=sys.stderr)
    for notice in report.notices:
        print(f"{notice.path}: {notice.location}: {notice.reason}", file=sys.stderr)
    state = "up to date, nothing re-analysed" if report.up_to_date else f"parsed {report.parsed}"
    kept_out = sum(1 for n in report.notices if n.reason.startswith("kept out: language"))
    print(
        f"{report.articles} articles ({report.undated} undated, {kept_out} kept out of NLP by "
        f"language), {report.rejects} inputs skipped; "
        f"{state}; tables in {report.out}",
        file=sys.stderr,
    )
    if report.seconds and not report.up_to_date:
        print(f"time: {_timing(report)}", file=sys.stderr)
    return 0 if report.articles else 1


def _timing(report) -> str:
    """Seconds per step, e.g. 'load 1.2 s, nlp 30.1 s (local, 2 workers, 8 shards), ...'."""
    where = {"process": "in this process", "local": f"local, {report.workers} workers"}
    parts = []
    for step, seconds in report.seconds.items():
        text = f"{step} {seconds:.1f} s"
        if step == "nlp" and report.shards:
            text += f" ({where.get(report.engine, report.engine)}, {report.shards} shards)"
        parts.append(text)
    return ", ".join(parts)


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
    b.add_argument(
        "--relate",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="find quotes and directed relations (default: on, unless ACTORSCOPE_RELATE=0); "
        "--no-relate writes those tables empty with their columns",
    )
    b.add_argument(
        "--workers",
        type=int,
        default=None,
        help="shards run on a local Dask cluster of N worker processes; 0: in this process "
        "(default: one per core for 1,000+ new articles, else in this process)",
    )
    b.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDR",
        help="run the shards on an existing Dask cluster, e.g. tcp://host:8786 "
        "(default: $DASK_SCHEDULER_ADDRESS)",
    )
    b.add_argument(
        "--shard-size", type=int, default=400, help="articles per shard (400; smaller on a local "
        "cluster so every worker stays busy)",
    )  # fmt: skip
    _add_input_options(b)
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
