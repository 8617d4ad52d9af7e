"""`wirescope ingest`, `events` and `export` end to end, on SQLite and PostgreSQL: a killed
ingest resumes without losing or doubling anything; eval clusters agrees with score.py."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from sqlalchemy import create_engine, func, select
from test_store_support import postgres_schema, sqlite_url

from wirescope.store.core import engine_url
from wirescope.store.models import CopyRow, ReportRow

TOWNS = ["Kandahar", "Mosul", "Aleppo", "Gao", "Maiduguri", "Kismayo", "Idlib", "Sirte"]
WORDS = [
    "market",
    "convoy",
    "checkpoint",
    "village",
    "bridge",
    "school",
    "clinic",
    "mosque",
    "harbour",
    "depot",
    "airport",
    "camp",
    "barracks",
    "station",
    "farm",
    "factory",
    "quarry",
    "pipeline",
    "border",
    "ridge",
    "valley",
    "river",
    "highway",
    "tunnel",
    "bakery",
    "garage",
    "warehouse",
    "stadium",
    "court",
    "prison",
    "embassy",
    "hotel",
    "ferry",
    "truck",
    "column",
    "patrol",
    "outpost",
    "bunker",
    "compound",
    "tower",
    "antenna",
    "granary",
    "orchard",
    "cemetery",
]


def documents(count: int, seed: int = 7) -> list[dict[str, str]]:
    """Distinct short reports (random vocabulary, so none is a copy of another)."""
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        town = rng.choice(TOWNS)
        words = " ".join(rng.sample(WORDS, 12))
        text = (
            f"Gunmen attacked a {rng.choice(WORDS)} near {town} on Monday, killing {n + 2} "
            f"people, officials said. Witnesses saw the {words}."
        )
        docs.append({"id": f"doc-{n:03d}", "text": text, "published": "2024-03-05"})
    return docs


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    yield from postgres_schema()


def write_jsonl(path: Path, docs: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def stored_ids(url: str) -> Counter[str]:
    engine = create_engine(engine_url(url))
    with engine.connect() as connection:
        ids = Counter(connection.scalars(select(ReportRow.id)))
        ids.update(connection.scalars(select(CopyRow.id)))
    engine.dispose()
    return ids


def stored_count(url: str) -> int:
    engine = create_engine(engine_url(url))
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(ReportRow)) or 0)
    except Exception:  # the schema may not exist yet while the ingest starts
        return 0
    finally:
        engine.dispose()


def test_ingest_twice_stores_once_and_events_lists_them(db: str, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", documents(5))
    first = run_cli("ingest", str(source), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "ingested 5 reports" in first.stderr
    second = run_cli("ingest", str(source), "--db", db)
    assert second.returncode == 0 and "ingested 0 reports" in second.stderr
    assert "5 already stored" in second.stderr
    listed = run_cli("events", "--db", db, "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    events = [json.loads(line) for line in listed.stdout.splitlines()]
    # Each report is the main report of one event; it may also tell others beside its news.
    reports = [r for e in events for r in e["reports"] if r not in e["background"]]
    assert sorted(reports) == [f"doc-{n:03d}" for n in range(5)]
    assert stored_ids(db) == Counter(reports)


def test_a_killed_ingest_resumes_with_nothing_lost_or_doubled(db: str, tmp_path: Path) -> None:
    docs = documents(96)
    source = write_jsonl(tmp_path / "docs.jsonl", docs)
    command = [sys.executable, "-m", "wirescope.cli", "ingest", str(source), "--db", db]
    process = subprocess.Popen(
        [*command, "--batch-size", "8"], cwd=REPO, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 240
    while stored_count(db) < 8 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    interrupted = stored_count(db)
    assert 0 < interrupted < len(docs), "the ingest was not caught mid-way"
    resumed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{interrupted} already stored" in resumed.stderr
    ids = stored_ids(db)
    assert set(ids) == {d["id"] for d in docs} and set(ids.values()) == {1}
    listed = run_cli("events", "--db", db)
    in_events = Counter(
        r
        for line in listed.stdout.splitlines()
        for event in [json.loads(line)]
        for r in event["reports"]
        if r not in event["background"]
    )
    assert set(in_events.values()) == {1}


def test_events_formats_filters_and_bad_values(db: str, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", documents(3))
    assert run_cli("ingest", str(source), "--db", db).returncode == 0
    geo = run_cli("events", "--db", db, "--format", "geojson")
    assert json.loads(geo.stdout)["type"] == "FeatureCollection"
    table = run_cli("events", "--db", db, "--format", "csv")
    assert table.stdout.splitlines()[0].startswith("id,date,type,subtype")
    acled = run_cli("export", "--db", db, "--format", "acled-csv", "--since", "2024-01-01")
    assert acled.stdout.splitlines()[0].startswith("event_id_cnty,event_date,event_type")
    assert len(acled.stdout.splitlines()) > 1
    none = run_cli("events", "--db", db, "--since", "2030-01-01")
    assert none.returncode == 0 and none.stdout == ""
    bad = run_cli("events", "--db", db, "--country", "Atlantis")
    assert bad.returncode == 2 and "Atlantis" in bad.stderr and "Traceback" not in bad.stderr
    wrong = run_cli("export", "--db", db, "--format", "xml")
    assert wrong.returncode == 2 and "acled-csv" in wrong.stderr
    parquet = run_cli("export", "--db", db, "--format", "parquet")
    assert parquet.returncode == 2 and "--output" in parquet.stderr


def test_ingest_reports_a_bad_document_and_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "docs.jsonl"
    good = documents(2)
    long_id = {"id": "x" * 300, "text": good[0]["text"] + " Another paragraph."}
    lines = [json.dumps(good[0]), "{not json", json.dumps(long_id), json.dumps(good[1])]
    source.write_text("\n".join(lines) + "\n")
    result = run_cli("ingest", str(source), "--db", sqlite_url(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "malformed JSON" in result.stderr and "longer than 255" in result.stderr
    assert "ingested 2 reports" in result.stderr


def test_a_database_that_cannot_be_opened_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("events", "--db", f"sqlite:///{tmp_path}/no/such/folder/w.db")
    assert result.returncode == 1 and "cannot open" in result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_on_two_worker_processes_stores_the_same(db: str, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", documents(6))
    result = run_cli("ingest", str(source), "--db", db, "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "ingested 6 reports" in result.stderr
    assert stored_ids(db) == Counter(f"doc-{n:03d}" for n in range(6))


def _listed(db: str) -> list[dict[str, object]]:
    """The store's events as `wirescope events` prints them, less the times of the run."""
    listed = run_cli("events", "--db", db, "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    events = [json.loads(line) for line in listed.stdout.splitlines()]
    for event in events:
        assert isinstance(event["related"], list) and "title" in event
        del event["first_seen"], event["last_updated"]
    return events


def test_ingest_on_a_dask_local_cluster_stores_what_one_process_stores(
    db: str, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", documents(6, seed=11))
    (tmp_path / "local").mkdir()
    local = sqlite_url(tmp_path / "local")
    assert run_cli("ingest", str(source), "--db", local).returncode == 0
    dask = run_cli("ingest", str(source), "--engine", "dask", "--workers", "2", "--db", db)
    assert dask.returncode == 0, dask.stderr
    assert "ingested 6 reports" in dask.stderr
    assert _listed(db) == _listed(local)


def test_ingest_refuses_a_scheduler_without_the_dask_engine(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", documents(1))
    refused = run_cli(
        "ingest", str(source), "--scheduler", "tcp://10.0.0.1:8786", "--db", sqlite_url(tmp_path)
    )
    assert refused.returncode == 2 and "go with --engine dask" in refused.stderr
    assert not (tmp_path / "store.db").exists()
