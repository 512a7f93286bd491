"""Ingest: corpus files in (.txt, .csv, .jsonl, .html, .xlsx, and archives of them), articles out.

Takes paths; gives `Corpus` (articles with id, date, title, source, url, language, text) and the
`Reject`s that name every input skipped and why. Imports nothing from analysis but schema and config.
"""
