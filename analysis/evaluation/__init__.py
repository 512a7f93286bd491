"""Evaluation, on top of the pipeline: gold news in (GUM, CoNLL-style files), accuracy figures out.

`gum`, `gum_gold` and `conll` read gold; `systems` runs bare spaCy and a full build; `scoring`
scores spans and resolution; `errors` lists the top errors; `evaluate` is the command.
"""
