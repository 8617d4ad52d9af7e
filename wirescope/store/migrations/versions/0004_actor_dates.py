"""A participant's events in the list's order from one index: event_actors keeps each event's
date (kept equal to events.date by triggers), indexed by (name_key, date DESC, event_id).

A filter on a participant alone (`--actor`, with or without a date range) then reads its page
and its count from that index: the first 100 of 160,000 events of one name are 100 index
entries, not 160,000 events fetched and sorted (1.5 s on PostgreSQL, 0.35 s on SQLite over a
million events, scripts/bench_store.py).

The triggers keep the copy exact whoever writes: a new participant row takes its event's date,
and an event whose date changes (a report joins and the date most reports give moves) moves its
participant rows with it. The store's code never writes event_actors.date itself.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    # A new participant row takes its event's date.
    """CREATE TRIGGER event_actors_date_insert AFTER INSERT ON event_actors
    BEGIN
        UPDATE event_actors SET date = (SELECT date FROM events WHERE id = NEW.event_id)
        WHERE event_id = NEW.event_id AND name_key = NEW.name_key;
    END""",
    # A row rewritten (its event, or its date by hand) takes its event's date again.
    """CREATE TRIGGER event_actors_date_update AFTER UPDATE OF event_id, date ON event_actors
    WHEN NEW.date IS NOT (SELECT date FROM events WHERE id = NEW.event_id)
    BEGIN
        UPDATE event_actors SET date = (SELECT date FROM events WHERE id = NEW.event_id)
        WHERE event_id = NEW.event_id AND name_key = NEW.name_key;
    END""",
    # An event's new date reaches its participant rows.
    """CREATE TRIGGER events_date_to_actors AFTER UPDATE OF date ON events
    WHEN NEW.date IS NOT OLD.date
    BEGIN
        UPDATE event_actors SET date = NEW.date WHERE event_id = NEW.id;
    END""",
)

POSTGRESQL_TRIGGERS = (
    """CREATE OR REPLACE FUNCTION event_actors_date() RETURNS trigger AS $$
    BEGIN
        NEW.date := (SELECT date FROM events WHERE id = NEW.event_id);
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER event_actors_date BEFORE INSERT OR UPDATE ON event_actors
    FOR EACH ROW EXECUTE FUNCTION event_actors_date()""",
    """CREATE OR REPLACE FUNCTION events_date_to_actors() RETURNS trigger AS $$
    BEGIN
        UPDATE event_actors SET date = NEW.date WHERE event_id = NEW.id;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER events_date_to_actors AFTER UPDATE OF date ON events
    FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date)
    EXECUTE FUNCTION events_date_to_actors()""",
)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:  # no event or participant is written between the copy and the triggers
        op.execute("LOCK TABLE events, event_actors IN SHARE MODE")
    op.add_column("event_actors", sa.Column("date", sa.String(10)))
    if postgresql:
        op.execute(
            "UPDATE event_actors SET date = events.date FROM events "
            "WHERE events.id = event_actors.event_id AND events.date IS NOT NULL"
        )
    else:
        op.execute(
            "UPDATE event_actors SET date = (SELECT date FROM events "
            "WHERE events.id = event_actors.event_id)"
        )
    # Its first column does what ix_event_actors_name_key did.
    op.drop_index("ix_event_actors_name_key", table_name="event_actors")
    op.create_index(
        "ix_event_actors_name_date",
        "event_actors",
        ["name_key", sa.text("date DESC"), "event_id"],
    )
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_date_to_actors ON events")
        op.execute("DROP TRIGGER event_actors_date ON event_actors")
        op.execute("DROP FUNCTION events_date_to_actors()")
        op.execute("DROP FUNCTION event_actors_date()")
    else:
        for name in (
            "events_date_to_actors",
            "event_actors_date_update",
            "event_actors_date_insert",
        ):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_event_actors_name_date", table_name="event_actors")
    op.create_index("ix_event_actors_name_key", "event_actors", ["name_key"])
    op.drop_column("event_actors", "date")
