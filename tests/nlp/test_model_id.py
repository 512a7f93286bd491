"""The NLP cache key read from the model's meta.json equals the loaded model's own."""

from __future__ import annotations

import subprocess
import sys

from analysis.nlp.parse import default_model_name, load_pipeline, model_id, model_id_for


def test_model_id_without_loading_the_model_matches_the_loaded_one():
    assert model_id_for() == model_id(load_pipeline())
    assert model_id_for(default_model_name()) == model_id_for()


def test_model_id_for_does_not_import_spacy():
    """An up-to-date build or an alias edit should not pay spaCy's import (seconds)."""
    code = "import sys; from analysis.nlp.parse import model_id_for; model_id_for();"
    code += "print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_build_says_where_its_time_went():
    from pathlib import Path

    from analysis.__main__ import _timing
    from analysis.pipeline.build import BuildReport

    report = BuildReport(out=Path("x"), engine="local", workers=2, shards=8)
    report.seconds = {"load": 1.24, "nlp": 30.06, "tables": 3.0}
    assert _timing(report) == "load 1.2 s, nlp 30.1 s (local, 2 workers, 8 shards), tables 3.0 s"
