"""AppTest for every page, on a tiny corpus the app builds itself on its first run.

The corpus: the seed article, an article carrying <script>/<img onerror> payloads, an undated note
and a file with no text (rejected). ACTORSCOPE_HOME and ACTORSCOPE_SEEDS point into a temp dir,
so nothing here touches the repo's seeds/ or .actorscope/.
"""

from __future__ import annotations

import json
import shutil

import pytest
import streamlit as st
from pandas.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from analysis.resolve.overrides import load_overrides
from analysis.store import read_tables
from analysis.tables.filters import Filters, apply_filters
from dashboard import builds, corpora, data
from tests.paths import DATA, ROOT, SEED_ARTICLE

APP = ROOT / "dashboard" / "app.py"
PAGES = [
    "overview",
    "actor",
    "network",
    "quotes",
    "sentiment",
    "articles",
    "tables",
    "resolution",
    "corpora",
]
TIMEOUT = 180  # the first run loads spaCy and builds the corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    """Environment for the app, and the AppTest of its very first run (which builds the corpus)."""
    root = tmp_path_factory.mktemp("app")
    src = root / "src"
    src.mkdir()
    shutil.copy(SEED_ARTICLE, src)
    for path in (DATA / "xss").iterdir():
        shutil.copy(path, src)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ACTORSCOPE_HOME", str(root / "home"))
        mp.setenv("ACTORSCOPE_SEEDS", str(src))
        st.cache_data.clear()
        first = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
        yield {"root": root, "src": src, "home": root / "home", "first": first}
    st.cache_data.clear()


def open_page(page: str = "overview", **params) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def url_values(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def frame_with(at: AppTest, *columns: str):
    """The first dataframe on the page that has these columns (plain dataframes carry no key)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def tab_frame(at: AppTest, name: str):
    """The dataframe the Data page shows for table `name` (picked in its table switch)."""
    if at.radio(key="data_table").value != name:
        at.radio(key="data_table").set_value(name).run()
    return at.dataframe[0].value


def plotly_spec(at: AppTest, key: str) -> dict:
    chart = next(e for e in at.get("plotly_chart") if e.proto.id and key in e.proto.id)
    return json.loads(chart.proto.spec)


def test_first_run_builds_the_default_corpus_with_progress(corpus):
    first = corpus["first"]
    assert not first.exception
    (status,) = first.status
    assert status.label == "Analysed 3 articles (1 undated, 1 inputs rejected)"
    assert status.state == "complete"
    assert (corpus["home"] / "corpora" / "seeds" / "mentions.parquet").exists()
    assert sorted(p.name for p in corpus["src"].iterdir()) == sorted(
        [SEED_ARTICLE.name, *(p.name for p in (DATA / "xss").iterdir())]
    )  # the corpus folder is read, never written


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(corpus, page):
    at = open_page(page)
    assert at.title and at.title[0].value
    assert not at.error


def test_overview_counts_everything_and_shows_undated_and_rejects(corpus):
    at = open_page("overview")
    figures = metrics(at)
    assert figures["Articles"] == "3" and figures["Undated articles"] == "1"
    assert figures["Rejected inputs"] == "1"
    assert figures["Date span"] == "2 days"
    assert any(c.value == "Dated articles from 2024-07-01 to 2024-07-02." for c in at.caption)
    rejects = frame_with(at, "path", "location", "reason")
    assert list(rejects["reason"]) == ["no text"]


def test_sidebar_filters_change_rows_and_the_url(corpus):
    at = open_page("tables")
    before = {n: len(tab_frame(at, n)) for n in ("articles", "mentions")}
    at.multiselect(key="flt_actors").set_value(["Hakan Fidan"]).run()
    after = {n: len(tab_frame(at, n)) for n in ("articles", "mentions")}
    assert after["articles"] < before["articles"] and after["mentions"] < before["mentions"]
    assert url_values(at, "actor") == ["Hakan Fidan"]
    at.text_input(key="flt_q").set_value("ALERT(1)").run()
    assert tab_frame(at, "sentences").empty  # Fidan's article has no such sentence
    at.multiselect(key="flt_actors").set_value([]).run()
    sentences = tab_frame(at, "sentences")
    assert (
        len(sentences) >= 1
        and sentences["text"].str.lower().str.contains("alert(1)", regex=False).all()
    )
    at.checkbox(key="flt_undated").uncheck().run()
    assert url_values(at, "undated") == ["0"]
    assert url_values(at, "q") == ["ALERT(1)"]


def test_cached_tables_equal_apply_filters(corpus):
    """What the cache layer serves (DuckDB over the query files) is the pandas reference's."""
    st.cache_data.clear()
    src = corpora.source(corpora.DEFAULT_CORPUS)
    tables = read_tables(corpora.out_dir(corpora.DEFAULT_CORPUS))
    mentions = tables["mentions"]
    articles = mentions.groupby("actor")["article_id"].agg(set)
    types = mentions.groupby("actor")["actor_type"].first()
    person = types[types == "person"].index[0]
    other = next(  # also in an article without `person`
        a for a in types[types != "person"].index if articles[a] - articles[person]
    )
    cases = [
        Filters(),
        Filters(min_mentions=2),
        Filters(actor_types=("person",), min_mentions=2, date_to="2024-07-01"),
        Filters(actors=(person, other), actor_types=("person",)),  # the types narrow the scope
        Filters(actors=(other,), actor_types=("person",)),  # nothing left
    ]
    for filters in cases:
        for window in ("sentence", "article"):
            expected = apply_filters(tables, filters, window=window)
            got = {
                name: data.table(src, filters, name) for name in expected if name != "cooccurrence"
            }
            got["cooccurrence"] = data.cooccurrence(src, filters, window)
            for name, frame in expected.items():
                if frame.empty:
                    assert got[name].empty, f"{filters} {name}"
                    continue
                assert_frame_equal(
                    got[name].reset_index(drop=True), frame, check_dtype=False,
                    check_exact=False, atol=1.5e-4, check_column_type=False,
                    obj=f"{filters} {name}",
                )  # fmt: skip


def test_the_network_counts_only_the_edges_it_draws(corpus):
    """graph_data.graph counts the pairs of the drawn actors only and reads the rows of the top
    and focus actors only: the same graph as from all actors and all edges."""
    from analysis.query.tables import actors_table
    from analysis.tables.network import build_graph, graph_tables
    from dashboard import graph_data

    st.cache_data.clear()
    src = corpora.source(corpora.DEFAULT_CORPUS)
    actors = data.catalogue(src)["actor"]
    for filters in (Filters(), Filters(min_mentions=2), Filters(actors=(actors.iloc[0],))):
        for window, top_n in (("sentence", 5), ("article", 40)):
            shown, _ = graph_data.graph(src, filters, window, top_n, 0.0)
            whole = build_graph(
                actors_table(data.cursor(src), filters, aliases=False),
                data.cooccurrence(src, filters, window),
                top_n=top_n,
                focus=filters.actors,
            )
            for got, expected in zip(graph_tables(shown), graph_tables(whole), strict=True):
                # Tone means are summed in a different order by DuckDB and pandas, then rounded
                # to 4 decimals: a mean on a rounding boundary may differ in the last digit.
                assert_frame_equal(got, expected, check_exact=False, rtol=0, atol=1.01e-4)


def test_download_labels_match_the_rows_on_screen(corpus):
    at = open_page("tables", type="country")
    for name in ("articles", "sentences", "mentions", "actors", "cooccurrence", "rejects"):
        rows = len(tab_frame(at, name))
        button = next(
            b for b in at.get("download_button") if b.proto.label.startswith(f"Download {name}.csv")
        )
        assert f"({rows:,} rows)" in button.proto.label
    mentions = tab_frame(at, "mentions")
    assert set(mentions["actor_type"]) == {"country"}


def test_url_parameters_seed_the_filters(corpus):
    at = open_page("overview", actor="Hezbollah", min="2", **{"from": "2024-07-02"})
    assert at.session_state["flt_actors"] == ["Hezbollah"]
    assert at.number_input(key="flt_min").value == 2
    figures = metrics(at)
    assert figures["Articles"] == "2"  # the July 2 article and the undated note
    plain = open_page("overview", actor="Nobody at all", min="zero")
    assert plain.session_state["flt_actors"] == [] and metrics(plain)["Articles"] == "3"


def test_actor_profile_lists_all_evidence(corpus):
    at = open_page("actor", actor="Israel")
    assert at.selectbox(key="actor_pick").value == "Israel"
    caption = next(c.value for c in at.caption if "mentions in" in c.value)
    mentions = int(metrics(at)["Mentions"])
    assert caption.startswith(f"{mentions} mentions in")
    at.selectbox(key="actor_pick").set_value("Hezbollah").run()
    assert at.selectbox(key="actor_pick").value == "Hezbollah"
    assert int(metrics(at)["Mentions"]) != mentions


def test_evidence_is_paginated_and_a_new_actor_starts_on_page_one(corpus, monkeypatch):
    from dashboard import evidence

    monkeypatch.setattr(evidence, "PAGE_SIZE", 5)
    at = open_page("actor", actor="Iran")
    pages = at.number_input(key="actor_ev_page")
    assert pages.max > 2, "Iran needs several pages of evidence in the test corpus"
    pages.set_value(pages.max).run()
    first = (pages.max - 1) * 5 + 1
    assert any(c.value.startswith(f"Sentences {first:.0f}–") for c in at.caption)
    at.selectbox(key="actor_pick").set_value("Hakan Fidan").run()
    assert not at.exception and not at.warning
    assert at.number_input(key="actor_ev_page").value == 1


def test_network_controls_change_the_graph(corpus):
    at = open_page("network")

    def nodes() -> int:
        spec = plotly_spec(at, "net_chart")
        return len(next(t for t in spec["data"] if t.get("name") == "actors")["x"])

    wide = nodes()
    at.slider(key="net_top").set_value(5).run()
    assert 0 < nodes() <= 5 < wide
    at.radio(key="net_color").set_value("community").run()
    assert not at.exception
    labels = at.selectbox(key="net_edge").options
    at.selectbox(key="net_edge").set_value(labels[0]).run()
    assert any("sentences of" in c.value.lower() for c in at.caption)


def test_articles_page_shows_payloads_as_text(corpus):
    at = open_page("articles", q="onerror")
    html = "".join(m.value for m in at.markdown)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html


def test_sentiment_page_ranks_with_a_minimum_and_says_how(corpus):
    at = open_page("sentiment")
    ranking = frame_with(at, "rank", "flag")
    assert (ranking.loc[~ranking["ranked"], "flag"].str.contains("not ranked")).all()
    at.number_input(key="sent_min").set_value(1).run()
    assert frame_with(at, "rank", "flag")["ranked"].all()
    assert any("VADER" in m.value for m in at.markdown)


@pytest.fixture()
def own_home(corpus, tmp_path, monkeypatch):
    """A copy of the built home, so edits to the alias file stay in this test."""
    home = tmp_path / "home"
    shutil.copytree(corpus["home"], home)
    monkeypatch.setenv("ACTORSCOPE_HOME", str(home))
    return home


def test_resolution_drop_rewrites_aliases_and_every_table(own_home, tmp_path, monkeypatch):
    monkeypatch.setattr(data, "ACCURACY_FILE", tmp_path / "missing.json")
    at = open_page("resolution")
    assert any("not measured yet" in c.value for c in at.caption)
    at.multiselect(key="res_drop").set_value(["Hezbollah"])
    at.button(key="res_drop_go").click().run()
    assert not at.exception
    assert "Hezbollah" in load_overrides(own_home / "corpora" / "seeds" / "aliases.yaml").drop
    after = open_page("tables")
    assert "Hezbollah" not in set(tab_frame(after, "actors")["actor"])


def test_resolution_rejects_bad_yaml_and_writes_nothing(own_home):
    at = open_page("resolution")
    at.text_area(key="res_yaml").set_value("drop: [unclosed")
    at.button(key="res_yaml_go").click().run()
    assert any("Not saved" in e.value for e in at.error)
    assert not (own_home / "corpora" / "seeds" / "aliases.yaml").exists()
    at.text_area(key="res_yaml").set_value("types:\n  Hezbollah: alien\n")
    at.button(key="res_yaml_go").click().run()
    assert any("types must be one of" in e.value for e in at.error)


def test_measured_accuracy_is_shown_when_present(own_home, tmp_path, monkeypatch):
    measured = tmp_path / "accuracy.json"
    figures = {"resolution": {"all": {"accuracy": 0.6115, "n": 919}}, "data": "GUM news; x"}
    measured.write_text(json.dumps(figures | {"measured": "2026-11-24"}))
    monkeypatch.setattr(data, "ACCURACY_FILE", measured)
    at = open_page("resolution")
    shown = frame_with(at, "measure", "value")
    assert dict(zip(shown["measure"], shown["value"], strict=True))["resolution.all.n"] == "919"
    headline = "Actor resolution put 61% of 919 gold mentions under the right actor on GUM news"
    assert any(headline in m.value for m in at.markdown)
    profile = open_page("actor")
    assert any(headline in c.value for c in profile.caption)


def test_uploads_are_named_safely_and_filtered_by_type(own_home):
    assert corpora.upload_name("  Gulf 2024! ") == "gulf-2024"
    for bad in ("", "!!!", "seeds"):
        with pytest.raises(ValueError):
            corpora.upload_name(bad)
    saved, refused = corpora.save_uploads(
        "gulf", [("../../evil.txt", b"date 2024-01-01\nIran."), ("x.exe", b"MZ")]
    )
    assert saved == ["evil.txt"] and refused == ["x.exe"]
    assert (own_home / "uploads" / "gulf" / "evil.txt").exists()
    assert corpora.list_corpora() == ["seeds", "gulf"]
    report = builds.build_corpus("gulf")
    assert report.articles == 1 and corpora.is_built("gulf")
    at = open_page("overview", corpus="gulf")
    assert at.selectbox(key="corpus").value == "gulf" and metrics(at)["Articles"] == "1"


def test_two_tabs_opening_an_unbuilt_corpus_start_one_build(own_home):
    """Two sessions asking at once: one builds, the other waits and finds it built."""
    import threading

    corpora.save_uploads("twotabs", [("a.txt", b"date 2024-01-02\nIran and Turkey met in Ankara.")])
    reports, start = [], threading.Barrier(2)

    def tab() -> None:
        start.wait()
        reports.append(builds.build_corpus("twotabs", only_if_unbuilt=True))

    threads = [threading.Thread(target=tab) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    built = [r for r in reports if r is not None]
    assert len(reports) == 2 and len(built) == 1 and built[0].articles == 1
    assert corpora.is_built("twotabs")


def test_analysis_layer_never_imports_streamlit():
    import subprocess
    import sys

    code = "import sys, analysis.tables.filters, analysis.tables.network; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_no_page_uses_unsafe_html_outside_the_escaping_helpers():
    for page in (ROOT / "dashboard" / "app_pages").glob("*.py"):
        for number, line in enumerate(page.read_text().splitlines(), 1):
            if "unsafe_allow_html=True" in line:
                assert page.name == "articles.py", f"{page.name}:{number}"


def test_alias_edits_are_pure_and_chain_merges():
    from analysis.resolve.overrides import Overrides, parse_overrides
    from dashboard import aliases

    edited = aliases.merge(Overrides(merge={"Bagheri": "Kani"}), ["Kani"], "Ali Bagheri Kani")
    assert edited.merge == {"Bagheri": "Ali Bagheri Kani", "Kani": "Ali Bagheri Kani"}
    edited = aliases.retype(aliases.drop(edited, ["Wikinews"]), "Hezbollah", "group")
    edited = aliases.reaffiliate(edited, "Hakan Fidan", "Turkey")
    assert parse_overrides(edited.to_yaml()) == edited
    assert aliases.reaffiliate(edited, "Hakan Fidan", " ").affiliations == {}
    for bad in (
        lambda: aliases.merge(Overrides(), ["A"], " "),
        lambda: aliases.merge(Overrides(), ["A"], "A"),
        lambda: aliases.drop(Overrides(), []),
        lambda: aliases.retype(Overrides(), "A", "alien"),
    ):
        with pytest.raises(ValueError):
            bad()


def test_resolution_retype_form_changes_the_actor_type_everywhere(own_home):
    at = open_page("resolution")
    at.selectbox(key="res_type_actor").set_value("Hezbollah")
    at.selectbox(key="res_type_value").set_value("group")
    at.button(key="res_type_go").click().run()
    assert not at.exception
    after = open_page("tables", actor="Hezbollah")
    mentions = tab_frame(after, "mentions")
    assert set(mentions.loc[mentions["actor"] == "Hezbollah", "actor_type"]) == {"group"}
    shown = open_page("resolution").code[0].value
    assert "Hezbollah: group" in shown


@pytest.mark.parametrize("page", ["overview", "actor", "network"])
def test_tone_charts_say_how_tone_is_computed_and_how_accurate(corpus, page):
    at = open_page(page)
    notes = [c.value for c in at.caption if "Tone toward each actor" in c.value]
    import json

    from analysis.tone.target import DEFAULT_PATH

    meta = json.loads((DEFAULT_PATH / "meta.json").read_text(encoding="utf-8"))
    figure = f"macro-F1 {meta['devtest_mt']['model']['macro_f1']:.2f}"  # the shipped model's own
    assert notes and figure in notes[0] and "VADER reached 0.50" in notes[0]


def test_upload_shows_each_file_s_mapping_and_analyses_with_the_analyst_s_choice(own_home):
    export = (
        b"Headline,Lede,Body,published_at\n"
        b"Talks,Iran and Turkey met in Ankara.,Iran and Turkey held long talks in Ankara.,01/07/2024\n"
    )
    saved, _ = corpora.save_uploads("gulf", [("export.csv", export), ("note.txt", b"Iran.")])
    assert saved == ["export.csv", "note.txt"]
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["corp_pending"] = "gulf"  # as after the Upload button
    at.run()
    at.switch_page("app_pages/corpora.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="corp_map_0_text").value == "Body"  # detected from its usual name
    assert at.selectbox(key="corp_map_0_date").value == "published_at"
    assert at.selectbox(key="corp_map_0_title").value == "Headline"
    at.selectbox(key="corp_map_0_text").set_value("Lede")
    at.radio(key="corp_order").set_value("day first (01/07 = 1 July)")
    at.button(key="corp_analyse").click().run()
    assert not at.exception, at.exception
    assert corpora.input_options("gulf").order == "dayfirst"
    from analysis.store import read_tables

    articles = read_tables(corpora.out_dir("gulf"))["articles"].set_index("title")
    assert articles.loc["Talks", "text"] == "Iran and Turkey met in Ankara."
    assert articles.loc["Talks", "date"] == "2024-07-01"
    assert set(articles["language"]) == {"en"}
