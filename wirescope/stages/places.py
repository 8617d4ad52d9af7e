"""The places stage: not built yet (see the places issue); it leaves record.places empty."""

from __future__ import annotations

from wirescope.parsed import Parsed
from wirescope.record import Report


def run(parsed: Parsed, record: Report) -> None:
    """Leave `record.places` empty until the stage is built."""
    return None
