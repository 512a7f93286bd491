"""The actor registry: canonical countries (from countryinfo + pycountry) and curated actors.

Every alias is matched through `name_key`, which ignores case, accents, periods, hyphens, a leading
"the" and a possessive, so "U.S.", "US" and "the US's" meet at one key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.knowledge.history import HistoricalStates, load_states
from analysis.knowledge.text import name_key, read_yaml
from analysis.schema import ActorType

__all__ = ["Entry", "Registry", "load_registry", "name_key"]

DATA = Path(__file__).with_name("data") / "actors.yaml"


@dataclass(frozen=True)
class Entry:
    name: str
    actor_type: ActorType
    affiliation: str = ""


@dataclass(eq=False)  # hashed by identity: caches keyed on the loaded registry
class Registry:
    """Lookups from a name key to a canonical actor, and from demonyms and capitals to countries."""

    names: dict[str, Entry] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    not_actors: frozenset[str] = frozenset()
    history: HistoricalStates = field(default_factory=HistoricalStates)

    def add(self, alias: str, entry: Entry, *, replace: bool = False) -> None:
        key = name_key(alias)
        if key and (replace or key not in self.names):
            self.names[key] = entry

    def lookup(self, name: str) -> Entry | None:
        return self.names.get(name_key(name))

    def country_of_demonym(self, word: str) -> str | None:
        return self.demonyms.get(name_key(word))

    def country_of_capital(self, name: str) -> str | None:
        return self.capitals.get(name_key(name))

    def is_title(self, words: str) -> bool:
        return name_key(words) in self.titles

    def state_at(self, word: str, date: str) -> str | None:
        """A state of the past that `word` names in an article of `date` ("Soviet", "Bonn" in
        1989), or None: then the word resolves as it does today."""
        return self.history.at(word, date)


def _plural(demonym: str) -> list[str]:
    """'Iranian' -> 'Iranians', 'Iraqi' -> 'Iraqis'; 'Lebanese' and 'Turkish' have no such plural."""
    return [demonym + "s"] if demonym.endswith(("an", "i")) else []


def _country_rows() -> list[dict]:
    """Name, alternative names, demonym and capital of every country, from the data libraries."""
    import pycountry
    from countryinfo import all_countries

    rows = []
    infos = sorted((c.info() for c in all_countries()), key=lambda i: -(i.get("population") or 0))
    for info in infos:  # most populous first: it keeps a demonym or capital that others share
        iso2 = (info.get("ISO") or {}).get("alpha2", "")
        alternatives = [
            s for s in info.get("altSpellings") or [] if len(s) > 3 and s.upper() != s
        ]  # two/three-letter codes ("IN", "ME") would match ordinary words
        record = pycountry.countries.get(alpha_2=iso2) if iso2 else None
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None) if record else None
            if value:
                alternatives.append(value)
        capital = info.get("capital") or ""
        capital = capital[0] if isinstance(capital, list) and capital else capital
        rows.append(
            {
                "name": info["name"],
                "alternatives": alternatives,
                "demonym": info.get("demonym") or "",
                # a small country's capital is more often a namesake elsewhere ("Victoria")
                "capital": str(capital or "").replace(" D.C.", "")
                if (info.get("population") or 0) >= 2_000_000
                else "",
            }
        )
    return rows


@lru_cache(maxsize=2)
def load_registry(path: Path = DATA) -> Registry:
    """The built-in registry (cached): curated actors first, then countries from the libraries."""
    curated = read_yaml(path.read_text(encoding="utf-8"))
    registry = Registry(
        titles=frozenset(name_key(t) for t in curated.get("titles", [])),
        not_actors=frozenset(name_key(t) for t in curated.get("not_actors", [])),
        history=load_states(),
    )
    countries = _country_rows()
    for row in countries:
        registry.add(row["name"], Entry(row["name"], "country"), replace=True)
    for name, aliases in (curated.get("countries") or {}).items():
        for alias in aliases:
            registry.add(alias, Entry(name, "country"), replace=True)
    for item in curated.get("actors") or []:
        entry = Entry(item["name"], item.get("type", "organization"), item.get("affiliation", ""))
        for alias in [item["name"], *(item.get("aliases") or [])]:
            registry.add(alias, entry, replace=True)
    for form, country in (curated.get("demonyms") or {}).items():
        registry.demonyms[name_key(form)] = country
    for state in registry.history.states:  # "Yugoslavia" is no longer Serbia and Montenegro
        entry = Entry(state.name, "country")
        for alias in (state.name, *state.names):
            if not registry.history.is_dated(alias):
                registry.add(alias, entry, replace=True)
        for form in state.demonyms:
            registry.demonyms[name_key(form)] = state.name
    for row in countries:
        entry = registry.names[name_key(row["name"])]
        for alias in row["alternatives"]:
            registry.add(alias, entry)
        if row["demonym"]:
            for form in [row["demonym"], *_plural(row["demonym"])]:
                registry.demonyms.setdefault(name_key(form), row["name"])
        if row["capital"]:
            registry.capitals.setdefault(name_key(row["capital"]), row["name"])
    return registry
