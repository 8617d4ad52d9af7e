"""The sources stage: who the report relies on, with what is said of them."""

from __future__ import annotations

from collections.abc import Callable

from wirescope.record import Report, Source

Extract = Callable[..., Report]


def source(record: Report, contains: str) -> Source:
    found = [s for s in record.sources if contains in s.text]
    assert len(found) == 1, [s.text for s in record.sources]
    return found[0]


def test_anonymous_officials_with_reason_and_outlet(extract_record: Extract) -> None:
    record = extract_record(
        "Three Malian officials told Agence France-Presse that the camp was overrun at dawn. "
        "They spoke on condition of anonymity because they were not authorised "
        "to speak to the press."
    )
    officials = source(record, "officials")
    assert officials.kind == "anonymous_official"
    assert (officials.count, officials.affiliation) == (3, "Malian")
    assert officials.reason == "not authorised to speak to the press"
    assert officials.told == "Agence France-Presse"


def test_named_officials_and_bodies(extract_record: Extract) -> None:
    record = extract_record(
        "The World Food Programme warned that stocks would run out in May. "
        "Maria Lopez, a World Food Programme spokeswoman, said convoys were blocked."
    )
    person = source(record, "Maria Lopez")
    assert person.kind == "named_official" and not person.anonymous
    assert person.affiliation == "World Food Programme"
    body = source(record, "World Food Programme")
    assert body.kind == "agency"


def test_witnesses_and_documents(extract_record: Extract) -> None:
    record = extract_record(
        "Residents of the town heard three explosions before dawn. "
        "The report said the strike hit a school."
    )
    assert source(record, "Residents").kind == "witness"
    assert source(record, "report").kind == "document"
