"""The initial schema: reports and their parts, consolidated events, full-text search.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

KEY = 255


def _report_part(name: str, *columns: sa.Column[object]) -> None:
    """A table of one record part, keyed by report and the part's id in the record."""
    op.create_table(
        name,
        sa.Column("report_id", sa.String(KEY), sa.ForeignKey("reports.id"), primary_key=True),
        sa.Column("local_id", sa.String(32), primary_key=True),
        *columns,
    )


def _reports() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.String(KEY), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("url_key", sa.String(64)),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.String(32)),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("signature", sa.LargeBinary),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_reports_seq", "reports", ["seq"])
    op.create_index("ix_reports_url_key", "reports", ["url_key"])
    op.create_index("ix_reports_content_hash", "reports", ["content_hash"])
    op.create_table(
        "report_copies",
        sa.Column("id", sa.String(KEY), primary_key=True),
        sa.Column("report_id", sa.String(KEY), sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("url_key", sa.String(64)),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.String(32)),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_report_copies_report_id", "report_copies", ["report_id"])
    op.create_index("ix_report_copies_url_key", "report_copies", ["url_key"])
    op.create_index("ix_report_copies_content_hash", "report_copies", ["content_hash"])


def _parts() -> None:
    _report_part(
        "entities",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("category", sa.String(32)),
        sa.Column("country", sa.String(8)),
    )
    _report_part(
        "places",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("geonameid", sa.Integer),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text),
    )
    _report_part(
        "statements",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("data", sa.Text, nullable=False),
    )
    _report_part(
        "sources",
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )


def _events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("type", sa.String(64)),
        sa.Column("subtype", sa.String(64)),
        sa.Column("date", sa.String(10)),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text),
        sa.Column("place_name", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("time_precision", sa.Integer),
        sa.Column("summary", sa.Text),
        sa.Column("participants", sa.Text, nullable=False),
        sa.Column("casualties", sa.Text, nullable=False),
        sa.Column("conflicting", sa.Boolean, nullable=False),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.String(32), nullable=False),
        sa.Column("last_updated", sa.String(32), nullable=False),
    )
    op.create_index("ix_events_date", "events", ["date", "id"])
    op.create_index("ix_events_country_date", "events", ["country", "date"])
    op.create_index("ix_events_type_date", "events", ["type", "date"])
    _report_part(
        "report_events",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id")),
        sa.Column("main", sa.Boolean, nullable=False),
        sa.Column("type", sa.String(64)),
        sa.Column("subtype", sa.String(64)),
        sa.Column("date", sa.String(10)),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_report_events_event_id", "report_events", ["event_id"])
    op.create_index("ix_report_events_date", "report_events", ["date"])
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("name_key", sa.String(KEY), primary_key=True),
    )
    op.create_index("ix_event_actors_name_key", "event_actors", ["name_key"])
    op.create_table(
        "event_links",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("other_id", sa.String(64), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("score", sa.Float, nullable=False),
    )
    op.create_table(
        "term_df",
        sa.Column("term", sa.String(KEY), primary_key=True),
        sa.Column("df", sa.Integer, nullable=False),
    )


def _full_text() -> None:
    """FTS5 in SQLite (a table the store fills), a generated tsvector in PostgreSQL."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE report_fts USING fts5("
            "report_id UNINDEXED, title, text, tokenize = 'porter unicode61')"
        )
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE reports ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
        )
        op.execute("CREATE INDEX ix_reports_search ON reports USING gin (search)")


def upgrade() -> None:
    _reports()
    _parts()
    _events()
    _full_text()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS report_fts")
    for table in (
        "term_df",
        "event_links",
        "event_actors",
        "report_events",
        "events",
        "sources",
        "statements",
        "places",
        "entities",
        "report_copies",
        "reports",
    ):
        op.drop_table(table)
