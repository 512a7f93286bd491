"""Actorscope's engine: corpus files in, actor tables out, in stages that import only earlier ones.

ingest -> nlp -> resolve -> tone -> tables, with `knowledge` (the actor registry) readable by all;
`store` and `pipeline` tie the stages into a build; `evaluation` sits on top. See README "How it works".
"""
