"""The bundled example reports (examples/, written for wirescope) read as a user would."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, run_cli

from wirescope.record import Report


@pytest.fixture(scope="module")
def records() -> dict[str, Report]:
    paths = sorted(str(path) for path in EXAMPLES.glob("*.txt"))
    result = run_cli("extract", *paths)
    assert result.returncode == 0, result.stderr
    parsed = [Report.model_validate(json.loads(line)) for line in result.stdout.splitlines()]
    return {record.id: record for record in parsed}


def test_every_example_gives_a_record_with_title_date_and_credits(
    records: dict[str, Report],
) -> None:
    assert len(records) == len(list(EXAMPLES.glob("*.txt"))) >= 6
    for record in records.values():
        assert record.meta.title and record.meta.published and record.meta.credits
        assert record.meta.dateline
        assert record.entities


def test_datelines_credits_and_updates(records: dict[str, Report]) -> None:
    kyiv = records["kyiv-drone-interception"]
    assert kyiv.meta.dateline == "Kyiv, Ukraine"
    assert kyiv.meta.credits[0] == "Reuters"
    assert kyiv.meta.updated == "2024-10-09T06:30:00Z"
    assert records["mali-jnim-ambush"].meta.credits == ["AFP"]
    assert records["nairobi-protest-teargas"].meta.credits == ["Reuters", "AP"]
    assert records["baghdad-rocket-embassy"].meta.credits == ["AP", "AFP"]


def _by_name(record: Report, part: str) -> list[str]:
    return [e.id for e in record.entities if part.lower() in e.name.lower()]


def test_affiliations_from_appositions(records: dict[str, Report]) -> None:
    sudan = records["sudan-el-fasher-shelling"]
    doctor = next(e for e in sudan.entities if e.name == "Salma Idris")
    assert [doctor.affiliation] == _by_name(sudan, "Doctors Without Borders")
    baghdad = records["baghdad-rocket-embassy"]
    spokesman = next(e for e in baghdad.entities if e.name == "Hussein al-Mayahi")
    assert [spokesman.affiliation] == _by_name(baghdad, "Asaib Ahl al-Haq")


def test_offices_named_without_a_name(records: dict[str, Report]) -> None:
    baghdad = records["baghdad-rocket-embassy"]
    premier = next(e for e in baghdad.entities if e.titles == ["Prime Minister"])
    assert premier.country == "IQ" and premier.kind == "person"
    texts = [baghdad.text[s:e] for s, e in premier.mentions]
    assert "the Prime Minister" in texts and len(texts) >= 3


def test_no_place_or_dateline_becomes_an_actor(records: dict[str, Report]) -> None:
    for record in records.values():
        names = {e.name.lower() for e in record.entities}
        assert not names & {"kyiv", "khan younis", "el fasher", "jerusalem", "nairobi", "boni"}
        assert not names & {"twitter", "telegram", "facebook"}
