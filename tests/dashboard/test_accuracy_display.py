"""The accuracy sentence beside actor charts: the held-out figure first, GUM's after it."""

from __future__ import annotations

from dashboard.components import headline_accuracy

HELD = {
    "test": {
        "articles": 15,
        "resolution": {"all": {"accuracy": 0.8, "correct": 240, "n": 300}},
        "actor_list": {"precision": 0.6, "correct": 12, "n": 20},
        "affiliation": {"accuracy": 0.55, "correct": 21, "n": 38, "wrong": 2},
    }
}
GUM = {"resolution": {"all": {"accuracy": 0.84, "n": 919}}, "data": "GUM news; x"}


def test_held_out_figure_comes_first():
    line = headline_accuracy(GUM | {"heldout": HELD, "measured": "2026-12-02"})
    assert line.startswith("On held-out news never used for tuning (15 articles)")
    assert "80% of 300 gold mentions" in line and "12 of the top 20 actors" in line
    assert line.index("held-out") < line.index("GUM news")


def test_without_held_out_figures_only_gum_is_told():
    assert headline_accuracy(GUM).startswith("Actor resolution put 84% of 919")
    assert headline_accuracy({"heldout": {"test": {"articles": 1}}}) == ""
    assert headline_accuracy({}) == ""
