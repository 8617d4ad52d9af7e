"""Alembic environment: the store hands over its open connection (no alembic.ini needed)."""

from __future__ import annotations

from alembic import context

from wirescope.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
