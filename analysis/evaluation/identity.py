"""Is a project actor the gold Wikipedia identity? Names compared as docs/accuracy.md states.

`normalise_title` puts a Wikipedia title and an actor name in one form; `same_identity` adds the
matches a name can make without being spelt like the title (a comma qualifier, an acronym, a
possessive or a space less).
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from typing import Final

_PARENTHETICAL = re.compile(r"\s*\([^)]*\)\s*$")
_COMMA_QUALIFIER = re.compile(r"^(?=[^,]*,[^,]*$)(.*?)\s*,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}$")
_ACRONYM_SKIP: Final = frozenset({"of", "the", "and", "for", "de", "a"})


def normalise_title(value: str) -> str:
    """Compare Wikipedia titles and actor names: percent-decoding, underscores as spaces, no
    trailing parenthetical ("(band)"), accents folded, case-insensitive, a leading
    "the", periods, commas and apostrophes dropped, hyphens as spaces, "&" as "and", "US" and
    "UK" spelt out, no trailing "magazine"/"newspaper", no middle initials."""
    text = urllib.parse.unquote(value).replace("_", " ")
    text = _PARENTHETICAL.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.,'’]", "", text).replace("-", " ").replace("–", " ")
    text = re.sub(r"^the\s+", "", " ".join(text.split())).replace("&", "and")
    text = re.sub(r"\s+(?:magazine|newspaper)$", "", text)  # "Freedom Magazine", Freedom_(magazine)
    text = re.sub(r"\bus\b", "united states", re.sub(r"\buk\b", "united kingdom", text))
    return re.sub(r"(?<=\w) [a-z](?= \w)", "", text)  # "bonnie j dunbar" -> "bonnie dunbar"


def _no_possessive(value: str) -> str:
    return normalise_title(re.sub(r"['’]s\b", "", value.replace("_", " ")))


def same_identity(actor: str, identity: str) -> bool:
    """The actor names the gold identity: equal normalised names (the title also without a
    comma qualifier: "Evansville" is Evansville,_Indiana; or equal without spaces: "El-Hassan" is
    Elhassan; or without a possessive: "New People Party"), or an acronym of 3+ capitals that is a
    run of the other name's initials ("FTU": Hong Kong Federation of Trade Unions)."""
    name, title = normalise_title(actor), normalise_title(identity)
    place = _COMMA_QUALIFIER.sub(r"\1", urllib.parse.unquote(identity).replace("_", " "))
    if name in (title, normalise_title(place)):  # "Evansville" is Evansville,_Indiana
        return True
    if name.replace(" ", "") == title.replace(" ", ""):  # "El-Hassan" is Elhassan
        return True
    if _no_possessive(actor) == _no_possessive(urllib.parse.unquote(identity)):
        return True  # "New People Party" is New_People's_Party
    for short, long in ((actor, title), (urllib.parse.unquote(identity), name)):
        if re.fullmatch(r"[A-Z]{3,6}", short):
            words = re.split(r"[\s&]+", long)
            initials = "".join(w[0] for w in words if w and w not in _ACRONYM_SKIP)
            if short.lower() in initials:
                return True
    return False
