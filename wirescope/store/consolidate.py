"""Consolidation: does an event of a new report join a consolidated event already stored?

Incremental by design: each event of a new report (its main event, and every other conflict
event it tells, background included) is scored against the consolidated events stored near
its date, joins the best one, and links (without merging) the others above the link
threshold. Nothing already stored is re-clustered.

Two ways to join:
- the report's words: its main event's score against an event is its average score against
  the main events of the event's reports (average linkage: one similar report does not pull a
  whole story in). A pair's score is the TF-IDF cosine of their texts, lowered when the events'
  own dates disagree (or, undated, their publication days lie far apart), the types clash or
  the places lie far apart, raised when they share participants;
- the event's own fields, for any conflict event: the same ACLED type, dates that agree with
  their precision (one of them to the day), places within `same_place_km`. This is how a
  background event ("the 2015 Paris attacks" in a story about Nice) joins the event it names,
  and how a report published weeks later joins the attack it tells of.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wirescope import geodesy
from wirescope.record import NON_CONFLICT
from wirescope.settings import StoreSettings
from wirescope.store.features import Features, cosine, tfidf


def types_clash(left: Features, right: Features) -> bool:
    """A conflict event and a story outside conflict are not the same event."""
    if not left.type or not right.type:
        return False
    return (left.type == NON_CONFLICT) != (right.type == NON_CONFLICT)


def distance_km(left: Features, right: Features) -> float | None:
    if left.lat is None or left.lon is None or right.lat is None or right.lon is None:
        return None
    return geodesy.distance_km(left.lat, left.lon, right.lat, right.lon)


def dates_agree(left: Features, right: Features) -> bool | None:
    """True when both events' own dates may mean the same day and one of them is a day (or a
    week); False when both are dated and cannot; None when one of them has no own date."""
    left_span, right_span = left.span(), right.span()
    if not (left.dated and right.dated) or left_span is None or right_span is None:
        return None
    slack = 1  # a day's slack: time zones, "overnight"
    if left_span[0].toordinal() > right_span[1].toordinal() + slack:
        return False
    if right_span[0].toordinal() > left_span[1].toordinal() + slack:
        return False
    return left.precision in ("day", "week") or right.precision in ("day", "week")


def _days_apart(left: Features, right: Features) -> int | None:
    """Days between the events (own dates where both have one, else publication days)."""
    if left.dated and right.dated and left.day and right.day:
        return abs((left.day - right.day).days)
    if left.published and right.published:
        return abs((left.published - right.published).days)
    if left.day and right.day:
        return abs((left.day - right.day).days)
    return None


def same_event(left: Features, right: Features, config: StoreSettings) -> bool:
    """One conflict event by its own fields: type, date (with its precision), place."""
    if not left.type or left.type != right.type or left.type == NON_CONFLICT:
        return False
    if not dates_agree(left, right):
        return False
    if left.precision not in ("day", "week") and right.precision not in ("day", "week"):
        return False
    distance = distance_km(left, right)
    return distance is not None and distance <= config.same_place_km


def pair_score(
    left: Features,
    left_vec: dict[str, float],
    right: Features,
    right_vec: dict[str, float],
    config: StoreSettings,
) -> float:
    score = cosine(left_vec, right_vec)
    agree = dates_agree(left, right)
    apart = _days_apart(left, right)
    if agree is False or (agree is None and apart is not None and apart > config.date_window_days):
        score *= config.date_penalty
    if types_clash(left, right):
        score *= config.type_penalty
    distance = distance_km(left, right)
    if distance is not None and distance > config.place_far_km:
        score *= config.place_penalty
    if left.actors and right.actors:
        shared = len(left.actors & right.actors) / len(left.actors | right.actors)
        score += config.actor_bonus * shared
    return score


@dataclass
class Decision:
    """Where a new report's main event goes: an event to join (None: a new one), and links."""

    join: str | None
    score: float
    links: list[tuple[str, float]] = field(default_factory=list)


class Scorer:
    """Scores features against stored events with the store's current term frequencies."""

    def __init__(self, df: dict[str, int], documents: int, config: StoreSettings) -> None:
        self.df = df
        self.config = config
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
        """The report's words against the event's reports that are about it (main events)."""
        if not new.main:
            return 0.0
        told = [m for m in members if m.main]
        new_vec = self.vector(new)
        scores = [pair_score(new, new_vec, m, self.vector(m), self.config) for m in told]
        return sum(scores) / len(scores) if scores else 0.0

    def decide(self, new: Features, events: dict[str, list[Features]]) -> Decision:
        scored = sorted(
            ((self.event_score(new, members), event_id) for event_id, members in events.items()),
            reverse=True,
        )
        join_at, link_at = self.config.join_threshold, self.config.link_threshold
        best = scored[0] if scored and scored[0][0] >= join_at else None
        if best is None:
            best = _by_fields(new, events, self.config)
        links = [
            (eid, round(s, 4)) for s, eid in scored if s >= link_at and eid != (best or ("", ""))[1]
        ]
        return Decision(join=best[1] if best else None, score=best[0] if best else 0.0, links=links)


def _by_fields(
    new: Features, events: dict[str, list[Features]], config: StoreSettings
) -> tuple[float, str] | None:
    """The event most of whose dated reports tell of the same conflict event, if any."""
    best: tuple[float, str] | None = None
    for event_id, members in events.items():
        dated = [m for m in members if m.dated]
        if not dated:
            continue
        share = sum(same_event(new, m, config) for m in dated) / len(dated)
        if share >= config.same_event_share and (best is None or share > best[0]):
            best = (share, event_id)
    return best
