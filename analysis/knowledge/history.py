"""States of the past (data/historical_states.yaml): names always theirs, and words that stand for
them only while they existed ("Moscow" for the Soviet government in 1989, Russia's in 2019).

`HistoricalStates.at(word, date)` is the one question resolution asks: which past state, if any,
does this word name in an article of this date ("" for an undated article: only the words that are
always the state's)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis.knowledge.text import name_key, read_yaml

DATA = Path(__file__).with_name("data") / "historical_states.yaml"


@dataclass(frozen=True)
class State:
    name: str
    start: str  # ISO dates: the state existed from start up to (not including) end
    end: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    dated: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    iso3166_3: str = ""


@dataclass(frozen=True)
class HistoricalStates:
    states: tuple[State, ...] = ()
    always: dict[str, str] = field(default_factory=dict)  # name key -> state
    dated: dict[str, State] = field(default_factory=dict)
    capitals: dict[str, State] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # name key of each state -> its name

    def at(self, word: str, date: str) -> str | None:
        """The past state `word` names in an article of `date`, or None."""
        key = name_key(word)
        state = self.dated.get(key)
        if state is not None and date and state.start <= date[:10] < state.end:
            return state.name
        return self.always.get(key)

    def capital_at(self, word: str, date: str) -> str | None:
        """The past state whose government a capital stands for in an article of `date`."""
        state = self.capitals.get(name_key(word))
        if state is not None and date and state.start <= date[:10] < state.end:
            return state.name
        return None

    def is_dated(self, word: str) -> bool:
        """A name or demonym that names a past state only in its time ("Burma", "Burmese")."""
        return name_key(word) in self.dated


def load_states(path: Path = DATA) -> HistoricalStates:
    """The states of the data file, with their lookups."""
    rows = read_yaml(path.read_text(encoding="utf-8"))["states"]
    states = tuple(
        State(
            r["name"], str(r["from"]), str(r["to"]), tuple(r.get("names") or ()),
            tuple(r.get("demonyms") or ()), tuple(r.get("dated") or ()),
            tuple(r.get("capitals") or ()), r.get("iso3166_3", ""),
        )
        for r in rows
    )  # fmt: skip
    dated = {name_key(w): s for s in states for w in s.dated}
    always = {
        name_key(w): s.name
        for s in states
        for w in (s.name, *s.names, *s.demonyms)
        if name_key(w) not in dated  # "Burma" is Burma only before 1989-06-18
    }
    capitals = {name_key(w): s for s in states for w in s.capitals}
    keys = {name_key(s.name): s.name for s in states}
    return HistoricalStates(states, always, dated, capitals, keys)
