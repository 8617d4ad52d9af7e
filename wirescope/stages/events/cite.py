"""Which statements and sources back each participant and casualty figure (`per`).

Runs after the statements and sources stages. A figure is backed by the statements whose
content holds it and by those statements' sources; a participant by the statements made in
the sentence that names it, and by the speakers whose stance toward the event is a claim or a
denial when they speak for the participant.
"""

from __future__ import annotations

from wirescope.parsed import Parsed
from wirescope.record import Event, Report, Span, Statement

_STANCE_OF = {"claimed": "claim", "denied": "deny"}


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _statement_spans(statement: Statement) -> list[Span]:
    spans = list(statement.content)
    if statement.cue is not None:
        spans.append(statement.cue.span)
    return spans


def _sources_of(record: Report, statement: Statement) -> list[str]:
    span = statement.speaker.span
    if span is None:
        return []
    return [s.id for s in record.sources if s.span is not None and _overlaps(s.span, span)]


def _backing(record: Report, statements: list[Statement]) -> list[str]:
    ids: list[str] = []
    for statement in statements:
        for found in (statement.id, *_sources_of(record, statement)):
            if found not in ids:
                ids.append(found)
    return ids


def _speaks_for(record: Report, statement: Statement, entity: str | None) -> bool:
    speaker = statement.speaker.entity
    if entity is None or speaker is None:
        return False
    if speaker == entity:
        return True
    return any(e.id == speaker and e.affiliation == entity for e in record.entities)


def cite_event(record: Report, event: Event) -> None:
    for casualty in event.casualties:
        if casualty.span is None:
            continue
        span = casualty.span
        holding = [s for s in record.statements if any(_overlaps(span, c) for c in s.content)]
        casualty.per = _backing(record, holding)
    for participant in event.participants:
        sentences = [
            sentence
            for sentence in event.evidence
            if participant.text in record.text[sentence[0] : sentence[1]]
        ]
        said = [
            s
            for s in record.statements
            if any(
                _overlaps(sentence, span) for sentence in sentences for span in _statement_spans(s)
            )
        ]
        stance = _STANCE_OF.get(participant.certainty)
        if stance is not None:
            said += [
                s
                for s in record.statements
                if s not in said
                and any(st.event == event.id and st.type == stance for st in s.stance)
                and _speaks_for(record, s, participant.entity)
            ]
        participant.per = _backing(record, said)


def run(parsed: Parsed, record: Report) -> None:
    for event in record.events:
        cite_event(record, event)
