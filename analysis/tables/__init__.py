"""Tables: resolved, toned mentions in; the tables the CLI writes and the dashboard shows out.

`build` makes articles, sentences, mentions and actors; `cooccurrence` and `network` the pairs and
the graph; `filters` is the one filter for pages, downloads and tests; `views` what pages derive.
"""
