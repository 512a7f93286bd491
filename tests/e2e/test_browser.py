"""A real Chromium against a real server: charts draw, clicks filter, downloads match, payloads stay text."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from playwright.sync_api import expect

from analysis.schema import MENTIONS
from analysis.store import read_tables
from analysis.tables.filters import Filters, apply_filters
from tests.e2e.conftest import is_local
from tests.paths import ROOT

INGEST_DATA = ROOT / "tests" / "ingest" / "data"

pytestmark = pytest.mark.browser

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SHOTS = ROOT / "docs" / "screenshots"
PAGES = {  # url path -> plotly charts the page must draw
    "": 3, "actor?actor=Iran": 1, "network": 1, "sentiment": 2,
    "articles": 0, "data": 0, "resolution": 0, "corpora": 0,
}  # fmt: skip


def settle(page) -> None:
    """Wait until the script run is over (Streamlit marks the app idle)."""
    page.wait_for_selector(IDLE, timeout=90_000)


def open_path(page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}")
    settle(page)


def drawn_charts(page, count: int) -> None:
    """Every plotly chart drew its SVG (an empty page would have no .main-svg)."""
    if count:
        page.wait_for_function(
            "n => [...document.querySelectorAll('.js-plotly-plot')]"
            ".filter(g => g.querySelector('.main-svg g.trace')).length >= n",
            arg=count,
            timeout=30_000,
        )


def test_every_page_renders_without_errors_and_draws_its_charts(page, server, dialogs):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path, charts in PAGES.items():
        open_path(page, server, path)
        assert page.locator("[data-testid='stException']").count() == 0, path
        drawn_charts(page, charts)
        assert page.locator(".js-plotly-plot").count() >= charts, path
        if path == "":
            page.screenshot(path=str(SHOTS / "overview.png"))
    assert dialogs == []


def loneliest_node(page) -> dict:
    """The drawn node farthest from any other (a click on it cannot hit a neighbour), in page
    pixels computed from the chart's own axes, with its actor name."""
    return page.evaluate(
        """() => {
            const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
                g => g.data && g.data.some(t => t.name === 'actors'));
            gd.scrollIntoView({block: 'center'});
            const trace = gd.data.find(t => t.name === 'actors');
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            const box = gd.querySelector('.main-svg').getBoundingClientRect();
            const points = trace.customdata.map((c, i) => ({
                actor: c[0],
                x: box.left + xa._offset + xa.l2p(trace.x[i]),
                y: box.top + ya._offset + ya.l2p(trace.y[i]),
            }));
            const gap = p => Math.min(...points.filter(q => q !== p).map(
                q => Math.hypot(p.x - q.x, p.y - q.y)));
            return points.reduce((best, p) => (gap(p) > gap(best) ? p : best));
        }"""
    )


def test_clicking_a_network_node_focuses_the_dashboard_on_it(page, server):
    open_path(page, server, "network")
    drawn_charts(page, 1)
    page.screenshot(path=str(SHOTS / "network.png"))
    node = loneliest_node(page)
    page.mouse.click(node["x"], node["y"])
    page.wait_for_function("() => location.search.includes('actor=')", timeout=30_000)
    settle(page)
    assert parse_qs(urlparse(page.url).query)["actor"] == [node["actor"]]
    chosen = page.locator(
        "[data-testid='stSidebar'] .react-aria-ComboBox [data-testid='stMultiSelectTagsContainer'] [data-tag]"
    )
    expect(chosen).to_have_text([node["actor"]], timeout=30_000)
    expect(page.get_by_text(f"Ego network of {node['actor']}")).to_have_count(1, timeout=30_000)
    page.reload()  # the view lives in the URL: a reload (or a shared link) restores it
    expect(chosen).to_have_text([node["actor"]], timeout=30_000)
    expect(page.get_by_text(f"Ego network of {node['actor']}")).to_have_count(1, timeout=30_000)


def test_downloaded_csv_has_the_header_and_rows_of_the_filtered_table(page, server, served_home):
    open_path(page, server, "data?actor=Iran&type=country&type=person")
    page.get_by_test_id("stRadio").get_by_text("Mentions", exact=True).click()
    button = page.get_by_role("button", name=re.compile(r"Download mentions\.csv"))
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert (
        download.suggested_filename
        == "actorscope_seeds_mentions_actor-Iran_type-country-person.csv"
    )
    frame = pd.read_csv(download.path(), dtype=str, keep_default_na=False)
    expected = apply_filters(
        read_tables(served_home / "corpora" / "seeds"),
        Filters(actors=("Iran",), actor_types=("country", "person")),
    )["mentions"]
    assert list(frame.columns) == list(MENTIONS)
    assert len(frame) == len(expected) > 0
    assert f"({len(expected):,} rows)" in button.inner_text()
    assert set(frame["actor_type"]) <= {"country", "person"}


def test_article_payloads_show_as_text_and_run_nothing(page, server, dialogs):
    open_path(page, server, "articles?q=onerror")
    body = page.locator("[data-testid='stMarkdownContainer']", has_text="onerror=alert(1)")
    body.first.wait_for(timeout=30_000)
    text = body.first.inner_text()
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("script", has_text="alert(1)").count() == 0
    assert page.locator("mark").count() > 0  # mentions are highlighted around the payload
    assert dialogs == []


def test_upload_shows_each_file_s_columns_and_analyses_with_them(page, server, served_home):
    open_path(page, server, "corpora")
    page.get_by_label("Corpus name").fill("messy")
    files = [INGEST_DATA / "messy.csv", INGEST_DATA / "languages.jsonl"]
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        [str(f) for f in files]
    )
    expect(page.get_by_text("languages.jsonl").first).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Upload", exact=True).click()
    settle(page)
    expect(page.get_by_text("Columns of 'messy'")).to_be_visible()
    mapping = page.locator("[data-testid='stExpander']", has_text="messy.csv")
    for role, column in [("text", "Body"), ("date", "published_at"), ("title", "Headline")]:
        box = mapping.get_by_role("combobox", name=role, exact=True)
        expect(box).to_match_aria_snapshot(f'- combobox "{role}": {column}')  # found by name
    page.get_by_role("button", name="Analyse 'messy'").click()
    expect(page.get_by_text("Corpus 'messy' is ready.")).to_be_visible(timeout=300_000)
    saved = json.loads((served_home / "uploads" / "messy" / ".actorscope-inputs.json").read_text())
    assert saved["files"]["messy.csv"]["text"] == "Body"
    articles = read_tables(served_home / "corpora" / "messy")["articles"]
    assert len(articles) == 13 and sorted(set(articles["language"])) == ["de", "en", "es", "fa"]


def test_no_request_left_127_0_0_1(requests_seen):
    assert requests_seen, "no request was recorded"
    outside = sorted({url for url in requests_seen if not is_local(url)})
    assert outside == []


def test_four_sessions_at_once_all_settle_without_errors(server, served_home):
    """A small version of scripts/bench_sessions.py: 4 real browser sessions for 20 s."""
    from scripts.bench_sessions import corpus_facts, drive_sessions

    facts = corpus_facts(served_home / "corpora" / "seeds")
    result = drive_sessions(server, sessions=4, seconds=20, corpus=facts, timeout=90)
    assert result["errors"] == []
    assert len(result["times"]) >= 4
