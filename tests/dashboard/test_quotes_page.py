"""AppTest of the Quotes page on the seed article plus script payloads: speaker filter, escaped
text, downloads equal to the rows shown, the actor filter applying to quotes and relations."""

from __future__ import annotations

import json
import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import corpora
from dashboard.relate_view import relate_accuracy_line
from tests.paths import DATA, ROOT, SEED_ARTICLE

APP = ROOT / "dashboard" / "app.py"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    root = tmp_path_factory.mktemp("quotes-app")
    src = root / "src"
    src.mkdir()
    shutil.copy(SEED_ARTICLE, src)
    for path in (DATA / "xss").iterdir():
        shutil.copy(path, src)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ACTORSCOPE_HOME", str(root / "home"))
        mp.setenv("ACTORSCOPE_SEEDS", str(src))
        mp.delenv("ACTORSCOPE_RELATE", raising=False)  # quotes and relations are on by default
        st.cache_data.clear()
        AppTest.from_file(APP, default_timeout=180).run()  # builds the corpus
        yield root
    st.cache_data.clear()


def _open(**params) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/quotes.py").run()
    assert not at.exception, at.exception
    return at


def _frame(at: AppTest, *columns: str):
    """The first dataframe with these columns (plain dataframes carry no key)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_quotes_by_speaker_with_the_speaker_marked(home):
    at = _open()
    quotes = _frame(at, "speaker_text", "cue")
    assert "Ali Bagheri Kani" in set(quotes["speaker"])
    at.selectbox(key="quo_speaker").set_value("Ali Bagheri Kani").run()
    shown = _frame(at, "speaker_text", "cue")
    assert len(shown) >= 2 and set(shown["speaker"]) == {"Ali Bagheri Kani"}
    context = next(m.value for m in at.markdown if "quote-context" in m.value)
    assert 'title="Ali Bagheri Kani (person)"' in context and "<script" not in context
    edges = _frame(at, "relations", "first_date")
    assert edges["relations"].sum() == len(_frame(at, "verb", "reported_by"))


def test_the_page_shows_the_measured_accuracy_test_split_first(home):
    figures = json.loads((ROOT / "docs" / "quotes_relations.json").read_text(encoding="utf-8"))
    at = _open()
    caption = next(c.value for c in at.caption if "held-out" in c.value)
    assert caption == relate_accuracy_line(figures)
    test, dev = figures["test"], figures["dev"]
    assert f"quotes F1 {test['quotes']['f1']:.2f}" in caption.split("Dev split")[0]
    assert f"relations F1 {dev['relations']['f1']:.2f}" in caption.split("Dev split")[1]
    assert relate_accuracy_line({}).endswith("not measured yet (docs/quotes_relations.json).")


def test_actor_filter_applies_to_quotes_and_relations(home):
    at = _open(actor="Turkey")
    relations = _frame(at, "verb", "reported_by")
    assert len(relations) > 0
    assert all(
        "Turkey" in (s, t) for s, t in zip(relations["source"], relations["target"], strict=True)
    )


def test_network_directed_mode_draws_arrows_that_add_up(home):
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("app_pages/network.py").run()
    at.radio(key="net_mode").set_value("directed relations").run()
    assert not at.exception, at.exception
    edges = _frame(at, "relations", "quad", "source", "target")
    spec = next(c for c in at.get("plotly_chart")).proto.spec
    fig = json.loads(spec)
    assert len(fig["layout"]["annotations"]) == len(edges) > 0  # one arrow per directed edge
    assert ["Turkey", "Hamas"] in fig["data"][0]["customdata"]


def test_turned_off_the_page_says_so_and_its_button_turns_them_on(tmp_path):
    """With ACTORSCOPE_RELATE=0 the build leaves quotes out; the page's button rebuilds with
    them, and the corpus keeps them for its later builds."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED_ARTICLE, src)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ACTORSCOPE_HOME", str(tmp_path / "home"))
        mp.setenv("ACTORSCOPE_SEEDS", str(src))
        mp.setenv("ACTORSCOPE_RELATE", "0")
        at = _open()
        note = " ".join(i.value for i in at.info)
        assert "--no-relate" in note and "ACTORSCOPE_RELATE=0" in note
        assert not any("reported_by" in d.value.columns for d in at.dataframe)
        at.switch_page("app_pages/network.py").run()
        at.radio(key="net_mode").set_value("directed relations").run()
        assert not at.exception and any("--no-relate" in i.value for i in at.info)
        at.switch_page("app_pages/quotes.py").run()
        at.button(key="quo_turn_on").click().run()
        assert not at.exception, at.exception
        at = _open()
        assert not at.info and "Ali Bagheri Kani" in set(_frame(at, "speaker_text")["speaker"])
        assert corpora.settings(corpora.DEFAULT_CORPUS).relate
    st.cache_data.clear()
