"""A readable summary of records for a person at a terminal (rich tables)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wirescope.record import Entity, Report


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


def print_summary(records: Iterable[Report], console: Console) -> None:
    count = 0
    for record in records:
        count += 1
        console.rule(f"[bold]{record.id}")
        console.print(_header(record))
        if record.entities:
            console.print(entity_table(record))
        parts = [
            (len(record.places), "places"),
            (len(record.events), "events"),
            (len(record.statements), "statements"),
            (len(record.sources), "sources"),
        ]
        console.print("  " + " · ".join(f"{n} {label}" for n, label in parts), style="dim")
    console.rule()
    console.print(f"{count} record(s)")
