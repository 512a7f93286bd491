"""Ingest: corpus files in (.txt, .csv, .jsonl), validated articles out.

Takes paths; gives `Corpus` (articles with id, date, title, source, url, text) and the `Reject`s that
name every input skipped and why. Imports nothing else from analysis but the schema.
"""
