"""Calendar words shared by the stages: days from the ISO 8601 strings the record carries
("2021-11-07T08:45:00Z"), month names, and the 12-hour clock."""

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


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Month names and their abbreviations, lowercase, to the month's number.
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def clock_time(hour: int, minute: int, meridiem: str | None) -> tuple[int, int] | None:
    """Hours and minutes on a 24-hour clock: "10:45 pm" -> (22, 45), "12 am" -> (0, 0);
    None for no time of day ("25:70")."""
    marker = (meridiem or "").lower().replace(".", "").strip()
    if marker == "pm" and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 and minute < 60 else None
