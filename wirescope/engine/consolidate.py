"""Consolidation of a Dask run's shards in the store (SQLite or PostgreSQL).

The store consolidates incrementally: each report's event is matched against the events
stored before it, so reports must go in one at a time, in one place, in input order. Workers
therefore write shards, and this reads them in order into the store, one transaction per
shard: a run stopped half-way resumes where it stopped (reports already stored are skipped).

    from wirescope.engine.consolidate import ingest_shards
    from wirescope.store import Store
    ingest_shards(Store("postgresql://postgres@db/news"), "s3://news/run-1/")
"""

from __future__ import annotations

from wirescope.engine.shards import records_in, shard_locations
from wirescope.store import IngestResult, Store


def ingest_shards(store: Store, folder: str) -> IngestResult:
    """Store every record of the shards under `folder`, shard by shard, in input order."""
    total = IngestResult()
    for location in shard_locations(folder):
        total.merge(store.ingest(records_in(location)))
    return total
