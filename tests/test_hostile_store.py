"""Issue 19: the store on SQLite and PostgreSQL under hostile records and several writers.

Records are built by hand (test_store_support) and go into real databases: a record the
database refuses fails alone, several processes' writers never share a `seq`, and a copy of
a report another writer stored is found as a copy.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_store_support import KABUL_1, KABUL_2, make_report, postgres_schema, sqlite_url

from wirescope.store import EventFilter, FilterError, Store
from wirescope.store.models import ReportRow, TermRow


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
    else:
        yield from postgres_schema()


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    opened = Store(url)
    yield opened
    opened.close()


def test_a_record_the_database_refuses_fails_alone(store: Store) -> None:
    # A library caller may hand the store records the edge never saw: a lone surrogate is
    # refused by both drivers' encoders, and must not take the batch with it.
    bad = make_report("bad", "Rebels attacked \ud800 a convoy near Goma on Sunday.")
    good = make_report("good", KABUL_1)
    result = store.ingest([bad, good])
    assert result.added == ["good"]
    assert set(result.failed) == {"bad"}
    assert store.report("bad") is None
    assert store.report("good") is not None
    assert store.ingest([make_report("later", "Floods hit Dhaka on Monday.")]).added == ["later"]


def test_words_longer_than_a_key_are_no_terms(store: Store) -> None:
    record = make_report("long", "A " + "y" * 400 + " storm hit Lagos.", title="x" * 300)
    assert store.ingest([record]).added == ["long"]
    with store.engine.connect() as connection:
        longest = connection.scalar(select(func.max(func.length(TermRow.term))))
    assert longest is not None and longest < 255


def test_lookups_with_control_characters_find_nothing(store: Store) -> None:
    store.ingest([make_report("r1", KABUL_1, actor="Taliban")])
    assert store.report("r1\x00") is None
    assert store.event("ev-\x00") is None
    assert store.search("market\x00") == []
    for name in ("q", "actor", "type", "country"):
        with pytest.raises(FilterError, match="control characters"):
            store.count_events(EventFilter(**{name: "a\x00"}))


def test_actor_wildcards_and_impossible_dates(store: Store) -> None:
    store.ingest([make_report("r1", KABUL_1, actor="Taliban")])
    assert store.count_events(EventFilter(actor="%")) == 0
    assert store.count_events(EventFilter(actor="_aliban")) == 0
    assert store.count_events(EventFilter(actor="taliban")) == 1
    with pytest.raises(FilterError, match="no such date"):
        store.count_events(EventFilter(since="2021-13-45"))


def _seqs(url: str) -> list[int]:
    store = Store(url)
    try:
        with store.engine.connect() as connection:
            return list(connection.scalars(select(ReportRow.seq)))
    finally:
        store.close()


def test_concurrent_writers_never_share_a_seq(url: str) -> None:
    writers = [Store(url) for _ in range(3)]
    failures: list[BaseException] = []

    def write(store: Store, name: str) -> None:
        try:
            for batch in range(6):
                records = [
                    make_report(f"{name}-{batch}-{n}", f"Report {name} {batch} {n} of Kabul.")
                    for n in range(3)
                ]
                store.ingest(records)
        except BaseException as error:  # reported below, with the thread's name
            failures.append(error)

    threads = [
        threading.Thread(target=write, args=(store, f"w{i}")) for i, store in enumerate(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in writers:
        store.close()
    assert failures == []
    seqs = _seqs(url)
    assert len(seqs) == 3 * 6 * 3
    assert sorted(seqs) == list(range(1, len(seqs) + 1))


def test_a_copy_of_what_another_writer_stored_is_a_copy(url: str) -> None:
    service, cli = Store(url), Store(url)
    try:
        service.ingest([make_report("first", KABUL_1)])  # the service's caches are loaded
        cli.ingest([make_report("original", KABUL_2, url="https://example.org/a")])
        copy = make_report("copy", KABUL_2 + " ", url="https://example.net/b")
        result = service.ingest([copy])
        assert result.copies == {"copy": "original"}
    finally:
        service.close()
        cli.close()
