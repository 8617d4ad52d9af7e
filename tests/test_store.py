"""The store on SQLite files and on PostgreSQL: keys, consolidation, figures, filters, search."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from test_store_support import FOOTBALL, KABUL_1, KABUL_2, make_report, postgres_schema, sqlite_url

from wirescope.record import Cue, Report, Speaker, Statement
from wirescope.store import EventFilter, FilterError, Store
from wirescope.store.commands import write_events


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = Store(sqlite_url(tmp_path))
        yield opened
        opened.close()
        return
    for url in postgres_schema():
        opened = Store(url)
        yield opened
        opened.close()


def test_the_schema_is_migrated_once_and_reopening_changes_nothing(store: Store) -> None:
    again = Store(store.url)
    with again.engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    again.close()
    assert [row[0] for row in versions] == ["0005"]


def test_migration_0003_keeps_the_actor_filter_of_a_store_made_before(store: Store) -> None:
    """A store of revision 0002 (no actor_names) reopened: the names its events hold are
    read into actor_names, and the actor filter finds them; a sub-type and a word of a name
    select as before."""
    from alembic import command
    from alembic.config import Config

    from wirescope.store.core import MIGRATIONS

    store.ingest([make_report("kabul", KABUL_1, actor="Taliban fighters")])
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    reopened = Store(store.url)
    try:
        filters = [EventFilter(actor="taliban"), EventFilter(actor="FIGHT", type="Attack")]
        for chosen in filters:
            assert [e["reports"] for e in reopened.events(chosen)] == [["kabul"]]
            assert reopened.count_events(chosen) == 1
        assert reopened.events(EventFilter(actor="tal%ban")) == []  # % is no wildcard
    finally:
        reopened.close()


def test_migrations_0004_and_0005_read_a_store_made_before(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store of revision 0003 (no dates in event_actors, no kept count) that gained events
    meanwhile, reopened: its participants' rows take their events' dates, the count is the
    events', and the participant filter reads what the events join reads."""
    from alembic import command
    from alembic.config import Config

    from wirescope.store import queries
    from wirescope.store.core import MIGRATIONS

    store.ingest([make_report("kabul", KABUL_1, actor="Taliban fighters")])
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
        for n, day in enumerate(["2024-05-01", None, "2023-01-02"]):
            connection.execute(
                text(
                    "INSERT INTO events (id, type, subtype, date, participants, casualties, "
                    "conflicting, report_count, first_seen, last_updated) VALUES (:id, "
                    "'Battles', 'Armed clash', :day, '[]', '[]', false, 0, 'x', 'x')"
                ),
                {"id": f"old-{n}", "day": day},
            )
            connection.execute(
                text("INSERT INTO event_actors (event_id, name_key) VALUES (:id, 'taliban')"),
                {"id": f"old-{n}"},
            )
        connection.execute(text("INSERT INTO actor_names (name_key) VALUES ('taliban')"))
    reopened = Store(store.url)
    try:
        with reopened.engine.connect() as connection:
            dates = connection.execute(
                text(
                    "SELECT a.event_id, a.date, e.date FROM event_actors a "
                    "JOIN events e ON e.id = a.event_id"
                )
            ).all()
        assert len(dates) == 4 and all(mine == theirs for _, mine, theirs in dates)
        assert reopened.count_events(EventFilter()) == 4
        chosen = [EventFilter(actor="taliban"), EventFilter(actor="tali", until="2024-04")]
        fast = [(reopened.count_events(c), reopened.events(c)) for c in chosen]
        monkeypatch.setattr(queries, "actor_only", lambda _filters: False)
        assert fast == [(reopened.count_events(c), reopened.events(c)) for c in chosen]
        assert [len(events) for _, events in fast] == [4, 2]
    finally:
        reopened.close()


def test_ingest_is_idempotent_by_id_url_and_content(store: Store) -> None:
    first = make_report("a", KABUL_1, url="https://example.org/kabul")
    assert store.ingest([first]).added == ["a"]
    again = store.ingest([first])
    assert again.added == [] and again.skipped == ["a"]
    same_url = make_report("b", KABUL_2, url="https://example.org/kabul/")
    same_text = make_report("c", KABUL_1)
    assert store.ingest([same_url, same_text]).skipped == ["b", "c"]
    assert store.has_report("a") and store.has_report("https://example.org/kabul")
    assert not store.has_report("b")
    assert store.count_events(EventFilter()) == 1


def test_two_reports_of_one_attack_make_one_event_and_football_another(store: Store) -> None:
    later = make_report("later", KABUL_2, published="2024-03-06", killed=7)
    earlier = make_report("earlier", KABUL_1, published="2024-03-05", killed=7)
    match = make_report(
        "match",
        FOOTBALL,
        published="2024-03-05",
        type="Non-conflict",
        subtype="Other",
        place=("London", 51.5, -0.12, "GB"),
    )
    result = store.ingest([later, earlier, match])
    assert (result.events_created, result.events_joined) == (2, 1)
    events = {tuple(e["reports"]): e for e in store.events(EventFilter())}
    assert set(events) == {("earlier", "later"), ("match",)}
    attack = events[("earlier", "later")]
    assert attack["type"] == "Violence against civilians" and attack["date"] == "2024-03-05"
    assert attack["place"]["country"] == "AF"
    assert attack["casualties"] == [
        {"kind": "killed", "count": 7, "min": None, "max": None, "reports": ["later", "earlier"]}
    ]
    assert attack["conflicting"] is False


def test_disagreeing_figures_are_kept_side_by_side_and_flagged(store: Store) -> None:
    store.ingest([make_report("a", KABUL_1, killed=7), make_report("b", KABUL_2, killed=9)])
    (event,) = store.events(EventFilter())
    figures = {c["count"]: c["reports"] for c in event["casualties"]}
    assert figures == {7: ["a"], 9: ["b"]}
    assert event["conflicting"] is True


def test_an_exact_figure_within_a_range_is_no_conflict(store: Store) -> None:
    store.ingest(
        [make_report("a", KABUL_1, killed=7), make_report("b", KABUL_2, at_least_killed=5)]
    )
    (event,) = store.events(EventFilter())
    assert len(event["casualties"]) == 2 and event["conflicting"] is False


def test_a_syndicated_copy_is_one_report_with_a_copy(store: Store) -> None:
    original = make_report("wire", KABUL_1 + " The toll may rise.")
    copy = make_report("outlet", KABUL_1 + " The toll may still rise.", title="Kabul attack")
    result = store.ingest([original, copy])
    assert result.copies == {"outlet": "wire"}
    (event,) = store.events(EventFilter())
    assert event["reports"] == ["wire"] and event["copies"] == {"wire": ["outlet"]}
    assert store.has_report("outlet")
    copy_record = store.report("outlet")
    assert copy_record is not None and copy_record.id == "wire"


def test_a_batch_that_fails_leaves_nothing_behind(store: Store) -> None:
    def records() -> Iterator[Report]:
        yield make_report("a", KABUL_1)
        raise RuntimeError("the extractor died")

    with pytest.raises(RuntimeError):
        store.ingest(records())
    assert not store.has_report("a") and store.count_events(EventFilter()) == 0
    assert store.ingest([make_report("a", KABUL_1)]).added == ["a"]
    assert store.count_events(EventFilter()) == 1


def test_filters_select_by_date_country_type_actor_and_words(store: Store) -> None:
    store.ingest(
        [
            make_report("kabul", KABUL_1, published="2024-03-05", actor="Taliban"),
            make_report(
                "match",
                FOOTBALL,
                published="2024-04-20",
                type="Non-conflict",
                subtype="Other",
                place=("London", 51.5, -0.12, "GB"),
            ),
        ]
    )

    def ids(**filters: str) -> list[str]:
        return [r for e in store.events(EventFilter(**filters)) for r in e["reports"]]

    assert ids(since="2024-04-01") == ["match"]
    assert ids(until="2024-03-31") == ["kabul"]
    assert ids(until="2024-03") == ["kabul"]
    assert ids(country="GB") == ["match"] and ids(country="Afghanistan") == ["kabul"]
    assert ids(type="Attack") == ["kabul"] and ids(type="Non-conflict") == ["match"]
    assert ids(actor="taliban") == ["kabul"]
    assert ids(q="motorcycles") == ["kabul"] and ids(q="derby Chelsea") == ["match"]
    assert ids(q="nothing-like-this") == []
    assert store.count_events(EventFilter(country="AF", since="2024-01-01")) == 1
    with pytest.raises(FilterError):
        store.events(EventFilter(country="Atlantis"))


def test_search_finds_reports_with_a_snippet(store: Store) -> None:
    store.ingest(
        [
            make_report("kabul", KABUL_1, title="Market attack"),
            make_report("match", FOOTBALL, type="Non-conflict", subtype="Other", place=None),
        ]
    )
    hits = store.search("motorcycles")
    assert [h["id"] for h in hits] == ["kabul"]
    assert hits[0]["title"] == "Market attack" and "motorcycles" in hits[0]["snippet"]
    assert store.search("") == [] and store.search('"; DROP TABLE reports; --') == []


def test_one_event_shows_each_report_event_with_cited_statements(store: Store) -> None:
    record = make_report("kabul", KABUL_1, actor="Taliban")
    record.statements = [record_statement()]
    store.ingest([record])
    (listed,) = store.events(EventFilter())
    event = store.event(listed["id"])
    assert event is not None and event["reports"] == ["kabul"]
    (report_event,) = event["report_events"]
    assert report_event["event"]["id"] == "v1"
    assert [s["id"] for s in report_event["statements"]] == ["s1"]
    assert store.event("no-such-event") is None
    stored = store.report("kabul")
    assert stored is not None and stored.to_json() == record.to_json()


def record_statement() -> Statement:
    return Statement(
        id="s1",
        kind="indirect",
        content=[(0, 30)],
        text=KABUL_1[:30],
        speaker=Speaker(text="police", span=(86, 92)),
        cue=Cue(text="said", span=(93, 97)),
    )


def test_acled_csv_uses_acled_columns_and_leaves_unknowns_empty(
    store: Store, tmp_path: Path
) -> None:
    store.ingest(
        [
            make_report("a", KABUL_1, killed=7, actor="Taliban"),
            make_report(
                "b",
                FOOTBALL,
                type="Non-conflict",
                subtype="Other",
                place=None,
                published="2024-04-01",
            ),
        ]
    )
    out = tmp_path / "acled.csv"
    assert write_events(store, EventFilter(), "acled-csv", out) == 2
    rows = {r["reports"]: r for r in csv.DictReader(io.StringIO(out.read_text()))}
    assert rows["a"]["event_type"] == "Violence against civilians"
    assert rows["a"]["country"] == "Afghanistan" and rows["a"]["fatalities"] == "7"
    assert rows["a"]["actor1"] == "Taliban" and rows["a"]["time_precision"] == "1"
    assert rows["b"]["fatalities"] == "" and rows["b"]["latitude"] == ""
    assert rows["b"]["conflicting"] == "false"


def test_geojson_and_parquet_exports(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    store.ingest([make_report("a", KABUL_1, killed=7)])
    geo = tmp_path / "events.geojson"
    write_events(store, EventFilter(), "geojson", geo)
    collection = json.loads(geo.read_text())
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [69.17, 34.53]}
    table = (
        pq.read_table(tmp_path / "e.parquet")
        if write_events(store, EventFilter(), "parquet", tmp_path / "e.parquet")
        else None
    )
    assert table is not None and table.column("killed").to_pylist() == [7]
