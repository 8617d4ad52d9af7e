"""The batch engines: same records as the plain pipeline, in input order, on any engine."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds  # type: ignore[import-untyped]
import pytest
from conftest import EXAMPLES, run_cli

from wirescope import engine
from wirescope.engine.consolidate import ingest_shards
from wirescope.engine.ordering import merged
from wirescope.engine.tasks import Failure
from wirescope.ingest import Document, DocumentError, read_inputs
from wirescope.pipeline import Item, Result, extract
from wirescope.record import Report
from wirescope.settings import Settings, load_settings
from wirescope.store import Store

# Short reports of our own, one in French (no entities, a warning), each a document.
STORIES = [
    "Militants attacked an army post near Gao on Tuesday, killing four soldiers, the army said.",
    "Police fired tear gas at protesters in Nairobi on Wednesday, witnesses told Reuters.",
    "Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir les agriculteurs "
    "touchés par la sécheresse dans le sud du pays.",
    "A drone struck a fuel depot in Kharkiv overnight, the regional governor said on Telegram.",
    "The foreign minister said talks with the rebels would resume in Geneva next week.",
]


def _items(tmp_path: Path) -> list[Item]:
    """The repository's example reports, our stories, and two inputs that cannot be read."""
    batch = tmp_path / "stories.jsonl"
    lines = [json.dumps({"id": f"story-{n}", "text": text}) for n, text in enumerate(STORIES)]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    examples = sorted(str(path) for path in EXAMPLES.glob("*.txt"))
    paths = [examples[0], str(tmp_path / "missing.txt"), *examples[1:], str(batch), str(empty)]
    return list(read_inputs(paths))


def _comparable(results: list[Result]) -> list[tuple[str, Any]]:
    """Records as their JSON and warnings, errors as where and why, in order."""
    return [
        ("error", (r.origin, r.reason))
        if isinstance(r, DocumentError)
        else ("record", (r.to_json(), r.warnings))
        for r in results
    ]


@pytest.fixture
def small_tasks() -> Settings:
    """Tasks of two documents, so that a dozen documents make several tasks over the workers."""
    return load_settings().with_values("engine", task_documents=2, partition_documents=3)


@pytest.fixture
def expected(tmp_path: Path) -> list[tuple[str, Any]]:
    return _comparable(list(extract(_items(tmp_path))))


def test_fixture_holds_eleven_documents_and_two_unreadable_inputs(
    expected: list[tuple[str, Any]],
) -> None:
    assert len(expected) == 13
    assert expected[1] == ("error", (expected[1][1][0], "no such file"))
    assert expected[-1][0] == "error" and "empty document" in expected[-1][1][1]


def test_one_worker_gives_the_pipeline_records_and_counts_its_work(
    tmp_path: Path, expected: list[tuple[str, Any]], small_tasks: Settings
) -> None:
    stats = engine.EngineStats()
    results = list(engine.run(_items(tmp_path), workers=1, stats=stats, settings=small_tasks))
    assert _comparable(results) == expected
    assert stats.documents == 11
    assert stats.tasks == 7  # 13 items in tasks of 2; the last holds only an unreadable file
    assert {"language", "parse", "entities", "statements"} <= set(stats.timings)
    assert all(seconds >= 0 for seconds in stats.timings.values())
    assert len(stats.peak_rss) == 1
    assert 100 * 2**20 < stats.max_peak_rss < 2**30  # the model is loaded; under 1 GB


def test_two_local_processes_give_the_same_records_in_input_order(
    tmp_path: Path, expected: list[tuple[str, Any]], small_tasks: Settings
) -> None:
    stats = engine.EngineStats()
    results = list(engine.run(_items(tmp_path), workers=2, stats=stats, settings=small_tasks))
    assert _comparable(results) == expected
    assert stats.documents == 11
    assert 1 <= len(stats.peak_rss) <= 2
    assert stats.max_peak_rss < 2**30


def test_dask_local_cluster_of_two_workers_gives_the_local_engines_records(
    tmp_path: Path, expected: list[tuple[str, Any]], small_tasks: Settings
) -> None:
    shards = tmp_path / "shards"
    stats = engine.EngineStats()
    results = list(
        engine.run(
            _items(tmp_path),
            engine="dask",
            workers=2,
            shards=str(shards),
            stats=stats,
            settings=small_tasks,
        )
    )
    assert _comparable(results) == expected
    assert stats.documents == 11
    # The shards are a Parquet dataset of every document, failures included, in order.
    table = ds.dataset(shards, format="parquet").to_table().to_pylist()
    readable = [r for r in results if not isinstance(r, DocumentError)]
    assert [row["id"] for row in table] == [r.id for r in readable]
    assert [json.loads(row["record"]) for row in table] == [
        json.loads(r.to_json()) for r in readable
    ]
    # Consolidation in the store, shard by shard in input order; a second pass adds nothing.
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    assert ingest_shards(store, str(shards)).added == [r.id for r in readable]
    assert ingest_shards(store, str(shards)).added == []
    store.close()


def test_a_worker_failure_comes_back_as_the_documents_error_in_its_place() -> None:
    documents = [Document(id="a", text="x", origin="a.txt"), Document(id="b", text="y")]
    reader_error = DocumentError("gone.txt", "no such file")
    batch: list[Item] = [documents[0], reader_error, documents[1]]
    outcomes = [Failure("a.txt", "entities stage failed: boom"), Failure("b", "parse failed")]
    results = list(merged(batch, list(outcomes)))
    assert all(isinstance(r, DocumentError) for r in results)
    assert [(r.origin, r.reason) for r in results if isinstance(r, DocumentError)] == [
        ("a.txt", "entities stage failed: boom"),
        ("gone.txt", "no such file"),
        ("b", "parse failed"),
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"engine": "spark"}, "engine 'spark'"),
        ({"workers": 0}, "--workers 0"),
        ({"scheduler": "tcp://10.0.0.1:8786"}, "go with --engine dask"),
        ({"engine": "dask", "scheduler": "tcp://10.0.0.1:8786"}, "--scheduler needs --shards"),
    ],
)
def test_options_that_do_not_go_together_are_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(engine.EngineError, match=message):
        list(engine.run([], **options))


def test_cli_with_two_workers_writes_what_one_worker_writes(tmp_path: Path) -> None:
    examples = sorted(str(path) for path in EXAMPLES.glob("*.txt"))
    one = run_cli("extract", *examples)
    two = run_cli("extract", "--workers", "2", *examples)
    assert one.returncode == two.returncode == 0, two.stderr
    assert two.stdout == one.stdout
    assert [json.loads(line)["id"] for line in two.stdout.splitlines()] == [
        Path(path).stem for path in examples
    ]


def test_cli_refuses_a_scheduler_without_the_dask_engine_in_one_line() -> None:
    result = run_cli("extract", "--scheduler", "tcp://10.0.0.1:8786", str(EXAMPLES / "x.txt"))
    assert result.returncode == 2
    assert "--scheduler and --shards go with --engine dask" in result.stderr
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def dask_scheduler(tmp_path: Path) -> Iterator[str]:
    """A real Dask scheduler and one worker process, as on a cluster: `dask scheduler`, `worker`."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    dask = str(Path(sys.executable).with_name("dask"))
    logs = (tmp_path / "dask.log").open("w")
    scheduler = subprocess.Popen(
        [
            dask,
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            address.rsplit(":", 1)[1],
            "--no-dashboard",
        ],
        stdout=logs,
        stderr=logs,
    )
    worker = subprocess.Popen(
        [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
        stdout=logs,
        stderr=logs,
    )
    try:
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=60)
        logs.close()


def test_cli_on_a_dask_scheduler_writes_the_local_records_and_keeps_the_shards(
    tmp_path: Path, dask_scheduler: str
) -> None:
    examples = sorted(str(path) for path in EXAMPLES.glob("*.txt"))
    shards = tmp_path / "shards"
    local = run_cli("extract", *examples)
    remote = run_cli(
        "extract",
        "--engine",
        "dask",
        "--scheduler",
        dask_scheduler,
        "--shards",
        str(shards),
        *examples,
    )
    assert remote.returncode == local.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    table = ds.dataset(shards, format="parquet").to_table()
    assert table.column("id").to_pylist() == [Path(path).stem for path in examples]


def _french_language(results: list[Result]) -> str | None:
    (french,) = [r for r in results if isinstance(r, Report) and r.id == "story-2"]
    return french.meta.language


@pytest.mark.parametrize("engine_name", ["local", "dask"])
def test_the_callers_settings_reach_the_worker_processes(
    tmp_path: Path, small_tasks: Settings, engine_name: str
) -> None:
    """Workers extract with the settings they are given, not the packaged ones: texts
    shorter than language.min_chars are taken as English without identification."""
    unidentified = small_tasks.with_values("language", min_chars=100_000)
    options: dict[str, Any] = {"engine": engine_name, "workers": 2}
    if engine_name == "dask":
        options["shards"] = str(tmp_path / "shards")
    assert _french_language(list(engine.run(_items(tmp_path), settings=small_tasks))) == "fr"
    results = list(engine.run(_items(tmp_path), settings=unidentified, **options))
    assert _french_language(results) == "en"


def test_cli_reads_a_settings_file_and_its_workers_use_it(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("[language]\nmin_chars = 100000\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text(STORIES[2], encoding="utf-8")
    done = run_cli(
        "--settings",
        str(tmp_path / "settings.toml"),
        "extract",
        "--workers",
        "2",
        str(tmp_path / "fr.txt"),
        str(tmp_path / "fr.txt"),
    )
    assert done.returncode == 0, done.stderr
    languages = [json.loads(line)["meta"]["language"] for line in done.stdout.splitlines()]
    assert languages == ["en", "en"]
