"""The list's filters through indexes over a million events: a sub-type's events (latest
first) and their count; an actor's events from the distinct names that hold the words.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KEY = 255  # models.KEY at this revision


def upgrade() -> None:
    op.create_index("ix_events_subtype_date", "events", ["subtype", "date"])
    # Every participant's name once: `--actor kataib` reads these (thousands), not every
    # event's names (millions), then finds the events through event_actors' name index.
    op.create_table(
        "actor_names",
        sa.Column("name_key", sa.String(KEY), primary_key=True),
    )
    op.execute("INSERT INTO actor_names (name_key) SELECT DISTINCT name_key FROM event_actors")


def downgrade() -> None:
    op.drop_table("actor_names")
    op.drop_index("ix_events_subtype_date", table_name="events")
