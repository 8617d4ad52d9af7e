"""Helpers for the store tests: databases on both backends, records built by hand."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from wirescope.record import Casualty, Entity, Event, Meta, Participant, Place, Report

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def sqlite_url(folder: object) -> str:
    return f"sqlite:///{folder}/store.db"


def postgres_schema() -> Iterator[str]:
    """A fresh schema per test (dropped after): runs on one database never collide."""
    schema = "ws_test_" + uuid.uuid4().hex[:12]
    engine = create_engine(POSTGRES)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        reason = f"PostgreSQL at 127.0.0.1:5432 is not reachable: {error.orig}"
        if os.environ.get("WIRESCOPE_REQUIRE_POSTGRES"):  # CI (.ci/run) starts it: fail there
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield f"{POSTGRES}?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def make_report(
    rid: str,
    text: str,
    *,
    published: str = "2024-03-05",
    title: str | None = None,
    url: str | None = None,
    type: str = "Violence against civilians",
    subtype: str = "Attack",
    place: tuple[str, float, float, str] | None = ("Kabul", 34.53, 69.17, "AF"),
    killed: int | None = None,
    at_least_killed: int | None = None,
    actor: str | None = None,
) -> Report:
    """A record as the pipeline would write it, with one main event."""
    places = []
    if place:
        name, lat, lon, country = place
        places.append(
            Place(id="p1", name=name, kind="city", lat=lat, lon=lon, country=country, admin1=name)
        )
    entities, participants = [], []
    if actor:
        entities.append(Entity(id="e1", name=actor, kind="group"))
        participants.append(Participant(role="perpetrator", entity="e1", text=actor, per=["s1"]))
    casualties = []
    if killed is not None or at_least_killed is not None:
        casualties.append(Casualty(kind="killed", count=killed, min=at_least_killed))
    event = Event(
        id="v1",
        type=type,
        subtype=subtype,
        date=published[:10],
        date_precision="day",
        place="p1" if place else None,
        geo_precision=1 if place else None,
        participants=participants,
        casualties=casualties,
        summary=f"{subtype} in {place[0] if place else 'an unknown place'}",
    )
    return Report(
        id=rid,
        meta=Meta(title=title, url=url, published=published, language="en"),
        text=text,
        entities=entities,
        places=places,
        events=[event],
    )


KABUL_1 = (
    "Gunmen stormed a crowded market in Kabul on Tuesday, killing shoppers and traders, "
    "police said. The attackers opened fire near the central mosque before fleeing on "
    "motorcycles, witnesses told reporters."
)
KABUL_2 = (
    "Police in Kabul said gunmen on motorcycles opened fire at a crowded market near the "
    "central mosque on Tuesday, killing traders and shoppers. Witnesses described panic as "
    "the attackers fled."
)
FOOTBALL = (
    "Arsenal beat Chelsea three goals to one at the Emirates Stadium on Saturday, with the "
    "striker scoring twice in the second half as the home supporters celebrated a derby win."
)
