"""Calendar days from the ISO 8601 strings the record carries ("2021-11-07T08:45:00Z")."""

from __future__ import annotations

from datetime import date


def parse_day(value: str | None) -> date | None:
    """The day an ISO 8601 date or date-time names; None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
