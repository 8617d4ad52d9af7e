"""Records as Parquet shards: one file per task, written by the worker that ran it.

A shard holds one row per document of its task, in order: the document's id and origin, its
record as format-1 JSON (null when the document failed), the reason it failed (null when it
did not) and its warnings. The shards of a run are a Parquet dataset any Arrow reader opens
(`pyarrow.dataset.dataset(folder)`, DuckDB, pandas). Locations are paths or URLs that
pyarrow's filesystems understand (a shared folder, s3://bucket/prefix, hdfs://...).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# pyarrow ships no type information (and pyproject.toml is not ours to give it an override).
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from pyarrow import fs

from wirescope.engine.tasks import Failure, Outcome, Usage, extract_task
from wirescope.ingest.document import Document
from wirescope.record import Report
from wirescope.settings import Settings

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("origin", pa.string()),
        ("record", pa.string()),
        ("error", pa.string()),
        ("warnings", pa.list_(pa.string())),
    ]
)


@dataclass(frozen=True)
class ShardWritten:
    """What a worker sends back for one task: where its records are, and what they cost."""

    location: str
    usage: Usage


def resolve(location: str) -> tuple[fs.FileSystem, str]:
    """The filesystem and path of a location: a URL as given, a local path made absolute."""
    if "://" not in location:
        location = str(Path(location).resolve())
    filesystem, path = fs.FileSystem.from_uri(location)
    return filesystem, str(path)


def shard_location(folder: str, number: int) -> str:
    return f"{folder.rstrip('/')}/part-{number:06d}.parquet"


def _row(document: Document, outcome: Outcome) -> dict[str, object]:
    if isinstance(outcome, Failure):
        return {
            "id": document.id,
            "origin": outcome.origin,
            "record": None,
            "error": outcome.reason,
            "warnings": [],
        }
    return {
        "id": outcome.id,
        "origin": document.origin,
        "record": outcome.to_json(),
        "error": None,
        "warnings": list(outcome.warnings),
    }


def write_shard(documents: list[Document], location: str, settings: Settings) -> ShardWritten:
    """Extract the documents and write their records to one shard (runs on a worker)."""
    result = extract_task(documents, settings)
    rows = [_row(doc, outcome) for doc, outcome in zip(documents, result.outcomes, strict=True)]
    filesystem, path = resolve(location)
    filesystem.create_dir(path.rpartition("/")[0], recursive=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), path, filesystem=filesystem)
    return ShardWritten(location, result.usage)


def _outcome(row: dict[str, Any]) -> Outcome:
    if row["record"] is None:
        return Failure(str(row["origin"]), str(row["error"]))
    record = Report.model_validate_json(row["record"])
    record.warnings = [str(warning) for warning in row["warnings"] or []]
    return record


def shard_locations(folder: str) -> list[str]:
    """The shards of a run, in input order (their names are numbered in order)."""
    filesystem, path = resolve(folder)
    selector = fs.FileSelector(path, recursive=False)
    names = sorted(
        info.base_name
        for info in filesystem.get_file_info(selector)
        if info.base_name.startswith("part-") and info.base_name.endswith(".parquet")
    )
    return [f"{folder.rstrip('/')}/{name}" for name in names]


def records_in(location: str) -> Iterator[Report]:
    """The records of one shard, in order; failed documents have none."""
    for outcome in read_shard(location):
        if isinstance(outcome, Report):
            yield outcome


def read_shard(location: str) -> list[Outcome]:
    """The outcomes of one shard, in its documents' order."""
    filesystem, path = resolve(location)
    table = pq.read_table(path, filesystem=filesystem, schema=SCHEMA)
    return [_outcome(row) for row in table.to_pylist()]
