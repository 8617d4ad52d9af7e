"""The entities stage, rule by rule, on reports written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from wirescope.record import Entity, Report

Extract = Callable[..., Report]


def entity(record: Report, name_part: str) -> Entity:
    found = [e for e in record.entities if name_part.lower() in e.name.lower()]
    assert len(found) == 1, [e.name for e in record.entities]
    return found[0]


def mention_texts(record: Report, ent: Entity) -> list[str]:
    return [record.text[start:end] for start, end in ent.mentions]


def test_name_variants_and_possessives_gather_into_one_person(extract_record: Extract) -> None:
    text = (
        "Defence Minister Ahmed al-Rashidi survived an ambush on his convoy near Mosul on Monday. "
        "Three of al-Rashidi's bodyguards were wounded. Al-Rashidi later visited them in hospital. "
        "Rashidi has led the ministry since 2022."
    )
    record = extract_record(text)
    person = entity(record, "Rashidi")
    assert person.kind == "person"
    assert person.name == "Ahmed al-Rashidi"
    texts = mention_texts(record, person)
    assert {"Ahmed al-Rashidi", "al-Rashidi", "Al-Rashidi", "Rashidi"} <= set(texts)
    assert "al-Rashidi's" not in texts  # possessive stays outside the span
    assert "Defence Minister" in person.titles


def test_title_before_a_name_gives_title_and_country(extract_record: Extract) -> None:
    record = extract_record(
        "Kenya's Interior Minister Daniel Otieno told reporters that calm had returned."
    )
    person = entity(record, "Otieno")
    assert person.titles == ["Interior Minister"]
    assert person.country == "KE"


def test_demonym_before_a_title_gives_country_not_a_place(extract_record: Extract) -> None:
    record = extract_record(
        "Iraqi President Salim Hadi met the delegation in the capital on Monday."
    )
    person = entity(record, "Hadi")
    assert person.country == "IQ"
    assert person.titles == ["President"]
    assert all(e.name != "Iraqi" for e in record.entities)


def test_apposition_after_a_name_gives_title_and_affiliation(extract_record: Extract) -> None:
    text = (
        "The World Health Organization warned of cholera in the camps. "
        "Maria Lopez, a World Health Organization spokeswoman, said teams were on the way."
    )
    record = extract_record(text)
    person = entity(record, "Maria Lopez")
    body = entity(record, "World Health Organization")
    assert body.category == "igo"
    assert person.affiliation == body.id
    assert "spokeswoman" in person.titles


def test_apposition_before_a_name(extract_record: Extract) -> None:
    record = extract_record(
        "Egypt's foreign minister, Karim Hassan, said the talks would resume on Sunday."
    )
    person = entity(record, "Karim Hassan")
    assert person.titles == ["foreign minister"]
    assert person.country == "EG"


def test_a_title_used_as_a_name_and_pronouns_resolve_to_the_holder(extract_record: Extract) -> None:
    text = (
        "Nigeria's President Musa Adamu visited the flooded town of Maiduguri on Sunday. "
        "The President promised aid to the families. He said the army would help. "
        "Later he flew back to Abuja."
    )
    record = extract_record(text)
    person = entity(record, "Musa Adamu")
    texts = mention_texts(record, person)
    assert "The President" in texts
    assert texts.count("He") + texts.count("he") == 2
    assert len(person.mentions) == 4


def test_a_pronoun_after_an_unnamed_official_is_not_given_to_a_named_person(
    extract_record: Extract,
) -> None:
    text = (
        "Governor Ali Musa inspected the damage on Monday. "
        "A police officer said he had seen two trucks leave the area."
    )
    record = extract_record(text)
    person = entity(record, "Ali Musa")
    assert mention_texts(record, person) == ["Ali Musa"]


def test_pronouns_inside_quotes_are_left_alone(extract_record: Extract) -> None:
    text = 'Senator Paul Grant spoke after the vote. "He should resign," Grant said of the mayor.'
    record = extract_record(text)
    person = entity(record, "Paul Grant")
    assert "He" not in mention_texts(record, person)


def test_the_actor_dictionary_overrides_the_tagger(extract_record: Extract) -> None:
    text = (
        "Asaib Ahl al-Haq denied any role in the attack. The Rapid Support Forces shelled "
        "the camp, the Sudanese army said."
    )
    record = extract_record(text)
    militia = entity(record, "Asaib Ahl al-Haq")
    assert (militia.kind, militia.category, militia.country) == ("group", "political_militia", "IQ")
    rsf = entity(record, "Rapid Support Forces")
    assert rsf.kind == "group" and rsf.country == "SD"


def test_platforms_are_channels_never_actors(extract_record: Extract) -> None:
    text = (
        "The mayor, Vitali Kos, wrote on Telegram that the fire was out. "
        "The army posted a video on Twitter and on Facebook."
    )
    record = extract_record(text)
    names = {e.name for e in record.entities}
    assert not names & {"Telegram", "Twitter", "Facebook"}


def test_acronyms_match_only_in_capitals(extract_record: Extract) -> None:
    record = extract_record(
        "The town is quiet now. IS fighters attacked it last year, AP reported."
    )
    names = [e.name for e in record.entities]
    assert sum(1 for n in names if "Islamic State" in n) == 1
    media = [e for e in record.entities if e.category == "media"]
    assert [m.name for m in media] == ["The Associated Press"]


def test_a_country_that_acts_is_a_state_actor_and_one_merely_named_is_not(
    extract_record: Extract,
) -> None:
    record = extract_record("Iran denied the accusations. The talks were held in Oman.")
    states = {e.name: e for e in record.entities if e.kind == "state"}
    assert set(states) == {"Iran"}
    assert states["Iran"].country == "IR"


def test_a_description_followed_by_a_new_name_links_them(extract_record: Extract) -> None:
    text = (
        "A commander from the Popular Mobilization Forces said the convoy was hit twice. "
        '"We will respond," Hadi Kareem told reporters.'
    )
    record = extract_record(text)
    person = entity(record, "Hadi Kareem")
    body = entity(record, "Popular Mobilization")
    assert person.affiliation == body.id
    assert person.titles == ["commander"]
    assert person.country == "IQ"


def test_unknown_organisations_get_kind_and_category_from_their_head_word(
    extract_record: Extract,
) -> None:
    record = extract_record(
        "The Kivu Freedom Brigades attacked the village, the Ministry of Health said."
    )
    names = {e.name: e for e in record.entities}
    brigades = next(e for n, e in names.items() if "Brigades" in n)
    assert brigades.kind == "group"


def test_a_body_takes_its_country_from_a_demonym_or_possessive(extract_record: Extract) -> None:
    record = extract_record(
        "Chad's Public Safety Directorate said the raid was foiled. "
        "The Togolese Electoral Commission postponed the count."
    )
    countries = {e.name: e.country for e in record.entities if e.kind == "organization"}
    assert countries.get("Public Safety Directorate") == "TD"
    assert any(code == "TG" for name, code in countries.items() if "Electoral Commission" in name)


def test_surnames_that_are_town_names_stay_people_when_vouched_for(extract_record: Extract) -> None:
    record = extract_record(
        "Hillary Clinton spoke in Ohio on Monday. Clinton said the plan would pass. "
        "Sen. Warren agreed with her. Floods cut the road to Warren on Sunday."
    )
    people = {e.name: e for e in record.entities if e.kind == "person"}
    assert "Hillary Clinton" in people
    assert len(people["Hillary Clinton"].mentions) >= 2
    assert "Warren" in people
    warren_mentions = [record.text[a:b] for a, b in people["Warren"].mentions]
    assert warren_mentions == ["Warren"]


def test_a_pronoun_in_a_sentence_without_a_verb(extract_record: Extract) -> None:
    record = extract_record("Maria Lopez won the seat. Good news for her, and for her party.")
    person = entity(record, "Maria Lopez")
    assert "her" in mention_texts(record, person)


def test_a_pronoun_agrees_with_the_gender_of_the_first_name(extract_record: Extract) -> None:
    text = (
        "Karen Walsh met Kevin Snow at the plant on Monday. "
        "Kevin Snow described the repairs. She said the line would reopen in May."
    )
    record = extract_record(text)
    assert "She" in mention_texts(record, entity(record, "Karen Walsh"))
    assert "She" not in mention_texts(record, entity(record, "Kevin Snow"))


def test_a_gendered_title_gives_the_pronoun_its_holder(extract_record: Extract) -> None:
    text = (
        "Dana Whitfield, a company spokeswoman, met Pat Ross, the union's chairman, on Monday. "
        "Pat Ross left early. She said talks would resume."
    )
    record = extract_record(text)
    assert "She" in mention_texts(record, entity(record, "Dana Whitfield"))


def test_a_family_name_written_first_joins_the_full_name(extract_record: Extract) -> None:
    text = (
        "Foreign ministry spokeswoman Hua Chunying spoke in Beijing on Monday. "
        "Hua said the talks would go on."
    )
    record = extract_record(text)
    person = entity(record, "Hua Chunying")
    assert "Hua" in mention_texts(record, person)
    assert len([e for e in record.entities if e.kind == "person"]) == 1


def test_a_handle_joins_the_person_whose_name_it_runs_together(extract_record: Extract) -> None:
    text = (
        "Phil Mickelson won the tournament in Phoenix on Sunday. "
        "His agent posted a photo of @PhilMickelson with the trophy."
    )
    record = extract_record(text)
    assert "@PhilMickelson" in mention_texts(record, entity(record, "Phil Mickelson"))


def test_a_photo_credit_is_no_person_of_the_report(extract_record: Extract) -> None:
    text = (
        "Senator Mark Hale met the governor on Monday. Jabin Botsford/The Washington Post "
        "He said the talks had gone well."
    )
    record = extract_record(text)
    assert not [e for e in record.entities if "Botsford" in e.name]


def test_broadcasters_and_newspapers_are_media(extract_record: Extract) -> None:
    record = extract_record(
        "The mayor told France Info that the square would reopen. "
        "Charlie Hebdo said it would publish a special issue on Wednesday."
    )
    for name in ("France Info", "Charlie Hebdo"):
        outlet = entity(record, name)
        assert (outlet.kind, outlet.category) == ("organization", "media")


def test_a_one_word_name_written_as_a_firm_is_a_company(extract_record: Extract) -> None:
    record = extract_record(
        "Qualcomm said on Monday it would study the offer. Qualcomm shares rose 3% in New York. "
        "Mr Brandt, a shareholder, said he would vote against the plan."
    )
    firm = entity(record, "Qualcomm")
    assert (firm.kind, firm.category) == ("organization", "business")
    assert entity(record, "Brandt").kind == "person"


def test_a_rank_between_a_title_and_the_name(extract_record: Extract) -> None:
    record = extract_record("Army spokesman Col. Ali Hassan said the militants had fled the town.")
    person = entity(record, "Ali Hassan")
    assert person.kind == "person"
    assert "Army spokesman" in person.titles and "Col." in person.titles
    assert person.category == "state_forces"


def test_a_full_name_tagged_as_a_body_joins_the_person(extract_record: Extract) -> None:
    record = extract_record(
        "A Kurdish spokesman says the army shelled a city. Nureddine Hamo says the army fired "
        "on Qamishli. Hamo says the fighters held the line."
    )
    person = entity(record, "Hamo")
    assert person.kind == "person" and person.name == "Nureddine Hamo"
    assert mention_texts(record, person)[:2] == ["Nureddine Hamo", "Hamo"]


def test_what_a_public_body_also_has_makes_no_company(extract_record: Extract) -> None:
    record = extract_record(
        "Federal Reserve chairman Alan Greenspan said the Federal Reserve board would meet "
        "again in March. Union general secretary Tony Woodley said the workers would strike."
    )
    fed = entity(record, "Federal Reserve")
    assert fed.category != "business"
    assert "general" not in entity(record, "Woodley").titles


def test_a_first_name_before_a_surname_that_heads_outlets_stays_a_person(
    extract_record: Extract,
) -> None:
    record = extract_record("Mary Press said she would return to the stage in May.")
    assert entity(record, "Mary Press").kind == "person"
