"""Where corpora live on disk: the default corpus, uploads, build folders, alias files.

Plain file handling, no streamlit and no cache: `dashboard.data` builds its cache keys on `Source`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.config import ALIAS_FILE, InputOptions, Settings, relate_default
from analysis.ingest.corpus import SUPPORTED, kept_out
from analysis.ingest.preview import FilePreview, preview_columns
from analysis.store import lock

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = "seeds"
_NAME = re.compile(r"[^a-z0-9_-]+")
RELATE_FLAG = ".relate-on"  # in the corpus folder: on even with ACTORSCOPE_RELATE=0
INPUTS_FILE = ".actorscope-inputs.json"  # hidden: the loader never takes it for an article


@dataclass(frozen=True)
class Source:
    """A corpus at one build: the hashable key of every cached table."""

    name: str
    version: str


def home() -> Path:
    return Path(os.environ.get("ACTORSCOPE_HOME") or REPO / ".actorscope")


def corpus_sources(name: str) -> Path:
    if name == DEFAULT_CORPUS:
        return Path(os.environ.get("ACTORSCOPE_SEEDS") or REPO / "seeds")
    return home() / "uploads" / name


def out_dir(name: str) -> Path:
    return home() / "corpora" / name


def list_corpora() -> list[str]:
    uploads = home() / "uploads"
    names = sorted(p.name for p in uploads.iterdir() if p.is_dir()) if uploads.is_dir() else []
    return [DEFAULT_CORPUS, *[n for n in names if n != DEFAULT_CORPUS]]


def is_built(name: str) -> bool:
    out = out_dir(name)
    return (out / "build.json").exists() and (out / "mentions.parquet").exists()


def source(name: str) -> Source:
    """The corpus with its current build stamp (a stat, no file read)."""
    stamp = out_dir(name) / "build.json"
    version = str(stamp.stat().st_mtime_ns) if stamp.exists() else "unbuilt"
    return Source(name, version)


def alias_file(name: str) -> Path:
    return out_dir(name) / ALIAS_FILE


def upload_name(raw: str) -> str:
    """A safe folder name for an uploaded corpus; ValueError when nothing usable is left."""
    name = _NAME.sub("-", raw.strip().lower()).strip("-_")[:40]
    if not name:
        raise ValueError("give the corpus a name (letters, digits, - or _)")
    if name == DEFAULT_CORPUS:
        raise ValueError(f"'{DEFAULT_CORPUS}' is the default corpus; choose another name")
    return name


def save_uploads(name: str, files: Iterable[tuple[str, bytes]]) -> tuple[list[str], list[str]]:
    """Write uploaded files into uploads/<name>/; returns (saved, refused) file names."""
    folder = home() / "uploads" / name
    folder.mkdir(parents=True, exist_ok=True)
    saved, refused = [], []
    for raw_name, payload in files:
        base = Path(raw_name).name
        stem, suffix = Path(base).stem, Path(base).suffix.lower()
        if suffix not in SUPPORTED:
            refused.append(base)
            continue
        safe = (re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "file") + suffix
        (folder / safe).write_bytes(payload)
        saved.append(safe)
    return saved, refused


def load_aliases_text(name: str) -> str:
    path = alias_file(name)
    return path.read_text(encoding="utf-8") if path.exists() else ""


# Builds started from the dashboard, by corpus: a process of this server (one per corpus).
_BUILDS: dict[str, subprocess.Popen] = {}


def start_build(name: str) -> None:
    """Analyse the corpus in a background process (`python -m analysis build`), unless one is
    running already (this server's, or another's: the build lock says). The process outlives a
    page reload; its progress is in the build-status file."""
    out = out_dir(name)
    proc = _BUILDS.get(name)
    if (proc is not None and proc.poll() is None) or lock.is_running(out):
        return
    out.mkdir(parents=True, exist_ok=True)
    lock.write_status(out, state="starting", stage="starting", done=0, total=0, error="")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with open(out / "build.log", "ab") as log:
        _BUILDS[name] = subprocess.Popen(
            [sys.executable, "-m", "analysis", "build", str(corpus_sources(name)),
             "--out", str(out), *_inputs_argument(name),
             "--relate" if relate_wanted(name) else "--no-relate"],
            cwd=REPO, env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip


def _inputs_argument(name: str) -> list[str]:
    """`--inputs FILE` when the analyst chose a column mapping or date order at upload."""
    path = corpus_sources(name) / INPUTS_FILE
    return ["--inputs", str(path)] if path.is_file() else []


def build_running(name: str) -> bool:
    """Whether a build of the corpus is starting or running (in any process)."""
    proc = _BUILDS.get(name)
    return (proc is not None and proc.poll() is None) or lock.is_running(out_dir(name))


def build_status(name: str) -> dict:
    """What the corpus's build last said: state, stage, articles done and to do, error."""
    return lock.read_status(out_dir(name))


def input_options(name: str) -> InputOptions:
    """The column mapping and date order saved for an uploaded corpus (defaults when none)."""
    return InputOptions.from_file(corpus_sources(name) / INPUTS_FILE)


def save_input_options(name: str, files: dict[str, dict[str, str]], order: str | None) -> None:
    """Keep the mapping the analyst chose beside the uploaded files, for every later rebuild."""
    folder = home() / "uploads" / name
    folder.mkdir(parents=True, exist_ok=True)
    payload = {"files": files, "order": order}
    (folder / INPUTS_FILE).write_text(json.dumps(payload, indent=2, sort_keys=True), "utf-8")


def relate_wanted(name: str) -> bool:
    """Quotes and relations are on by default; with ACTORSCOPE_RELATE=0 they are off except for
    a corpus whose Quotes page turned them on (RELATE_FLAG in its folder)."""
    return relate_default() or (out_dir(name) / RELATE_FLAG).exists()


def want_relate(name: str) -> None:
    """Every later build of the corpus finds quotes and relations (the Quotes page's button)."""
    path = out_dir(name) / RELATE_FLAG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("quotes and relations on (Quotes page)\n", "utf-8")


def settings(name: str) -> Settings:
    """Build settings of a corpus: the column mapping and date order chosen at upload, and
    whether it looks for quotes and relations."""
    return Settings(inputs=input_options(name), relate=relate_wanted(name))


def column_previews(name: str) -> list[FilePreview]:
    """Each uploaded table's columns and detected roles (headers only: cheap, not cached)."""
    return list(preview_columns([corpus_sources(name)], options=input_options(name)))


def languages_frame(info: dict) -> pd.DataFrame:
    """Articles per language from build.json; those not in English were kept out of NLP."""
    counts = pd.DataFrame(
        list((info.get("languages") or {}).items()), columns=["language", "articles"]
    )
    counts["analysed"] = [not kept_out(lang) for lang in counts["language"]]
    return counts
