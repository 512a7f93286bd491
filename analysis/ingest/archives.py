"""Archives (`.zip`, `.tar`, `.tar.gz`/`.tgz`, `.gz`) read in place: nothing is ever extracted.

A member is named `archive.zip!inner/path.csv` wherever it is reported. Safety: a member whose name
is absolute or climbs out (`..`) is refused; links and devices are refused; archives inside
archives are not opened; and at most `UNPACKED_LIMIT` bytes are decompressed per archive, counted
as they are read (a zip bomb is refused by name, whatever its headers claim).
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from analysis.ingest.model import InputError

UNPACKED_LIMIT = 4 * 2**30  # 4 GiB decompressed per archive (documented in README)
ARCHIVES = (".zip", ".tar", ".tar.gz", ".tgz", ".gz")

Member = tuple[str, Callable[[], AbstractContextManager[BinaryIO]] | None, str]
# (member name, opener or None when refused, reason when refused)


def archive_kind(name: str) -> str:
    """The archive suffix of `name` ('.tar.gz' before '.gz'), or ''."""
    lower = name.lower()
    return next((kind for kind in ARCHIVES if lower.endswith(kind)), "")


def unsafe(name: str) -> str:
    """Why a member name could escape the corpus folder, or ''."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or (path.parts and ":" in path.parts[0]):
        return "absolute member path refused"
    if ".." in path.parts:
        return "member path with '..' refused"
    return ""


class ArchiveRefused(InputError):
    """The whole archive is refused (too much to decompress): no member is read past this."""


class Budget:
    """Bytes still allowed to be decompressed from one archive."""

    def __init__(self, limit: int, archive: str) -> None:
        self.left, self.limit, self.archive = limit, limit, archive

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise ArchiveRefused(
                f"archive decompresses to more than {self.limit:,} bytes: refused (zip bomb?)"
            )


class Capped(io.RawIOBase):
    """A member stream that stops the whole archive once its budget is spent."""

    def __init__(self, inner: BinaryIO, budget: Budget) -> None:
        self._inner, self._budget = inner, budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._inner.read(len(buffer))
        self._budget.spend(len(data))
        buffer[: len(data)] = data
        return len(data)


def _capped(opener: Callable[[], BinaryIO], budget: Budget):
    class _Open(AbstractContextManager):
        def __enter__(self) -> BinaryIO:
            self._inner = opener()
            return io.BufferedReader(Capped(self._inner, budget))

        def __exit__(self, *exc) -> None:
            self._inner.close()

    return _Open


def _zip_members(path: Path, budget: Budget) -> Iterator[Member]:
    with zipfile.ZipFile(path) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        declared = sum(i.file_size for i in infos)
        if declared > budget.limit:
            raise ArchiveRefused(
                f"archive says it decompresses to {declared:,} bytes, over the "
                f"{budget.limit:,} limit: refused (zip bomb?)"
            )
        for info in infos:
            reason = unsafe(info.filename)
            if info.flag_bits & 0x1:
                reason = "encrypted member, not read"
            opener = None if reason else _capped(lambda i=info: archive.open(i), budget)()
            yield info.filename, opener, reason


def _tar_members(path: Path, budget: Budget) -> Iterator[Member]:
    with tarfile.open(path, mode="r|*") as archive:  # stream mode: one pass, no index in memory
        for info in archive:
            if info.isdir():
                continue
            reason = unsafe(info.name)
            if not reason and not info.isfile():
                reason = "link or device, not a file: refused"
            if not reason and info.size > budget.left:
                budget.spend(info.size)
            opener = None if reason else _capped(lambda i=info: archive.extractfile(i), budget)()
            yield info.name, opener, reason


def _gz_member(path: Path, budget: Budget) -> Iterator[Member]:
    inner = path.name[: -len(".gz")] or "member"
    yield inner, _capped(lambda: gzip.open(path, "rb"), budget)(), ""  # noqa: SIM115 - closed by _Open


def iter_members(path: Path, *, limit: int = UNPACKED_LIMIT) -> Iterator[Member]:
    """Every file member of the archive at `path`; InputError when the archive itself is refused."""
    kind = archive_kind(path.name)
    budget = Budget(limit, str(path))
    try:
        if kind == ".zip":
            yield from _zip_members(path, budget)
        elif kind == ".gz":
            yield from _gz_member(path, budget)
        else:
            yield from _tar_members(path, budget)
    except (zipfile.BadZipFile, tarfile.TarError, gzip.BadGzipFile, EOFError) as exc:
        raise InputError(f"broken {kind} archive ({exc})") from None
    except OSError as exc:
        raise InputError(f"unreadable {kind} archive ({exc})") from None
