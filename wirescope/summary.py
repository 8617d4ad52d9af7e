"""A readable summary of records for a person at a terminal (rich tables)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wirescope.record import Entity, Event, Report, Source, Statement


def _header(record: Report) -> Text:
    meta = record.meta
    line = Text()
    line.append(meta.title or record.id, style="bold")
    facts = [
        ("filed from", meta.dateline),
        ("published", meta.published),
        ("updated", meta.updated),
        ("credits", ", ".join(meta.credits) or None),
        ("by", ", ".join(meta.authors) or None),
        ("language", meta.language),
    ]
    for label, value in facts:
        if value:
            line.append(f"\n  {label}: ", style="dim")
            line.append(value)
    return line


def _entity_row(entity: Entity, by_id: dict[str, Entity]) -> tuple[str, ...]:
    affiliation = by_id[entity.affiliation].name if entity.affiliation in by_id else ""
    kind = entity.category or entity.kind
    return (
        entity.name,
        kind,
        entity.country or "",
        ", ".join(entity.titles),
        affiliation,
        str(len(entity.mentions)),
    )


def entity_table(record: Report) -> Table:
    table = Table(show_edge=False, header_style="bold cyan", pad_edge=False, expand=False)
    table.add_column("actor", ratio=3)
    table.add_column("category", ratio=2)
    table.add_column("cc", no_wrap=True)
    table.add_column("titles", ratio=2)
    table.add_column("speaks for", ratio=2)
    table.add_column("n", justify="right", no_wrap=True)
    by_id = {entity.id: entity for entity in record.entities}
    for entity in record.entities:
        table.add_row(*_entity_row(entity, by_id))
    return table


def _speaker_name(record: Report, statement: Statement, by_id: dict[str, Entity]) -> str:
    speaker = statement.speaker
    if speaker.entity in by_id:
        return by_id[speaker.entity].name
    if speaker.anonymous:
        count = f"{speaker.count} × " if speaker.count and speaker.count > 1 else ""
        return f"{count}{speaker.description or speaker.text} (unnamed)"
    return speaker.description or speaker.text or "?"


def statement_table(record: Report) -> Table:
    table = Table(show_edge=False, header_style="bold magenta", pad_edge=False)
    table.add_column("who", ratio=2)
    table.add_column("how", ratio=1)
    table.add_column("stance", no_wrap=True)
    table.add_column("what", ratio=4)
    by_id = {entity.id: entity for entity in record.entities}
    for statement in record.statements:
        how = (
            statement.kind
            if statement.channel == "unknown"
            else f"{statement.kind}, {statement.channel}"
        )
        if statement.via:
            how += f" via {statement.via}"
        stance = ", ".join(s.type for s in statement.stance if s.type != "neutral")
        what = statement.text if len(statement.text) <= 110 else statement.text[:107] + "…"
        table.add_row(_speaker_name(record, statement, by_id), how, stance, what or "—")
    return table


def _event_where(record: Report, event: Event) -> str:
    place = next((p for p in record.places if p.id == event.place), None)
    if place is None:
        return ""
    where = place.name
    if place.lat is not None and place.lon is not None:
        where += f" ({place.lat:.2f}, {place.lon:.2f})"
    return where


def _event_detail(event: Event) -> str:
    """Perpetrators with their certainty, weapons and the toll, in one cell."""
    parts = [event.summary or event.subtype]
    weapons = ", ".join(i.text for i in event.instruments)
    if weapons:
        parts.append(f"with: {weapons}")
    if event.outcome:
        parts.append(f"outcome: {event.outcome}")
    return "\n".join(parts)


def event_table(record: Report) -> Table:
    table = Table(show_edge=False, header_style="bold red", pad_edge=False)
    table.add_column("event", ratio=2)
    table.add_column("when", no_wrap=True)
    table.add_column("where", ratio=2)
    table.add_column("what happened", ratio=5)
    for event in record.events:
        when = event.date or ""
        if event.time_of_day:
            when += f"\n{event.time_of_day}"
        table.add_row(
            f"{event.type}\n{event.subtype}",
            when,
            _event_where(record, event),
            _event_detail(event),
        )
    return table


def _source_line(source: Source) -> str:
    facts = [source.kind.replace("_", " ")]
    facts += [f"told {source.told}"] if source.told else []
    facts += [f"unnamed: {source.reason}"] if source.reason else []
    return f"{source.text} ({'; '.join(facts)})"


def print_summary(records: Iterable[Report], console: Console) -> None:
    count = 0
    for record in records:
        count += 1
        console.rule(f"[bold]{record.id}")
        console.print(_header(record))
        if record.events:
            console.print(event_table(record))
        if record.entities:
            console.print(entity_table(record))
        if record.statements:
            console.print(statement_table(record))
        if record.sources:
            console.print("  sources: " + " · ".join(_source_line(s) for s in record.sources))
        parts = [
            (len(record.places), "places"),
            (len(record.events), "events"),
            (len(record.statements), "statements"),
            (len(record.sources), "sources"),
        ]
        console.print("  " + " · ".join(f"{n} {label}" for n, label in parts), style="dim")
    console.rule()
    console.print(f"{count} record(s)")
