"""Given names: a one-word name that is a common first name ("Zoe", "Toni") is a person's name.

From the 1990 US Census name files (public domain: 1,219 male and 4,275 female first names, each
held by at least 0.001 % of the population), as shipped by the PyPI package `names` (MIT,
Trey Hunner). Read once per process. US-centred: a missing name only means the name needs other
evidence (analysis.resolve.people), never that it is not a person's.
"""

from __future__ import annotations

from functools import cache

import names


@cache
def given_names() -> frozenset[str]:
    """Every first name of the census files, lower-cased ('james', 'zoe')."""
    found = set()
    for kind in ("first:male", "first:female"):
        with open(names.FILES[kind], encoding="ascii") as lines:
            found.update(line.split()[0].lower() for line in lines if line.strip())
    return frozenset(found)
