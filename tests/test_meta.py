"""The meta stage: credits in their usual forms, update times, datelines, language, bylines."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wirescope.record import Report
from wirescope.stages.meta import (
    dateline_end,
    find_credits,
    find_dateline,
    find_updated,
    parse_updated,
)

Extract = Callable[..., Report]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Reporting by AP and Reuters"], ["AP", "Reuters"]),
        (["Reporting by Jane Doe in Kyiv; Editing by Tom Roe"], ["Jane Doe"]),
        (
            ["Writing by Ana Lima; Additional reporting by Agence France-Presse"],
            ["Ana Lima", "AFP"],
        ),
        (
            [
                "Associated Press writers Sam Hill in Cairo and Lea Moss in Beirut "
                "contributed to this report."
            ],
            ["AP", "Sam Hill", "Lea Moss"],
        ),
        (["\u2014 AFP"], ["AFP"]),
        (["(Reuters)"], ["Reuters"]),
        (["Iran contributed troops to the mission and Reporting by nobody matters here."], []),
        (["Police said the attack was carried out by two men on a motorbike."], []),
    ],
)
def test_credit_lines(lines: list[str], expected: list[str]) -> None:
    assert find_credits(lines, None) == expected


def test_dateline_and_its_agency() -> None:
    assert find_dateline("BAGHDAD (AP) \u2014 A drone hit the house.") == ("Baghdad", "AP")
    assert find_dateline("KYIV, Ukraine (Reuters) - Drones attacked.") == (
        "Kyiv, Ukraine",
        "Reuters",
    )
    assert find_dateline("NAIROBI, Kenya \u2014 Police fired.") == ("Nairobi, Kenya", None)
    assert find_dateline("Iraq's Prime Minister survived an attack.") == (None, None)
    assert find_credits([], "Reuters") == ["Reuters"]


@pytest.mark.parametrize(
    ("text", "dateline", "credits"),
    [
        ("(CNN) -- Floods cut the main road to the port on Friday.", None, ["CNN"]),
        ("(CNN)Floods cut the main road to the port on Friday.", None, ["CNN"]),
        ("(Reuters) - Two ferries collided off the coast overnight.", None, ["Reuters"]),
        (
            "WASHINGTON (AP) \u2014 Senators left the capital without a budget deal.",
            "Washington",
            ["AP"],
        ),
        (
            "BEIJING, Dec. 29 (Xinhua) -- A new rail line opened in the north on Sunday.",
            "Beijing",
            ["Xinhua"],
        ),
        (
            "By Lina Park | AP\nFarmers blocked the highway with tractors.",
            None,
            ["Lina Park", "AP"],
        ),
        (
            "By Omar Said and Ruth Vale | Reuters\nLAGOS (Reuters) - Fuel queues grew on Monday.",
            "Lagos",
            ["Reuters", "Omar Said", "Ruth Vale"],
        ),
    ],
)
def test_wire_openers_give_dateline_and_credits(
    text: str, dateline: str | None, credits: list[str]
) -> None:
    place, agency = find_dateline(text)
    assert place == dateline
    assert find_credits(text.splitlines(), agency) == credits
    assert dateline_end(text) > 0


def test_openers_are_no_statement_and_no_event_place(extract_record: Extract) -> None:
    texts = [
        "(Reuters) - Gunmen killed three police officers in Kandahar on Sunday, "
        "according to local reports.",
        'BEIJING, Dec. 29 (Xinhua) -- "We will respond," the ministry warned after gunmen '
        "killed three police officers in Kandahar.",
        "By Lina Park | AP\nWASHINGTON (AP) \u2014 Gunmen killed three police officers in "
        "Kandahar on Sunday, the governor said.",
    ]
    for text in texts:
        record = extract_record(text)
        opener = dateline_end(text)
        assert opener > 0 and record.meta.credits
        assert record.statements, text
        for statement in record.statements:
            spans = [
                *statement.content,
                statement.speaker.span,
                statement.cue and statement.cue.span,
            ]
            assert all(span[0] >= opener for span in spans if span), (text, statement)
        places = {place.id: place for place in record.places}
        assert record.events, text
        for event in record.events:
            place = places.get(event.place or "")
            assert place is not None and place.name.startswith("Kandah"), (text, place)


@pytest.mark.parametrize(
    ("line", "published", "expected"),
    [
        ("Updated at 8:45 GMT", "2021-11-07", "2021-11-07T08:45:00Z"),
        ("Last updated: 7 November 2021, 10:05 UTC", None, "2021-11-07T10:05:00Z"),
        ("Updated Nov. 8, 2021 3:30 p.m. ET", "2021-11-07", "2021-11-08T20:30:00Z"),
        ("Updated at 01:15 GMT", "2021-11-07T22:00:00Z", "2021-11-08T01:15:00Z"),
        ("Updated at 8:45 GMT", None, None),
    ],
)
def test_update_lines(line: str, published: str | None, expected: str | None) -> None:
    assert find_updated([line], published) == expected


def test_unknown_zone_gives_no_update_time() -> None:
    assert parse_updated("8:45 XYZ", "2021-11-07") is None


def test_meta_in_a_record(extract_record: Extract) -> None:
    text = (
        "BEIRUT (AFP) \u2014 Protesters blocked roads in the capital on Monday.\n"
        "Updated at 14:20 GMT\n"
        "Reporting by Maya Haddad; Editing by Tom Roe\n"
    )
    record = extract_record(text, published="2023-05-08", title="Protesters block roads")
    assert record.meta.title == "Protesters block roads"
    assert record.meta.dateline == "Beirut"
    assert record.meta.credits == ["AFP", "Maya Haddad"]
    assert record.meta.updated == "2023-05-08T14:20:00Z"
    assert record.meta.language == "en"


def test_bylines_are_authors(extract_record: Extract) -> None:
    record = extract_record("By Jane Doe and John Roe\nTalks resumed in Geneva on Tuesday.")
    assert record.meta.authors == ["Jane Doe", "John Roe"]


def test_non_english_document_gets_language_and_warning_not_a_crash(
    extract_record: Extract,
) -> None:
    text = (
        "Le Premier ministre irakien a survécu dimanche à une tentative d'assassinat "
        "menée avec des drones armés contre sa résidence à Bagdad, selon des responsables."
    )
    record = extract_record(text)
    assert record.meta.language == "fr"
    assert record.entities == []
    assert any("not English" in warning for warning in record.warnings)


def test_page_metadata_fills_what_the_text_does_not_say() -> None:
    from wirescope.ingest.document import Document
    from wirescope.pipeline import extract

    page = Document(
        id="page",
        text="Flood waters rose across the valley on Monday, officials said.",
        published="2021-11-08",
        updated="2021-11-08T10:00:00Z",
        authors=["Jane Roe"],
    )
    record = next(extract([page]))
    assert not isinstance(record, Exception)
    assert record.meta.updated == "2021-11-08T10:00:00Z"
    assert record.meta.authors == ["Jane Roe"]
