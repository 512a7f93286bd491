"""Resolution: parsed spans in, resolved mentions out (actor, type, affiliation).

Spans are cleaned (`spans`), names joined (`names`), teams told apart (`sports`), affiliations
voted (`affiliation`); the alias file (`overrides`) edits the result last. No spaCy here.
"""
