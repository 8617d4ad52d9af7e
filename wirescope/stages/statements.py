"""The statements stage: not built yet (see the statements issue); record.statements stays empty."""

from __future__ import annotations

from wirescope.parsed import Parsed
from wirescope.record import Report


def run(parsed: Parsed, record: Report) -> None:
    """Leave `record.statements` empty until the stage is built."""
    return None
