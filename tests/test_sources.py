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


def test_things_and_events_are_no_sources(extract_record: Extract) -> None:
    record = extract_record(
        "The vote in May sent the currency falling, prompting some bakers to announce plans to "
        "raise prices. The fire at the depot suggests that the guards were absent, the ministry "
        "said."
    )
    texts = [s.text for s in record.sources]
    assert not any("vote" in t or "fire" in t for t in texts), texts
    assert any("ministry" in t for t in texts), texts


def test_an_office_the_report_does_not_name_is_an_official(extract_record: Extract) -> None:
    record = extract_record(
        "Rumours of a rift grew this week. But the prime minister said he had discussed the "
        "claims with his ministers and dismissed them as nonsense."
    )
    office = source(record, "prime minister")
    assert office.kind == "named_official" and office.anonymous is False


def test_a_title_written_after_the_name(extract_record: Extract) -> None:
    record = extract_record(
        "Former welfare minister Frank Field MP said the government should sack its adviser."
    )
    field = source(record, "Frank Field")
    assert field.kind == "named_official" and field.text == "Frank Field"


def test_a_named_person_introduced_by_private_life_is_a_witness(extract_record: Extract) -> None:
    record = extract_record(
        "Shells hit the camp on Sunday. “We ran here from the fighting,” said Amina Yusuf, a "
        "52-year-old mother of four. Another shell struck the market, said Tom Green, a local "
        "shopkeeper. Mark Hill, the first man to climb the tower, said the view was fine."
    )
    assert source(record, "Amina Yusuf").kind == "witness"
    assert source(record, "Tom Green").kind == "witness"
    # Introduced by a feat, not by private life: not a witness.
    assert source(record, "Mark Hill").kind == "named_official"
