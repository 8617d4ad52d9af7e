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


@cache
def _codes() -> dict[str, str]:
    """ISO alpha-2 and alpha-3 codes, and the informal two-letter ones ("UK")."""
    codes: dict[str, str] = {}
    for country in pycountry.countries:
        codes[country.alpha_2] = country.alpha_2
        codes[country.alpha_3] = country.alpha_2
    codes["UK"] = "GB"  # not ISO, but what everyone writes
    return codes


def country_code(name: str) -> str | None:
    """ "Iraq" -> "IQ", "the U.S." -> "US", "Britain" -> "GB"; None for anything that is not a
    country's name. Names only: in running text "US", "IT" or "us" are not to be read as
    codes (see `resolve_country` for values a user types)."""
    return _names().get(name_key(name))


def resolve_country(value: str) -> str | None:
    """A country a user names, for the store's and the API's filters: any name the
    extractor knows (`country_code`) or a code ("IQ", "iq", "IRQ", "UK" -> "GB")."""
    text = value.strip()
    if text.isalpha() and len(text) in (2, 3):
        code = _codes().get(text.upper())
        if code is not None:
            return code
    return country_code(text)


@cache
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)
