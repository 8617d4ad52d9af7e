"""The main event as an analyst reads it, one rule family a sentence of our own: its day when
the report names none, its means and subtype, its place, who did it, and its figures."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import record_of

from wirescope.record import Event, Report
from wirescope.stages.events.dates import time_of_day, undated_day

THURSDAY = date(2016, 11, 10)


def main_event(record: Report) -> Event:
    return record.events[0]


def perpetrators(event: Event) -> list[tuple[str, str]]:
    return [(p.text, p.certainty) for p in event.participants if p.role == "perpetrator"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [("shortly before 7 pm", "19:00"), ("at 11:30pm local time", "23:30"), ("7 p.m.", "19:00")],
)
def test_a_whole_hour_with_its_meridiem_is_a_time_of_day(words: str, expected: str) -> None:
    assert time_of_day(words) == expected


def test_seven_people_is_no_time_of_day() -> None:
    assert time_of_day("7 people were hurt") is None


@pytest.mark.parametrize(
    ("hour", "longitude", "dateline", "expected"),
    [
        ("19:00", -122.3, False, date(2016, 11, 9)),  # a Seattle evening, dated in London
        ("night", -122.3, False, date(2016, 11, 9)),
        ("23:30", 67.1, False, THURSDAY),  # a Mazar-i-Sharif night is still that day in UTC
        ("19:00", -122.3, True, THURSDAY),  # a report filed from the place is in its time
        (None, -122.3, False, THURSDAY),
    ],
)
def test_undated_news_is_the_report_day_in_the_events_local_time(
    hour: str | None, longitude: float, dateline: bool, expected: date
) -> None:
    assert undated_day(THURSDAY, hour, longitude, dateline) == expected


def test_an_undated_evening_shooting_abroad_is_the_day_before_publication() -> None:
    record = record_of(
        "Five people were wounded in a shooting in Seattle. The shooting happened shortly "
        "before 7 pm near a march.",
        published="2016-11-10",
    )
    event = main_event(record)
    assert (event.type, event.date, event.date_text) == (
        "Violence against civilians",
        "2016-11-09",
        "shortly before 7 pm",
    )


def test_background_stays_undated_when_its_words_give_no_day() -> None:
    record = record_of(
        "Militants attacked a checkpoint in Kandahar on Monday, killing three soldiers. "
        "The province has seen clashes in past years.",
        published="2021-11-10",
    )
    assert main_event(record).date == "2021-11-08"


def test_air_strikes_named_as_the_motive_are_not_the_bombing() -> None:
    record = record_of(
        "A suicide car bomb exploded outside the consulate in Mazar-i-Sharif on Thursday, "
        "killing four people. The Taliban said it was revenge for air strikes in Kunduz.",
        published="2016-11-11",
    )
    subtypes = [e.subtype for e in record.events if e.type == "Explosions/Remote violence"]
    assert subtypes[0] == "Suicide bomb"
    assert "Air/drone strike" in subtypes[1:]


def test_a_suicide_attacker_makes_a_truck_bombing_a_suicide_bomb() -> None:
    record = record_of(
        'A truck bombing hit the consulate in Mazar-i-Sharif late Thursday. "The suicide '
        'attacker rammed his car into the wall," the police chief said.',
        published="2016-11-11",
    )
    assert main_event(record).subtype == "Suicide bomb"


def test_a_dateline_after_a_photo_label_names_no_perpetrator() -> None:
    record = record_of(
        "Photo KUNDUZ, Afghanistan -- Taliban insurgents struck at a police post in Baghlan "
        "late Thursday, killing two officers.",
        published="2016-11-11",
    )
    assert record.meta.dateline == "Kunduz, Afghanistan"
    assert [text for text, _ in perpetrators(main_event(record))] == ["Taliban insurgents"]


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        (
            "A bomb exploded in a market in Kabul; four dead bodies and 120 wounded were "
            "brought in.",
            "injured",
            120,
        ),
        (
            "A gunman opened fire in a bar in Dallas. Medics treated five patients with "
            "gunshot wounds.",
            "injured",
            5,
        ),
    ],
)
def test_counted_casualty_words_give_their_figure(text: str, kind: str, count: int) -> None:
    casualties = main_event(record_of(text, published="2021-11-10")).casualties
    assert any(c.kind == kind and c.count == count for c in casualties)


def test_the_gunman_still_at_large_is_the_unnamed_perpetrator() -> None:
    record = record_of(
        "Five people were shot near a rally in Seattle on Wednesday night. Police said the "
        "alleged shooter fled on foot. The gunman is still on the run.",
        title="Shooting in Seattle: five people wounded by gunfire",
        published="2016-11-10",
    )
    assert perpetrators(main_event(record)) == [("The gunman", "confirmed")]


def test_a_suspect_alone_is_a_suspected_perpetrator() -> None:
    record = record_of(
        "Two people were stabbed in a park in Leeds on Monday. Police are looking for a suspect.",
        published="2021-11-10",
    )
    assert perpetrators(main_event(record)) == [("a suspect", "suspected")]


def test_a_trigger_that_only_qualifies_people_names_no_event() -> None:
    record = record_of("Fire crews and the gang unit were at the scene in Dallas.")
    assert not any(e.trigger.text.lower() in ("fire", "gang") for e in record.events)


def test_shooting_victims_still_tell_a_shooting() -> None:
    record = record_of("Police said the shooting victims were taken to hospital in Dallas.")
    assert main_event(record).type == "Violence against civilians"


def test_the_headline_gives_the_town_when_the_text_names_only_the_country() -> None:
    record = record_of(
        "A suicide car bomb exploded at the consulate late Thursday, killing two people in "
        "Afghanistan. Officials in Mazar-i-Sharif said the wall was destroyed.",
        title="Taliban bomb attack on consulate in Afghan city of Mazar-i-Sharif",
        published="2016-11-11",
    )
    places = {p.id: p for p in record.places}
    assert places[main_event(record).place].country == "AF"
    assert places[main_event(record).place].kind == "city"


def test_officers_are_the_police_force_the_report_names() -> None:
    record = record_of(
        "The New York Police Department says officers fatally shot a man carrying a metal pipe "
        "in Brooklyn on Wednesday.",
        published="2018-04-05",
    )
    (perpetrator,) = [p for p in main_event(record).participants if p.role == "perpetrator"]
    entities = {e.id: e.name for e in record.entities}
    assert entities[perpetrator.entity] == "New York Police Department"


@pytest.mark.parametrize(
    ("words", "expected", "precision"),
    [
        ("two days ago", "2016-11-08", "day"),
        ("three months ago", "2016-08-01", "month"),
        ("ten years ago", "2006-01-01", "year"),
    ],
)
def test_a_count_of_units_ago_is_dated_back_from_publication(
    words: str, expected: str, precision: str
) -> None:
    from wirescope.stages.events.dates import names_the_past, resolve

    when = resolve(words, THURSDAY)
    assert (when.date, when.precision) == (expected, precision)
    assert names_the_past(words) == (precision != "day")


def test_a_shooting_years_ago_is_background_with_its_own_toll() -> None:
    record = record_of(
        "A pastor was shot dead at a church in Maryville on Sunday. Ten years ago, a gunman "
        "entered a church in Fort Worth and killed seven people.",
        published="2016-11-10",
    )
    main = main_event(record)
    assert main.date == "2016-11-06"
    assert not any(c.count == 7 for c in main.casualties)
    assert perpetrators(main) == []


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        (
            "The three defendants are on trial for murder at the Old Bailey in a gang case.",
            "Legal action",
        ),
        ("Police arrested a man for the theft of a car in Leeds on Monday.", "Other"),
        ("Police arrested members of a drug cartel in Leeds on Monday.", "Organized crime"),
    ],
)
def test_a_court_case_is_legal_action_and_only_a_network_makes_crime_organised(
    text: str, subtype: str
) -> None:
    event = main_event(record_of(text, published="2021-11-10"))
    assert (event.type, event.subtype) == ("Non-conflict", subtype)


@pytest.mark.parametrize(
    "text",
    [
        "The streets of Chicago were flooded with fans after the Cubs won.",
        "Cubs fans flooded the streets of Chicago on Wednesday night.",
        "Raikkonen crashed out on lap 20 in Sao Paulo.",
        "Hackers hit the betting sites with a flood of data.",
        "The feud between the brothers spilled over into the boardroom in Mumbai.",
    ],
)
def test_figurative_floods_spills_and_crashes_are_no_disaster(text: str) -> None:
    assert not any(
        e.subtype in ("Natural disaster", "Man-made disaster") for e in record_of(text).events
    )


def test_an_age_or_a_span_is_no_date() -> None:
    record = record_of(
        "The driver, a 42-year-old man from Beckenham, was released on bail after weeks of "
        "questioning.",
        published="2016-11-10",
    )
    assert all(e.date_text is None for e in record.events)


def test_outside_violence_a_side_is_people_or_a_body() -> None:
    event = main_event(
        record_of("The driver was released on bail in Croydon on Thursday.", published="2016-11-11")
    )
    assert [p.text for p in event.participants] == ["The driver"]


def test_a_denial_counts_no_dead_of_its_own() -> None:
    record = record_of(
        "The rebels deny the army's figures. Monitors say at least 1,600 civilians were killed "
        "in the air campaign on Ghouta.",
        published="2018-04-07",
    )
    denials = [e for e in record.events if e.trigger.text.lower().startswith("den")]
    assert denials and all(not e.casualties for e in denials)


def test_a_recalled_player_is_no_diplomacy() -> None:
    assert main_event(
        record_of("Kirwan recalled Cristian Stoica for the match in Rome.")
    ).subtype != ("Diplomatic event")
    assert main_event(record_of("France recalled its ambassador to Washington.")).subtype == (
        "Diplomatic event"
    )


def test_the_summary_gives_one_figure_of_each_kind() -> None:
    record = record_of(
        "At least seven people were killed when a tram crashed in Croydon on Wednesday. Seven "
        "people died and two of the dead were women.",
        published="2016-11-10",
    )
    assert main_event(record).summary.count("killed") == 1


def test_a_full_date_needs_no_publication_date() -> None:
    record = record_of(
        "The MoD said Sergeant Tonroe was killed by a roadside bomb in Manbij on the 29th March "
        "2018."
    )
    assert (main_event(record).date, main_event(record).date_precision) == ("2018-03-29", "day")


@pytest.mark.parametrize(
    "text",
    [
        "He was charged with murder in Leeds on Monday.",
        "The singer was jailed for the killing of a teenager in Leeds.",
    ],
)
def test_the_crime_a_court_names_is_no_attack(text: str) -> None:
    assert not any(e.type == "Violence against civilians" for e in record_of(text).events)


@pytest.mark.parametrize(
    "text",
    [
        "Smith will be in charge of Scotland from Thursday.",
        "Clinical trials of the drug began in London.",
    ],
)
def test_a_manager_in_charge_and_a_clinical_trial_try_no_one(text: str) -> None:
    assert not any(e.subtype == "Legal action" for e in record_of(text).events)


def test_undated_air_strikes_beside_last_weeks_are_one_event() -> None:
    record = record_of(
        "A suicide bomber hit the German consulate in Mazar-i-Sharif on Thursday, killing four "
        "people. The Taliban said the attack avenged air strikes in Kunduz. Air strikes on a "
        "village near Kunduz last week killed 30 people.",
        published="2016-11-11",
    )
    strikes = [e for e in record.events if e.subtype == "Air/drone strike"]
    assert len(strikes) == 1
    assert main_event(record).subtype == "Suicide bomb"
    assert strikes[0].date is not None and strikes[0].date < "2016-11-07"


def test_an_act_the_report_says_was_not_allowed_did_not_happen() -> None:
    record = record_of(
        "National Guard troops would not be allowed to arrest people crossing the border in "
        "Oregon, the governor said.",
        published="2018-04-07",
    )
    assert not any(e.subtype == "Arrests" and e.modality == "actual" for e in record.events)


def test_a_judge_dismissing_a_claim_is_legal_action() -> None:
    record = record_of("A judge has dismissed an attempt by Yukos to gain bankruptcy protection.")
    assert main_event(record).subtype == "Legal action"


def test_it_in_what_a_body_reports_is_that_body() -> None:
    record = record_of(
        "The Syrian army command says it has regained most of the towns and villages in "
        "eastern Ghouta from rebel fighters.",
        published="2018-04-07",
    )
    event = main_event(record)
    assert perpetrators(event) == [("The Syrian army command", "confirmed")]
    assert [p.text for p in event.participants if p.role == "target"] == ["most of the towns"]


def test_he_in_what_the_police_report_is_not_the_police() -> None:
    record = record_of(
        "Police said he shot a man in a bar in Leeds on Monday.", published="2021-11-10"
    )
    assert perpetrators(main_event(record)) == []


def test_the_name_on_a_weapon_is_who_used_it() -> None:
    record = record_of(
        "Three soldiers were killed by a Hamas rocket in Sderot on Monday.", published="2021-11-10"
    )
    assert perpetrators(main_event(record)) == [("Hamas", "confirmed")]


def test_a_weapon_word_or_a_blast_joins_the_strike_it_belongs_to() -> None:
    record = record_of(
        "A drone attack hit the prime minister's home in Baghdad early Sunday. Residents heard "
        "an explosion. The government said an explosives-laden drone tried to hit the home. "
        '"The rockets of treason will not shake us," he said.',
        published="2021-11-07",
    )
    violent = [e for e in record.events if e.type == "Explosions/Remote violence"]
    assert [e.subtype for e in violent] == ["Air/drone strike"]


def test_a_day_in_the_lead_beats_a_week_that_hangs_from_a_later_mention() -> None:
    record = record_of(
        "Taliban insurgents struck at the German consulate in the northern commercial hub of "
        "Mazar-i-Sharif late Thursday night, killing at least two people. A Taliban spokesman "
        "called the attack a reprisal for the raids this week.",
        published="2016-11-11",
    )
    event = main_event(record)
    assert (event.date, event.date_precision) == ("2016-11-10", "day")


def test_state_forces_taking_full_control_regain_territory() -> None:
    record = record_of(
        "The Syrian forces took full control of the town of Rabia in Lattakia province in "
        "fierce clashes with the militants."
    )
    assert main_event(record).subtype == "Government regains territory"


def test_an_attack_on_a_militia_is_a_battle() -> None:
    record = record_of(
        "Heavily armed al-Shabab fighters have attacked a militia group loyal to the Ethiopian "
        "government."
    )
    assert (main_event(record).type, main_event(record).subtype) == ("Battles", "Armed clash")


@pytest.mark.parametrize(
    "text",
    [
        "But just six laps later, Ericsson crashed at high speed as he entered the pit straight "
        "of the race in Sao Paulo.",
        "The Chicago Cubs ended their 108-year title drought in Cleveland.",
        "Toblerone has come under fire after it increased the space between its triangles.",
    ],
)
def test_a_crash_in_a_race_a_drought_in_a_season_and_criticism_are_no_disaster(text: str) -> None:
    event = main_event(record_of(text))
    assert (event.type, event.subtype) == ("Non-conflict", "Other")


def test_attacks_on_the_campaign_trail_and_sitting_in_the_audience_are_no_conflict() -> None:
    record = record_of(
        "Just days after vicious attacks on the campaign trail, the two men shook hands. In "
        "2011 Obama mocked Trump at a press dinner as the businessman sat in the audience."
    )
    assert not any(e.type in ("Violence against civilians", "Protests") for e in record.events)


def test_a_suicide_bomber_crashing_a_truck_into_a_consulate_is_the_attack() -> None:
    record = record_of(
        "At least two people have been killed after a suicide bomber crashed a truck loaded "
        "with explosives into a German consulate building in Mazar-e-Sharif on Thursday.",
        published="2016-11-11",
    )
    assert main_event(record).subtype == "Suicide bomb"


def test_a_fire_or_a_stampede_at_a_match_stays_a_disaster() -> None:
    for text in (
        "A fire broke out at the stadium during the match in Lagos, killing 12 fans.",
        "A stampede at the football match in Cairo killed 20 people.",
    ):
        assert main_event(record_of(text)).subtype == "Man-made disaster"


def test_people_found_after_a_nerve_agent_attack_are_no_weapons_found() -> None:
    record = record_of(
        "The Skripals were found slumped on a bench in Salisbury on March 4 in a nerve agent "
        "attack that the British government has blamed on Russia.",
        published="2018-04-07",
    )
    assert main_event(record).subtype == "Chemical weapon"


def test_a_report_whose_only_attack_is_background_is_about_its_lead() -> None:
    record = record_of(
        "Yulia Skripal made her first public comment on Thursday since being poisoned last "
        "month. The Skripals were found slumped on a bench in Salisbury on March 4 in a nerve "
        "agent attack. She said she was getting stronger every day. On March 29 the hospital "
        "said she was getting better. She thanked the staff who treated her."
    )
    assert main_event(record).type == "Non-conflict"
    assert any(e.subtype == "Chemical weapon" for e in record.events[1:])


def test_a_snippet_is_about_its_event_however_long_ago() -> None:
    record = record_of("Ten years ago, a gunman killed seven people at a church in Fort Worth.")
    assert main_event(record).type == "Violence against civilians"


@pytest.mark.parametrize(
    "text",
    [
        "The Mavic Mini is the ideal combination of a capable drone in a small package. It is "
        "perfect for those new to drones. The battery lasts 30 minutes. The camera is sharp. "
        "It costs $399 at Amazon.",
        "The space agency will launch its Dragonfly mission to dispatch a drone to study "
        "Titan. The map shows dunes and lakes. Scientists said it was really cool to see a drone "
        "flying around on Titan. The mission launches in 2026.",
    ],
)
def test_a_drone_named_without_an_act_is_a_device(text: str) -> None:
    assert not any(e.type == "Explosions/Remote violence" for e in record_of(text).events)


def test_hostages_set_free_are_a_release_not_an_abduction() -> None:
    record = record_of(
        "The Taliban freed two hostages, an American and an Australian, in Zabul on Tuesday.",
        published="2019-11-20",
    )
    assert (main_event(record).type, main_event(record).subtype) == (
        "Strategic developments",
        "Other",
    )


def test_a_toll_summed_since_a_day_is_no_events_own() -> None:
    record = record_of(
        "Turkey shelled Qamishli on Tuesday. Monitors say 24 civilians have been killed in the "
        "clashes in Afrin since Saturday.",
        published="2018-01-24",
    )
    assert not any(c.count == 24 for c in main_event(record).casualties)


def test_a_campaign_rally_is_no_demonstration() -> None:
    record = record_of(
        "Melania Trump was speaking at a campaign rally in Philadelphia on Thursday."
    )
    assert not any(e.type == "Protests" for e in record.events)


def test_rockets_that_strike_near_an_embassy_are_a_missile_attack_there() -> None:
    record = record_of(
        "BAGHDAD (AP) — At least three rockets struck near the U.S. Embassy in Baghdad's "
        "heavily fortified Green Zone before dawn on Tuesday, Iraqi security officials said. "
        "Residents heard loud bangs followed by bursts of tracer fire. No group claimed "
        "responsibility. The embassy said the attack caused no casualties. Officials said "
        "the rockets were fired from a field in eastern Baghdad.",
        published="2025-04-22T10:15:00Z",
    )
    event = main_event(record)
    places = {p.id: p for p in record.places}
    assert event.subtype == "Shelling/artillery/missile attack"
    assert places[event.place].country == "IQ"
    assert not any(e.subtype == "Man-made disaster" for e in record.events)


def test_a_rocket_that_launches_a_probe_is_no_weapon() -> None:
    record = record_of(
        "The rocket carrying the probe lifted off from Cape Canaveral on Monday. Engineers "
        "cheered as the rocket reached orbit. The probe will study Mars. It launches a rover "
        "next year. The agency called it a triumph."
    )
    assert not any(e.type == "Explosions/Remote violence" for e in record.events)
