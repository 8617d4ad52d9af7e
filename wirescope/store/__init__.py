"""The store: reports and consolidated events in SQLite or PostgreSQL (see core.py)."""

from wirescope.store.core import EventFilter, IngestResult, Store, default_url
from wirescope.store.queries import FilterError

__all__ = ["EventFilter", "FilterError", "IngestResult", "Store", "default_url"]
