"""Facts 1, 2 and 23-25 of ../shared/examples/kadhimi-drone/expected.md as assertions.

The rules that make them pass are general (see test_meta.py and test_entities.py for the
same rules on other reports); nothing here is special-cased for this article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from wirescope.record import Entity, Report, Statement


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


def statements_of(record: Report, part: str) -> list[Statement]:
    entity = named(record, part)
    return [s for s in record.statements if s.speaker.entity == entity.id]


def test_fact_12_the_prime_minister_on_twitter(record: Report) -> None:
    direct = [s for s in statements_of(record, "Kadhimi") if s.kind == "direct"]
    texts = " ".join(s.text for s in direct)
    assert "rockets of treason will not shake" in texts and "I am fine" in texts
    assert {s.channel for s in direct} == {"twitter"}
    assert any(stance.type == "reassure" for s in direct for stance in s.stance)


def test_fact_13_address_on_television(record: Report) -> None:
    acts = [s for s in statements_of(record, "Kadhimi") if s.kind == "none"]
    assert [(s.channel, s.cue.text if s.cue else None) for s in acts] == [
        ("television", "addressed")
    ]


def test_facts_14_15_state_department_and_ned_price_condemn(record: Report) -> None:
    body = statements_of(record, "State Department")
    assert any(s.kind == "indirect" and s.stance[0].type == "condemn" for s in body)
    price = statements_of(record, "Ned Price")
    assert any(
        s.kind == "direct"
        and s.channel == "statement"
        and "strongly condemn" in s.text
        and s.stance[0].type == "condemn"
        for s in price
    )


def test_fact_16_shamkhani_on_twitter(record: Report) -> None:
    said = statements_of(record, "Shamkhani")
    tweet = next(s for s in said if s.kind == "direct")
    assert "foreign think-tanks" in tweet.text and tweet.channel == "twitter"
    assert tweet.stance[0].type in ("condemn", "accuse")
    assert any(s.stance[0].type == "condemn" for s in said)


def test_fact_17_kataib_hezbollah_official_denies_on_telegram(record: Report) -> None:
    (said,) = statements_of(record, "Askari")
    assert (said.kind, said.channel) == ("direct", "telegram")
    assert "waste a drone" in said.text
    assert said.stance[0].type == "deny"


def test_fact_18_saudi_condemnation_relayed_by_al_arabiya(record: Report) -> None:
    said = next(s for s in record.statements if s.via and "Arabiya" in s.via)
    assert "condemns the attack" in said.text
    assert said.stance[0].type == "condemn"


def test_fact_19_the_anonymous_security_official(record: Report) -> None:
    said = next(s for s in record.statements if "premature" in s.text)
    assert said.kind == "direct" and said.speaker.anonymous
    assert "checking our intelligence reports" in said.text
    source = next(r for r in record.sources if r.reason and "security details" in r.reason)
    assert source.kind == "anonymous_official"


def test_fact_20_the_government_statement_on_state_media(record: Report) -> None:
    relayed = [s for s in record.statements if s.channel == "state_media"]
    texts = " ".join(s.text for s in relayed)
    assert "explosives-laden drone" in texts
    assert "taking the necessary measures" in texts


def test_fact_21_two_anonymous_iraqi_officials(record: Report) -> None:
    source = next(r for r in record.sources if r.count == 2)
    assert (source.kind, source.anonymous, source.affiliation) == (
        "anonymous_official",
        True,
        "Iraqi",
    )
    assert source.told == "The Associated Press"
    assert source.reason == "not authorized to give official statements"


def test_fact_22_residents_as_witnesses(record: Report) -> None:
    source = next(r for r in record.sources if r.kind == "witness")
    assert source.text.startswith("Residents of Baghdad")
