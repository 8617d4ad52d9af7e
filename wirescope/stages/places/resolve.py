"""Choosing the place each name stands for, all the document's names at once.

Every name of a document is one group (a name means one place throughout a report). Each of
its candidates gets a local score: a prior from what the place is (a country before a town of
the same name; a large town before a small one; a capital before its namesakes; its own name
before an alternate one) and the qualifier beside the name ("Alexandria, Louisiana").

Then the document's other names vote, jointly: a candidate earns support from each other
group that has *some* reading coherent with it (the same subdivision, a place nearby, a
country or state that contains it), discounted by how much less likely that reading is than
the group's best. Judging each candidate against every reading of the others, not against
their current best guesses, lets "Athens" and "Henderson County" settle on the two in Texas
together instead of two wrong guesses in another state reinforcing each other. The votes are
passed twice, the second time with each group's readings rescored by the first round. The
dateline's vote weighs more: it says where the report was written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from wirescope.gazetteer.index import Candidate
from wirescope.geodesy import EARTH_DIAMETER_KM
from wirescope.settings import PlacesSettings

# Kinds that stand for an area, not a point: their being named says "the document is here".
AREA_KINDS = frozenset({"country", "admin1", "region"})

Floats = NDArray[np.float64]


@dataclass
class Group:
    """One name of a document and what may stand beside it."""

    key: str
    candidates: list[Candidate]
    # Candidates of the names written right after it (", Louisiana"): they narrow it down.
    qualifiers: list[list[Candidate]] = field(default_factory=list)
    is_dateline: bool = False


def prior(candidate: Candidate, config: PlacesSettings) -> float:
    """What a candidate is worth before any context."""
    if candidate.kind == "country":
        score = config.country_prior
    elif candidate.origin == "curated":
        score = config.region_prior if candidate.kind == "region" else config.curated_prior
    elif candidate.kind == "region":
        score = config.region_prior
    elif candidate.kind == "admin1":
        population = math.log10(candidate.population + 10)
        score = config.admin1_prior + config.admin1_population_weight * population
    elif candidate.kind == "admin2":
        score = config.admin2_prior
    else:
        score = math.log10(candidate.population + 10)
        if candidate.capital:
            score += config.capital_bonus
    if not candidate.own:
        score -= config.alternate_name_penalty
    return score


def _qualifies(qualifier: Candidate, candidate: Candidate) -> bool:
    """Whether a qualifying place contains the candidate: a country or a subdivision of it."""
    if qualifier.kind == "country":
        return candidate.country == qualifier.country
    if qualifier.kind in ("admin1", "admin2"):
        return candidate.country == qualifier.country and candidate.admin1 == qualifier.admin1
    return False


def qualifier_score(group: Group, candidate: Candidate, config: PlacesSettings) -> float:
    score = 0.0
    for options in group.qualifiers:
        containers = [q for q in options if q.kind in ("country", "admin1", "admin2")]
        if not containers:
            continue
        if any(_qualifies(q, candidate) for q in containers):
            score += config.qualifier_bonus
        else:
            score -= config.qualifier_penalty
    return score


def _same_name_bonus(group: Group, candidate: Candidate, config: PlacesSettings) -> float:
    """A town named like its own subdivision is the town ("Baghdad", not Baghdad governorate);
    so is a capital named like a subdivision of its country ("Washington", not the state)."""
    if candidate.kind != "city" or not candidate.own:
        return 0.0
    for other in group.candidates:
        if (
            other.kind == "admin1"
            and other.country == candidate.country
            and (other.admin1 == candidate.admin1 or candidate.capital)
            and candidate.population * 10 > other.population
        ):
            return config.same_name_town_bonus + prior(other, config) - prior(candidate, config)
    return 0.0


def local_score(group: Group, candidate: Candidate, config: PlacesSettings) -> float:
    """A candidate's score from its name and its qualifiers, before the other names vote."""
    return (
        prior(candidate, config)
        + qualifier_score(group, candidate, config)
        + _same_name_bonus(group, candidate, config)
    )


def _distances(lat: Floats, lon: Floats) -> Floats:
    """Haversine distances between every pair of points (NaN where a point is missing)."""
    phi, lam = np.radians(lat), np.radians(lon)
    dphi = phi[None, :] - phi[:, None]
    dlam = lam[None, :] - lam[:, None]
    a = np.sin(dphi / 2) ** 2 + np.cos(phi)[:, None] * np.cos(phi)[None, :] * np.sin(dlam / 2) ** 2
    result: Floats = EARTH_DIAMETER_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result


@dataclass
class _Pool:
    """The candidates of all groups side by side, each group's in one contiguous run."""

    candidates: list[Candidate]
    group_of: NDArray[np.int64]
    starts: NDArray[np.int64]
    local: Floats


def _codes(values: list[object]) -> NDArray[np.int64]:
    """Equal values get equal integers; None gets -1 (equal to nothing)."""
    seen: dict[object, int] = {}
    return np.array(
        [-1 if v is None else seen.setdefault(v, len(seen)) for v in values], dtype=np.int64
    )


def _pool(groups: list[Group], config: PlacesSettings) -> _Pool:
    keep = config.candidates_per_name
    chosen: list[Candidate] = []
    group_of: list[int] = []
    local: list[float] = []
    starts: list[int] = []
    for index, group in enumerate(groups):
        scored = sorted(
            ((local_score(group, c, config), c) for c in group.candidates), key=lambda s: -s[0]
        )[:keep]
        starts.append(len(chosen))
        for score, candidate in scored:
            chosen.append(candidate)
            group_of.append(index)
            local.append(score)
    return _Pool(
        chosen,
        np.array(group_of, dtype=np.int64),
        np.array(starts, dtype=np.int64),
        np.array(local, dtype=np.float64),
    )


@dataclass
class _Coherence:
    """How well each pair of candidates fits one report, three ways (0 within a group)."""

    # The same country: two points of it, or a country and a place within it.
    country: Floats
    # The same first-level subdivision: two points of it, or a state and a place within it.
    admin1: Floats
    # Two points near each other.
    near: Floats


def coherence(pool: _Pool, config: PlacesSettings) -> _Coherence:
    """Pairwise coherence of the pool's candidates (symmetric matrices).

    Nearness is full within `near_km`, none beyond `far_km`, log-scaled between: a small town
    10 km from another place of the report is rarely there by chance; one in the same country
    of thousands of towns often is, so country and subdivision each vote once (see _support).
    """
    cands = pool.candidates
    is_area = np.array([c.kind in AREA_KINDS for c in cands])
    is_country = np.array([c.kind == "country" for c in cands])
    is_admin1 = np.array([c.kind == "admin1" for c in cands])
    country = _codes([c.country for c in cands])
    admin1 = _codes([(c.country, c.admin1) if c.admin1 else None for c in cands])
    lat = np.array([np.nan if c.lat is None else c.lat for c in cands], dtype=np.float64)
    lon = np.array([np.nan if c.lon is None else c.lon for c in cands], dtype=np.float64)

    other_group = pool.group_of[:, None] != pool.group_of[None, :]
    same_country = (country[:, None] == country[None, :]) & (country[:, None] >= 0) & other_group
    same_admin1 = (admin1[:, None] == admin1[None, :]) & (admin1[:, None] >= 0) & other_group
    points = ~is_area[:, None] & ~is_area[None, :]
    in_country = is_country[:, None] ^ is_country[None, :]
    in_admin1 = is_admin1[:, None] ^ is_admin1[None, :]
    near_km, far_km = config.near_km, config.far_km
    with np.errstate(invalid="ignore", divide="ignore"):
        closeness = np.log(far_km / np.maximum(_distances(lat, lon), near_km))
    closeness = np.nan_to_num(np.clip(closeness / math.log(far_km / near_km), 0.0, 1.0))
    # Two states or provinces of one country named together ("Florida and Georgia").
    siblings = is_admin1[:, None] & is_admin1[None, :]
    country_weight = np.where(in_country, config.in_country_bonus, 0.0)
    country_weight = country_weight + points * config.same_country_bonus
    country_weight = country_weight + siblings * config.sibling_admin1_bonus
    return _Coherence(
        country=same_country * country_weight,
        admin1=same_admin1
        * np.where(in_admin1, config.in_admin1_bonus, points * config.same_admin1_bonus),
        near=(points & other_group) * config.nearby_bonus * closeness,
    )


def _per_group(
    pool: _Pool, pairs: Floats, behind: Floats, weights: Floats, config: PlacesSettings
) -> Floats:
    """For each candidate and each group, the group's best offer: its most coherent reading,
    less a share of how far that reading falls behind the group's best; never below nothing,
    nothing from the candidate's own group."""
    offers = pairs - config.reading_discount * behind[None, :]
    per_group = np.clip(np.maximum.reduceat(offers, pool.starts, axis=1), 0.0, None)
    per_group[np.arange(len(behind)), pool.group_of] = 0.0
    result: Floats = per_group * weights[None, :]
    return result


def _support(
    pool: _Pool, pairs: _Coherence, scores: Floats, weights: Floats, config: PlacesSettings
) -> Floats:
    """Each candidate's votes from the other groups: the best country vote, the best
    subdivision vote, and the nearness of the few nearest other places."""
    best = np.maximum.reduceat(scores, pool.starts)
    behind = best[pool.group_of] - scores
    country = _per_group(pool, pairs.country, behind, weights, config).max(axis=1)
    admin1 = _per_group(pool, pairs.admin1, behind, weights, config).max(axis=1)
    near = _per_group(pool, pairs.near, behind, weights, config)
    votes = config.near_votes
    nearest = -np.sort(-near, axis=1)[:, :votes].sum(axis=1)
    total: Floats = np.minimum(country + admin1 + nearest, config.max_support)
    return total


def resolve(
    groups: list[Group], config: PlacesSettings, rounds: int = 2
) -> dict[str, Candidate | None]:
    """The place each group's name stands for (None where the gazetteer has none)."""
    chosen: dict[str, Candidate | None] = {g.key: None for g in groups if not g.candidates}
    live = [g for g in groups if g.candidates]
    if not live:
        return chosen
    pool = _pool(live, config)
    pairs = coherence(pool, config)
    weights = np.array(
        [config.dateline_weight if g.is_dateline else 1.0 for g in live], dtype=np.float64
    )
    scores = pool.local
    for _ in range(rounds):
        scores = pool.local + _support(pool, pairs, scores, weights, config)
    for index, group in enumerate(live):
        members = np.flatnonzero(pool.group_of == index)
        chosen[group.key] = pool.candidates[int(members[np.argmax(scores[members])])]
    return chosen
