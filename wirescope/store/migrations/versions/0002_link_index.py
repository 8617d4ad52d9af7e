"""Events' links found from either end: every event's `related` in one page of the list.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The primary key (event_id, other_id) finds links from their first end only.
    op.create_index("ix_event_links_other_id", "event_links", ["other_id"])


def downgrade() -> None:
    op.drop_index("ix_event_links_other_id", table_name="event_links")
