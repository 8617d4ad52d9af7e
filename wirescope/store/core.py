"""The store: reports in, consolidated events out, on SQLite or PostgreSQL.

`Store(url)` opens (and migrates) the database. `ingest` stores records in one transaction,
skipping those already stored (by id, URL or content hash) and filing syndicated copies
under their original; each new report's main event joins or starts a consolidated event.
Reading (events, search, exports) lives in `queries.py`.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, and_, create_engine, event, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm import Session

from wirescope.days import parse_day
from wirescope.record import NON_CONFLICT, Report
from wirescope.settings import Settings, resolved
from wirescope.store import aggregate, queries
from wirescope.store.consolidate import Scorer
from wirescope.store.features import (
    FeatureCache,
    Features,
    event_features,
    report_terms,
    stored_terms,
)
from wirescope.store.models import (
    ActorNameRow,
    CopyRow,
    EventActorRow,
    EventLinkRow,
    EventRow,
    ReportEventRow,
    ReportRow,
    TermRow,
)
from wirescope.store.rows import (
    copy_row,
    digest,
    event_rows,
    now,
    part_rows,
    report_row,
    url_key,
)

if TYPE_CHECKING:
    from wirescope.ingest.copies import CopyFinder

MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_URL = "sqlite:///./wirescope.db"
# Reports compared with one that carries no date at all: the most recent ones.
UNDATED_CANDIDATES = 500
# SQLite's FTS5 table is made by the migration, not an ORM model; PostgreSQL needs no insert.
FTS_INSERT = text(
    "INSERT INTO report_fts (report_id, title, text) VALUES (:report_id, :title, :text)"
)


def default_url() -> str:
    return os.environ.get("WIRESCOPE_DB") or DEFAULT_URL


def engine_url(url: str) -> str:
    """PostgreSQL URLs go through psycopg 3 (the driver installed), whatever they name."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass
class EventFilter:
    since: str | None = None
    until: str | None = None
    country: str | None = None
    type: str | None = None
    actor: str | None = None
    q: str | None = None


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already stored
    copies: dict[str, str] = field(default_factory=dict)  # copy id -> report id
    events_created: int = 0
    events_joined: int = 0
    consolidation_seconds: float = 0.0
    # Records the database refused (id -> reason): the batch's others are stored all the same.
    failed: dict[str, str] = field(default_factory=dict)

    def merge(self, other: IngestResult) -> None:
        self.added += other.added
        self.skipped += other.skipped
        self.copies.update(other.copies)
        self.failed.update(other.failed)
        self.events_created += other.events_created
        self.events_joined += other.events_joined
        self.consolidation_seconds += other.consolidation_seconds


# How long a writer waits for another process's transaction before giving up (seconds).
WRITER_WAIT_SECONDS = 60
# PostgreSQL advisory lock key of the store's writers (any constant shared by all of them).
WRITER_LOCK_KEY = 0x77697265


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL: the service can read while an ingest writes.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={WRITER_WAIT_SECONDS * 1000}")
    cursor.close()
    # The driver's own transaction handling (BEGIN only before the first write) would let a
    # writer read `seq` and the caches' catch-up before taking the lock; `_sqlite_begin`
    # begins every transaction itself instead (SQLAlchemy's documented recipe).
    connection.isolation_level = None


def _sqlite_begin(connection: Any) -> None:
    """BEGIN IMMEDIATE for writers: the write lock first, then every read is current."""
    writer = connection.get_execution_options().get("writer", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


# Both backends are driven through the ORM with the same rows; a record the database still
# refuses (a value no check foresaw) fails alone. Lost connections and timeouts fail the batch.
def _record_fault(error: BaseException) -> bool:
    if isinstance(error, DataError | IntegrityError | UnicodeError):
        return True
    return isinstance(error, StatementError) and not isinstance(error, DBAPIError)


def _reason(error: BaseException) -> str:
    """The driver's own first line (SQLAlchemy's adds the statement and its parameters)."""
    cause = getattr(error, "orig", None) or error
    return (str(cause).splitlines() or [type(cause).__name__])[0]


class Store:
    def __init__(self, url: str | None = None, *, settings: Settings | None = None) -> None:
        self.url = url or default_url()
        self.settings = resolved(settings)
        self.config = self.settings.store
        self.engine: Engine = create_engine(engine_url(self.url))
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self.writer = self.engine.execution_options(writer=True)
        self._migrate()
        self._df: Counter[str] | None = None
        self._documents = 0
        self._seen_seq = 0  # the last report this process's caches know of
        self._finder: CopyFinder | None = None
        self._finder_limit = 0
        self._features = FeatureCache(self.config.feature_memory)

    def _migrate(self) -> None:
        # Loaded here, not with the module: alembic is half of the store's import time, and
        # code that only reads the store's types (the CLI's options, a notebook) needs none.
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ ingest

    def has_report(self, key: str) -> bool:
        """Whether a report (or a copy of one) with this id, URL or content hash is stored."""
        if queries.has_control(key):
            return False
        with Session(self.engine) as session:
            return self._known(session, key, url_key(key), key) is not None

    def _known(
        self, session: Session, report_id: str, url: str | None, content_hash: str
    ) -> str | None:
        """The stored report (or copy) id matching any of the keys."""
        for table in (ReportRow, CopyRow):
            keys = [table.id == report_id, table.content_hash == content_hash]
            if url:
                keys.append(table.url_key == url)
            found = session.scalar(select(table.id).where(or_(*keys)).limit(1))
            if found is not None:
                return found
        return None

    def ingest(self, records: Iterable[Report]) -> IngestResult:
        """Store the records in one transaction; those already stored are skipped.

        Writers take turns through the database's own lock (SQLite's write lock, a
        PostgreSQL advisory lock), so several processes may ingest into one store: each
        batch sees every report committed before it (`seq` follows them, copies of them are
        found). A record the database refuses is rolled back alone and named in `failed`.
        """
        result = IngestResult()
        try:
            with Session(self.writer) as session, session.begin():
                self._lock_writers(session)
                self._load_state(session)
                seq = self._seen_seq + 1
                pending: Counter[str] = Counter()
                for record in records:
                    if self._ingest_guarded(session, record, seq, pending, result):
                        seq += 1
                self._write_frequencies(session, pending)
        except BaseException:
            self._forget_state()  # what the rolled-back batch taught the caches is void
            raise
        self._seen_seq = seq - 1
        return result

    def _lock_writers(self, session: Session) -> None:
        """Wait for other writers' transactions (SQLite's BEGIN IMMEDIATE already did)."""
        if self.dialect == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})

    def _ingest_guarded(
        self,
        session: Session,
        record: Report,
        seq: int,
        pending: Counter[str],
        result: IngestResult,
    ) -> bool:
        """`_ingest_one` in a savepoint: a record the database refuses leaves no trace."""
        before = (pending.copy(), result.events_created, result.events_joined)
        try:
            with session.begin_nested():
                return self._ingest_one(session, record, seq, pending, result)
        except (DataError, IntegrityError, StatementError, UnicodeError) as error:
            if not _record_fault(error):
                raise
            pending.clear()
            pending.update(before[0])
            result.events_created, result.events_joined = before[1], before[2]
            _drop_from(result, record.id)
            result.failed[record.id] = _reason(error)
            self._forget_state()  # the caches learnt from the record: read them again
            self._load_state(session, pending)
            return False

    def _ingest_one(
        self,
        session: Session,
        record: Report,
        seq: int,
        pending: Counter[str],
        result: IngestResult,
    ) -> bool:
        if self._known(session, record.id, url_key(record.meta.url), digest(record.text)):
            result.skipped.append(record.id)
            return False
        finder = self._copy_finder(session)
        signature = finder.signature(record.text)
        original = finder.add(record.id, record.text, signature)
        if len(finder) > self._finder_limit:
            self._finder = None  # read again, the window only, before the next report
        if original is not None and session.get(ReportRow, original) is not None:
            session.add(copy_row(record, original))
            result.copies[record.id] = original
            return False
        terms = report_terms(record, self.config.opening_chars)
        session.add(report_row(record, seq, terms, signature))
        session.flush()
        session.add_all(part_rows(record))
        self._index_text(session, record)
        pending.update(terms.keys())
        assert self._df is not None
        self._df.update(terms.keys())
        self._documents += 1
        started = time.perf_counter()
        self._consolidate(session, record, terms, result)
        result.consolidation_seconds += time.perf_counter() - started
        result.added.append(record.id)
        return True

    def _index_text(self, session: Session, record: Report) -> None:
        if self.dialect == "sqlite":  # PostgreSQL's tsvector column fills itself
            session.execute(
                FTS_INSERT,
                {"report_id": record.id, "title": record.meta.title or "", "text": record.text},
            )

    # ------------------------------------------------------------------ reading

    def events(
        self, filters: EventFilter, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Consolidated events, latest first, as JSON-ready dicts."""
        with Session(self.engine) as session:
            return queries.list_events(session, filters, self.dialect, limit, offset)

    def count_events(self, filters: EventFilter) -> int:
        with Session(self.engine) as session:
            return queries.count(session, filters, self.dialect)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One consolidated event with each report's own event and the statements and
        sources it cites, and the events it is related to."""
        if queries.has_control(event_id):  # no such id; PostgreSQL would refuse a NUL
            return None
        with Session(self.engine) as session:
            return queries.one_event(session, event_id)

    def report(self, report_id: str) -> Report | None:
        if queries.has_control(report_id):  # ids are validated at ingest: none has one
            return None
        with Session(self.engine) as session:
            return queries.one_report(session, report_id)

    def search(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over the reports: id, title and a snippet around the words."""
        if queries.has_control(q):  # stored texts hold no control characters but newlines
            return []
        with Session(self.engine) as session:
            return queries.search(session, self.dialect, q, limit)

    def publishers(self, report_ids: list[str]) -> dict[str, str]:
        with Session(self.engine) as session:
            return queries.publishers(session, report_ids)

    def all_events(self, filters: EventFilter, page: int = 1000) -> Iterator[dict[str, Any]]:
        """Every event the filters select, page by page (exports and `wirescope events`)."""
        offset = 0
        while batch := self.events(filters, limit=page, offset=offset):
            yield from batch
            offset += len(batch)

    # ------------------------------------------------------------------ caches

    def _load_state(self, session: Session, pending: Counter[str] | None = None) -> None:
        """The caches as the store stands: read whole once, then caught up with the reports
        other processes stored since (`pending`: terms of this batch not yet written)."""
        if self._df is None:
            self._df = Counter({t: n for t, n in session.execute(select(TermRow.term, TermRow.df))})
            self._df.update(pending or Counter())
            self._documents = session.scalar(select(func.count()).select_from(ReportRow)) or 0
            self._seen_seq = session.scalar(select(func.max(ReportRow.seq))) or 0
            return
        newer = session.execute(
            select(
                ReportRow.id, ReportRow.seq, ReportRow.text, ReportRow.signature, ReportRow.terms
            )
            .where(ReportRow.seq > self._seen_seq)
            .order_by(ReportRow.seq)
        ).all()
        for report_id, seq, body, signature, terms in newer:
            self._df.update(json.loads(terms).keys())
            self._documents += 1
            if self._finder is not None:
                self._finder.add(report_id, body, signature)
            self._seen_seq = max(self._seen_seq, seq)

    def _forget_state(self) -> None:
        self._df, self._finder = None, None
        self._features = FeatureCache(self.config.feature_memory)

    def _copy_finder(self, session: Session) -> CopyFinder:
        """Copies are found among the most recent reports (their signatures are stored):
        those published within `copy_days` of the latest, `copy_memory` at the most. The
        finder grows as reports arrive and is read again (the window only) when it holds
        half as many again: its memory stays bounded however long the store runs."""
        if self._finder is None:
            # Loaded here: serving and exporting need no MinHash (datasketch, scipy).
            from wirescope.ingest.copies import CopyFinder

            finder = CopyFinder(config=self.settings.ingest)
            limit = self.config.copy_memory
            query = (
                select(ReportRow.id, ReportRow.text, ReportRow.signature)
                .order_by(ReportRow.seq.desc())
                .limit(limit)
            )
            latest = parse_day(session.scalar(select(func.max(ReportRow.published))))
            if latest is not None:
                since = latest - timedelta(days=self.config.copy_days)
                query = query.where(
                    or_(ReportRow.published.is_(None), ReportRow.published >= since.isoformat())
                )
            rows = session.execute(query).all()
            for report_id, body, signature in reversed(rows):
                finder.add(report_id, body, signature)
            self._finder = finder
            self._finder_limit = len(finder) + max(1, limit // 2)
        return self._finder

    def _write_frequencies(self, session: Session, pending: Counter[str]) -> None:
        if not pending:
            return
        insert = sqlite_insert if self.dialect == "sqlite" else pg_insert
        rows = [{"term": term, "df": count} for term, count in pending.items()]
        for start in range(0, len(rows), 500):
            statement = insert(TermRow).values(rows[start : start + 500])
            statement = statement.on_conflict_do_update(
                index_elements=[TermRow.term], set_={"df": TermRow.df + statement.excluded.df}
            )
            session.execute(statement)

    # ------------------------------------------------------------------ consolidation

    def _consolidate(
        self, session: Session, record: Report, terms: dict[str, int], result: IngestResult
    ) -> None:
        rows = event_rows(record)
        session.add_all(rows)
        if not rows:
            return  # no event read from this report (not English, or nothing happened)
        assert self._df is not None
        scorer = Scorer(self._df, self._documents, self.config)
        features = event_features(record, terms)
        for item in features:
            self._features.add(item)
        taken: set[str] = set()  # two events of one report are never one event
        for row, told, item in zip(rows, record.events, features, strict=True):
            if not (item.main or consolidated(told)):
                continue  # a report's other events outside conflict are kept, not merged
            candidates = {
                event_id: members
                for event_id, members in self._candidates(session, item).items()
                if event_id not in taken
            }
            decision = scorer.decide(item, candidates)
            if decision.join is None:
                event_row = _new_event(record, row, told)
                session.add(event_row)
                result.events_created += 1
            else:
                event_row = session.get_one(EventRow, decision.join)
                result.events_joined += 1
            row.event_id = event_row.id
            taken.add(event_row.id)
            session.flush()
            _absorb(session, event_row, record, told)
            self._link(session, event_row, decision.links)

    def _link(self, session: Session, row: EventRow, links: list[tuple[str, float]]) -> None:
        """Link (the same story) the conflict events whose reports' words come close.

        Stories outside conflict are not linked: on the development stories, links between
        elections, trials and sport of one season joined stories the gold keeps apart (story
        B-cubed 0.942 unlinked, 0.733 with them); conflict follow-ups are what analysts follow.
        """
        if row.type in (None, NON_CONFLICT):
            return
        for other, score in links:
            kind = session.scalar(select(EventRow.type).where(EventRow.id == other))
            if other != row.id and kind not in (None, NON_CONFLICT):
                session.merge(EventLinkRow(event_id=row.id, other_id=other, score=score))

    def _candidates(self, session: Session, new: Features) -> dict[str, list[Features]]:
        """Consolidated events with an event near the new one in time, and their features:
        reports published within `candidate_days` of it (its words may join them), and events
        of its type whose own dates lie near its own (its fields may join them)."""
        query = (
            select(ReportEventRow.report_id, ReportEventRow.local_id, ReportEventRow.event_id)
            .join(ReportRow, ReportRow.id == ReportEventRow.report_id)
            .where(
                ReportEventRow.event_id.is_not(None),
                ReportEventRow.report_id != new.report_id,
            )
        )
        span = timedelta(days=self.config.candidate_days)
        near = []
        if new.main and new.published is not None:
            # ISO strings compare as dates; "\uffff" keeps date-times of the last day in.
            near.append(
                and_(
                    ReportRow.published >= (new.published - span).isoformat(),
                    ReportRow.published <= (new.published + span).isoformat() + "\uffff",
                )
            )
        days = new.span()
        if days is not None and new.dated and new.type and new.precision != "year":
            near.append(
                and_(
                    ReportEventRow.type == new.type,
                    ReportEventRow.date >= (days[0] - span).isoformat(),
                    ReportEventRow.date <= (days[1] + span).isoformat(),
                )
            )
        if near:
            query = query.where(or_(*near))
        elif new.main and new.day is None:
            recent = select(ReportRow.id).order_by(ReportRow.seq.desc()).limit(UNDATED_CANDIDATES)
            query = query.where(ReportEventRow.report_id.in_(recent.scalar_subquery()))
        else:
            return {}
        events: dict[str, list[Features]] = {}
        for report_id, local_id, event_id in session.execute(query):
            features = self._features.get((report_id, local_id)) or self._stored_features(
                session, report_id, local_id
            )
            if features is not None and event_id is not None:
                events.setdefault(event_id, []).append(features)
        return events

    def _stored_features(self, session: Session, report_id: str, local_id: str) -> Features | None:
        row = session.get(ReportRow, report_id)
        if row is None:
            return None
        found = None
        record = Report.model_validate_json(row.record)
        for item in event_features(record, stored_terms(row.terms)):
            self._features.add(item)
            if item.local_id == local_id:
                found = item
        return found


def _drop_from(result: IngestResult, report_id: str) -> None:
    """Forget what a rolled-back record added to the batch's result."""
    if report_id in result.added:
        result.added.remove(report_id)
    result.copies.pop(report_id, None)


def consolidated(event: Any) -> bool:
    """Events consolidated besides the main one: every conflict event, background included."""
    return bool(event.type) and event.type != NON_CONFLICT


def _new_event(record: Report, first: ReportEventRow, event: Any) -> EventRow:
    stamp = now()
    return EventRow(
        id="ev-" + digest(f"{record.id}\x00{first.local_id}")[:16],
        type=first.type,
        subtype=first.subtype,
        date=first.date,
        summary=event.summary,
        participants="[]",
        casualties="[]",
        conflicting=False,
        report_count=0,
        first_seen=stamp,
        last_updated=stamp,
    )


def _absorb(session: Session, row: EventRow, record: Report, main: Any) -> None:
    """Fold a joining report's event into the consolidated event's fields."""
    members = session.execute(
        select(
            ReportEventRow.type, ReportEventRow.subtype, ReportEventRow.date, ReportEventRow.data
        )
        .join(ReportRow, ReportRow.id == ReportEventRow.report_id)
        .where(ReportEventRow.event_id == row.id)
        .order_by(ReportRow.published.is_(None), ReportRow.published, ReportRow.seq)
    ).all()
    row.report_count = len(members)
    row.type = aggregate.majority([m.type for m in members]) or row.type
    row.subtype = (
        aggregate.majority([m.subtype for m in members if m.type == row.type]) or row.subtype
    )
    dated = sorted((m.date, m.data) for m in members if m.date)
    if dated:
        # The date most reports give (the earliest of those on a tie): one report's
        # misread or historical date does not move an event that others date.
        counted = Counter(day for day, _ in dated)
        row.date = max(counted, key=lambda day: (counted[day], [-ord(c) for c in day]))
        earliest = json.loads(next(data for day, data in dated if day == row.date))
        # Only the event's own date has a precision; a publication day standing in has none.
        precision = earliest.get("date_precision") if earliest.get("date") == row.date else None
        row.time_precision = aggregate.DATE_PRECISION.get(precision or "")
    if row.lat is None:  # the first report that places the event places it
        for key, value in aggregate.place_fields(record, main).items():
            setattr(row, key, value)
    casualties = aggregate.add_casualties(aggregate.loads(row.casualties), main, record.id)
    row.casualties = json.dumps(casualties, ensure_ascii=False)
    row.conflicting = aggregate.conflicting(casualties)
    participants = aggregate.add_participants(aggregate.loads(row.participants), record, main)
    row.participants = json.dumps(participants, ensure_ascii=False)
    for name in {p["name"].lower()[:255] for p in participants}:
        session.merge(EventActorRow(event_id=row.id, name_key=name))
        session.merge(ActorNameRow(name_key=name))
    # The summary of the earliest report whose event has the consolidated type and subtype:
    # a summary never contradicts the type it stands beside.
    agreeing = [
        json.loads(m.data).get("summary")
        for m in members
        if m.type == row.type and m.subtype == row.subtype
    ]
    row.summary = next((text for text in agreeing if text), None) or aggregate.summary_of(row)
    row.last_updated = now()
