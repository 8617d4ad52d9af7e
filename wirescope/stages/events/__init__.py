"""The events stage: what happened, to whom, by whom, with what, when and where."""

from __future__ import annotations

from wirescope.parsed import Parsed
from wirescope.record import Event, Report, Trigger
from wirescope.stages.events.detect import candidates


def run(parsed: Parsed, record: Report) -> None:
    """Fill `record.events`: one event per candidate for now (being built)."""
    doc = parsed.doc
    if doc is None:
        return
    found = candidates(doc)
    record.events = [
        Event(
            id=f"v{number}",
            type=candidate.type,
            subtype=candidate.subtype,
            trigger=Trigger(
                text=candidate.trigger.text,
                span=[candidate.trigger.start_char, candidate.trigger.end_char],
            ),
            evidence=[[candidate.sentence.start_char, candidate.sentence.end_char]],
        )
        for number, candidate in enumerate(found, start=1)
    ]
