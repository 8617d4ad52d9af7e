"""A record turned into the store's rows: the report, its parts, its events."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from wirescope.record import Report
from wirescope.store.features import credible_date
from wirescope.store.models import (
    CopyRow,
    EntityRow,
    PlaceRow,
    ReportEventRow,
    ReportRow,
    SourceRow,
    StatementRow,
)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def url_key(url: str | None) -> str | None:
    """URLs can be long: an indexed digest of the URL without its fragment and final slash."""
    if not url:
        return None
    return digest(url.split("#", 1)[0].rstrip("/"))


def _identity(record: Report) -> dict[str, str | None]:
    """The columns a report and a copy of one share: how it is found again, and whose it is."""
    return {
        "id": record.id,
        "url": record.meta.url,
        "url_key": url_key(record.meta.url),
        "content_hash": digest(record.text),
        "title": record.meta.title,
        "publisher": record.meta.publisher,
        "published": record.meta.published,
        "ingested_at": now(),
    }


def copy_row(record: Report, original: str) -> CopyRow:
    """A syndicated copy, filed under the report it copies."""
    return CopyRow(report_id=original, **_identity(record))


def report_row(
    record: Report, seq: int, terms: dict[str, int], signature: bytes | None
) -> ReportRow:
    return ReportRow(
        seq=seq,
        language=record.meta.language,
        text=record.text,
        record=record.to_json(),
        signature=signature,
        terms=json.dumps(terms, ensure_ascii=False),
        **_identity(record),
    )


def part_rows(record: Report) -> list[object]:
    """Entities, places, statements and sources as rows (the record JSON keeps the rest)."""
    rid = record.id
    rows: list[object] = [
        EntityRow(
            report_id=rid,
            local_id=e.id,
            name=e.name,
            kind=e.kind,
            category=e.category,
            country=e.country,
        )
        for e in record.entities
    ]
    rows += [
        PlaceRow(
            report_id=rid,
            local_id=p.id,
            name=p.name,
            kind=p.kind,
            geonameid=p.geonameid,
            lat=p.lat,
            lon=p.lon,
            country=p.country,
            admin1=p.admin1,
        )
        for p in record.places
    ]
    rows += [
        StatementRow(
            report_id=rid,
            local_id=s.id,
            kind=s.kind,
            speaker=s.speaker.text,
            data=s.model_dump_json(),
        )
        for s in record.statements
    ]
    rows += [
        SourceRow(report_id=rid, local_id=s.id, kind=s.kind, text=s.text, data=s.model_dump_json())
        for s in record.sources
    ]
    return rows


def event_rows(record: Report) -> list[ReportEventRow]:
    """The record's events; events[0], the main one, is the one consolidation places."""
    return [
        ReportEventRow(
            report_id=record.id,
            local_id=event.id,
            event_id=None,
            main=index == 0,
            type=event.type,
            subtype=event.subtype,
            date=credible_date(event, record.meta.published),
            data=event.model_dump_json(),
        )
        for index, event in enumerate(record.events)
    ]
