"""The pipeline's stages, in order: each a function of the parsed document and the record so far.

A stage reads `Parsed` (the spaCy Doc and the input document) and fills its part of the
Report. Stages never touch the store, the service or the CLI.
"""

from __future__ import annotations

from collections.abc import Callable

from wirescope.parsed import Parsed
from wirescope.record import Report
from wirescope.stages import entities, events, meta, places, sources, statements
from wirescope.stages.events import cite

Stage = Callable[[Parsed, Report], None]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("meta", meta.run),
    ("entities", entities.run),
    ("places", places.run),
    ("events", events.run),
    ("statements", statements.run),
    ("sources", sources.run),
    # Which statements and sources back each event's participants and figures.
    ("citations", cite.run),
)
