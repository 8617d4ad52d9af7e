"""The events stage: what happened, to whom, by whom, with what, when and where."""

from __future__ import annotations

from wirescope.parsed import Parsed
from wirescope.record import Report


def run(parsed: Parsed, record: Report) -> None:
    """Fill `record.events` (being built)."""
    return None
