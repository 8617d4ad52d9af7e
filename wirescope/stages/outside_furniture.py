"""No field of a record points into page furniture (meta.furniture), whatever stage made it.

The parse never sees furniture (it is blanked), but stages also read the raw text (quote
marks, figures) and a quote may run across a caption line. One filter after the stages keeps
every stage honest: mentions, places, events whose trigger lies in furniture, statements whose
speaker or cue does, and sources are dropped; a statement's content is cut around furniture
(a caption between two paragraphs of one quote leaves the quote whole); references to what
was dropped are removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wirescope.record import Event, Report, Span, Statement


def overlaps(span: Span | None, furniture: list[Span]) -> bool:
    """True when the span shares a character with any furniture span."""
    if span is None:
        return False
    start, end = span
    return any(start < stop and begin < end for begin, stop in furniture)


def clipped(span: Span, furniture: list[Span], text: str) -> list[Span]:
    """The parts of a span outside furniture, spaces trimmed."""
    parts = [span]
    for begin, stop in furniture:
        parts = [
            piece
            for start, end in parts
            for piece in ((start, min(end, begin)), (max(start, stop), end))
            if piece[1] > piece[0]
        ]
    trimmed = []
    for start, end in parts:
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if end > start:
            trimmed.append((start, end))
    return trimmed


@dataclass
class _Dropped:
    """Ids of what was dropped, to remove references to them."""

    entities: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


def _keep_entities(record: Report, furniture: list[Span], dropped: _Dropped) -> None:
    for entity in record.entities:
        kept = [span for span in entity.mentions if not overlaps(span, furniture)]
        if entity.mentions and not kept:
            dropped.entities.add(entity.id)
        entity.mentions = kept
    record.entities = [e for e in record.entities if e.id not in dropped.entities]
    for entity in record.entities:
        if entity.affiliation in dropped.entities:
            entity.affiliation = None


def _keep_places(record: Report, furniture: list[Span], dropped: _Dropped) -> None:
    for place in record.places:
        kept = [span for span in place.mentions if not overlaps(span, furniture)]
        if place.mentions and not kept:
            dropped.places.add(place.id)
        place.mentions = kept
    record.places = [p for p in record.places if p.id not in dropped.places]


def _trim_statement(statement: Statement, furniture: list[Span], text: str) -> bool:
    """Cut the statement's content around furniture; False when nothing of it is left."""
    if overlaps(statement.speaker.span, furniture) or overlaps(
        statement.cue.span if statement.cue else None, furniture
    ):
        return False
    if not any(overlaps(span, furniture) for span in statement.content):
        return True
    content = [piece for span in statement.content for piece in clipped(span, furniture, text)]
    if not content:
        return False
    statement.content = content
    statement.text = " … ".join(text[start:end] for start, end in content)
    return True


def _keep_statements(record: Report, furniture: list[Span], dropped: _Dropped) -> None:
    for statement in record.statements:
        speaker_gone = statement.speaker.entity in dropped.entities
        if speaker_gone or not _trim_statement(statement, furniture, record.text):
            dropped.statements.add(statement.id)
    record.statements = [s for s in record.statements if s.id not in dropped.statements]


def _keep_sources(record: Report, furniture: list[Span], dropped: _Dropped) -> None:
    for source in record.sources:
        if overlaps(source.span, furniture):
            dropped.sources.add(source.id)
    record.sources = [s for s in record.sources if s.id not in dropped.sources]
    for source in record.sources:
        if source.affiliation in dropped.entities:
            source.affiliation = None


def _keep_event_parts(event: Event, furniture: list[Span], dropped: _Dropped) -> None:
    event.evidence = [span for span in event.evidence if not overlaps(span, furniture)]
    event.casualties = [c for c in event.casualties if not overlaps(c.span, furniture)]
    event.participants = [p for p in event.participants if p.entity not in dropped.entities]
    if event.place in dropped.places:
        event.place, event.geo_precision = None, None


def _keep_events(record: Report, furniture: list[Span], dropped: _Dropped) -> None:
    for event in record.events:
        if event.trigger and overlaps(event.trigger.span, furniture):
            dropped.events.add(event.id)
        else:
            _keep_event_parts(event, furniture, dropped)
    record.events = [e for e in record.events if e.id not in dropped.events]


def _drop_references(record: Report, dropped: _Dropped) -> None:
    """Citations (`per`) and stances that name something dropped."""
    cited = dropped.statements | dropped.sources
    for event in record.events:
        for participant in event.participants:
            participant.per = [ref for ref in participant.per if ref not in cited]
        for casualty in event.casualties:
            casualty.per = [ref for ref in casualty.per if ref not in cited]
    for statement in record.statements:
        statement.stance = [s for s in statement.stance if s.event not in dropped.events]


def keep_out_of_furniture(record: Report, furniture: list[Span]) -> None:
    """Remove from the record every field that points into furniture (and what cites it)."""
    if not furniture:
        return
    dropped = _Dropped()
    _keep_entities(record, furniture, dropped)
    _keep_places(record, furniture, dropped)
    _keep_statements(record, furniture, dropped)
    _keep_sources(record, furniture, dropped)
    _keep_events(record, furniture, dropped)
    _drop_references(record, dropped)
