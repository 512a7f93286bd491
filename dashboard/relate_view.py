"""The Actor profile's quote and relation sections: what X said, what was said about X, what X
did to whom, what was done to X (tables only; corpus text is shown as dataframe cells)."""

from __future__ import annotations

import streamlit as st

from analysis.tables.selection import Filters
from dashboard import components, relate_data
from dashboard.corpora import Source, out_dir
from dashboard.highlight import mark_spans

QUOTE_COLUMNS = ["date", "speaker", "kind", "text", "about", "article_id", "quote_id"]
RELATION_COLUMNS = ["date", "source", "verb", "target", "event", "quad", "tone", "negated",
                    "hypothetical", "reported_by", "text", "article_id"]  # fmt: skip


def relate_accuracy_line(figures: dict) -> str:
    """One sentence of measured accuracy: the held-out test split first, dev (tuned on) after."""
    test = figures.get("test", figures if "quotes" in figures else None)
    if not test or "quotes" not in test:
        return "Accuracy of quotes and relations: not measured yet (docs/quotes_relations.json)."
    q, r, plover = test["quotes"], test["relations"], test.get("plover", {})
    line = (
        f"Measured on {test['articles']} held-out articles ({test['split']} split): quotes F1 "
        f"{q['f1']:.2f} (P {q['precision']:.2f}, R {q['recall']:.2f}), speaker right on "
        f"{test['speaker_accuracy']:.0%} of matched quotes, relations F1 {r['f1']:.2f} "
        f"(P {r['precision']:.2f}, R {r['recall']:.2f})"
    )
    if plover.get("records"):
        line += f", PLOVER event type {plover['event_accuracy']:.0%} of {plover['records']} records"
    dev = figures.get("dev")
    if dev and "quotes" in dev:
        line += (
            f". Dev split (the rules were tuned on it): quotes F1 {dev['quotes']['f1']:.2f}, "
            f"relations F1 {dev['relations']['f1']:.2f}"
        )
    return line + ". Method: docs/quotes_relations.md."


def render_relate_off(src: Source) -> bool:
    """When the build left quotes and relations out (`--no-relate`, ACTORSCOPE_RELATE=0, or a
    build from before they were on by default), say how to turn them on and return True."""
    if relate_data.relate_on(src):
        return False
    st.info(
        "Quotes and directed relations were not looked for in this build (it ran with "
        "`--no-relate` or ACTORSCOPE_RELATE=0, or before they were on by default). Turn them on "
        "with the button on the Quotes page, or build from the command line with "
        "`python -m analysis build "
        f"FILES --out {out_dir(src.name)}`."
    )
    return True


def render_actor_relate(src: Source, filters: Filters, actor: str) -> None:
    """Four tables with CSV downloads, from the rows of quotes.csv and relations.csv."""
    if render_relate_off(src):
        return
    found = relate_data.quotes_relations(src, filters.with_actors((actor,)))
    quotes, relations = found["quotes"], found["relations"]
    about = quotes["about"].str.split("; ").map(lambda names: actor in names).astype(bool)
    parts = {
        "said": (f"What {actor} said", quotes[quotes["speaker"] == actor], QUOTE_COLUMNS),
        "said-about": (f"What was said about {actor}", quotes[about], QUOTE_COLUMNS),
        "did": (f"What {actor} did to whom", relations[relations["source"] == actor],
                RELATION_COLUMNS),
        "done-to": (f"What was done to {actor}", relations[relations["target"] == actor],
                    RELATION_COLUMNS),
    }  # fmt: skip
    for key, (title, rows, columns) in parts.items():
        st.subheader(f"{title} ({len(rows):,})")
        st.dataframe(rows[columns], hide_index=True, key=f"actor_rel_{key}")
        components.render_download(
            rows, corpus=src.name, filters=filters.with_actors((actor,)),
            table=f"quotes-{key}" if "said" in key else f"relations-{key}",
            key=f"actor_rel_dl_{key}",
        )  # fmt: skip


def render_quote_context(text: str, row) -> None:
    """The paragraph(s) holding a quote, escaped, with the quote and its speaker marked."""
    starts = [p for p in (row["start"], row["speaker_start"]) if p >= 0]
    ends = [p for p in (row["end"], row["speaker_end"]) if p >= 0]
    left = text.rfind("\n", 0, min(starts)) + 1
    right = text.find("\n", max(ends))
    right = len(text) if right < 0 else right
    spans = [(row["start"], row["end"], "quote", "quote")]
    if row["speaker_start"] >= 0:
        spans.append((row["speaker_start"], row["speaker_end"], row["speaker"] or "?", "person"))
    shifted = [(s - left, e - left, a, t) for s, e, a, t in spans]
    st.markdown(
        f"<div data-testid='quote-context'>{mark_spans(text[left:right], shifted)}</div>",
        unsafe_allow_html=True,
    )
