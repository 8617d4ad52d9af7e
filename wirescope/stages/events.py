"""The events stage: not built yet (see the events issue); it leaves record.events empty."""

from __future__ import annotations

from wirescope.parsed import Parsed
from wirescope.record import Report


def run(parsed: Parsed, record: Report) -> None:
    """Leave `record.events` empty until the stage is built."""
    return None
