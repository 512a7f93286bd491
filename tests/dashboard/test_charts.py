"""Chart builders on tiny frames: the traces and values a page will draw; escaping of text."""

from __future__ import annotations

import pandas as pd

from analysis.tables.network import build_graph, layout
from dashboard import charts
from dashboard.highlight import mark_spans
from tests.tables.test_network import ACTORS, EDGES


def test_top_actors_bars_are_mention_counts():
    (bar,) = charts.plot_top_actors(ACTORS, n=3).data
    assert bar.type == "bar"
    assert list(bar.y) == ["Turkey", "Israel", "Iran"]  # most on top (drawn last)
    assert list(bar.x) == [6, 6, 10]


def test_empty_frames_give_an_annotated_empty_figure():
    fig = charts.plot_top_actors(ACTORS.iloc[0:0])
    assert fig.to_dict()["data"] == []
    assert "Nothing matches" in fig.layout.annotations[0].text


def test_mentions_over_time_one_line_per_actor():
    frame = pd.DataFrame(
        {
            "period": ["2024-01", "2024-02", "2024-01"],
            "actor": ["Iran", "Iran", "Turkey"],
            "mentions": [3, 1, 7],
            "tone": [0.1, -0.2, 0.0],
        }
    )
    data = charts.plot_mentions_over_time(frame).data
    assert [t.name for t in data] == ["Turkey", "Iran"]  # biggest first
    assert list(data[1].y) == [3, 1] and list(data[1].x) == ["2024-01", "2024-02"]
    tone = charts.plot_tone_over_time(frame, by_actor=True).to_dict()
    assert len(tone["data"]) == 2
    assert tone["layout"]["yaxis"]["range"] == [-1, 1]


def test_tone_ranking_chart_draws_only_ranked_actors():
    ranking = pd.DataFrame(
        {
            "actor": ["A", "B", "C"],
            "tone": [-0.5, 0.4, 0.9],
            "ci_low": [-0.6, 0.3, 0.0],
            "ci_high": [-0.4, 0.5, 1.0],
            "mentions": [10, 8, 1],
            "flag": ["", "few mentions", "not ranked"],
            "ranked": [True, True, False],
        }
    )
    (bar,) = charts.plot_tone_ranking(ranking).data
    assert list(bar.y) == ["A", "B"]
    assert [round(a, 9) for a in bar.error_x.array] == [0.1, 0.1]


def test_network_figure_has_clickable_nodes_and_edges():
    graph = build_graph(ACTORS, EDGES, top_n=5)
    fig = charts.plot_network(graph, layout(graph), color_by="tone").to_dict()
    named = {t["name"]: t for t in fig["data"]}
    nodes, edges = named["actors"], named["edges"]
    assert [c[0] for c in nodes["customdata"]] == sorted(graph.nodes)
    assert sorted(map(tuple, edges["customdata"])) == sorted(
        (min(a, b), max(a, b)) for a, b in graph.edges
    )
    sizes = dict(zip(nodes["text"], nodes["marker"]["size"], strict=True))
    assert sizes["Iran"] > sizes["Turkey"] > sizes["Hezbollah"]  # size follows mentions
    assert nodes["marker"]["cmin"] == -1
    community = charts.plot_network(graph, layout(graph), color_by="community").to_dict()
    colors = next(t for t in community["data"] if t["name"] == "actors")["marker"]["color"]
    assert all(c.startswith("#") for c in colors)


def test_mark_spans_escapes_everything_and_marks_mentions():
    text = "Iran <script>alert(1)</script> & <img src=x onerror=alert(1)> Hezbollah"
    start = text.index("Hezbollah")
    out = mark_spans(text, [(0, 4, 'A"b<', "country"), (start, start + 9, "Hezbollah", "group")])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&amp;" in out
    assert out.count("<mark") == 2
    assert 'title="A&quot;b&lt; (country)"' in out
    assert mark_spans("a\nb", [], paragraphs=True) == "a<br>b"
    # overlapping and out-of-range spans are skipped, text is never lost
    assert mark_spans(
        "abcdef", [(0, 4, "x", "person"), (2, 5, "y", "person"), (4, 99, "z", "person")]
    ).endswith("ef")
