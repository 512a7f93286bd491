"""Writes the binary fixtures in data/ (sheet.xlsx, the archives) from the text ones; rerun to redo.

`python -m tests.ingest.make_data` — deterministic, so the committed files match what it writes.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import tarfile
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent / "data"
STAMP = (2024, 7, 1, 0, 0, 0)


def make_xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Articles"
    sheet.append(["Headline", "Full Text", "Publish Date", "Outlet", "Link"])
    sheet.append(
        [
            "Ankara talks",
            "Iran and Turkey held talks in Ankara on the war in Gaza and on trade.",
            dt.datetime(2024, 7, 1, 9, 30),
            "Gulf Wire",
            "https://gulfwire.example/1",
        ]
    )
    sheet.append(["Blank row follows", None, None, None, None])
    sheet.append([None, None, None, None, None])
    sheet.append(
        ["Text date", "Hezbollah warned Israel again on Tuesday.", "July 2, 2024", "Daily", ""]
    )
    notes = book.create_sheet("Notes")
    notes.append(["note"])
    notes.append(["This sheet has no text column and is passed over."])
    book.properties.created = book.properties.modified = dt.datetime(*STAMP)
    book.save(path)


def _zip_add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(zipfile.ZipInfo(name, date_time=STAMP), data, zipfile.ZIP_DEFLATED)


def make_zip(path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as nested:
        _zip_add(nested, "hidden.txt", b"date 2024-07-09 Nested archives are not opened.")
    with zipfile.ZipFile(path, "w") as archive:
        _zip_add(archive, "exports/messy.csv", (HERE / "messy.csv").read_bytes())
        _zip_add(archive, "exports/pages/page.html", (HERE / "page.html").read_bytes())
        _zip_add(archive, "note.txt", b"date 2024-07-05 Iraq and Iran signed a gas deal.")
        _zip_add(archive, "../escape.txt", b"date 2024-07-06 This member climbs out.")
        _zip_add(archive, "/etc/absolute.txt", b"date 2024-07-06 This member is absolute.")
        _zip_add(archive, "inner.zip", inner.getvalue())
        _zip_add(archive, "picture.png", b"\x89PNG\r\n")
        _zip_add(archive, "README.md", b"# about these exports")


def make_tar(path: Path) -> None:
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped,
        tarfile.open(fileobj=zipped, mode="w") as archive,
    ):
        for name in ["dayfirst.csv", "languages.jsonl"]:
            data = (HERE / name).read_bytes()
            info = tarfile.TarInfo(f"feeds/{name}")
            info.size, info.mtime = len(data), 0
            archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("feeds/link.csv")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)


def make_gz(path: Path) -> None:
    with open(path, "wb") as raw, gzip.GzipFile("ambiguous.csv", "wb", fileobj=raw, mtime=0) as gz:
        gz.write((HERE / "ambiguous.csv").read_bytes())


def main() -> None:
    make_xlsx(HERE / "sheet.xlsx")
    make_zip(HERE / "exports.zip")
    make_tar(HERE / "feeds.tar.gz")
    make_gz(HERE / "ambiguous.csv.gz")


if __name__ == "__main__":
    main()
