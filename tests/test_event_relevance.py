"""Records an analyst can trust: an ACLED type only for a literal account of political
violence, a demonstration or a strategic development (stages/events/relevance.py,
lexicons/event_evidence.tsv); one event per real-world event; the news before the background;
figures and roles from the event's own words. One report of our own per rule family."""

from __future__ import annotations

import pytest
from conftest import record_of

from wirescope.nlp import english
from wirescope.record import ACLED_TYPES, Event, Report
from wirescope.stages.events.casualties import casualties_in


def conflict_events(record: Report) -> list[Event]:
    """What score.py counts as conflict events: ACLED-typed, actual or attempted."""
    return [
        e for e in record.events if e.type in ACLED_TYPES and e.modality in ("actual", "attempted")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Figurative uses of attack words.
        "Kim struck an unusually conciliatory note in his New Year speech on Monday. He spoke "
        "for an hour about the economy and the harvest.",
        "What struck me most was the silence, the director said. This tragedy hits our "
        "community hard, and the film shows it.",
        # Sport.
        "Hewitt fought back from two sets down to storm into the final in Melbourne. He beat "
        "the second seed in a battle that lasted four hours, and his coach said the attack on "
        "the net won the match.",
        # Business.
        "The bank launched a hostile takeover bid on Tuesday, attacking the board's strategy. "
        "Shares rallied 5% after the two firms agreed a deal, and analysts said the merger "
        "would hit the rival's profits. The company's governing body signed off the plan.",
        # Cyber attacks on computers.
        "Hackers attacked the bank's computers over the weekend and stole customer data. The "
        "cyber attack targeted thousands of accounts, the firm said.",
        # A launch.
        "SpaceX launched a rocket carrying a NASA probe to Mars on Tuesday. The rocket's "
        "first stage landed on a ship after the launch, the company said.",
        # Entertainment: a murder in a soap, a thriller that shot to number one.
        "The thriller shot straight to number one at the box office. More than 14 million "
        "viewers saw the villain killed off on Friday, and the show's battle scenes were "
        "praised by critics.",
    ],
)
def test_no_conflict_event_in_a_story_that_reports_none(text: str) -> None:
    record = record_of(text, published="2023-05-14")
    assert conflict_events(record) == [], [
        (e.type, e.subtype, e.trigger.text) for e in record.events
    ]


def test_an_accident_is_a_man_made_disaster() -> None:
    record = record_of(
        "A gas explosion at a fireworks factory killed five workers on Monday. Firefighters "
        "said a leak had caused the blast.",
        published="2023-05-15",
    )
    assert conflict_events(record) == []
    assert (record.events[0].type, record.events[0].subtype) == (
        "Non-conflict",
        "Man-made disaster",
    )


def test_a_non_conflict_story_keeps_a_non_conflict_main_event() -> None:
    record = record_of(
        "The central bank raised interest rates on Thursday. Shares fell sharply after the "
        "decision, and the finance minister said growth would slow.",
        published="2023-05-14",
    )
    assert record.events and record.events[0].type == "Non-conflict"


def test_the_same_words_in_a_conflict_report_are_an_event() -> None:
    record = record_of(
        "Militants struck a police checkpoint in the north on Monday, killing four officers. "
        "The attack was the third this month, the army said.",
        published="2023-05-15",
    )
    assert conflict_events(record)
    assert record.events[0].type in ("Battles", "Violence against civilians")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Government troops did not attack the village, a witness said.", "negated"),
        ("The militants threatened to attack the town if the army advanced.", "threatened"),
        (
            '"No matter how much America wants to attack us, we will stand firm," the '
            "minister said.",
            "hypothetical",
        ),
    ],
)
def test_threats_plans_and_negations_are_not_actual(text: str, modality: str) -> None:
    record = record_of(text, published="2023-05-14")
    attack = next(e for e in record.events if e.trigger.text.startswith("attack"))
    assert attack.modality == modality
    assert conflict_events(record) == []


def test_mentions_of_one_attack_make_one_event_with_all_its_evidence() -> None:
    record = record_of(
        "A suicide bomber blew himself up at a crowded market in Kabul on Monday, killing 12 "
        "people. The explosion wounded 30 others, police said. The attack was claimed by the "
        "Taliban.",
        published="2023-05-15",
    )
    violent = [e for e in conflict_events(record) if e.type != "Strategic developments"]
    assert len(violent) == 1
    event = violent[0]
    assert event.date == "2023-05-15"
    assert {(c.kind, c.count) for c in event.casualties} >= {("killed", 12), ("injured", 30)}
    claimed = [p for p in event.participants if p.role == "perpetrator"]
    assert [(p.text, p.certainty) for p in claimed] == [("Taliban", "claimed")]


def test_background_keeps_its_own_date_and_toll_and_comes_after_the_news() -> None:
    record = record_of(
        "Gunmen attacked a checkpoint outside Kandahar on Monday, killing three soldiers. The "
        "city was hit by a suicide bombing in 2015 that killed 40 people.",
        published="2023-05-15",
    )
    news, background = record.events[0], record.events[1]
    assert news.date == "2023-05-15"
    assert {c.count for c in news.casualties if c.kind == "killed"} == {3}
    assert background.date == "2015-01-01" and background.date_precision == "year"
    assert {c.count for c in background.casualties if c.kind == "killed"} == {40}


def test_a_denial_of_rumours_makes_no_perpetrator_and_the_attacker_is_no_victim() -> None:
    record = record_of(
        "A truck plowed into a crowd celebrating Bastille Day in Nice on Thursday night, "
        "killing 84 people. The driver was shot dead by police. Police denied rumors of a "
        "hostage-taking in the city.",
        published="2016-07-15",
    )
    event = record.events[0]
    assert event.date == "2016-07-14"
    roles = {(p.role, p.text, p.certainty) for p in event.participants}
    assert not any(text == "Police" and certainty == "denied" for _, text, certainty in roles)
    assert ("victim", "The driver", "confirmed") not in roles


def test_the_headline_event_leads_and_names_the_perpetrator() -> None:
    record = record_of(
        "A car packed with explosives rammed the wall of the consulate late on Thursday, "
        "killing at least four civilians. Talks on a ceasefire had been planned for next "
        "week, officials said.",
        title="Taliban attacks consulate with truck bomb",
        published="2016-11-11",
    )
    event = record.events[0]
    assert event.type == "Explosions/Remote violence"
    assert event.date == "2016-11-10"
    assert any(p.role == "perpetrator" and p.text == "Taliban" for p in event.participants)


def test_a_toll_is_the_event_its_words_hang_from() -> None:
    record = record_of(
        "The bombing late Thursday was revenge for air strikes last week that left 32 civilians "
        "dead, the group said. The death toll from the bombing rose to at least six on Friday.",
        published="2016-11-11",
    )
    bombing = record.events[0]
    killed = {(c.count, c.min) for c in bombing.casualties if c.kind == "killed"}
    assert (None, 6) in killed and (32, None) not in killed


def test_a_sentence_without_an_event_gives_its_toll_to_the_event_before_it() -> None:
    record = record_of(
        "Gunmen stormed a hotel in the capital on Sunday night. There have been at least two "
        "fatalities and 84 people were wounded.",
        published="2023-05-15",
    )
    killed = [c for c in record.events[0].casualties if c.kind == "killed"]
    assert [(c.count, c.min) for c in killed] == [(None, 2)]


def test_an_arrest_counts_only_where_it_takes_militants_or_activists() -> None:
    ordinary = record_of(
        "Police arrested a man on suspicion of burglary after a break-in at a bakery. The "
        "baker said nothing of value was taken, and the man was released on bail.",
        published="2023-05-14",
    )
    assert conflict_events(ordinary) == []
    political = record_of(
        "Security forces arrested twelve opposition activists in the capital on Tuesday.",
        published="2023-05-17",
    )
    assert (political.events[0].type, political.events[0].subtype) == (
        "Strategic developments",
        "Arrests",
    )


@pytest.mark.parametrize(
    ("text", "protest"),
    [
        ("Hundreds of students protested outside the embassy on Monday.", True),
        ("Thousands protested the election result in the capital on Sunday.", True),
        ("Several foreign firms protested that the new rules were unfair to them.", False),
        ("England will protest to the board about the referee's decisions.", False),
        ("The rally in crude prices continued as supplies fell in the cold spell.", False),
    ],
)
def test_a_protest_is_a_demonstration_somewhere_not_a_complaint(text: str, protest: bool) -> None:
    record = record_of(text, published="2023-05-15")
    found = [e for e in conflict_events(record) if e.type == "Protests"]
    assert bool(found) == protest, [(e.type, e.trigger.text) for e in record.events]


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("Officers fatally shot a man carrying a metal pipe.", "killed", 1),
        ("In all, 84 people have been taken to hospital.", "injured", 84),
        ("Three soldiers were hospitalised after the ambush.", "injured", 3),
    ],
)
def test_tolls_said_without_a_casualty_word(text: str, kind: str, count: int) -> None:
    casualties = casualties_in(list(english()(text).sents))
    assert (kind, count) in {(c.kind, c.count) for c in casualties}


def test_a_story_of_no_conflict_leads_with_its_headline_not_a_word_in_passing() -> None:
    record = record_of(
        "The carmaker reported record profits for the year on Monday. Its chief executive "
        "said sales had grown in every market, and that the election had barely touched "
        "demand.",
        title="Carmaker posts record profits",
        published="2023-05-15",
    )
    assert (record.events[0].type, record.events[0].subtype) == ("Non-conflict", "Other")


def test_a_headline_naming_violence_beside_a_protest_announces_the_violence() -> None:
    record = record_of(
        "A gunman opened fire near a march against the new president on Wednesday night, "
        "wounding five people. Thousands of protesters had marched through the city centre.",
        title="Protest march in the capital marred by shooting",
        published="2016-11-10",
    )
    assert (record.events[0].type, record.events[0].subtype) == (
        "Violence against civilians",
        "Attack",
    )


def test_the_past_stays_apart_even_without_a_publication_date() -> None:
    record = record_of(
        "A suicide bombing killed 14 people at a festival in the south. Last week 75 "
        "civilians were killed by army shelling in the north."
    )
    assert record.events[0].subtype == "Suicide bomb"
    assert {c.count for c in record.events[0].casualties if c.kind == "killed"} == {14}
    assert any(e.subtype == "Shelling/artillery/missile attack" for e in record.events[1:])


def test_a_military_thing_is_no_armed_actor() -> None:
    record = record_of(
        "The former executive admitted recruiting an official while she still handled "
        "military contracts. He was sentenced to four months in jail.",
        published="2023-05-15",
    )
    assert conflict_events(record) == [], [(e.type, e.trigger.text) for e in record.events]
