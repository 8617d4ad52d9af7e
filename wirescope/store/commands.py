"""The store's commands (`wirescope ingest`, `events`, `export`), kept out of cli.py."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from wirescope import engine
from wirescope.ingest import Document, DocumentError, read_inputs
from wirescope.pipeline import Item
from wirescope.record import Report
from wirescope.settings import Settings
from wirescope.store import export
from wirescope.store.core import EventFilter, IngestResult, Store
from wirescope.store.models import KEY
from wirescope.store.queries import FilterError

OnError = Callable[[DocumentError], None]
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass
class IngestRun:
    """What one `wirescope ingest` did, and where its time went."""

    result: IngestResult
    failed: int = 0
    already: int = 0  # documents skipped before extraction: stored by an earlier run
    extraction_seconds: float = 0.0

    def line(self) -> str:
        r = self.result
        return (
            f"ingested {len(r.added)} reports ({len(r.copies)} copies filed under earlier "
            f"reports, {self.already + len(r.skipped)} already stored, {self.failed} failed); "
            f"events: {r.events_created} new, {r.events_joined} joined; extraction "
            f"{self.extraction_seconds:.1f}s, consolidation {r.consolidation_seconds:.1f}s"
        )


def _not_stored(store: Store, items: Iterable[Item], run: IngestRun) -> Iterator[Item]:
    """Documents an earlier run stored are not extracted again: this is what resumes."""
    for item in items:
        if isinstance(item, Document) and (
            store.has_report(item.id) or (item.url is not None and store.has_report(item.url))
        ):
            run.already += 1
            continue
        yield item


def _timed(
    results: Iterator[Report | DocumentError], run: IngestRun
) -> Iterator[Report | DocumentError]:
    while True:
        started = time.perf_counter()
        result = next(results, None)
        run.extraction_seconds += time.perf_counter() - started
        if result is None:
            return
        yield result


def ingest_items(
    store: Store,
    items: Iterable[Item],
    on_error: OnError,
    batch_size: int | None = None,
    workers: int | None = None,
    engine_name: str = "local",
    scheduler: str | None = None,
    shards: str | None = None,
) -> IngestRun:
    """Extract (on `workers` local processes, or on Dask: the batch engines) and store, one
    transaction per batch of records. Every engine gives the records in input order, so the
    store consolidates them as one process would."""
    run = IngestRun(result=IngestResult())
    size = batch_size or store.config.batch_size
    extracted = engine.run(
        _not_stored(store, items, run),
        engine=engine_name,
        workers=workers,
        scheduler=scheduler,
        shards=shards,
        settings=store.settings,
    )
    results = _timed(extracted, run)
    while batch := list(islice(results, size)):
        records = []
        for result in batch:
            if isinstance(result, Report) and len(result.id) > KEY:
                result = DocumentError(result.id[:60] + "…", f"id longer than {KEY} characters")
            if isinstance(result, DocumentError):
                run.failed += 1
                on_error(result)
            else:
                records.append(result)
        stored = store.ingest(records)
        for report_id, reason in stored.failed.items():  # refused by the database alone
            run.failed += 1
            on_error(DocumentError(report_id, f"not stored: {reason}"))
        run.result.merge(stored)
        engine.trim_heap()  # what the batch's records and consolidation freed goes back
    return run


def ingest_paths(
    store: Store,
    paths: list[str],
    on_error: OnError,
    batch_size: int | None = None,
    workers: int | None = None,
    engine_name: str = "local",
    scheduler: str | None = None,
    shards: str | None = None,
) -> IngestRun:
    return ingest_items(
        store,
        read_inputs(paths, settings=store.settings),
        on_error,
        batch_size,
        workers,
        engine_name,
        scheduler,
        shards,
    )


def write_events(store: Store, filters: EventFilter, fmt: str, output: Path | None) -> int:
    """Write the selected events in a format; returns how many were written."""
    events = store.all_events(filters)
    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet needs --output FILE")
        return export.write_parquet(events, str(output))
    with ExitStack() as stack:
        sink: TextIO = (
            stack.enter_context(output.open("w", encoding="utf-8", newline=""))
            if output
            else sys.stdout
        )
        if fmt == "jsonl":
            return export.write_jsonl(events, sink)
        if fmt == "geojson":
            return export.write_geojson(events, sink)
        if fmt == "csv":
            return export.write_csv((export.flat_row(e) for e in events), export.CSV_COLUMNS, sink)
        if fmt == "acled-csv":
            return export.write_csv(_acled_rows(store, events), export.ACLED_COLUMNS, sink)
    raise ValueError(f"format {fmt!r}: one of {', '.join(export.FORMATS)}")


def _acled_rows(store: Store, events: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """ACLED rows, the reports' publishers looked up a page of events at a time."""
    page = 500
    while batch := list(islice(events, page)):
        publishers = store.publishers([rid for e in batch for rid in e["reports"]])
        for event in batch:
            yield export.acled_row(event, publishers)


def _open(db: str | None, console: Console, settings: Settings) -> Store | None:
    try:
        return Store(db, settings=settings)
    except (SQLAlchemyError, ArgumentError, OSError) as error:
        console.print(f"error {db or 'the store'}: cannot open: {str(error).splitlines()[0]}")
        return None


def run_ingest(
    paths: list[str],
    db: str | None,
    console: Console,
    settings: Settings,
    batch_size: int | None = None,
    workers: int | None = None,
    engine_name: str = "local",
    scheduler: str | None = None,
    shards: str | None = None,
) -> int:
    """`wirescope ingest`: exit 0 when every document was stored, 1 when some failed."""
    try:
        engine.check(engine_name, workers, scheduler, shards)
    except engine.EngineError as error:
        console.print(f"error: {error}")
        return EXIT_USAGE
    store = _open(db, console, settings)
    if store is None:
        return EXIT_FAILED

    def report(error: DocumentError) -> None:
        console.print(f"error {error.origin}: {error.reason}")

    try:
        run = ingest_paths(
            store, paths, report, batch_size, workers, engine_name, scheduler, shards
        )
    except SQLAlchemyError as error:  # the database went away or refused a batch
        console.print(f"error {db or 'the store'}: {str(error).splitlines()[0]}")
        return EXIT_FAILED
    finally:
        store.close()
    console.print(run.line())
    return EXIT_FAILED if run.failed else EXIT_OK


def run_events(
    db: str | None,
    fmt: str,
    filters: dict[str, str | None],
    output: Path | None,
    console: Console,
    allowed: tuple[str, ...],
    settings: Settings,
) -> int:
    """`wirescope events` and `wirescope export`: one format, the filters, a file or stdout."""
    if fmt not in allowed:
        console.print(f"error --format {fmt!r}: one of {', '.join(allowed)}")
        return EXIT_USAGE
    store = _open(db, console, settings)
    if store is None:
        return EXIT_FAILED
    try:
        write_events(store, EventFilter(**filters), fmt, output)
    except (FilterError, ValueError) as error:
        console.print(f"error: {error}")
        return EXIT_USAGE
    except OSError as error:
        console.print(f"error {output}: {error.strerror or error}")
        return EXIT_FAILED
    finally:
        store.close()
    return EXIT_OK
