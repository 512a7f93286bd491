"""NLP: articles in, parsed sentences and entity spans out (`parse.Parsed`), with the parse links
that tie a person to a country or organisation (`links`). `casing` recases all-caps text first.

The only package that loads spaCy; it loads once per process.
"""
