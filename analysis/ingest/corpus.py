"""Load a corpus of dated articles from files and folders; name every input that is skipped.

Formats: `.txt` (first non-blank line starts with `date YYYY-MM-DD`, the rest is the text), `.csv`
and `.jsonl` with `date` and `text` columns (optional `title`, `url`, `source`, `id`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED = (".txt", ".csv", ".jsonl")
# Files a corpus folder may hold beside its articles (documentation, licences): not articles.
_IGNORED_NAMES = re.compile(r"^(readme|license|licence|copying|notice)(\..*)?$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\S+)\s?", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s].*)?$")
_OPTIONAL = ("title", "url", "source", "id")

csv.field_size_limit(2**31 - 1)


@dataclass(frozen=True)
class Article:
    """One article as read from disk; `text` is the exact string every offset refers to."""

    article_id: str
    date: str  # ISO YYYY-MM-DD, or "" when the input gave none (undated)
    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    source_id: str = ""  # the input's own `id`, kept so results can be joined back
    path: str = ""
    location: str = ""


@dataclass(frozen=True)
class Reject:
    path: str
    location: str
    reason: str


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    notices: list[Reject] = field(default_factory=list)  # kept, but worth saying (e.g. undated)


class InputError(ValueError):
    """A file or row that cannot become an article; the message says why."""


def article_id_for(text: str) -> str:
    """Stable id from the content, so identical texts share one id wherever they come from."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parse_date(value: object) -> str:
    """ISO date string from `value`; "" when empty; InputError when present but impossible."""
    if value is None:
        return ""
    raw = str(value).strip()
    if not raw:
        return ""
    match = _ISO_DATE.match(raw)
    if not match:
        raise InputError(f"unreadable date {raw!r} (expected YYYY-MM-DD)")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as exc:
        raise InputError(f"impossible date {raw!r} ({exc})") from None


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (BOM or not), else Windows-1252/Latin-1; newlines made LF."""
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if text and sum(ch < " " and ch not in "\t\n\r\f" for ch in text[:4096]) > 0.05 * len(
        text[:4096]
    ):
        raise InputError("binary file (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: object) -> str:
    return str(text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def iter_files(paths: Iterable[Path | str]) -> Iterator[tuple[Path, bool]]:
    """Files under `paths` (folders recursively, sorted), with whether the user named them."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = child.relative_to(path).parts
                if any(part.startswith(".") for part in rel) or _IGNORED_NAMES.match(child.name):
                    continue
                yield child, False
        else:
            yield path, True


def read_txt(path: Path, text: str) -> Iterator[dict]:
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError("empty file")
    match = _DATE_LINE.match(lines[first])
    if match:
        date_raw = match.group(1)
        rest = lines[first][match.end() :]
        body = "\n".join([rest, *lines[first + 1 :]])
    else:
        date_raw, body = "", "\n".join(lines[first:])
    yield {"date": date_raw, "text": body, "_location": "file"}


def read_csv(path: Path, text: str) -> Iterator[dict]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = {name.strip().lower(): name for name in (reader.fieldnames or []) if name}
    if "text" not in fields:
        raise InputError(f"no 'text' column (columns: {', '.join(fields) or 'none'})")
    for number, row in enumerate(reader, start=1):
        record = {key: row.get(name) for key, name in fields.items()}
        record["_location"] = f"row {number} (line {reader.line_num})"
        yield record


def read_jsonl(path: Path, text: str) -> Iterator[dict]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        location = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {
                "_location": location,
                "_error": f"broken JSON ({exc.msg} at column {exc.colno})",
            }
            continue
        if not isinstance(record, dict):
            yield {"_location": location, "_error": "not a JSON object"}
            continue
        yield {str(k).lower(): v for k, v in record.items()} | {"_location": location}


READERS = {".txt": read_txt, ".csv": read_csv, ".jsonl": read_jsonl}


def to_article(record: dict, path: Path) -> Article:
    if record.get("_error"):
        raise InputError(record["_error"])
    text = clean_text(record.get("text"))
    if not text:
        raise InputError("no text")
    extra = {key: clean_text(record.get(key)) for key in _OPTIONAL}
    return Article(
        article_id=article_id_for(text),
        date=parse_date(record.get("date")),
        text=text,
        title=extra["title"],
        url=extra["url"],
        source=extra["source"],
        source_id=extra["id"],
        path=str(path),
        location=record["_location"],
    )


def load_corpus(paths: Iterable[Path | str]) -> Corpus:
    """Read every article under `paths`; bad files and rows go to `rejects`, never abort the rest."""
    corpus = Corpus()
    seen: dict[str, Article] = {}
    for path, named in iter_files(paths):
        suffix = path.suffix.lower()
        if suffix not in READERS:
            if named or suffix not in {".md", ""}:
                corpus.rejects.append(
                    Reject(str(path), "file", f"unsupported file type {suffix or '(none)'}")
                )
            continue
        try:
            text = decode(path.read_bytes())
            records = list(READERS[suffix](path, text))
        except (OSError, InputError, csv.Error) as exc:
            corpus.rejects.append(Reject(str(path), "file", str(exc)))
            continue
        for record in records:
            location = record["_location"]
            try:
                article = to_article(record, path)
            except InputError as exc:
                corpus.rejects.append(Reject(str(path), location, str(exc)))
                continue
            if article.article_id in seen:
                first = seen[article.article_id]
                corpus.rejects.append(
                    Reject(
                        str(path),
                        location,
                        f"duplicate text of {first.path} {first.location}: analysed once",
                    )
                )
                continue
            seen[article.article_id] = article
            if not article.date:
                corpus.notices.append(Reject(str(path), location, "no date: kept as undated"))
            corpus.articles.append(article)
    return corpus
