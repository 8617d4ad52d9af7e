"""The store's speed: event queries over a million synthetic events on SQLite and PostgreSQL,
and the time consolidation takes beside extraction.

    python scripts/bench_store.py                                  # both parts, both backends
    python scripts/bench_store.py --events 1000000 --backends sqlite postgresql
    python scripts/bench_store.py --skip-queries --data ../shared/data/giveme5w1h

1. Queries: a fresh store (SQLite file in a temporary folder; a fresh schema of the local
   PostgreSQL database `test`) is migrated, then filled with N synthetic consolidated events
   (each with one report and its main event, dates over ten years, ~200 countries, bulk
   inserted, not through ingest). Then `Store.events` by date range (30 days) and by country
   and date range (a year), `count_events` by country, 20 random queries each: median and
   worst time. Floor (issue 7): under 200 ms.
2. Consolidation: the articles of a news-story folder (JSON per article, as eval clusters
   reads them) are extracted and ingested into a fresh SQLite store; the seconds spent in
   extraction and in consolidation are the ingest's own clocks. Floor: consolidation at most
   10 % of extraction.
Prints one JSON line per measurement.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from wirescope.store import EventFilter, Store
from wirescope.store.commands import ingest_items
from wirescope.store.core import engine_url

POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
FIRST_DAY = date(2015, 1, 1)
DAYS = 3650
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Mob violence"),
    ("Strategic developments", "Arrests"),
    ("Non-conflict", "Other"),
]
CHUNK = 20000
REPEATS = 20
FLOOR_MS = 200.0


def countries() -> list[str]:
    import pycountry

    return sorted(str(c.alpha_2) for c in pycountry.countries)


def synthetic_rows(count: int, seed: int = 1) -> Iterator[tuple[dict[str, Any], ...]]:
    """(event, report, report_event) rows; countries skewed as news is (a few dominate)."""
    rng = random.Random(seed)
    codes = countries()
    weights = [1.0 / (rank + 1) for rank in range(len(codes))]
    stamp = "2025-01-01T00:00:00Z"
    for n in range(count):
        day = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
        kind, sub = rng.choice(TYPES)
        event_id, report_id = f"ev-{n:09d}", f"r-{n:09d}"
        yield (
            {
                "id": event_id,
                "type": kind,
                "subtype": sub,
                "date": day,
                "country": rng.choices(codes, weights)[0],
                "admin1": None,
                "place_name": f"Town {n % 5000}",
                "lat": rng.uniform(-60, 70),
                "lon": rng.uniform(-180, 180),
                "geo_precision": 1,
                "time_precision": 1,
                "summary": f"{sub} in Town {n % 5000}",
                "participants": "[]",
                "casualties": "[]",
                "conflicting": False,
                "report_count": 1,
                "first_seen": stamp,
                "last_updated": stamp,
            },
            {
                "id": report_id,
                "seq": n + 1,
                "url": None,
                "url_key": None,
                "content_hash": f"{n:064d}",
                "title": f"Report {n}",
                "publisher": None,
                "published": day,
                "language": "en",
                "text": f"Report {n} text.",
                "record": "{}",
                "signature": None,
                "terms": "{}",
                "ingested_at": stamp,
            },
            {
                "report_id": report_id,
                "local_id": "v1",
                "event_id": event_id,
                "main": True,
                "type": kind,
                "subtype": sub,
                "date": day,
                "data": "{}",
            },
        )


def fill(url: str, count: int) -> float:
    """Bulk insert the synthetic rows; returns seconds."""
    started = time.perf_counter()
    engine = create_engine(engine_url(url))
    tables = ("events", "reports", "report_events")
    rows = synthetic_rows(count)
    with engine.begin() as connection:
        while True:
            chunk = [next(rows, None) for _ in range(CHUNK)]
            chunk_rows = [r for r in chunk if r is not None]
            if not chunk_rows:
                break
            for index, table in enumerate(tables):
                batch = [r[index] for r in chunk_rows]
                columns = ", ".join(batch[0])
                values = ", ".join(f":{c}" for c in batch[0])
                connection.execute(
                    text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), batch
                )
        connection.execute(text("ANALYZE"))  # the planner's statistics, as a live store has
    engine.dispose()
    return time.perf_counter() - started


def query_times(store: Store, seed: int = 2) -> dict[str, dict[str, float]]:
    """Median and worst milliseconds of each kind of query, over random filters."""
    rng = random.Random(seed)
    codes = countries()[:40]  # the most frequent countries and some rarer ones

    def window(days: int) -> tuple[str, str]:
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - days))
        return start.isoformat(), (start + timedelta(days=days)).isoformat()

    def by_date() -> object:
        since, until = window(30)
        return lambda: store.events(EventFilter(since=since, until=until))

    def by_country_and_year() -> object:
        since, until = window(365)
        chosen = EventFilter(since=since, until=until, country=rng.choice(codes))
        return lambda: store.events(chosen)

    def country_page_51() -> object:
        chosen = EventFilter(country=rng.choice(codes))
        return lambda: store.events(chosen, offset=5000)

    def count_by_country_and_year() -> object:
        since, until = window(365)
        chosen = EventFilter(since=since, until=until, country=rng.choice(codes))
        return lambda: store.count_events(chosen)

    cases: dict[str, Callable[[], object]] = {
        "events_by_date_30d": by_date,
        "events_by_country_and_year": by_country_and_year,
        "events_by_country_page_51": country_page_51,
        "count_by_country_and_year": count_by_country_and_year,
    }
    results = {}
    for name, make in cases.items():
        times = []
        for _ in range(REPEATS):
            call = make()
            assert callable(call)
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
        }
    return results


def bench_backend(backend: str, count: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        schema = "ws_bench_" + uuid.uuid4().hex[:10]
        if backend == "sqlite":
            url = f"sqlite:///{folder}/bench.db"
        else:
            admin = create_engine(engine_url(POSTGRES))
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
        try:
            store = Store(url)
            seconds = fill(url, count)
            store.events(EventFilter(), limit=1)  # warm the connection pool
            times = query_times(store)
            store.close()
        finally:
            if backend != "sqlite":
                with admin.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
    worst = max(t["max_ms"] for t in times.values())
    return {
        "backend": backend,
        "events": count,
        "fill_seconds": round(seconds, 1),
        "queries": times,
        "worst_ms": worst,
        "under_200ms": worst < FLOOR_MS,
    }


def bench_consolidation(data: Path, limit: int | None) -> dict[str, Any]:
    from wirescope.eval.clusters import load

    documents, _ = load(data, limit)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/w.db")
        run = ingest_items(store, iter(documents), lambda error: None)
        store.close()
    share = run.result.consolidation_seconds / max(run.extraction_seconds, 1e-9)
    return {
        "documents": len(documents),
        "extraction_seconds": round(run.extraction_seconds, 2),
        "consolidation_seconds": round(run.result.consolidation_seconds, 2),
        "consolidation_share": round(share, 3),
        "at_most_10_percent": share <= 0.10,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/giveme5w1h"))
    parser.add_argument("--limit", type=int, help="only the first N articles of --data")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--skip-consolidation", action="store_true")
    args = parser.parse_args()
    if not args.skip_queries:
        for backend in args.backends:
            print(json.dumps(bench_backend(backend, args.events)), flush=True)
    if not args.skip_consolidation and args.data.is_dir():
        print(json.dumps(bench_consolidation(args.data, args.limit)), flush=True)


if __name__ == "__main__":
    main()
