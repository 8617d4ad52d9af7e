"""A consolidated event's own fields, gathered from its reports' events as reports join.

Each report's figures are kept side by side with the reports that give them; figures that
cannot all be true (7 killed and 9 killed; 3 killed and "at least 5") flag the event
`conflicting`. Nothing is averaged or imputed.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from wirescope.record import Casualty, Event, Report
from wirescope.store.features import event_place

DATE_PRECISION = {"day": 1, "week": 2, "month": 3}
# Roles in the order ACLED's actor columns read them: who acted first, then whom it hit.
ACTING_ROLES = ("perpetrator", "actor")


def _figure(casualty: Casualty) -> dict[str, int | None]:
    return {"count": casualty.count, "min": casualty.min, "max": casualty.max}


def report_figures(event: Event) -> dict[str, dict[str, int | None]]:
    """One figure per casualty kind in one report: the first exact count, else the first range."""
    chosen: dict[str, Casualty] = {}
    for casualty in event.casualties:
        if casualty.count is None and casualty.min is None and casualty.max is None:
            continue
        held = chosen.get(casualty.kind)
        if held is None or (held.count is None and casualty.count is not None):
            chosen[casualty.kind] = casualty
    return {kind: _figure(c) for kind, c in chosen.items()}


def add_casualties(
    held: list[dict[str, Any]], event: Event, report_id: str
) -> list[dict[str, Any]]:
    for kind, figure in report_figures(event).items():
        same = next(
            (f for f in held if f["kind"] == kind and all(f[k] == figure[k] for k in figure)),
            None,
        )
        if same is None:
            held.append({"kind": kind, **figure, "reports": [report_id]})
        elif report_id not in same["reports"]:
            same["reports"].append(report_id)
    return held


def _low(figure: dict[str, Any]) -> int | None:
    value = figure["count"] if figure["count"] is not None else figure["min"]
    return int(value) if value is not None else None


def _high(figure: dict[str, Any]) -> int | None:
    value = figure["count"] if figure["count"] is not None else figure["max"]
    return int(value) if value is not None else None


def _compatible(left: dict[str, Any], right: dict[str, Any]) -> bool:
    """Two figures can both be true when their ranges overlap."""
    low_l, high_l, low_r, high_r = _low(left), _high(left), _low(right), _high(right)
    if high_l is not None and low_r is not None and low_r > high_l:
        return False
    return not (high_r is not None and low_l is not None and low_l > high_r)


def conflicting(casualties: list[dict[str, Any]]) -> bool:
    for i, left in enumerate(casualties):
        for right in casualties[i + 1 :]:
            if left["kind"] == right["kind"] and not _compatible(left, right):
                return True
    return False


def add_participants(
    held: list[dict[str, Any]], record: Report, event: Event
) -> list[dict[str, Any]]:
    """Participants by name and role, with the reports that name them. A participant the
    report resolved to an entity goes by the entity's name; others by the words used."""
    entities = {entity.id: entity for entity in record.entities}
    for participant in event.participants:
        entity = entities.get(participant.entity or "")
        name = entity.name if entity else participant.text
        same = next((p for p in held if p["name"] == name and p["role"] == participant.role), None)
        if same is None:
            held.append(
                {
                    "name": name,
                    "role": participant.role,
                    "resolved": entity is not None,
                    "kind": entity.kind if entity else None,
                    "category": entity.category if entity else None,
                    "country": entity.country if entity else None,
                    "reports": [record.id],
                }
            )
        elif record.id not in same["reports"]:
            same["reports"].append(record.id)
    return held


def majority(values: list[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def place_fields(record: Report, event: Event) -> dict[str, Any]:
    place = event_place(record, event)
    if place is None:
        return {}
    return {
        "place_name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "geo_precision": event.geo_precision,
    }


def summary_of(row: Any) -> str | None:
    """A summary from the consolidated fields alone: "Attack in Kabul on 2021-11-07"."""
    words = row.subtype or row.type
    if not words:
        return None
    if row.place_name:
        words += f" in {row.place_name}"
    if row.date:
        words += f" on {row.date}"
    return str(words)


def loads(text: str | None) -> list[dict[str, Any]]:
    value = json.loads(text) if text else []
    return value if isinstance(value, list) else []
