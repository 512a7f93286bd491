"""Docs from spaCy's worker processes cross as msgpack: the plugin lookup is off, nothing lost."""

from __future__ import annotations

from importlib.metadata import entry_points

import srsly.msgpack as packer
from spacy.tokens import Doc

from analysis.nlp.parse import load_pipeline


def test_the_plugin_lookup_is_off_when_no_package_declares_a_plugin():
    nlp = load_pipeline()
    for registry in (packer.msgpack_encoders, packer.msgpack_decoders):
        declared = bool(entry_points(group="_".join(registry.namespace)))
        assert registry.entry_points is declared
    doc = nlp("Iran warned Israel on Monday, Ankara said.")
    doc.user_data["relate"] = [[[0, 4, "said"]], []]
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back.user_data["relate"] == [[[0, 4, "said"]], []]
    assert [(e.text, e.label_) for e in back.ents] == [(e.text, e.label_) for e in doc.ents]
    assert [s.text for s in back.sents] == [s.text for s in doc.sents]
