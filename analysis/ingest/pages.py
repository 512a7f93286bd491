"""Saved web pages (`.html`, `.htm`): the article's text by trafilatura, title and date from metadata.

The date is the page's own publication date (meta tags, JSON-LD, `<time>`), never one guessed from
the text; a page without one is kept as undated. Nothing is fetched: links are not followed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import BinaryIO

from analysis.ingest.model import InputError
from analysis.ingest.readers import Record

PAGE_LIMIT = 64 * 2**20  # a saved page larger than this is not an article page
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def read_html(raw: BinaryIO, **_: object) -> Iterator[Record]:
    """One article from a saved page: main text without menus, footers and comments."""
    import trafilatura

    data = raw.read(PAGE_LIMIT + 1)
    if len(data) > PAGE_LIMIT:
        raise InputError(f"page larger than {PAGE_LIMIT // 2**20} MiB")
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not a web page")
    try:
        document = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            favor_recall=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # one page or workbook the library cannot read names that file
        raise InputError(f"unreadable web page ({type(exc).__name__})") from None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the page")
    yield {
        "text": text,
        "date": getattr(document, "date", None) or "",
        "title": getattr(document, "title", None) or "",
        "url": getattr(document, "url", None) or "",
        "source": getattr(document, "sitename", None) or "",
        "_location": "file",
    }
