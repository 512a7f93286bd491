"""The ingest stage's public names, where the pipeline, evaluation and dashboard import them from.

Reading lives in the modules beside this one: `columns` (which column is which), `dates`, `readers`
(.txt/.csv/.jsonl), `pages` (.html), `sheets` (.xlsx), `archives` (.zip/.tar.gz/.gz), `language`,
and `load` (files and folders in, a `Corpus` out).
"""

from __future__ import annotations

from analysis.ingest.dates import read_date
from analysis.ingest.language import NLP_LANGUAGES, identify, kept_out
from analysis.ingest.load import READERS, SUPPORTED, iter_files, load_corpus, to_article
from analysis.ingest.model import Article, Corpus, InputError, Reject, article_id_for, clean_text
from analysis.ingest.readers import decode

parse_date = read_date  # the name this module gave it before the split

__all__ = [
    "NLP_LANGUAGES",
    "READERS",
    "SUPPORTED",
    "Article",
    "Corpus",
    "InputError",
    "Reject",
    "article_id_for",
    "clean_text",
    "decode",
    "identify",
    "iter_files",
    "kept_out",
    "load_corpus",
    "parse_date",
    "read_date",
    "to_article",
]
