"""Facts 1, 2 and 23-25 of ../shared/examples/kadhimi-drone/expected.md as assertions.

The rules that make them pass are general (see test_meta.py and test_entities.py for the
same rules on other reports); nothing here is special-cased for this article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from wirescope.record import Entity, Report


@pytest.fixture(scope="module")
def record(request: pytest.FixtureRequest) -> Report:
    folder = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kadhimi-drone"
    if not folder.is_dir():
        pytest.skip("../shared/examples is absent")
    result = run_cli("extract", str(folder / "article.txt"))
    assert result.returncode == 0, result.stderr
    return Report.model_validate(json.loads(result.stdout))


def named(record: Report, part: str) -> Entity:
    found = [e for e in record.entities if part.lower() in e.name.lower()]
    assert len(found) == 1, [e.name for e in record.entities]
    return found[0]


def test_metadata_comes_from_input_json(record: Report) -> None:
    assert record.id == "kadhimi-drone"
    assert record.meta.published == "2021-11-07"
    assert record.meta.title and record.meta.title.startswith("Drone Hits Iraqi Premier")


def test_fact_1_credits(record: Report) -> None:
    assert {"AP", "Reuters"} <= set(record.meta.credits)


def test_fact_2_updated(record: Report) -> None:
    assert record.meta.updated == "2021-11-07T08:45:00Z"


def test_fact_23_one_entity_for_the_prime_minister(record: Report) -> None:
    person = named(record, "Kadhimi")
    assert person.kind == "person"
    assert person.country == "IQ"
    assert any(t.lower() == "prime minister" for t in person.titles)
    texts = {record.text[s:e] for s, e in person.mentions}
    assert {"Mustafa al-Kadhimi", "al-Kadhimi", "Kadhimi", "Mustafa Al-Kadhimi"} <= texts
    assert "The Prime Minister" in texts
    assert texts & {"he", "He"}
    assert len(person.mentions) >= 6
    for other in record.entities:
        if other is not person:
            assert "kadhimi" not in other.name.lower()


def test_fact_24_kataib_hezbollah_is_a_militia(record: Report) -> None:
    group = named(record, "Kataib Hezbollah")
    assert (group.kind, group.category, group.country) == ("group", "political_militia", "IQ")


def test_fact_25_people_media_and_channels(record: Report) -> None:
    price = named(record, "Ned Price")
    assert (price.kind, price.country) == ("person", "US")
    state_department = next(e for e in record.entities if e.id == price.affiliation)
    assert "State Department" in state_department.name
    shamkhani = named(record, "Shamkhani")
    assert (shamkhani.kind, shamkhani.country) == ("person", "IR")
    askari = named(record, "Askari")
    assert askari.kind == "person"
    assert askari.affiliation == named(record, "Kataib Hezbollah").id
    media = {e.name for e in record.entities if e.category == "media"}
    assert any("Associated Press" in name for name in media)
    assert "Reuters" in media
    assert any("Arabiya" in name for name in media)
    assert not {e.name for e in record.entities} & {"Twitter", "Telegram"}
