"""The sources stage: not built yet (see the sources issue); it leaves record.sources empty."""

from __future__ import annotations

from wirescope.parsed import Parsed
from wirescope.record import Report


def run(parsed: Parsed, record: Report) -> None:
    """Leave `record.sources` empty until the stage is built."""
    return None
