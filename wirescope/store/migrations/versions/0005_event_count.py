"""How many events the store holds, kept by triggers: the list's total with no filter (the map
page's first load, GET /api/events) reads one row, not a million index entries (50 ms on
PostgreSQL over a million events, scripts/bench_store.py).

The triggers count every insert and delete on events whoever writes (PostgreSQL: once a
statement, a COPY included; TRUNCATE resets the count). Writers are serialised (the store's
writer lock), so the one row is no point of contention; readers see the count of the snapshot
they read, as count(*) would give.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    """CREATE TRIGGER events_counted_insert AFTER INSERT ON events
    BEGIN
        UPDATE event_count SET events = events + 1;
    END""",
    """CREATE TRIGGER events_counted_delete AFTER DELETE ON events
    BEGIN
        UPDATE event_count SET events = events - 1;
    END""",
)

POSTGRESQL_TRIGGERS = (
    """CREATE OR REPLACE FUNCTION events_counted_insert() RETURNS trigger AS $$
    BEGIN
        UPDATE event_count SET events = events + (SELECT count(*) FROM inserted);
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION events_counted_delete() RETURNS trigger AS $$
    BEGIN
        UPDATE event_count SET events = events - (SELECT count(*) FROM deleted);
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION events_counted_truncate() RETURNS trigger AS $$
    BEGIN
        UPDATE event_count SET events = 0;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER events_counted_insert AFTER INSERT ON events
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT
    EXECUTE FUNCTION events_counted_insert()""",
    """CREATE TRIGGER events_counted_delete AFTER DELETE ON events
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT
    EXECUTE FUNCTION events_counted_delete()""",
    """CREATE TRIGGER events_counted_truncate AFTER TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_counted_truncate()""",
)


def upgrade() -> None:
    op.create_table(
        "event_count",
        sa.Column("one", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("events", sa.BigInteger, nullable=False),
        sa.CheckConstraint("one = 1", name="ck_event_count_one_row"),
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:  # no event is written between the count and the triggers
        op.execute("LOCK TABLE events IN SHARE MODE")
    op.execute("INSERT INTO event_count (one, events) SELECT 1, count(*) FROM events")
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in ("insert", "delete", "truncate"):
            op.execute(f"DROP TRIGGER events_counted_{name} ON events")
            op.execute(f"DROP FUNCTION events_counted_{name}()")
    else:
        for name in ("insert", "delete"):
            op.execute(f"DROP TRIGGER events_counted_{name}")
    op.drop_table("event_count")
