"""Knowledge several stages read: the actor registry (countries, demonyms, capitals, bodies, groups,
its data file `data/actors.yaml`) and the role nouns of titles.

Recasing (nlp) reads it before the model runs and resolution after, so it sits below both.
"""
