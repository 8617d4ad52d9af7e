"""One generated line per event: who did what to whom, where, when, with what toll."""

from __future__ import annotations

from wirescope.record import Event, Report


def _names(record: Report, event: Event, role: str) -> list[str]:
    names = {e.id: e.name for e in record.entities}
    found = []
    for participant in event.participants:
        if participant.role != role:
            continue
        name = names.get(participant.entity or "", participant.text)
        if participant.certainty in ("suspected", "claimed", "denied"):
            name = f"{name} ({participant.certainty})"
        if participant.certainty != "unknown" and name not in found:
            found.append(name)
    return found


def _toll(event: Event) -> str:
    """The first figure of each kind: the lead's toll, not every later count of a part."""
    parts = []
    told: set[str] = set()
    for casualty in event.casualties:
        if casualty.kind in told or (casualty.count is None and casualty.min is None):
            continue
        told.add(casualty.kind)
        if casualty.count is not None:
            parts.append(f"{casualty.count} {casualty.kind}")
        elif casualty.min is not None:
            parts.append(f"at least {casualty.min} {casualty.kind}")
    return ", ".join(parts)


def summarize(record: Report, event: Event) -> str:
    line = event.subtype if event.type != "Non-conflict" else f"{event.type}: {event.subtype}"
    perpetrators = _names(record, event, "perpetrator") or _names(record, event, "actor")
    targets = _names(record, event, "target") or _names(record, event, "victim")
    if perpetrators:
        line += " by " + ", ".join(perpetrators)
    if targets:
        line += " against " + ", ".join(targets)
    place = next((p for p in record.places if p.id == event.place), None)
    if place is not None:
        line += f" in {place.name}" + (
            f", {place.admin1}" if place.admin1 and place.kind != "admin1" else ""
        )
    if event.date:
        line += f" on {event.date}"
    if event.modality != "actual":
        line += f" ({event.modality})"
    toll = _toll(event)
    return f"{line}: {toll}" if toll else line
