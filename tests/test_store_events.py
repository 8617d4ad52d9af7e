"""Every conflict event of a report consolidated by its own date and place; the list as an
analyst reads it (headline, publisher, related events); country names in filters; bounded
memory. On SQLite files and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_store_support import (
    FOOTBALL,
    KABUL_1,
    KABUL_2,
    make_report,
    postgres_schema,
    sqlite_url,
)

from wirescope.countries import resolve_country
from wirescope.record import Event, Place, Report
from wirescope.settings import load_settings
from wirescope.store import EventFilter, FilterError, Store
from wirescope.store.features import FeatureCache, Features, TermCounts

PARIS = (
    "Gunmen and suicide bombers attacked a concert hall, restaurants and the national stadium "
    "in Paris on Friday night, killing scores of people, French officials said."
)
NICE = (
    "A truck ploughed into crowds celebrating Bastille Day on the promenade in Nice on "
    "Thursday night, killing dozens. The city had been on alert since the attacks in Paris "
    "in November 2015."
)
INQUIRY = (
    "An inquiry into the market shooting opened on Wednesday, weeks after the gunmen struck. "
    "Relatives of the victims asked the judges why the guards had left their posts."
)


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


def with_event(
    record: Report, day: str, precision: str, place: tuple[str, float, float, str]
) -> Report:
    """The record with one more (background) attack, dated and placed on its own."""
    name, lat, lon, country = place
    record.places.append(
        Place(id="p2", name=name, kind="city", lat=lat, lon=lon, country=country, admin1=name)
    )
    record.events.append(
        Event(
            id="v2",
            type="Violence against civilians",
            subtype="Attack",
            date=day,
            date_precision=precision,  # type: ignore[arg-type]
            place="p2",
            summary=f"Attack in {name}",
        )
    )
    return record


def dated(record: Report, day: str) -> Report:
    record.events[0].date = day
    return record


def by_first_report(store: Store) -> dict[str, dict[str, object]]:
    return {str(e["reports"][0]): e for e in store.events(EventFilter())}  # type: ignore[index]


def test_a_background_event_joins_the_event_it_names(store: Store) -> None:
    paris = dated(
        make_report(
            "paris",
            PARIS,
            published="2015-11-14",
            title="Paris attacks kill scores",
            place=("Paris", 48.85, 2.35, "FR"),
        ),
        "2015-11-13",
    )
    nice = make_report("nice", NICE, published="2016-07-15", place=("Nice", 43.70, 7.27, "FR"))
    nice = with_event(dated(nice, "2016-07-14"), "2015-11-13", "day", ("Paris", 48.86, 2.34, "FR"))
    result = store.ingest([paris, nice])
    assert (result.events_created, result.events_joined) == (2, 1)
    events = by_first_report(store)
    assert events["paris"]["reports"] == ["paris", "nice"]
    assert events["paris"]["background"] == ["nice"]
    assert events["paris"]["date"] == "2015-11-13"
    assert events["paris"]["title"] == "Paris attacks kill scores"
    assert events["nice"]["reports"] == ["nice"] and events["nice"]["date"] == "2016-07-14"
    # The event in depth tells the Paris attack from each report's own account of it.
    detail = store.event(str(events["paris"]["id"]))
    assert detail is not None
    assert [r["event"]["id"] for r in detail["report_events"]] == ["v1", "v2"]


def test_a_background_event_of_another_month_or_city_stays_apart(store: Store) -> None:
    paris = dated(
        make_report("paris", PARIS, published="2015-11-14", place=("Paris", 48.85, 2.35, "FR")),
        "2015-11-13",
    )
    nice = make_report("nice", NICE, published="2016-07-15", place=("Nice", 43.70, 7.27, "FR"))
    # "an attack in Paris in January 2015": another month; "in Lyon on Nov. 13": another city.
    nice = with_event(
        dated(nice, "2016-07-14"), "2015-01-01", "month", ("Paris", 48.86, 2.34, "FR")
    )
    lyon = make_report("lyon", NICE.replace("Nice", "Lyon"), published="2016-07-16")
    lyon = with_event(lyon, "2015-11-13", "day", ("Lyon", 45.76, 4.84, "FR"))
    store.ingest([paris, nice, lyon])
    events = by_first_report(store)
    assert events["paris"]["reports"] == ["paris"]


def test_a_follow_up_weeks_later_joins_the_attack_by_its_date_and_place(store: Store) -> None:
    first = make_report("first", KABUL_1, published="2024-03-05", title="Gunmen storm Kabul market")
    later = dated(make_report("later", INQUIRY, published="2024-04-10"), "2024-03-05")
    # Another attack at the same market, the day before the inquiry opened: a new event.
    again = dated(make_report("again", KABUL_2, published="2024-04-10"), "2024-04-09")
    result = store.ingest([first, later, again])
    assert result.events_joined == 1
    events = by_first_report(store)
    assert events["first"]["reports"] == ["first", "later"]
    assert events["first"]["title"] == "Gunmen storm Kabul market"
    assert events["again"]["reports"] == ["again"]


def test_the_publication_day_stands_in_only_for_an_undated_event(store: Store) -> None:
    first = make_report("first", KABUL_1, published="2024-03-05")
    undated = make_report("undated", KABUL_2, published="2024-03-06")
    undated.events[0].date = None
    undated.events[0].date_precision = "unknown"
    store.ingest([first, undated])
    assert by_first_report(store)["first"]["reports"] == ["first", "undated"]


def test_events_other_than_conflict_beside_the_news_are_kept_not_merged(store: Store) -> None:
    record = make_report("a", KABUL_1)
    record.events.append(Event(id="v2", type="Non-conflict", subtype="Other", summary="A vote"))
    result = store.ingest([record])
    assert result.events_created == 1
    assert [e["reports"] for e in store.events(EventFilter())] == [["a"]]


def test_the_list_gives_headline_publisher_related_and_a_summary_of_its_type(
    store: Store,
) -> None:
    first = make_report("first", KABUL_1, title="Gunmen storm Kabul market", url="https://a.org/1")
    second = make_report("second", KABUL_2, type="Strategic developments", subtype="Arrests")
    second.events[0].summary = "Non-conflict: Other in Kabul"
    third = make_report("third", KABUL_2 + " Two were arrested.", published="2024-03-06")
    store.ingest([first, second, third])
    for event in store.events(EventFilter()):
        assert {"title", "publisher", "related", "background"} <= set(event)
        detail = store.event(str(event["id"]))
        assert detail is not None
        assert event["related"] == [link["id"] for link in detail["related"]]
    (attack,) = [e for e in store.events(EventFilter()) if e["reports"][0] == "first"]
    assert attack["title"] == "Gunmen storm Kabul market" and attack["publisher"] == "a.org"
    # The type is the majority's (two attacks, one arrest); so is the summary.
    assert attack["subtype"] == "Attack" and attack["summary"] == "Attack in Kabul"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Russia", "RU"),
        ("Britain", "GB"),
        ("the U.S.", "US"),
        ("UK", "GB"),
        ("uk", "GB"),
        ("GBR", "GB"),
        ("Iraq", "IQ"),
        ("iq", "IQ"),
    ],
)
def test_one_country_resolver_takes_names_and_codes(name: str, code: str) -> None:
    assert resolve_country(name) == code


def test_country_filters_take_the_names_the_extractor_knows(store: Store) -> None:
    store.ingest(
        [
            make_report("ru", KABUL_1, place=("Moscow", 55.75, 37.62, "RU")),
            make_report("gb", KABUL_2, published="2024-05-01", place=("London", 51.5, -0.12, "GB")),
            make_report("us", PARIS, published="2024-06-01", place=("Boston", 42.36, -71.06, "US")),
        ]
    )
    for name, report in [("Russia", "ru"), ("Britain", "gb"), ("UK", "gb"), ("the U.S.", "us")]:
        assert [e["reports"] for e in store.events(EventFilter(country=name))] == [[report]]
    with pytest.raises(FilterError, match="Narnia"):
        store.events(EventFilter(country="Narnia"))


def test_the_feature_cache_holds_at_most_its_capacity() -> None:
    cache = FeatureCache(capacity=3)
    for n in range(10):
        cache.add(
            Features(report_id=f"r{n}", terms=TermCounts({}), day=None, type=None, subtype=None)
        )
    assert len(cache) == 3
    assert cache.get(("r0", "")) is None and cache.get(("r9", "")) is not None


def test_memory_stays_bounded_and_consolidation_reads_back_what_it_forgot(
    store: Store,
) -> None:
    small = load_settings().with_values("store", feature_memory=2, copy_memory=4)
    store = Store(store.url, settings=small)  # the same database, with small memories
    words = ["river", "tower", "garden", "bridge", "harbour", "station", "orchard", "quarry"]
    fillers = [
        make_report(
            f"f{n}",
            f"Officials opened a new {word} in the north on Monday, and residents of the "
            f"{word} district gathered to watch number {n} of the ceremonies.",
            published=f"2024-01-{n + 10:02d}",
            type="Non-conflict",
            subtype="Other",
            place=("Oslo", 59.91, 10.75, "NO"),
        )
        for n, word in enumerate(words)
    ]
    store.ingest([make_report("first", KABUL_1, published="2024-01-05")])
    for filler in fillers:
        store.ingest([filler])
    later = make_report("later", KABUL_2, published="2024-01-06")
    copy = make_report("copy", fillers[-1].text + " ", published="2024-01-18")
    result = store.ingest([copy, later])
    assert len(store._features) <= 2
    assert store._finder is not None and len(store._finder) <= 4 + 2
    # What the caches forgot is read back from the store: the attack still joins its event,
    # and a copy of a recent report is still found.
    assert result.events_joined == 1 and result.copies == {"copy": "f7"}
    store.close()


FUNERAL = (
    "Mourners buried the traders killed at the crowded Kabul market, as police hunted the gunmen "
    "who fled on motorcycles. The city's shops stayed shut."
)


def story_records() -> list[Report]:
    """An attack and, days later, another conflict event of its story (a second attack on
    the mourners): close in words, apart in date; and a football match, in no story."""
    attack = make_report("attack", KABUL_1, title="Terror on a Tuesday")
    funeral = dated(
        make_report("funeral", FUNERAL, published="2024-03-09", title="A city in mourning"),
        "2024-03-08",
    )
    return [attack, funeral]


def test_events_of_one_story_are_linked_not_merged(store: Store) -> None:
    result = store.ingest(story_records())
    assert (result.events_created, result.events_joined) == (2, 0)
    events = by_first_report(store)
    attack, funeral = events["attack"], events["funeral"]
    assert attack["related"] == [funeral["id"]] and funeral["related"] == [attack["id"]]
    assert funeral["title"] == "A city in mourning"


def test_stories_outside_conflict_are_not_linked(store: Store) -> None:
    records = story_records()
    for record in records:
        record.events[0].type, record.events[0].subtype = "Non-conflict", "Other"
    store.ingest(records)
    assert all(event["related"] == [] for event in store.events(EventFilter()))


def test_a_listing_reads_its_ids_as_one_parameter_as_an_in_list_would(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page lists 2,000 events: their reports, copies, headlines and links are read with
    the ids bound as one array (PostgreSQL) or JSON list (SQLite). A plain IN list reads the
    same."""
    from wirescope.store import queries

    copy = make_report("attack-copy", KABUL_1 + " (Reuters)")
    store.ingest([*story_records(), make_report("match", FOOTBALL), copy])
    whole = store.events(EventFilter())
    assert len(whole) >= 2 and any(event["related"] for event in whole)
    assert any(event["copies"] for event in whole)
    reports = [rid for event in whole for rid in event["reports"]]
    named = store.publishers(reports)
    monkeypatch.setattr(queries, "among", lambda _session, column, ids: column.in_(ids))
    assert store.events(EventFilter()) == whole
    assert store.publishers(reports) == named


def participant_events(store: Store, count: int = 240) -> None:
    """Events written as rows (as scripts/bench_store.py fills a store): dates over a few
    months with ties and some undated, one to three of 30 participant names each, a few of
    them also with a name of another word ("Kataib Hezbollah")."""
    import json
    import random

    from sqlalchemy.orm import Session

    from wirescope.store.models import ActorNameRow, EventActorRow, EventRow

    rng = random.Random(7)
    names = [f"armed group {k:02d}" for k in range(30)] + ["kataib hezbollah"]
    stamp = "2025-01-01T00:00:00Z"
    with Session(store.engine) as session:
        session.add_all(ActorNameRow(name_key=name) for name in names)
        session.flush()
        for n in range(count):
            day = None if n % 17 == 0 else f"2024-{rng.randint(1, 4):02d}-{rng.randint(1, 28):02d}"
            taking = sorted(set(rng.choices(names[:30], k=rng.randint(1, 3))))
            if n % 11 == 0:
                taking.append(names[30])
            session.add(
                EventRow(
                    id=f"ev-{n:04d}",
                    type="Battles",
                    subtype="Armed clash",
                    date=day,
                    country="IQ",
                    participants=json.dumps([{"name": name.title()} for name in taking]),
                    first_seen=stamp,
                    last_updated=stamp,
                )
            )
            session.flush()
            session.add_all(EventActorRow(event_id=f"ev-{n:04d}", name_key=name) for name in taking)
        session.commit()


@pytest.mark.parametrize(
    "actor",
    ["armed group 07", "group 1", "Group", "kataib", "GROUP 2", "armed group 99", "%", "p 0"],
)
def test_a_participant_filter_reads_what_the_events_join_reads(
    store: Store, monkeypatch: pytest.MonkeyPatch, actor: str
) -> None:
    """A participant filter alone (or with dates) reads its page and count from event_actors'
    (name, date) index, one name at a time or merged: the same events in the same order, and
    the same count, as filtering the events through the join, whether one name holds the
    words, a few (merged), more than NAMES_MERGED (sorted together) or none; pages deep and
    shallow; undated events (PostgreSQL lists them first, SQLite last, both ways alike)."""
    from wirescope.store import queries

    participant_events(store)
    filters = [
        EventFilter(actor=actor),
        EventFilter(actor=actor, since="2024-02-10"),
        EventFilter(actor=actor, since="2024-02", until="2024-03"),
        EventFilter(actor=actor, until="2024-03-05"),
    ]
    pages = [(100, 0), (5, 0), (7, 3), (10, 40), (2000, 0), (3, 500)]
    fast = [
        (store.count_events(chosen), [e["id"] for e in store.events(chosen, limit, offset)])
        for chosen in filters
        for limit, offset in pages
    ]
    fast_events = store.events(filters[0], 50, 2)
    monkeypatch.setattr(queries, "actor_only", lambda _filters: False)
    joined = [
        (store.count_events(chosen), [e["id"] for e in store.events(chosen, limit, offset)])
        for chosen in filters
        for limit, offset in pages
    ]
    assert fast == joined
    assert fast_events == store.events(filters[0], 50, 2)
    if actor in ("group 1", "Group"):
        assert len(fast[0][1]) == 100 and fast[0][0] > 100  # a full page, and more to count


def test_a_participant_filter_refuses_what_the_join_refuses(store: Store) -> None:
    for chosen in (EventFilter(actor="a\x00b"), EventFilter(actor="x", since="2024-13")):
        with pytest.raises(FilterError):
            store.count_events(chosen)
        with pytest.raises(FilterError):
            store.events(chosen)


def test_participant_rows_keep_their_events_date(store: Store) -> None:
    """event_actors.date is events.date, whoever writes: a new participant row, an event whose
    date moves (a report joins), an event dated at last or undated again; and after ingest."""
    from sqlalchemy import text

    def mismatched() -> list[tuple[str, str | None, str | None]]:
        with store.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT a.event_id, a.date, e.date FROM event_actors a "
                    "JOIN events e ON e.id = a.event_id"
                )
            ).all()
        assert rows
        return [(event, mine, theirs) for event, mine, theirs in rows if mine != theirs]

    store.ingest(
        [
            make_report("first", KABUL_1, actor="Taliban"),
            dated(
                make_report("later", INQUIRY, published="2024-04-10", actor="ISIS"), "2024-03-05"
            ),
        ]
    )
    assert mismatched() == []
    participant_events(store, 40)
    assert mismatched() == []
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE events SET date = '2023-01-01' WHERE id = 'ev-0001'"))
        connection.execute(text("UPDATE events SET date = NULL WHERE id = 'ev-0002'"))
        connection.execute(text("UPDATE events SET date = '2022-02-02' WHERE id = 'ev-0000'"))
        connection.execute(text("UPDATE event_actors SET date = '1999-01-01'"))
    assert mismatched() == []
    assert store.events(EventFilter(actor="group", until="2023-12"))[0]["id"] == "ev-0001"


def test_the_total_of_every_event_is_what_counting_them_gives(store: Store) -> None:
    """The list's total with no filter reads the count the triggers keep: the same as
    counting the events, after ingest, rows written directly, a delete, and in a fresh store."""
    from sqlalchemy import text

    def counted() -> int:
        with store.engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM events")).scalar_one())

    assert store.count_events(EventFilter()) == counted() == 0
    store.ingest([*story_records(), make_report("match", FOOTBALL)])
    assert store.count_events(EventFilter()) == counted() > 0
    participant_events(store, 30)
    assert store.count_events(EventFilter()) == counted() == store.count_events(EventFilter(q=""))
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM event_actors WHERE event_id LIKE 'ev-000%'"))
        connection.execute(text("DELETE FROM events WHERE id LIKE 'ev-000%'"))
    assert store.count_events(EventFilter()) == counted() == len(store.events(EventFilter(), 5000))
