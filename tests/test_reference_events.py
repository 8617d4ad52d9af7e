"""Facts 3, 4 and 6-11 of ../shared/examples/kadhimi-drone/expected.md: the events.

The rules behind them are general; test_events.py checks each rule family on other sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from wirescope.record import Event, Report


@pytest.fixture(scope="module")
def record() -> Report:
    folder = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kadhimi-drone"
    if not folder.is_dir():
        pytest.skip("../shared/examples is absent")
    result = run_cli("extract", str(folder / "article.txt"))
    assert result.returncode == 0, result.stderr
    return Report.model_validate(json.loads(result.stdout))


@pytest.fixture(scope="module")
def attack(record: Report) -> Event:
    return record.events[0]


def entity_name(record: Report, entity_id: str | None) -> str:
    return next((e.name for e in record.entities if e.id == entity_id), "")


def test_fact_3_main_event_is_a_drone_strike(attack: Event) -> None:
    assert (attack.type, attack.subtype) == ("Explosions/Remote violence", "Air/drone strike")


def test_fact_4_date_early_sunday(attack: Event) -> None:
    assert attack.date == "2021-11-07"
    assert attack.date_precision == "day"
    assert attack.time_of_day == "early morning"


def test_fact_6_target_is_the_prime_minister(record: Report, attack: Event) -> None:
    targets = [p for p in attack.participants if p.role == "target"]
    assert any("Kadhimi" in entity_name(record, p.entity) for p in targets), targets


def test_fact_7_perpetrator_unclaimed_suspected_denied(record: Report, attack: Event) -> None:
    perpetrators = [p for p in attack.participants if p.role == "perpetrator"]
    by_certainty = {p.certainty: p for p in perpetrators}
    assert "unknown" in by_certainty, perpetrators
    assert "iran-backed militias" in by_certainty["suspected"].text.lower()
    denied = by_certainty["denied"]
    assert "Kataib Hezbollah" in entity_name(record, denied.entity)
    assert denied.per, "the denial is backed by the statements that make it"
    assert not any(p.certainty == "claimed" for p in perpetrators)


def test_fact_8_both_accounts_of_the_drones(attack: Event) -> None:
    drones = {i.count for i in attack.instruments if i.kind == "drone"}
    assert {1, 2} <= drones
    assert not any(i.kind == "rocket" for i in attack.instruments), "rockets of treason is a figure"


def test_fact_9_seven_guards_injured_per_the_officials(record: Report, attack: Event) -> None:
    injured = [c for c in attack.casualties if c.kind == "injured"]
    assert [c.count for c in injured] == [7]
    assert injured[0].who and "security guards" in injured[0].who
    backers = set(injured[0].per)
    officials = [s for s in record.sources if s.count == 2 and s.anonymous]
    assert officials and officials[0].id in backers
    assert not any(c.kind == "killed" for c in attack.casualties)


def test_fact_10_a_failed_attempt(attack: Event) -> None:
    assert attack.modality == "attempted"
    assert attack.outcome == "target unharmed"


def test_fact_11_the_friday_protests(record: Report) -> None:
    protests = [e for e in record.events[1:] if e.subtype == "Peaceful protest"]
    assert protests, [(e.type, e.subtype) for e in record.events]
    assert protests[0].date == "2021-11-05"
    assert protests[0].date_precision == "day"


def test_one_attack_however_many_ways_it_is_told(record: Report) -> None:
    """The explosives-laden drone, the explosion residents heard and the "rockets of treason"
    of a tweet are the drone strike, not attacks of their own."""
    violent = ("Battles", "Explosions/Remote violence", "Violence against civilians")
    assert [e.subtype for e in record.events if e.type in violent] == ["Air/drone strike"]


def test_summary_names_who_and_what(attack: Event) -> None:
    assert attack.summary and "Air/drone strike" in attack.summary and "Kadhimi" in attack.summary


def test_reactions_are_stances_toward_the_attack(record: Report, attack: Event) -> None:
    """Condemnations and denials are about the drone strike, not about the diplomatic
    reactions or attributions read around it."""
    stances = [st for s in record.statements for st in s.stance if st.type in ("condemn", "deny")]
    assert len(stances) >= 5
    assert all(st.event == attack.id for st in stances)
