"""Consolidation: does a new report's main event join a consolidated event already stored?

Incremental by design: a new report is scored against the consolidated events whose reports
fall within the date window, joins the best one above the join threshold, and links (without
merging) the others above the link threshold. Nothing already stored is re-clustered.

A report's score against an event is its average score against the event's reports (average
linkage: one similar report does not pull a whole story in, as single linkage would). A pair's
score is the TF-IDF cosine of their texts, lowered when the dates lie far apart, the types
clash or the places lie far apart, raised when they share participants.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from wirescope.settings import setting
from wirescope.store.features import Features, cosine, tfidf

NON_CONFLICT = "Non-conflict"
EARTH_DIAMETER_KM = 12742.0


def _cfg(key: str) -> float:
    return float(setting("store", key))


def types_clash(left: Features, right: Features) -> bool:
    """A conflict event and a story outside conflict are not the same event."""
    if not left.type or not right.type:
        return False
    return (left.type == NON_CONFLICT) != (right.type == NON_CONFLICT)


def distance_km(left: Features, right: Features) -> float | None:
    if left.lat is None or left.lon is None or right.lat is None or right.lon is None:
        return None
    rad = math.pi / 180
    lat1, lon1, lat2, lon2 = (v * rad for v in (left.lat, left.lon, right.lat, right.lon))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return EARTH_DIAMETER_KM * math.asin(math.sqrt(min(1.0, a)))


def pair_score(
    left: Features, left_vec: dict[str, float], right: Features, right_vec: dict[str, float]
) -> float:
    score = cosine(left_vec, right_vec)
    if left.day and right.day and abs((left.day - right.day).days) > _cfg("date_window_days"):
        score *= _cfg("date_penalty")
    if types_clash(left, right):
        score *= _cfg("type_penalty")
    distance = distance_km(left, right)
    if distance is not None and distance > _cfg("place_far_km"):
        score *= _cfg("place_penalty")
    if left.actors and right.actors:
        shared = len(left.actors & right.actors) / len(left.actors | right.actors)
        score += _cfg("actor_bonus") * shared
    return score


@dataclass
class Decision:
    """Where a new report's main event goes: an event to join (None: a new one), and links."""

    join: str | None
    score: float
    links: list[tuple[str, float]] = field(default_factory=list)


class Scorer:
    """Scores features against stored events with the store's current term frequencies."""

    def __init__(self, df: dict[str, int], documents: int) -> None:
        self.df = df
        self.documents = documents
        self._vectors: dict[str, dict[str, float]] = {}

    def vector(self, features: Features) -> dict[str, float]:
        # Cached for one decision: the frequencies move with every report stored.
        cached = self._vectors.get(features.report_id)
        if cached is None:
            cached = tfidf(features.terms, self.df, self.documents)
            self._vectors[features.report_id] = cached
        return cached

    def event_score(self, new: Features, members: list[Features]) -> float:
        new_vec = self.vector(new)
        scores = [pair_score(new, new_vec, m, self.vector(m)) for m in members]
        return sum(scores) / len(scores) if scores else 0.0

    def decide(self, new: Features, events: dict[str, list[Features]]) -> Decision:
        scored = sorted(
            ((self.event_score(new, members), event_id) for event_id, members in events.items()),
            reverse=True,
        )
        join_at, link_at = _cfg("join_threshold"), _cfg("link_threshold")
        best = scored[0] if scored and scored[0][0] >= join_at else None
        links = [
            (eid, round(s, 4)) for s, eid in scored if s >= link_at and eid != (best or ("", ""))[1]
        ]
        return Decision(join=best[1] if best else None, score=best[0] if best else 0.0, links=links)
