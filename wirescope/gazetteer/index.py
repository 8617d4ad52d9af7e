"""Querying the place index: the candidates every name could be.

The index is an SQLite file (see build.py): opening it costs milliseconds and memory stays
with SQLite's page cache, so a process pays for the places it looks up, not for the world.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from wirescope.gazetteer.build import ensure_index
from wirescope.recent import Recent

# SQLite accepts at most this many parameters in one statement.
_BATCH = 900


@dataclass(frozen=True)
class Candidate:
    """One place a name may stand for."""

    pid: int
    name: str
    kind: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    population: int
    geonameid: int | None
    parent: str | None
    origin: str
    # A national capital (see sources.capital_ids).
    capital: bool
    # The name matched is the place's own name, not one of its alternate names.
    own: bool


_FIELDS = (
    "pid",
    "name",
    "kind",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "population",
    "geonameid",
    "parent",
    "origin",
    "capital",
    "own",
)
_COLUMNS = (
    "p.pid, p.name, p.kind, p.lat, p.lon, p.country, p.admin1, p.admin2, p.population, "
    "p.geonameid, p.parent, p.origin, p.capital, n.own"
)


def _candidate(row: list[object]) -> Candidate:
    values = dict(zip(_FIELDS, row, strict=True))
    values["own"] = bool(values["own"])
    values["capital"] = bool(values["capital"])
    return Candidate(**values)  # type: ignore[arg-type]


@cache
def connection() -> sqlite3.Connection:
    """A read-only connection to the index, built first when missing."""
    path = ensure_index()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    db.execute("PRAGMA query_only = 1")
    return db


def candidates(keys: Iterable[str]) -> dict[str, list[Candidate]]:
    """Every place each key names; keys naming nothing are absent from the answer."""
    wanted = sorted(set(keys))
    known = {key: places for key in wanted if (places := _REMEMBERED.get(key)) is not None}
    for key, places in _looked_up([key for key in wanted if key not in known]).items():
        _REMEMBERED.put(key, places)
        known[key] = places
    return {key: list(known[key]) for key in wanted if known[key]}


# The candidates of the keys looked up last, none included: half of a report's keys were
# asked by an earlier report ("london", "uk", "labour"), and a query costs as much as the
# rest of the places stage's work on the key. Most keys name nothing; the others hold a
# few candidates each.
_REMEMBERED: Recent[str, tuple[Candidate, ...]] = Recent(8192)


def _looked_up(keys: list[str]) -> dict[str, tuple[Candidate, ...]]:
    """The index's candidates of each key, in the index's order; an empty tuple for none."""
    found: dict[str, list[Candidate]] = {key: [] for key in keys}
    db = connection()
    for start in range(0, len(keys), _BATCH):
        batch = keys[start : start + _BATCH]
        marks = ",".join("?" * len(batch))
        rows = db.execute(
            f"SELECT n.key, {_COLUMNS} FROM names n JOIN places p ON p.pid = n.pid "
            f"WHERE n.key IN ({marks})",
            batch,
        )
        for key, *row in rows:
            found[key].append(_candidate(row))
    return {key: tuple(places) for key, places in found.items()}


def known_keys(keys: Iterable[str]) -> set[str]:
    """The keys among these that name some place."""
    wanted = sorted(set(keys))
    known: set[str] = set()
    db = connection()
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        marks = ",".join("?" * len(batch))
        rows = db.execute(f"SELECT DISTINCT key FROM names WHERE key IN ({marks})", batch)
        known.update(key for (key,) in rows)
    return known
