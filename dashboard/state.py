"""The filter state and the URL: widgets are the source of truth, the URL mirrors them.

On the first run of a session (a fresh tab, a reload, a shared link) the widget keys are seeded
from `st.query_params`; on every run the URL is rewritten from the widgets, so a view can be
bookmarked and reloaded. Widgets live in the sidebar and render on every page, so their values
survive page switches (which clear the URL until the next write).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analysis.tables.filters import Filters
from dashboard.corpora import DEFAULT_CORPUS, Source, source

CORPUS = "corpus"
DATE_FROM, DATE_TO = "flt_from", "flt_to"
ACTORS, TYPES, MIN, QUERY, UNDATED = "flt_actors", "flt_types", "flt_min", "flt_q", "flt_undated"
ONCE = "flt_once"  # count syndicated copies once
SHARE = "flt_share"  # over-time charts as a share of each period's articles (not a filter)
_SEEDED = "_url_seeded"  # marks that this session took its first state from the URL


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _as_date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def seed_from_url(corpora: list[str]) -> None:
    """Copy the URL's corpus and filters into the widget keys, once per session."""
    state = st.session_state
    if state.get(_SEEDED):
        return
    params = _url_params()
    wanted = (params.get("corpus") or [DEFAULT_CORPUS])[-1]
    state[CORPUS] = wanted if wanted in corpora else DEFAULT_CORPUS
    f = Filters.from_query_params(params)
    state[DATE_FROM], state[DATE_TO] = _as_date(f.date_from), _as_date(f.date_to)
    state[ACTORS], state[TYPES] = list(f.actors), list(f.actor_types)
    state[MIN], state[QUERY], state[UNDATED] = f.min_mentions, f.query, f.include_undated
    state[ONCE] = f.once
    state[_SEEDED] = True


def keep_valid(actors: list[str], first: str, last: str) -> None:
    """Drop chosen actors and dates the current corpus does not have (a switch, an alias edit)."""
    state = st.session_state
    known = set(actors)
    state[ACTORS] = [a for a in state.get(ACTORS, []) if a in known]
    low, high = _as_date(first), _as_date(last)
    for key in (DATE_FROM, DATE_TO):
        value = state.get(key)
        if value is not None and low and high:
            state[key] = min(max(value, low), high)


def current_filters() -> Filters:
    """The filters the sidebar widgets hold right now."""
    state = st.session_state
    start, end = state.get(DATE_FROM), state.get(DATE_TO)
    if start and end and start > end:
        start, end = end, start
    return Filters(
        date_from=start.isoformat() if start else "",
        date_to=end.isoformat() if end else "",
        actors=tuple(state.get(ACTORS) or ()),
        actor_types=tuple(state.get(TYPES) or ()),
        min_mentions=int(state.get(MIN) or 1),
        query=(state.get(QUERY) or "").strip(),
        include_undated=bool(state.get(UNDATED, True)),
        once=bool(state.get(ONCE, True)),
    )


def current() -> tuple[Source, Filters]:
    """The corpus (with its build stamp) and the filters: what every page reads tables with."""
    return source(st.session_state.get(CORPUS) or DEFAULT_CORPUS), current_filters()


def sync_url() -> None:
    """Rewrite the URL from the widgets when it differs (no write, no extra rerun otherwise)."""
    src, filters = current()
    wanted: dict[str, list[str]] = {
        key: [value] if isinstance(value, str) else list(value)
        for key, value in filters.to_query_params().items()
    }
    if src.name != DEFAULT_CORPUS:
        wanted = {"corpus": [src.name], **wanted}
    if _url_params() != wanted:
        st.query_params.from_dict(wanted)


def focus_on(actor: str) -> None:
    """Make `actor` the only chosen actor (a callback: runs before the sidebar renders)."""
    st.session_state[ACTORS] = [actor]


def focus_on_none() -> None:
    st.session_state[ACTORS] = []


def switch_corpus(name: str) -> None:
    """Open another corpus (a callback); filters that do not fit it are dropped on the next run."""
    st.session_state[CORPUS] = name
    st.session_state.pop("corp_switch_to", None)
