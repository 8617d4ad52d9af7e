"""Issue 19: one bad document never stops a batch, on the CLI, on SQLite and PostgreSQL.

The hostile batch (test_hostile_support) goes through the real `wirescope extract` and
`wirescope ingest`: every good document comes out, every bad one is one line naming the
input and the reason, nothing prints a traceback, a rerun goes past the bad ones, and the two
backends hold the same records and events.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli
from test_hostile_support import FAILURES, STORED_IDS, UTF16_TEXT, snapshot, write_batch
from test_store_support import postgres_schema, sqlite_url

from wirescope.ingest.document import Document, DocumentError
from wirescope.ingest.validate import json_depth_over, valid_document


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return [str(path) for path in write_batch(tmp_path_factory.mktemp("hostile"))]


def _error_lines(stderr: str) -> dict[str, str]:
    """`error ORIGIN: REASON` lines by the origin's last part (the file name and line)."""
    found = {}
    for line in stderr.splitlines():
        if line.startswith("error "):
            origin, _, reason = line.removeprefix("error ").partition(": ")
            found[Path(origin).name] = reason
    return found


def _check_failures(stderr: str) -> None:
    assert "Traceback" not in stderr
    errors = _error_lines(stderr)
    assert set(errors) == set(FAILURES), stderr
    for origin, reason in FAILURES.items():
        assert reason in errors[origin]


def test_extract_writes_every_good_document_and_names_each_bad_one(batch: list[str]) -> None:
    result = run_cli("extract", *batch)
    assert result.returncode == 1, result.stderr
    _check_failures(result.stderr)
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert sorted(records) == STORED_IDS
    assert "\x00" not in records["nul-in-text"]["text"]
    assert records["nul-in-text"]["text"].startswith("Police said two protesters")
    assert "\ufffd" in records["lone-surrogate"]["text"]
    assert records["year-one"]["meta"]["published"] is None
    assert records["title-object"]["meta"]["title"] is None
    assert records["utf16-report"]["meta"]["title"] == UTF16_TEXT.splitlines()[0]
    assert records["utf32-report"]["text"].strip().startswith("A bomb killed two people")
    for warning in ("control character", "lone surrogate", "0001-01-01", "title is a JSON object"):
        assert warning in result.stderr


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
    else:
        yield from postgres_schema()


def test_ingest_stores_the_good_documents_and_a_rerun_goes_past(
    batch: list[str], database: str
) -> None:
    first = run_cli("ingest", *batch, "--db", database)
    assert first.returncode == 1, first.stderr + first.stdout
    _check_failures(first.stderr + first.stdout)
    stored = snapshot(database, STORED_IDS)
    assert sorted(stored.records) == STORED_IDS
    again = run_cli("ingest", *batch, "--db", database)
    _check_failures(again.stderr + again.stdout)
    assert f"{len(STORED_IDS)} already stored" in again.stderr
    assert snapshot(database, STORED_IDS).records == stored.records


def test_both_backends_hold_the_same_records_and_events(batch: list[str], tmp_path: Path) -> None:
    lite = sqlite_url(tmp_path)
    run_cli("ingest", *batch, "--db", lite)
    for postgres in postgres_schema():
        run_cli("ingest", *batch, "--db", postgres)
        assert snapshot(postgres, STORED_IDS) == snapshot(lite, STORED_IDS)


def test_validation_is_idempotent_and_names_the_input() -> None:
    doc = Document(id="a\x00b", text="Text\x01 with \ud800 marks.", title="T\x00", origin="in:3")
    once = valid_document(doc)
    assert (once.id, once.text, once.title) == ("ab", "Text with \ufffd marks.", "T")
    warnings = list(once.warnings)
    assert valid_document(once).warnings == warnings
    with pytest.raises(DocumentError, match=r"^in:3: id longer than 255"):
        valid_document(Document(id="x" * 256, text="text", origin="in:3"))
    with pytest.raises(DocumentError, match=r"^in:4: empty document"):
        valid_document(Document(id="y", text="\x00 \x07", origin="in:4"))


def test_json_depth_is_measured_without_recursion() -> None:
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    assert json_depth_over(deep)
    assert not json_depth_over({"text": "a", "authors": ["b", "c"]})
