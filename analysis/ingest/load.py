"""Load a corpus from files, folders and archives; name every input that is skipped, and why.

Per file: read records (readers, pages, sheets), decide the day/month order of its numeric dates,
make articles, identify their language. One broken file, member or row never stops the rest.
"""

from __future__ import annotations

import csv
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from analysis.config import InputOptions
from analysis.ingest.archives import UNPACKED_LIMIT, ArchiveRefused, archive_kind, iter_members
from analysis.ingest.dates import date_remark, decide_order, order_notice, read_date
from analysis.ingest.language import identify, kept_out
from analysis.ingest.model import Article, Corpus, InputError, Reject, article_id_for, clean_text
from analysis.ingest.pages import read_html
from analysis.ingest.readers import Record, read_csv, read_jsonl, read_txt
from analysis.ingest.sheets import read_xlsx

READERS = {
    ".txt": read_txt,
    ".csv": read_csv,
    ".jsonl": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
    ".xlsx": read_xlsx,
}
SUPPORTED = (*READERS, ".zip", ".tar", ".tar.gz", ".tgz", ".gz")
# Files a corpus folder may hold beside its articles (documentation, licences): not articles.
_IGNORED_NAMES = re.compile(r"^(readme|license|licence|copying|notice)(\..*)?$", re.IGNORECASE)
_READ_ERRORS = (
    InputError,
    csv.Error,
    OSError,
    EOFError,
    zlib.error,
    zipfile.BadZipFile,
    tarfile.TarError,
)
_OPTIONAL = ("title", "url", "source", "id")

Opener = Callable[[], AbstractContextManager[BinaryIO]]


def iter_files(paths: Iterable[Path | str]) -> Iterator[tuple[Path, bool]]:
    """Files under `paths` (folders recursively, sorted), with whether the user named them."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _ignored(child.relative_to(path).parts):
                    continue
                yield child, False
        else:
            yield path, True


def _ignored(parts: tuple[str, ...]) -> bool:
    return any(p.startswith(".") or p == "__MACOSX" for p in parts) or bool(
        _IGNORED_NAMES.match(parts[-1])
    )


def _suffix(name: str) -> str:
    kind = archive_kind(name)
    return kind or PurePosixPath(name).suffix.lower()


class _Loader:
    def __init__(self, options: InputOptions, languages: Mapping[str, str]) -> None:
        self.options = options
        self.languages = languages
        self.corpus = Corpus()
        self.seen: dict[str, Article] = {}

    def reject(self, path: str, location: str, reason: str) -> None:
        self.corpus.rejects.append(Reject(path, location, reason))

    def notice(self, path: str, location: str, reason: str) -> None:
        self.corpus.notices.append(Reject(path, location, reason))

    def path(self, path: Path, named: bool) -> None:
        """One file or archive; whatever goes wrong in it is named and the next one is read."""
        try:
            self._path(path, named)
        except Exception as exc:  # a library's own error on one file must not sink the corpus
            self.reject(str(path), "file", f"unreadable ({type(exc).__name__}: {exc})")

    def _path(self, path: Path, named: bool) -> None:
        suffix = _suffix(path.name)
        if suffix in (".zip", ".tar", ".tar.gz", ".tgz", ".gz"):
            self.archive(path)
        elif suffix in READERS:
            self.file(str(path), suffix, lambda: open(path, "rb"))  # noqa: SIM115 - a context manager
        elif named or suffix not in {".md", ""}:
            self.reject(str(path), "file", f"unsupported file type {suffix or '(none)'}")

    def archive(self, path: Path) -> None:
        limit = self.options.unpacked_limit or UNPACKED_LIMIT
        try:
            for name, opener, reason in iter_members(path, limit=limit):
                shown = f"{path}!{name}"
                suffix = _suffix(name)
                if reason:
                    self.reject(shown, "file", reason)
                elif _ignored(PurePosixPath(name).parts) or suffix == ".md":
                    continue
                elif archive_kind(name):
                    self.reject(shown, "file", "archive inside an archive: not opened")
                elif suffix not in READERS:
                    self.reject(shown, "file", f"unsupported file type {suffix or '(none)'}")
                else:
                    self.file(shown, suffix, lambda o=opener: o)
        except ArchiveRefused as exc:
            self.reject(str(path), "file", str(exc))
        except _READ_ERRORS as exc:
            self.reject(str(path), "file", str(exc))

    def file(self, shown: str, suffix: str, opener: Opener) -> None:
        remarks: list[str] = []
        records: list[Record] = []
        failure = ""
        try:
            with opener() as raw:
                overrides = self.options.columns_for(shown)
                for record in READERS[suffix](raw, overrides=overrides, remarks=remarks):
                    records.append(record)
        except ArchiveRefused:
            raise
        except _READ_ERRORS as exc:
            failure = str(exc) if not records else f"stopped after {len(records)} rows: {exc}"
        for remark in remarks:
            self.notice(shown, "file", remark)
        if records:
            self.records(shown, records)
        elif not failure:
            failure = "no articles in the file (a header and no rows?)"
        if failure:
            self.reject(shown, "file", failure)

    def records(self, shown: str, records: list[Record]) -> None:
        order = decide_order((r.get("date") for r in records), forced=self.options.order)
        said = order_notice(order)
        if said:
            self.notice(shown, "file", said)
        for record in records:
            location = str(record["_location"])
            try:
                article = to_article(record, shown, order=order, languages=self.languages)
            except InputError as exc:
                self.reject(shown, location, str(exc))
                continue
            self.keep(article)

    def keep(self, article: Article) -> None:
        shown, location = article.path, article.location
        first = self.seen.get(article.article_id)
        if first is not None:
            where = f"{first.path} {first.location}"
            self.reject(shown, location, f"duplicate text of {where}: analysed once")
            return
        self.seen[article.article_id] = article
        remark = date_remark(article.date)
        if not article.date:
            self.notice(shown, location, "no date: kept as undated")
        elif remark:
            self.notice(shown, location, remark)
        if kept_out(article.language):
            self.notice(shown, location, f"kept out: language {article.language}")
        self.corpus.articles.append(article)


def to_article(
    record: Record, path: str, *, order=None, languages: Mapping[str, str] | None = None
) -> Article:
    """An article from one record; InputError naming what is wrong with it.

    `languages` maps article ids (hashes of the text) to a language identified before: a rebuild
    of a corpus it has seen does not identify every article again."""
    if record.get("_error"):
        raise InputError(str(record["_error"]))
    text = clean_text(record.get("text"))
    if not text:
        raise InputError("no text")
    extra = {key: clean_text(record.get(key)) for key in _OPTIONAL}
    aid = article_id_for(text)
    known = (languages or {}).get(aid)
    return Article(
        article_id=aid,
        date=read_date(record.get("date"), order=order),
        text=text,
        title=extra["title"],
        url=extra["url"],
        source=extra["source"],
        source_id=extra["id"],
        path=path,
        location=str(record["_location"]),
        language=known or identify(text),
    )


def load_corpus(
    paths: Iterable[Path | str],
    *,
    options: InputOptions | None = None,
    languages: Mapping[str, str] | None = None,
) -> Corpus:
    """Read every article under `paths`; bad files and rows go to `rejects`, never abort the rest.

    `languages`: article id -> language already identified (a previous build's articles)."""
    loader = _Loader(options or InputOptions(), languages or {})
    for path, named in iter_files(paths):
        loader.path(path, named)
    return loader.corpus
