"""The statements stage, rule by rule, on reports written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from wirescope.record import Report, Statement

Extract = Callable[..., Report]


def only(record: Report, contains: str) -> Statement:
    found = [s for s in record.statements if contains in s.text]
    assert len(found) == 1, [s.text for s in record.statements]
    return found[0]


def content_texts(record: Report, statement: Statement) -> list[str]:
    return [record.text[a:b] for a, b in statement.content]


def test_direct_quote_with_its_cue_after(extract_record: Extract) -> None:
    record = extract_record(
        "“We will rebuild the bridge within a month,” the mayor said on Monday."
    )
    statement = only(record, "rebuild")
    assert statement.kind == "direct"
    # A quotation's content is the quotation as printed, marks included.
    assert content_texts(record, statement) == ["“We will rebuild the bridge within a month,”"]
    assert statement.cue is not None and statement.cue.text == "said"
    assert statement.speaker.text == "the mayor"


def test_a_quote_split_by_its_cue_is_one_statement(extract_record: Extract) -> None:
    text = '"The water is rising fast," she said. "We have asked everyone to leave the valley."'
    record = extract_record(text)
    direct = [s for s in record.statements if s.kind == "direct"]
    assert len(direct) == 1
    assert content_texts(record, direct[0]) == [
        '"The water is rising fast,"',
        '"We have asked everyone to leave the valley."',
    ]


def test_a_quote_running_over_two_paragraphs_keeps_its_speaker(extract_record: Extract) -> None:
    text = (
        "Governor Ana Ruiz spoke after the vote.\n"
        "“We have lost the harvest in three districts and the roads are cut,” Ruiz said. "
        "“Families need food before they need promises.\n"
        "“We will ask the capital for help again tomorrow,” she added.\n"
        "“The army has trucks, and we know how to use them well enough.\n"
    )
    record = extract_record(text)
    speakers = {s.speaker.entity for s in record.statements if s.kind == "direct"}
    governor = next(e for e in record.entities if e.name == "Ana Ruiz")
    assert speakers == {governor.id}


def test_indirect_speech_after_and_before_the_cue(extract_record: Extract) -> None:
    record = extract_record(
        "The health ministry said that 12 people were killed in the blast. "
        "Rescue teams were still searching the rubble late on Tuesday, police said."
    )
    first = only(record, "12 people")
    assert first.kind == "indirect"
    assert first.speaker.text == "The health ministry"
    second = only(record, "Rescue teams")
    assert second.speaker.text == "police" and second.cue is not None
    assert second.cue.text == "said"


def test_according_to(extract_record: Extract) -> None:
    record = extract_record("According to the Red Cross, about 4,000 families have fled the area.")
    statement = only(record, "4,000 families")
    assert statement.cue is not None and statement.cue.text == "According to"
    assert statement.speaker.text == "the Red Cross"


def test_quoted_phrases_are_not_statements(extract_record: Extract) -> None:
    record = extract_record('The government pushed its so-called "reforms" through parliament.')
    assert record.statements == []


def test_a_communication_act_without_content(extract_record: Extract) -> None:
    record = extract_record("President Joao Silva addressed the nation on television on Sunday.")
    (statement,) = record.statements
    assert (statement.kind, statement.channel, statement.content) == ("none", "television", [])


def test_unnamed_sources_are_anonymous_with_a_count(extract_record: Extract) -> None:
    record = extract_record(
        "Two security officials told Reuters that the convoy had been ambushed near the border."
    )
    statement = only(record, "convoy")
    assert statement.speaker.anonymous
    assert statement.speaker.count == 2
    assert statement.channel == "interview"


def test_channels_from_the_words_around(extract_record: Extract) -> None:
    record = extract_record(
        '"Our forces will not withdraw from the city," the commander said on Telegram. '
        "In a statement, the ministry said the border would stay closed until further notice."
    )
    assert only(record, "withdraw").channel == "telegram"
    assert only(record, "border would stay").channel == "statement"


def test_a_statement_relayed_by_an_outlet(extract_record: Extract) -> None:
    record = extract_record(
        "The foreign ministry said the talks would resume in Doha next week, Al Jazeera reported."
    )
    statement = only(record, "talks would resume")
    assert statement.via == "Al Jazeera"
    assert statement.speaker.text == "The foreign ministry"


def test_stance_from_the_reporting_verb(extract_record: Extract) -> None:
    record = extract_record("The United Nations condemned the shelling of the hospital in Kharkiv.")
    statement = only(record, "shelling")
    assert [stance.type for stance in statement.stance] == ["condemn"]


def test_quotes_credited_after_a_dash_and_transcript_lines(extract_record: Extract) -> None:
    record = extract_record(
        "“I came here because my son cannot vote yet.” ― Maria Gomez, 41\n"
        "MODERATOR: Let me ask you about the border wall, senator.\n"
    )
    dash = only(record, "my son cannot vote")
    assert dash.speaker.text == "Maria Gomez"
    transcript = only(record, "border wall")
    assert transcript.speaker.text == "MODERATOR"


def test_not_authorized_to_comment_is_no_cue(extract_record: Extract) -> None:
    record = extract_record(
        "“The pipeline was hit twice in the night,” an engineer said, speaking on condition of "
        "anonymity as he was not authorized to comment. “Repairs will take weeks, not days.”"
    )
    statement = only(record, "pipeline")
    assert len(statement.content) == 2
    assert statement.cue is not None and statement.cue.text == "said"


def test_stance_is_linked_to_the_event_the_statement_is_about() -> None:
    from wirescope.ingest import Document
    from wirescope.pipeline import default_pipeline
    from wirescope.record import Event, Trigger
    from wirescope.stages import entities, statements

    text = (
        "Protesters marched on Friday. A drone hit the palace on Sunday. "
        "The ministry condemned the drone strike on the palace."
    )
    (parsed,) = default_pipeline().parse_batch([Document(id="t", text=text)])
    record = Report(id="t", text=text)
    strike = text.index("drone strike")
    record.events = [
        Event(
            id="v1",
            type="Protests",
            subtype="Peaceful protest",
            trigger=Trigger(text="marched", span=(11, 18)),
        ),
        Event(
            id="v2",
            type="Explosions/Remote violence",
            subtype="Air/drone strike",
            trigger=Trigger(text="drone strike", span=(strike, strike + 12)),
        ),
    ]
    entities.run(parsed, record)
    statements.run(parsed, record)
    (statement,) = record.statements
    assert [(s.event, s.type) for s in statement.stance] == [("v2", "condemn")]


def test_an_act_needs_an_audience_or_a_channel(extract_record: Extract) -> None:
    record = extract_record(
        "The court issued arrest warrants for six officers. "
        "The ministry issued a statement on Monday. The minister spoke to reporters in Kabul."
    )
    acts = [(s.speaker.text, s.channel) for s in record.statements if s.kind == "none"]
    assert acts == [("The ministry", "statement"), ("The minister", "unknown")]


def test_tokens_between_follows_the_span() -> None:
    from wirescope.nlp import english
    from wirescope.stages.statements.syntax import tokens_between

    doc = english()("The mayor said the bridge would reopen. Residents were relieved.")
    for start, end in [(0, 9), (4, 40), (10, 10), (-3, 200), (41, 66), (5, 4)]:
        assert tokens_between(doc, start, end) == [t for t in doc if start <= t.idx < end]


def test_a_verb_before_a_colon_introduces_the_quote(extract_record: Extract) -> None:
    record = extract_record(
        "Limbaugh spoke on his show on Monday.\n\n"
        "Limbaugh continued: “The left is saying the moderators should check the facts.”"
    )
    statement = only(record, "moderators")
    assert statement.speaker.text == "Limbaugh"
    assert statement.cue is not None and statement.cue.text == "continued"


def test_a_quote_paragraph_continues_the_last_speaker(extract_record: Extract) -> None:
    record = extract_record(
        "The council approved the budget on Monday. Its leader, Mark Brown, said the money "
        "was there.\n\n“The money is in the budget and we will spend it this year.”"
    )
    statement = only(record, "spend it")
    assert statement.kind == "direct"
    assert statement.speaker.text == "Its leader"
    assert statement.speaker.entity is not None


def test_a_title_named_by_an_apposition_on_its_body_is_not_anonymous(
    extract_record: Extract,
) -> None:
    record = extract_record(
        "“We will not give in to this pressure,” a local member of parliament, Eric Ciotti, "
        "told France Info on Tuesday."
    )
    statement = only(record, "pressure")
    assert not statement.speaker.anonymous
    names = {e.id: e.name for e in record.entities}
    assert names.get(statement.speaker.entity or "") == "Eric Ciotti"


def test_a_description_named_in_the_next_paragraph_is_not_anonymous(
    extract_record: Extract,
) -> None:
    record = extract_record(
        "A government spokesman said the talks would resume on Monday.\n\n"
        "The spokesman, Ali Hassan, said the delegation would travel to Geneva."
    )
    first = only(record, "talks would resume")
    assert not first.speaker.anonymous
    assert first.speaker.entity == only(record, "Geneva").speaker.entity is not None


def test_unnamed_officials_stay_anonymous(extract_record: Extract) -> None:
    record = extract_record(
        "South Korean officials said the North fired two missiles on Tuesday. An administration "
        "official said Washington was consulting its allies."
    )
    assert only(record, "missiles").speaker.anonymous
    assert only(record, "consulting").speaker.anonymous


def test_the_holder_of_an_office_is_not_an_anonymous_source(extract_record: Extract) -> None:
    record = extract_record("The president said the army would withdraw from the border town.")
    assert not only(record, "withdraw").speaker.anonymous


def test_the_company_speaks_for_the_company_named_before(extract_record: Extract) -> None:
    record = extract_record(
        "Tesla opened a plant in Ohio last year. The company said it would cut 200 jobs there."
    )
    statement = only(record, "200 jobs")
    names = {e.id: e.name for e in record.entities}
    assert names.get(statement.speaker.entity or "") == "Tesla"
    assert not statement.speaker.anonymous


def test_a_negated_cue_carries_no_stance_of_its_own(extract_record: Extract) -> None:
    record = extract_record("The president did not threaten new sanctions against the rebels.")
    assert all(s.stance[0].type != "threaten" for s in record.statements)


def test_declining_to_comment_denies_nothing(extract_record: Extract) -> None:
    record = extract_record("The minister declined to comment after the court hearing on Monday.")
    assert all(s.stance[0].type != "deny" for s in record.statements)


def test_a_denial_or_claim_inside_the_words_gives_the_stance(extract_record: Extract) -> None:
    record = extract_record(
        "A gunman shot three people at a market in Ohio on Sunday. The FBI said it had found "
        "no evidence of a link between the gunman and any group. The group's news agency said "
        "the gunman was a soldier of the Islamic State."
    )
    assert only(record, "no evidence").stance[0].type == "deny"
    assert only(record, "soldier").stance[0].type == "claim"


def test_the_company_is_the_body_the_report_is_about(extract_record: Extract) -> None:
    record = extract_record(
        'Carmaker Volvo reported higher profits on Thursday. Sales rose 4%. "They did well," '
        "said Anna Berg, an analyst at Nordea Markets. The company said it would pay a dividend."
    )
    statement = only(record, "dividend")
    names = {e.id: e.name for e in record.entities}
    assert "Volvo" in names.get(statement.speaker.entity or "", "")


def test_a_title_narrowed_to_another_body_is_not_the_named_holder(
    extract_record: Extract,
) -> None:
    record = extract_record(
        "Taliban spokesman Zabihullah Mujahid said the fighters had taken the town. "
        "A spokesman for the German army command said its troops had left the area."
    )
    statement = only(record, "troops had left")
    assert statement.speaker.entity is None and statement.speaker.anonymous


def test_calling_something_a_name_is_no_demand(extract_record: Extract) -> None:
    record = extract_record(
        "The senator called the budget plan a disaster for farmers. "
        "The mayor called for a ceasefire in the district."
    )
    assert all(s.stance[0].type != "demand" for s in record.statements if "plan" in s.text)
    assert only(record, "ceasefire").stance[0].type == "demand"


def test_an_expectation_or_a_request_is_no_statement(extract_record: Extract) -> None:
    record = extract_record(
        "Analysts expected the league to fine the club. The coach asked the players to stay calm."
    )
    assert not [s for s in record.statements if "fine the club" in s.text or "stay" in s.text]


def test_a_bare_modal_or_a_negated_phrase_carries_no_stance(extract_record: Extract) -> None:
    record = extract_record(
        "The engineer said the bridge must have been weakened by the floods. "
        "The minister said the army had no plans to retaliate and did not blame the villagers."
    )
    assert only(record, "weakened").stance[0].type == "neutral"
    assert only(record, "no plans").stance[0].type == "neutral"


def test_a_thing_that_demands_takes_no_stance(extract_record: Extract) -> None:
    record = extract_record(
        "The region faces a long drought, a problem that demands a quick response."
    )
    assert only(record, "quick response").stance[0].type == "neutral"


def test_a_described_leader_is_the_named_holder_of_that_title(extract_record: Extract) -> None:
    record = extract_record(
        "Liberal Democrat leader Charles Kennedy spoke in Brighton on Monday. "
        "The Liberal Democrat leader said the party would fight every seat."
    )
    speaker = only(record, "every seat").speaker
    assert not speaker.anonymous
    assert speaker.entity == next(e.id for e in record.entities if e.name == "Charles Kennedy")


def test_a_demonym_narrows_a_title_to_the_holder_of_that_country(extract_record: Extract) -> None:
    record = extract_record(
        "Kim Jong Un watched the launch on Sunday. "
        "The North Korean leader said the tests would go on."
    )
    speaker = only(record, "tests would go on").speaker
    assert not speaker.anonymous and speaker.entity is not None


def test_a_spokesman_named_in_the_next_paragraph_is_not_anonymous(extract_record: Extract) -> None:
    record = extract_record(
        "A government spokesman said the talks had failed.\n\n"
        "Ali Hassan, the government spokesman, has held the post since 2019."
    )
    speaker = only(record, "talks had failed").speaker
    assert not speaker.anonymous and speaker.entity is not None


def test_a_book_speaks_under_its_title_not_for_a_country(extract_record: Extract) -> None:
    record = extract_record(
        "According to a new book, Brown's Britain, the minister broke a promise in 2003."
    )
    statement = only(record, "broke a promise")
    assert statement.speaker.entity is None


def test_the_speaker_written_after_a_quote_is_not_swallowed(extract_record: Extract) -> None:
    record = extract_record(
        "“The attack was a tragedy for the whole region,” a local member of parliament, "
        "Eric Ciotti, told France Info."
    )
    statement = only(record, "tragedy")
    assert content_texts(record, statement) == ["“The attack was a tragedy for the whole region,”"]
    ciotti = next(e.id for e in record.entities if e.name == "Eric Ciotti")
    assert statement.speaker.entity == ciotti


def test_a_refusal_to_comment_has_no_content(extract_record: Extract) -> None:
    record = extract_record(
        "The suspect declined to comment after his initial court hearing on Monday."
    )
    assert [s.kind for s in record.statements] == ["none"]
    assert record.statements[0].content == []
    assert record.statements[0].stance[0].type == "neutral"


def test_a_body_told_what_was_said_is_a_news_outlet(extract_record: Extract) -> None:
    record = extract_record("Ms Lane told Le Parisien that the town would recover.")
    assert [e.category for e in record.entities if e.name == "Le Parisien"] == ["media"]
    assert only(record, "recover").channel == "interview"


def stance_of(record: Report, contains: str) -> str:
    return only(record, contains).stance[0].type


def test_stance_from_the_words_said_beyond_the_verb(extract_record: Extract) -> None:
    record = extract_record(
        "The ministry said all staff at the embassy were safe and uninjured. "
        "The police chief said the fire was not related to the march. "
        "The firm's founder said its ships had been illegally seized by the port. "
        "The nurses' union said it welcomed the new pay rules. "
        "The charity said the new rules were discriminatory. "
        "The landlords' group said it may mount a legal challenge to the law. "
        "The rebels said the ambush was a revenge attack for the raid on their camp. "
        "An analyst said the sale was a remarkable achievement for the board."
    )
    assert stance_of(record, "safe and uninjured") == "reassure"
    assert stance_of(record, "not related") == "deny"
    assert stance_of(record, "illegally seized") == "accuse"
    assert stance_of(record, "welcomed") == "support"
    assert stance_of(record, "discriminatory") == "condemn"
    assert stance_of(record, "legal challenge") == "threaten"
    assert stance_of(record, "revenge attack") == "claim"
    assert stance_of(record, "achievement") == "praise"


def test_the_office_is_not_its_deputy_and_goes_to_the_subject_before(
    extract_record: Extract,
) -> None:
    record = extract_record(
        "Anna Kowalski has rejected reports that she will resign before the vote. "
        "“Nobody trades jobs like this,” the prime minister told a radio station. "
        "At a dinner hosted by Deputy Prime Minister Piotr Nowak, she met the party's donors."
    )
    kowalski = next(e.id for e in record.entities if e.name == "Anna Kowalski")
    statement = only(record, "trades jobs")
    assert statement.speaker.entity == kowalski
    assert statement.speaker.anonymous is False


def test_it_and_they_speak_for_a_company_or_a_body(extract_record: Extract) -> None:
    record = extract_record(
        "The founder of the steel maker Korvath left last year. Former Korvath boss Ivo Pana "
        "was in court on Friday. Korvath said it would consider its options. However, it "
        "claimed that the court had backed it on four of five points.\n\n"
        "The Syrian army has said the offensive would end the shelling of the capital. They deny "
        "that civilians were killed in the raids."
    )
    korvath = next(e for e in record.entities if e.name == "Korvath")
    assert korvath.kind == "organization"
    assert only(record, "four of five points").speaker.entity == korvath.id
    army = only(record, "end the shelling").speaker.entity
    assert army is not None
    assert only(record, "civilians were killed").speaker.entity == army


def test_a_nominal_speaker_is_the_body_introduced_with_that_noun(extract_record: Extract) -> None:
    record = extract_record(
        "The games studio Pixelforge called in administrators Grant Hale & Partners on Friday. "
        "Pixelforge had lost two contracts and Pixelforge staff were told on Monday. "
        "The administrator said it would ensure that staff received their wages.\n\n"
        "The Syrian army said it had taken the town. "
        '"The gains came after units of the army cleared the roads," the army statement said.'
    )
    hale = next(e.id for e in record.entities if "Grant Hale" in e.name)
    assert only(record, "receive").speaker.entity == hale
    army = only(record, "taken the town").speaker.entity
    assert army is not None
    assert only(record, "cleared the roads").speaker.entity == army


def test_an_accusation_holds_what_it_accuses_of(extract_record: Extract) -> None:
    record = extract_record(
        'Tory leader Anna Marsh accused the minister and Mr Grant of "squabbling like children".'
    )
    statement = only(record, "squabbling")
    assert statement.text.startswith("the minister and Mr Grant of")
    assert statement.stance[0].type == "accuse"


def test_a_clause_of_time_before_the_cue_is_not_what_was_said(extract_record: Extract) -> None:
    record = extract_record(
        "As it became clear that the bill would fail, the senator tweeted: "
        '"We lost a vote, not the argument."'
    )
    assert [s.text for s in record.statements] == ['"We lost a vote, not the argument."']
    assert record.statements[0].channel == "twitter"


def test_a_speaker_after_the_dateline_named_in_the_next_sentence(extract_record: Extract) -> None:
    record = extract_record(
        "BEIRUT (AP) — A Kurdish militia spokesman says the army has shelled a town in the "
        "north. Nureddine Kalo says the army fired on two villages on Tuesday."
    )
    statement = only(record, "shelled a town")
    kalo = next(e.id for e in record.entities if e.name == "Nureddine Kalo")
    assert statement.speaker.entity == kalo
    assert statement.speaker.anonymous is False


def test_he_after_an_unnamed_spokesman_is_as_anonymous(extract_record: Extract) -> None:
    record = extract_record(
        "A foreign ministry spokesman in Oslo said the embassy had been closed for the day. "
        '"All our employees at the embassy are accounted for," he said.'
    )
    statement = only(record, "accounted for")
    assert statement.speaker.entity is None
    assert statement.speaker.anonymous is True


def test_what_a_thing_is_called_is_said_with_it(extract_record: Extract) -> None:
    record = extract_record(
        "A rebel spokesman, Omar Haddad, called the bombing a reprisal for the raids on the valley."
    )
    statement = only(record, "reprisal")
    assert statement.text.startswith("the bombing a reprisal for the raids")
    assert statement.stance[0].type == "claim"


def test_a_nominal_speaker_before_the_body_is_introduced(extract_record: Extract) -> None:
    record = extract_record(
        "The administrators told the BBC that selling the studio was the only way to save it.\n\n"
        "The studio called in administrators Grant Hale & Partners on Friday to find a buyer."
    )
    hale = next(e.id for e in record.entities if "Grant Hale" in e.name)
    assert only(record, "only way").speaker.entity == hale


def test_what_was_found_is_no_statement_but_a_finding_is(extract_record: Extract) -> None:
    """ "found a launcher mounted on a truck" tells what was found; "found that …" is what a
    finding says."""
    found = extract_record(
        "Police later found a launcher mounted on a small truck near the bridge."
    )
    assert [s for s in found.statements if s.cue and s.cue.text == "found"] == []
    finding = extract_record("An inquiry found that the police had failed to act on the warnings.")
    (statement,) = [s for s in finding.statements if s.cue and s.cue.text == "found"]
    content = finding.span_text(statement.content[0])
    assert content == "that the police had failed to act on the warnings"


def test_a_title_or_lives_claimed_are_no_statement(extract_record: Extract) -> None:
    """ "claimed the title" tells a win and "claimed the lives of" a toll; "claimed
    responsibility for the attack" is a claim."""
    record = extract_record(
        "Holmes claimed the 1500m title in Madrid on Sunday. The floods claimed the lives of "
        "40 people. The group claimed responsibility for the attack on the convoy."
    )
    cues = [s.cue.text for s in record.statements if s.cue is not None]
    assert cues == ["claimed"], [s.text for s in record.statements]
    assert "responsibility" in (record.statements[0].text or "")
