"""The events stage's rule families on sentences of our own: dates, casualties, instruments,
modality, responsibility; then whole records through the pipeline."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import record_of

from wirescope.nlp import english
from wirescope.record import Casualty
from wirescope.stages.events.casualties import casualties_in
from wirescope.stages.events.dates import resolve
from wirescope.stages.events.instruments import instruments_in
from wirescope.stages.events.modality import modality_and_outcome

SUNDAY = date(2021, 11, 7)
MONDAY = date(2021, 11, 8)


@pytest.mark.parametrize(
    ("words", "published", "expected", "precision"),
    [
        ("early Sunday", SUNDAY, "2021-11-07", "day"),
        ("on Friday", SUNDAY, "2021-11-05", "day"),
        ("early Tuesday", MONDAY, "2021-11-09", "day"),  # one day ahead: time zones differ
        ("Monday", MONDAY, "2021-11-08", "day"),
        ("last month", SUNDAY, "2021-10-01", "month"),
        ("Nov. 5", SUNDAY, "2021-11-05", "day"),
        ("on 20 October", SUNDAY, "2021-10-20", "day"),
        ("December 28", date(2022, 1, 3), "2021-12-28", "day"),  # last year's December
        ("yesterday", SUNDAY, "2021-11-06", "day"),
        ("last week", SUNDAY, "2021-10-31", "week"),
        ("in 2019", SUNDAY, "2019-01-01", "year"),
        ("Thursday, February 2, 2016", SUNDAY, "2016-02-02", "day"),
    ],
)
def test_relative_dates_resolve_against_publication(
    words: str, published: date, expected: str, precision: str
) -> None:
    when = resolve(words, published)
    assert (when.date, when.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("words", "part"),
    [
        ("early Sunday", "early morning"),
        ("10:45 pm", "22:45"),
        ("Saturday night", "night"),
        ("Tuesday afternoon", "afternoon"),
        ("Friday", None),
    ],
)
def test_time_of_day(words: str, part: str | None) -> None:
    assert resolve(words, SUNDAY).time_of_day == part


def casualties(text: str) -> list[Casualty]:
    return casualties_in(list(english()(text).sents))


def figures(text: str) -> list[tuple[str, int | None, int | None, int | None]]:
    return [(c.kind, c.count, c.min, c.max) for c in casualties(text)]


def test_casualties_in_words_and_digits() -> None:
    found = casualties(
        "Officials said that nine of the mayor's bodyguards were wounded in the ambush."
    )
    assert [(c.kind, c.count) for c in found] == [("injured", 9)]
    assert found[0].who and found[0].who.endswith("mayor's bodyguards")
    assert figures("Gunmen opened fire on a bus, killing 14 passengers.") == [
        ("killed", 14, None, None)
    ]


def test_casualty_ranges_are_bounds_not_counts() -> None:
    assert figures("At least 12 people were killed in the blast.") == [("killed", None, 12, None)]
    assert ("injured", None, 24, None) in figures(
        "Two soldiers were killed and dozens wounded in the raid."
    )
    assert figures("More than 100 people were arrested after the march.") == [
        ("arrested", None, 101, None)
    ]


def test_no_casualty_is_imputed() -> None:
    assert figures("No one was hurt in the explosion, police said.") == []
    assert figures("The convoy came under fire near the border.") == []


def test_a_single_victim_counts_one() -> None:
    assert figures("A policeman was killed when the bomb went off.") == [("killed", 1, None, None)]


def instruments(text: str) -> list[tuple[str, int | None]]:
    return [(i.kind, i.count) for i in instruments_in(list(english()(text).sents))]


def test_instruments_keep_every_account() -> None:
    found = instruments(
        "Police said three rockets hit the base. The army said a single rocket landed nearby."
    )
    assert ("rocket", 3) in found and ("rocket", 1) in found


def test_figurative_weapons_are_not_instruments() -> None:
    assert instruments("He said the bullets of hatred would never silence the city.") == []


def modality_of(text: str, trigger_word: str) -> tuple[str, str | None]:
    doc = english()(text)
    token = next(t for t in doc if t.text == trigger_word)
    return modality_and_outcome([doc[token.i : token.i + 1]], list(doc.sents))


def test_modality_attempts_threats_plans_negation() -> None:
    assert (
        modality_of("The minister survived an assassination attempt on Monday.", "attempt")[0]
        == "attempted"
    )
    assert modality_of("Security forces foiled a bombing at the stadium.", "bombing") == (
        "attempted",
        "attack foiled",
    )
    assert modality_of("The group threatened to attack the embassy.", "attack")[0] == "threatened"
    assert modality_of("Militants planned to bomb the bridge.", "bomb")[0] == "planned"
    assert modality_of("The army did not attack the town.", "attack")[0] == "negated"
    assert modality_of("Rebels attacked the town.", "attacked") == ("actual", None)
    assert (
        modality_of("A car bomb hit the convoy but the governor was unharmed.", "hit")[1]
        == "target unharmed"
    )


def test_a_report_always_has_a_main_event() -> None:
    record = record_of(
        "Arsenal beat Chelsea 2-1 on Saturday to go top of the league.", published="2021-11-07"
    )
    assert record.events and record.events[0].id == "v1"


def test_claims_and_denials_give_certainty() -> None:
    record = record_of(
        "A car bomb killed five soldiers in the northern town of Kirkuk on Tuesday. "
        "The Islamic State group claimed responsibility for the bombing in a statement. "
        "A spokesman for the Kurdistan Workers' Party denied involvement in the attack.",
        published="2021-11-10",
    )
    event = record.events[0]
    certainties = {p.certainty for p in event.participants if p.role == "perpetrator"}
    assert {"claimed", "denied"} <= certainties, event.participants
    assert event.date == "2021-11-09"
    assert [(c.kind, c.count) for c in event.casualties] == [("killed", 5)]


def test_unclaimed_attack_and_blame() -> None:
    record = record_of(
        "Gunmen stormed a village in Zamfara state early Friday, killing at least 20 people. "
        "No group has claimed the attack, but the government blamed bandits.",
        published="2021-11-07",
    )
    event = record.events[0]
    perpetrators = {p.certainty: p.text for p in event.participants if p.role == "perpetrator"}
    assert "unknown" in perpetrators and perpetrators.get("suspected") == "bandits"
    assert event.date == "2021-11-05" and event.time_of_day == "early morning"
    assert [(c.kind, c.min) for c in event.casualties] == [("killed", 20)]


def test_the_headline_names_the_main_event() -> None:
    """A body that opens on talks but whose headline announces a strike: the strike leads."""
    record = record_of(
        "Mediators met in Cairo on Thursday to revive stalled ceasefire talks. Hours earlier an "
        "air strike on a house in Rafah killed six people, medics said.",
        title="Air strike on Rafah house kills six as mediators meet on ceasefire",
        published="2024-07-11",
    )
    main = record.events[0]
    assert main.subtype == "Air/drone strike", [(e.subtype, e.trigger) for e in record.events]
    assert [(c.kind, c.count) for c in main.casualties] == [("killed", 6)]
    assert all(p.role == "victim" for p in main.participants if p.text == "six people")


def test_a_period_is_not_the_event_date() -> None:
    record = record_of(
        "Rebels attacked an army post that had been quiet since 1959.", published="2021-11-10"
    )
    # Undated news is the report's day (as ACLED codes it), never the period's start.
    assert (record.events[0].date, record.events[0].date_text) == ("2021-11-10", None)


def test_a_place_that_qualifies_an_actor_is_not_where_it_happened() -> None:
    record = record_of(
        "Iran-backed militias fired rockets at a base in Erbil on Monday.", published="2021-11-08"
    )
    place = next(p for p in record.places if p.id == record.events[0].place)
    assert place.name == "Erbil"
    record = record_of(
        "US-led coalition warplanes struck targets overnight.", published="2021-11-08"
    )
    assert record.events[0].place is None


def test_a_duty_is_not_a_charge() -> None:
    record = record_of("The forces charged with upholding the law offered help.")
    assert all(e.subtype != "Legal action" for e in record.events)
    record = record_of("Five men were charged with murder on Monday.")
    assert any(e.subtype == "Legal action" for e in record.events)


def test_those_who_act_on_protesters_are_the_perpetrators() -> None:
    record = record_of(
        "LAGOS — Police fired tear gas at hundreds of protesters outside the governor's office "
        "on Monday.",
        published="2021-11-08",
    )
    roles = {(p.role, p.text) for p in record.events[0].participants}
    assert ("perpetrator", "Police") in roles and ("target", "protesters") in roles


def test_fire_is_shooting_or_arson_by_its_words() -> None:
    assert instruments("Gunmen opened fire on a bus.") == [("firearm", None)]
    assert instruments("Rioters set fire to a police vehicle.") == [("fire", None)]


def test_the_perfect_tense_is_not_a_passive() -> None:
    assert figures("The conflict has killed thousands of people since April.") == [
        ("killed", None, 2000, None)
    ]
    assert figures("The war has killed.") == []
