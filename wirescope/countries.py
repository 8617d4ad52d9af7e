"""Country names to ISO 3166-1 alpha-2: pycountry's names plus the informal ones of news."""

from __future__ import annotations

from functools import cache

import pycountry

from wirescope.actors import name_key
from wirescope.lexicon import table


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names[name_key(value)] = country.alpha_2
    for name, code in table("country_names.tsv"):
        names[name_key(name)] = code
    return names


def country_code(name: str) -> str | None:
    """ "Iraq" -> "IQ", "the U.S." -> "US"; None for anything that is not a country's name."""
    return _names().get(name_key(name))


@cache
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)
