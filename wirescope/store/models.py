"""The store's tables (SQLAlchemy 2): reports and their parts, and the consolidated events.

A report keeps its whole record as JSON (the contract is the record; `Store.report` gives it
back unchanged) and its parts as rows that queries can filter on. Consolidated events carry
the columns the listing filters and sorts by (date, country, type) with indexes for them.
Dates are ISO strings ("2016-11-09"), which sort as dates on every backend.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

KEY = 255  # longest id, url hash or name key kept in an indexed column


class Base(DeclarativeBase):
    pass


class ReportRow(Base):
    __tablename__ = "reports"
    id: Mapped[str] = mapped_column(String(KEY), primary_key=True)
    # Order of arrival: "first first" among reports published at the same moment.
    seq: Mapped[int] = mapped_column(Integer, index=True)
    url: Mapped[str | None] = mapped_column(Text)
    url_key: Mapped[str | None] = mapped_column(String(64), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[str] = mapped_column(Text)
    # MinHash signature of the text (wirescope.ingest.copies), to find later copies.
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Term counts of the report's opening (JSON), the consolidation's text features.
    terms: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[str] = mapped_column(String(32))


class CopyRow(Base):
    """A syndicated copy of a stored report: one report, several copies."""

    __tablename__ = "report_copies"
    id: Mapped[str] = mapped_column(String(KEY), primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    url_key: Mapped[str | None] = mapped_column(String(64), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32))
    ingested_at: Mapped[str] = mapped_column(String(32))


class EntityRow(Base):
    __tablename__ = "entities"
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(8))


class PlaceRow(Base):
    __tablename__ = "places"
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    geonameid: Mapped[int | None] = mapped_column(Integer)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)


class StatementRow(Base):
    __tablename__ = "statements"
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    speaker: Mapped[str | None] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)


class SourceRow(Base):
    __tablename__ = "sources"
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)


class ReportEventRow(Base):
    """One event of one record, linked to the consolidated event it belongs to."""

    __tablename__ = "report_events"
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"), index=True)
    main: Mapped[bool] = mapped_column(Boolean)
    type: Mapped[str | None] = mapped_column(String(64))
    subtype: Mapped[str | None] = mapped_column(String(64))
    # The event's date, else the report's publication date: what consolidation compares.
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    data: Mapped[str] = mapped_column(Text)


class EventRow(Base):
    """A consolidated event: what several reports say about one real-world event."""

    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    type: Mapped[str | None] = mapped_column(String(64))
    subtype: Mapped[str | None] = mapped_column(String(64))
    date: Mapped[str | None] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)
    place_name: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    # ACLED's time precision of `date`: 1 day, 2 week, 3 month; null where unknown.
    time_precision: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)
    participants: Mapped[str] = mapped_column(Text, default="[]")
    casualties: Mapped[str] = mapped_column(Text, default="[]")
    conflicting: Mapped[bool] = mapped_column(Boolean, default=False)
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[str] = mapped_column(String(32))
    last_updated: Mapped[str] = mapped_column(String(32))

    __table_args__ = (
        Index("ix_events_date", "date", "id"),
        Index("ix_events_country_date", "country", "date"),
        Index("ix_events_type_date", "type", "date"),
        Index("ix_events_subtype_date", "subtype", "date"),
    )


class EventActorRow(Base):
    """Names of an event's participants, lowercased, for the --actor filter, with the event's
    date: a name's events in the list's order (latest first) are one range of
    ix_event_actors_name_date. Triggers (migration 0004) keep `date` equal to events.date; the
    store never writes it."""

    __tablename__ = "event_actors"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    name_key: Mapped[str] = mapped_column(String(KEY), primary_key=True)
    date: Mapped[str | None] = mapped_column(String(10))


Index(
    "ix_event_actors_name_date",
    EventActorRow.name_key,
    EventActorRow.date.desc(),
    EventActorRow.event_id,
)


class ActorNameRow(Base):
    """Every participant's name once, lowercased: the --actor filter finds the names that hold
    its words here, then their events through event_actors."""

    __tablename__ = "actor_names"
    name_key: Mapped[str] = mapped_column(String(KEY), primary_key=True)


class EventCountRow(Base):
    """How many events the store holds (one row, `one` = 1), kept by triggers on events
    (migration 0005): the list's total with no filter reads it, not every event."""

    __tablename__ = "event_count"
    one: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    events: Mapped[int] = mapped_column(BigInteger)


class EventLinkRow(Base):
    """Two consolidated events a report relates without merging them (a later development)."""

    __tablename__ = "event_links"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    other_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True, index=True)
    score: Mapped[float] = mapped_column(Float)


class TermRow(Base):
    """Document frequency of a term over the stored reports: the IDF of text similarity."""

    __tablename__ = "term_df"
    term: Mapped[str] = mapped_column(String(KEY), primary_key=True)
    df: Mapped[int] = mapped_column(Integer)
