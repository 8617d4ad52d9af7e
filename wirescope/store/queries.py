"""Reading the store: consolidated events (filtered, paged), one event in depth, search."""

from __future__ import annotations

import json
import re
from collections import defaultdict, namedtuple
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    any_,
    bindparam,
    distinct,
    func,
    literal_column,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from wirescope import countries
from wirescope.record import EVENT_SUBTYPES, Report
from wirescope.store.models import (
    ActorNameRow,
    CopyRow,
    EventActorRow,
    EventCountRow,
    EventLinkRow,
    EventRow,
    ReportEventRow,
    ReportRow,
    SourceRow,
    StatementRow,
)

_FTS_WORD = re.compile(r"\w+")
# Participant names matched by one --actor filter that the page reads name by name (each
# name's first offset + limit events from its index, merged); more names are read together
# and sorted.
NAMES_MERGED = 20
_CONTROL = re.compile("[\x00-\x1f\x7f]")
SNIPPET_WORDS = 16


class FilterError(ValueError):
    """A filter value the store cannot use (an unknown country, a malformed date)."""


def country_code(value: str) -> str:
    """ISO alpha-2 from a code or a name ("IQ", "iq", "Iraq", "UK", "the U.S.", "Britain"):
    the extractor's resolver (`wirescope.countries`), so a filter takes every name a record
    can carry."""
    code = countries.resolve_country(value)
    if code is None:
        raise FilterError(f"country {value!r}: not an ISO 3166 code or country name")
    return code


def _day(value: str, name: str) -> str:
    """A year, a month or a day that exists ("2021-13-45" does not)."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise FilterError(f"{name} {value!r}: not a date (YYYY-MM-DD)")
    year, month, day = [*value.split("-"), "01", "01"][:3]
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        raise FilterError(f"{name} {value!r}: no such date") from None
    return value


def printable(value: str, name: str) -> str:
    """A filter value without control characters: no stored name has one, and PostgreSQL
    refuses NUL in any text parameter (a 500 where SQLite answers nothing)."""
    if _CONTROL.search(value):
        raise FilterError(f"{name} {value!r}: control characters are not allowed")
    return value


def has_control(value: str) -> bool:
    """True for an id or word no stored report can have (ids are validated at ingest)."""
    return _CONTROL.search(value) is not None


def _like_literal(value: str) -> str:
    """The words of a LIKE pattern matched literally: `%` and `_` are no wildcards here."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_query(q: str) -> str | None:
    """q as an FTS5 query: each word quoted (no operators from user input), all required."""
    words = _FTS_WORD.findall(q)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words) if words else None


def fts_match(dialect: str, q: str) -> Select[str]:
    """Report ids matching every word of q, through the backend's full-text index."""
    if dialect == "sqlite":
        return (
            select(literal_column("report_id", String))
            .select_from(text("report_fts"))
            .where(text("report_fts MATCH :fts").bindparams(fts=fts_query(q) or '""'))
        )
    return select(ReportRow.id).where(
        text("reports.search @@ websearch_to_tsquery('english', :tsq)").bindparams(tsq=q)
    )


def conditions(filters: Any, dialect: str) -> list[ColumnElement[bool]]:
    found = dated(EventRow.date, filters)
    if filters.country:
        found.append(EventRow.country == country_code(printable(filters.country, "country")))
    if filters.type:
        found.append(_type_condition(printable(filters.type, "type")))
    if filters.actor:
        # The distinct names that hold the words (a scan of thousands), then their events
        # through event_actors' name index: never a LIKE over every event's names.
        found.append(
            EventRow.id.in_(
                select(EventActorRow.event_id).where(
                    EventActorRow.name_key.in_(actor_names(filters.actor))
                )
            )
        )
    if filters.q:
        printable(filters.q, "q")
        found.append(
            EventRow.id.in_(
                select(ReportEventRow.event_id).where(
                    ReportEventRow.report_id.in_(fts_match(dialect, filters.q))
                )
            )
        )
    return found


def dated(column: Any, filters: Any) -> list[ColumnElement[bool]]:
    """The filters' date range on a date column (events.date, or its copy in event_actors)."""
    found: list[ColumnElement[bool]] = []
    if filters.since:
        found.append(column >= _day(filters.since, "since"))
    if filters.until:
        until = _day(filters.until, "until")
        # "--until 2016-11" includes the whole month: every date that starts with it.
        found.append(column <= until + "\uffff" if len(until) < 10 else column <= until)
    return found


def actor_names(actor: str) -> Select[str]:
    """The stored participant names that hold the words of an --actor filter."""
    needle = f"%{_like_literal(printable(actor, 'actor').lower())}%"
    return select(ActorNameRow.name_key).where(ActorNameRow.name_key.like(needle, escape="\\"))


def actor_only(filters: Any) -> bool:
    """A participant filter with at most a date range beside it: its events and their count
    come from event_actors alone (ix_event_actors_name_date), in the list's order."""
    return bool(filters.actor) and not (filters.country or filters.type or filters.q)


def _actor_names_found(session: Session, filters: Any) -> list[str]:
    return list(session.scalars(actor_names(filters.actor).order_by(ActorNameRow.name_key)))


def actor_event_ids(session: Session, filters: Any, limit: int, offset: int) -> list[str]:
    """The page of an actor_only filter: event ids latest first (date descending, then id, as
    the events list sorts), read from the names' ranges of ix_event_actors_name_date. Each
    name's first offset + limit events hold the page: an event of the page that some name
    has is among that name's first offset + limit."""
    names = _actor_names_found(session, filters)
    if not names:
        return []
    actors = EventActorRow
    when = dated(actors.date, filters)
    order = (actors.date.desc(), actors.event_id)
    if len(names) == 1:
        one = select(actors.event_id).where(actors.name_key == names[0], *when)
        return list(session.scalars(one.order_by(*order).limit(limit).offset(offset)))
    if len(names) <= NAMES_MERGED:
        arms = [
            select(actors.event_id, actors.date)
            .where(actors.name_key == name, *when)
            .order_by(*order)
            .limit(limit + offset)
            .subquery()
            for name in names
        ]
        merged = union_all(*(select(arm.c.event_id, arm.c.date) for arm in arms)).subquery()
        query = select(merged.c.event_id, merged.c.date).distinct()
        query = query.order_by(merged.c.date.desc(), merged.c.event_id)
    else:
        query = (
            select(actors.event_id, actors.date)
            .where(actors.name_key.in_(actor_names(filters.actor)), *when)
            .distinct()
            .order_by(*order)
        )
    return [event_id for event_id, _ in session.execute(query.limit(limit).offset(offset))]


def actor_count(session: Session, filters: Any) -> int:
    """The count of an actor_only filter: its events in event_actors (each row's event is
    stored; an event with two of the names counts once)."""
    names = _actor_names_found(session, filters)
    if not names:
        return 0
    actors = EventActorRow
    when = dated(actors.date, filters)
    if len(names) == 1:
        query = select(func.count()).select_from(actors).where(actors.name_key == names[0], *when)
    else:
        chosen = names if len(names) <= NAMES_MERGED else actor_names(filters.actor)
        query = select(func.count(distinct(actors.event_id))).where(
            actors.name_key.in_(chosen), *when
        )
    return int(session.scalar(query) or 0)


def _type_condition(kind: str) -> ColumnElement[bool]:
    """An ACLED type, or a sub-type, by the column (and index) that holds it: no type is
    named as a sub-type, and one condition on one column keeps the index (type or sub-type
    and date) in use, where `type = x OR subtype = x` reads the whole table. A name of
    neither is looked for in both."""
    if kind in EVENT_SUBTYPES:
        return EventRow.type == kind
    if any(kind in subtypes for subtypes in EVENT_SUBTYPES.values()):
        return EventRow.subtype == kind
    return or_(EventRow.type == kind, EventRow.subtype == kind)


def list_events(
    session: Session, filters: Any, dialect: str, limit: int, offset: int
) -> list[dict[str, Any]]:
    # The table's columns as plain tuples, not ORM objects nor SQLAlchemy rows: the page
    # lists 2,000 events at a time, and an ORM instance costs more than the row it holds, a
    # Row's attributes twenty times a namedtuple's (2,000 events: 10 ms).
    columns = select(*EventRow.__table__.columns)
    if actor_only(filters):
        conditions(filters, dialect)  # the same checks of the values (FilterError)
        ids = actor_event_ids(session, filters, limit, offset)
        query = columns.where(among(session, EventRow.id, ids))
        by_id = {row[0]: row for row in session.execute(query)} if ids else {}
        rows = [_EventColumns._make(by_id[key]) for key in ids if key in by_id]
    else:
        query = (
            columns.where(*conditions(filters, dialect))
            .order_by(EventRow.date.desc(), EventRow.id)
            .limit(limit)
            .offset(offset)
        )
        rows = [_EventColumns._make(row) for row in session.execute(query)]
    ids = [row.id for row in rows]
    told = told_by(session, ids)
    reports = {key: [rid for rid, *_ in found] for key, found in told.items()}
    copies = copies_of(session, [rid for ids in reports.values() for rid in ids])
    linked = related(session, ids)
    found = []
    for row in rows:
        item = event_dict(row, reports.get(row.id, []), copies)
        first = told[row.id][0] if told.get(row.id) else None
        item["title"] = first[2] if first else None
        item["publisher"] = first[3] if first else None
        item["related"] = linked.get(row.id, [])
        # Reports that tell this event beside their own news (their main event is another).
        item["background"] = [rid for rid, main, *_ in told.get(row.id, []) if not main]
        found.append(item)
    return found


def _row_type() -> Any:
    """A namedtuple of the events table's columns, in their order."""
    return namedtuple("EventColumns", [column.name for column in EventRow.__table__.columns])


_EventColumns = _row_type()


def among(session: Session, column: Any, ids: list[str]) -> ColumnElement[bool]:
    """column IN ids, bound as one parameter however many ids (the page lists 2,000 events):
    a PostgreSQL array, a JSON array read by SQLite's json_each. An expanding IN list costs
    SQLAlchemy and psycopg time that grows with the list (2,000 ids in chunks of 500: about
    100 ms a page on PostgreSQL, 25 ms on SQLite), and each length is another statement."""
    found: ColumnElement[bool]
    if session.get_bind().dialect.name == "postgresql":
        found = column == any_(bindparam(None, ids, type_=ARRAY(String)))
    else:
        listed = func.json_each(bindparam(None, json.dumps(ids), type_=String))
        found = column.in_(select(literal_column("value", String)).select_from(listed))
    return found


def publisher_of(publisher: str | None, url: str | None) -> str | None:
    """A report's publisher, else its URL's host."""
    host = urlsplit(url).hostname if url else None
    return publisher or (host.removeprefix("www.") if host else None)


def related(session: Session, event_ids: list[str]) -> dict[str, list[str]]:
    """The ids of the events each one is linked to (the same story), the closest first."""
    found: dict[str, list[tuple[float, str]]] = defaultdict(list)
    if not event_ids:
        return {}
    links = session.execute(
        select(EventLinkRow.event_id, EventLinkRow.other_id, EventLinkRow.score).where(
            or_(
                among(session, EventLinkRow.event_id, event_ids),
                among(session, EventLinkRow.other_id, event_ids),
            )
        )
    )
    wanted = set(event_ids)
    for left, right, score in links:
        if left in wanted:
            found[left].append((-float(score), right))
        if right in wanted:
            found[right].append((-float(score), left))
    return {key: [other for _, other in sorted(set(pairs))] for key, pairs in found.items()}


def count(session: Session, filters: Any, dialect: str) -> int:
    if actor_only(filters):
        conditions(filters, dialect)  # the same checks of the values (FilterError)
        return actor_count(session, filters)
    found = conditions(filters, dialect)
    if not found:  # every event: the count the triggers keep (migration 0005)
        total = session.scalar(select(EventCountRow.events))
        if total is not None:
            return int(total)
    query = select(func.count()).select_from(EventRow).where(*found)
    return int(session.scalar(query) or 0)


def members(session: Session, event_ids: list[str]) -> dict[str, list[str]]:
    """Each event's report ids, the first published first (then the first stored): the
    reports it is the main event of, and those that tell it beside their news."""
    return {key: [rid for rid, *_ in found] for key, found in told_by(session, event_ids).items()}


def told_by(
    session: Session, event_ids: list[str]
) -> dict[str, list[tuple[str, bool, str | None, str | None]]]:
    """Each event's reports as in `members`, each with whether it is the report's main event,
    its headline and its publisher (the publisher, else the URL's host)."""
    found: dict[str, list[tuple[str, bool, str | None, str | None]]] = defaultdict(list)
    if not event_ids:
        return found
    query = (
        select(
            ReportEventRow.event_id,
            ReportEventRow.report_id,
            ReportEventRow.main,
            ReportRow.title,
            ReportRow.publisher,
            ReportRow.url,
        )
        .join(ReportRow, ReportRow.id == ReportEventRow.report_id)
        .where(among(session, ReportEventRow.event_id, event_ids))
        .order_by(ReportRow.published.is_(None), ReportRow.published, ReportRow.seq)
    )
    seen: set[tuple[str, str]] = set()
    for event_id, report_id, main, title, publisher, url in session.execute(query):
        if event_id is not None and (event_id, report_id) not in seen:
            seen.add((event_id, report_id))
            found[event_id].append((report_id, bool(main), title, publisher_of(publisher, url)))
    return found


def copies_of(session: Session, report_ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    if not report_ids:
        return found
    query = select(CopyRow.report_id, CopyRow.id).where(
        among(session, CopyRow.report_id, report_ids)
    )
    for report_id, copy_id in session.execute(query.order_by(CopyRow.id)):
        found[report_id].append(copy_id)
    return found


def event_dict(row: Any, reports: list[str], copies: dict[str, list[str]]) -> dict[str, Any]:
    """An event (an EventRow, or a row of the events table) as the API gives it."""
    place = None
    if row.place_name is not None or row.lat is not None:
        place = {
            "name": row.place_name,
            "lat": row.lat,
            "lon": row.lon,
            "country": row.country,
            "admin1": row.admin1,
        }
    return {
        "id": row.id,
        "type": row.type,
        "subtype": row.subtype,
        "date": row.date,
        "time_precision": row.time_precision,
        "place": place,
        "geo_precision": row.geo_precision,
        "participants": _json_list(row.participants),
        "casualties": _json_list(row.casualties),
        "reports": reports,
        "copies": {rid: copies[rid] for rid in reports if copies.get(rid)},
        "conflicting": bool(row.conflicting),
        "first_seen": row.first_seen,
        "last_updated": row.last_updated,
        "summary": row.summary,
    }


def _json_list(value: str) -> Any:
    """A JSON list column (participants, casualties): most events have no casualties."""
    return [] if value == "[]" else json.loads(value)


def one_event(session: Session, event_id: str) -> dict[str, Any] | None:
    row = session.get(EventRow, event_id)
    if row is None:
        return None
    reports = members(session, [event_id]).get(event_id, [])
    result = event_dict(row, reports, copies_of(session, reports))
    result["report_events"] = [report_event(session, rid, event_id) for rid in reports]
    links = session.execute(
        select(EventLinkRow.event_id, EventLinkRow.other_id, EventLinkRow.score).where(
            or_(EventLinkRow.event_id == event_id, EventLinkRow.other_id == event_id)
        )
    )
    result["related"] = sorted(
        ({"id": b if a == event_id else a, "score": s} for a, b, s in links),
        key=lambda link: -float(link["score"]),
    )
    return result


def _cited(event: dict[str, Any]) -> set[str]:
    """Statement and source ids the event's participants and casualties cite."""
    cited: set[str] = set()
    for part in (*event.get("participants", []), *event.get("casualties", [])):
        cited.update(part.get("per") or [])
    return cited


def report_event(session: Session, report_id: str, event_id: str) -> dict[str, Any]:
    report = session.get_one(ReportRow, report_id)
    data = session.scalar(
        select(ReportEventRow.data).where(
            ReportEventRow.report_id == report_id, ReportEventRow.event_id == event_id
        )
    )
    event = json.loads(data) if data else {}
    cited = _cited(event)
    statements = session.scalars(
        select(StatementRow.data).where(
            StatementRow.report_id == report_id, StatementRow.local_id.in_(cited)
        )
    )
    sources = session.scalars(
        select(SourceRow.data).where(
            SourceRow.report_id == report_id, SourceRow.local_id.in_(cited)
        )
    )
    return {
        "report": report_id,
        "title": report.title,
        "url": report.url,
        "publisher": report.publisher,
        "published": report.published,
        "event": event,
        "statements": [json.loads(s) for s in statements],
        "sources": [json.loads(s) for s in sources],
    }


def one_report(session: Session, report_id: str) -> Report | None:
    """The full record; a syndicated copy's id gives the original's record."""
    row = session.get(ReportRow, report_id)
    if row is None:
        original = session.scalar(select(CopyRow.report_id).where(CopyRow.id == report_id))
        row = session.get(ReportRow, original) if original else None
    return Report.model_validate_json(row.record) if row else None


def search(session: Session, dialect: str, q: str, limit: int) -> list[dict[str, Any]]:
    if dialect == "sqlite":
        query = fts_query(q)
        if query is None:
            return []
        rows = session.execute(
            text(
                "SELECT report_id, title, snippet(report_fts, 2, '[', ']', '…', :n) "
                "FROM report_fts WHERE report_fts MATCH :q ORDER BY rank LIMIT :limit"
            ),
            {"q": query, "n": SNIPPET_WORDS, "limit": limit},
        )
    else:
        rows = session.execute(
            text(
                "SELECT id, title, ts_headline('english', text, query, "
                "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') FROM reports, "
                "websearch_to_tsquery('english', :q) AS query WHERE search @@ query "
                "ORDER BY ts_rank(search, query) DESC LIMIT :limit"
            ),
            {"q": q, "limit": limit},
        )
    return [{"id": rid, "title": title, "snippet": snippet} for rid, title, snippet in rows]


def publishers(session: Session, report_ids: list[str]) -> dict[str, str]:
    """Each report's publisher, else its URL's host: ACLED's `source` column."""
    found: dict[str, str] = {}
    if not report_ids:
        return found
    query = select(ReportRow.id, ReportRow.publisher, ReportRow.url).where(
        among(session, ReportRow.id, report_ids)
    )
    for rid, publisher, url in session.execute(query):
        name = publisher_of(publisher, url)
        if name:
            found[rid] = name
    return found
