"""The offline gazetteer: the place index (build.py, index.py, keys.py, sources.py). Reading
places in a report (recognition, usage, resolution) is the places stage's (stages/places/).

This module answers the one question the entities stage asks: is this name a place's name
("Khan Younis", "El Fasher", "Kyiv") rather than an actor's, whatever the tagger says. It asks
the place index, which the places stage opens anyway: no second copy of the city list in
memory (loading cities15000 into a set took 0.4 s and 70 MB).
"""

from __future__ import annotations

from functools import lru_cache

from wirescope.countries import country_code
from wirescope.gazetteer.index import candidates
from wirescope.gazetteer.keys import place_key

# Cities of at least this population answer "is this a place?": smaller places' names
# (and their many alternate names) collide too often with people's names.
MIN_POPULATION = 15000


@lru_cache(maxsize=8192)
def _names_a_place(key: str) -> bool:
    for place in candidates([key]).get(key, []):
        if place.kind == "country" or (place.kind == "admin1" and place.country == "US"):
            return True
        if place.kind == "city" and place.population >= MIN_POPULATION:
            return True
    return False


def is_place_name(text: str) -> bool:
    """True for the name of a country, a US state or a city of the gazetteer."""
    if country_code(text) is not None:
        return True
    key = place_key(text)
    return bool(key) and _names_a_place(key)
