"""Choosing the place each name stands for, with the document as context.

Every name of a document is one group (a name means one place throughout a report). Each of
its candidates gets a score: a prior from what the place is (a country before a town of the
same name; a large town before a small one; its own name before an alternate one), then the
document's evidence — a qualifier beside the name ("Alexandria, Louisiana"), the countries and
subdivisions the document's other names resolve to, the dateline, places nearby. The
document's evidence is computed from the other groups' best choices, twice over, so that
unambiguous names settle ambiguous ones.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from wirescope.gazetteer.index import Candidate
from wirescope.settings import setting

# Kinds that stand for an area, not a point: their being named says "the document is here".
AREA_KINDS = frozenset({"country", "admin1", "region"})


@dataclass
class Group:
    """One name of a document and what may stand beside it."""

    key: str
    candidates: list[Candidate]
    # Candidates of the names written right after it (", Louisiana"): they narrow it down.
    qualifiers: list[list[Candidate]] = field(default_factory=list)
    is_dateline: bool = False


def _weight(name: str) -> float:
    return float(setting("places", name))


def prior(candidate: Candidate) -> float:
    """What a candidate is worth before any context."""
    if candidate.kind == "country":
        score = _weight("country_prior")
    elif candidate.origin == "curated":
        score = _weight("region_prior" if candidate.kind == "region" else "curated_prior")
    elif candidate.kind == "region":
        score = _weight("region_prior")
    elif candidate.kind == "admin1":
        score = _weight("admin1_prior") + 0.5 * math.log10(candidate.population + 10)
    elif candidate.kind == "admin2":
        score = _weight("admin2_prior")
    else:
        score = math.log10(candidate.population + 10)
    if not candidate.own:
        score -= _weight("alternate_name_penalty")
    return score


def _qualifies(qualifier: Candidate, candidate: Candidate) -> bool:
    """Whether a qualifying place contains the candidate: a country or a subdivision of it."""
    if qualifier.kind == "country":
        return candidate.country == qualifier.country
    if qualifier.kind in ("admin1", "admin2"):
        return candidate.country == qualifier.country and candidate.admin1 == qualifier.admin1
    return False


def qualifier_score(group: Group, candidate: Candidate) -> float:
    score = 0.0
    for options in group.qualifiers:
        containers = [q for q in options if q.kind in ("country", "admin1", "admin2")]
        if not containers:
            continue
        if any(_qualifies(q, candidate) for q in containers):
            score += _weight("qualifier_bonus")
        else:
            score -= _weight("qualifier_penalty")
    return score


def _same_name_bonus(group: Group, candidate: Candidate) -> float:
    """A town named like its own subdivision is the town ("Baghdad", not Baghdad governorate)."""
    if candidate.kind != "city":
        return 0.0
    for other in group.candidates:
        if (
            other.kind == "admin1"
            and other.country == candidate.country
            and other.admin1 == candidate.admin1
            and candidate.population * 10 > other.population
        ):
            return 2.0 + prior(other) - prior(candidate)
    return 0.0


@dataclass
class Context:
    """What the rest of the document says about where it is."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    # Subdivisions the document names outright ("Texas"), not only through its towns.
    named_admin1s: set[tuple[str | None, str]] = field(default_factory=set)
    points: list[tuple[str, float, float]] = field(default_factory=list)
    dateline: Candidate | None = None


def build_context(chosen: dict[str, Candidate | None], dateline_key: str | None) -> Context:
    context = Context()
    for key, place in chosen.items():
        if place is None:
            continue
        if place.country:
            context.countries[place.country] += 1
        if place.admin1:
            context.admin1s[(place.country, place.admin1)] += 1
            if place.kind == "admin1":
                context.named_admin1s.add((place.country, place.admin1))
        if place.lat is not None and place.lon is not None and place.kind not in AREA_KINDS:
            context.points.append((key, place.lat, place.lon))
    if dateline_key is not None:
        context.dateline = chosen.get(dateline_key)
    return context


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def context_score(
    group: Group, candidate: Candidate, context: Context, own: Candidate | None
) -> float:
    """Support from the other names of the document (this group's own choice left out)."""
    score = 0.0
    countries = context.countries.copy()
    admin1s = context.admin1s.copy()
    if own is not None:
        if own.country:
            countries[own.country] -= 1
        if own.admin1:
            admin1s[(own.country, own.admin1)] -= 1
    if candidate.country and countries[candidate.country] > 0:
        score += _weight("same_country_bonus")
    if candidate.admin1 and admin1s[(candidate.country, candidate.admin1)] > 0:
        named = (candidate.country, candidate.admin1) in context.named_admin1s
        score += _weight("same_admin1_bonus" if named else "implied_admin1_bonus")
    dateline = context.dateline
    if dateline is not None and not group.is_dateline:
        if candidate.country and candidate.country == dateline.country:
            score += _weight("dateline_bonus")
        if candidate.admin1 and candidate.admin1 == dateline.admin1:
            score += _weight("dateline_bonus")
    if candidate.lat is not None and candidate.lon is not None:
        # The closer the document's other places, the more support: a county seat beats a
        # namesake town of the same state.
        near = _weight("nearby_km")
        lat, lon = candidate.lat, candidate.lon
        closest = min(
            (distance_km(lat, lon, la, lo) for key, la, lo in context.points if key != group.key),
            default=near,
        )
        score += _weight("nearby_bonus") * max(0.0, 1 - closest / near)
    return score


def _best(group: Group, context: Context | None, own: Candidate | None) -> Candidate | None:
    best, best_score = None, -math.inf
    for candidate in group.candidates:
        score = prior(candidate) + qualifier_score(group, candidate)
        score += _same_name_bonus(group, candidate)
        if context is not None:
            score += context_score(group, candidate, context, own)
        if score > best_score:
            best, best_score = candidate, score
    return best


def resolve(groups: list[Group], rounds: int = 2) -> dict[str, Candidate | None]:
    """The place each group's name stands for (None where the gazetteer has none)."""
    chosen = {group.key: _best(group, None, None) for group in groups}
    dateline_key = next((g.key for g in groups if g.is_dateline), None)
    for _ in range(rounds):
        context = build_context(chosen, dateline_key)
        chosen = {group.key: _best(group, context, chosen[group.key]) for group in groups}
    return chosen
