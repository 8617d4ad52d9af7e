"""Page furniture: found in every family's form, kept in `meta.furniture`, and no other field
of the record points into it. Every text here is our own, written in the outlets' forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirescope.ingest import Document, read_inputs
from wirescope.pipeline import extract
from wirescope.record import Report, Span

PAGE = Path(__file__).parent / "fixtures" / "ingest" / "page.html"

# family: (text, the furniture it holds, a place named in the prose around it)
FAMILIES: dict[str, tuple[str, str, str]] = {
    "caption": (
        "Rescue teams worked through the night after a building collapsed in Basra, officials "
        "said. Image copyright Reuters Image caption Rescue workers search the rubble in Mosul "
        "on Sunday The governor said at least 12 people were killed.",
        "Image copyright Reuters Image caption Rescue workers search the rubble in Mosul on Sunday",
        "Basra",
    ),
    "photo_credit": (
        "Police closed the main bridge in Baghdad on Monday. (AP Photo/Hadi Mizban) Traffic "
        "was diverted through the old city, the interior ministry said.",
        "(AP Photo/Hadi Mizban)",
        "Baghdad",
    ),
    "playback": (
        "Heavy rain flooded streets across Seville on Tuesday, the city council said.\n"
        "Media playback is unsupported on your device\n"
        "Media caption Residents of Valencia wade through the water\n"
        "Emergency crews rescued 30 people from their cars.",
        "Media playback is unsupported on your device\n"
        "Media caption Residents of Valencia wade through the water",
        "Seville",
    ),
    "read_more": (
        "Floodwater reached the centre of Sylhet on Friday, the district office said.\n"
        "Read more: Floods force thousands from their homes in Dhaka\n"
        "Boats carried families to schools on higher ground.",
        "Read more: Floods force thousands from their homes in Dhaka",
        "Sylhet",
    ),
    "share": (
        "Fire crews in Lyon fought the blaze at the warehouse for six hours.\n"
        "Follow Maria Lindqvist on Twitter: @mlindqvist\n"
        "No one was hurt, the fire service said.",
        "Follow Maria Lindqvist on Twitter: @mlindqvist",
        "Lyon",
    ),
    "newsletter": (
        "The senate in Canberra passed the budget late on Thursday. Sign up for our Morning "
        "Briefing newsletter to get the news from Washington in your inbox. The opposition "
        "voted against it.",
        "Sign up for our Morning Briefing newsletter to get the news from Washington in your "
        "inbox.",
        "Canberra",
    ),
    "advertisement": (
        "Troops left the base near Kandahar on Saturday, a spokesman said. Advertisement "
        "Continue reading the main story The base will be handed to the army.",
        "Advertisement Continue reading the main story",
        "Kandahar",
    ),
    "click_here": (
        "Aid reached the camps outside Goma on Wednesday. Click here to read the full report "
        "from the United Nations in Geneva. More trucks are expected next week.",
        "Click here to read the full report from the United Nations in Geneva.",
        "Goma",
    ),
    "copyright": (
        "Two people were injured when a gas main exploded in Toledo on Friday, police said.\n"
        "Copyright 2024 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
        "Copyright 2024 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
        "Toledo",
    ),
}
TITLED = Document(
    id="title",
    title="Storm cuts power to homes in Dayton",
    text="Storm cuts power to homes in Dayton\n"
    "A storm cut power to 40,000 homes in Cincinnati on Tuesday, the utility said.",
)


def all_spans(record: Report) -> list[tuple[str, Span]]:
    """Every span a field other than meta.furniture points to, named by its field."""
    spans: list[tuple[str, Span]] = []
    spans += [("entity", m) for e in record.entities for m in e.mentions]
    spans += [("place", m) for p in record.places for m in p.mentions]
    for event in record.events:
        spans += [("trigger", event.trigger.span)] if event.trigger else []
        spans += [("evidence", s) for s in event.evidence]
        spans += [("casualty", c.span) for c in event.casualties if c.span]
    for statement in record.statements:
        spans += [("content", s) for s in statement.content]
        spans += [("speaker", statement.speaker.span)] if statement.speaker.span else []
        spans += [("cue", statement.cue.span)] if statement.cue else []
    spans += [("source", s.span) for s in record.sources if s.span]
    return spans


def pointing_into_furniture(record: Report) -> list[tuple[str, str]]:
    return [
        (name, record.span_text(span))
        for name, span in all_spans(record)
        if any(span[0] < end and start < span[1] for start, end in record.meta.furniture)
    ]


def place_words(record: Report) -> list[str]:
    """The places' mentions as written (a place's name is the gazetteer's)."""
    return [record.span_text(span) for place in record.places for span in place.mentions]


def furniture_texts(record: Report) -> list[str]:
    return [record.span_text(span) for span in record.meta.furniture]


def only_records(documents: list[Document]) -> list[Report]:
    results = list(extract(documents))
    assert all(isinstance(result, Report) for result in results), results
    return [result for result in results if isinstance(result, Report)]


@pytest.fixture(scope="module")
def family_records() -> dict[str, Report]:
    documents = [Document(id=family, text=text) for family, (text, _, _) in FAMILIES.items()]
    return dict(zip(FAMILIES, only_records([*documents, TITLED]), strict=False))


@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_family_is_furniture_and_nothing_points_into_it(
    family: str, family_records: dict[str, Report]
) -> None:
    text, furniture, prose_place = FAMILIES[family]
    record = family_records[family]
    assert record.text == text  # kept verbatim: spans line up with the input
    assert furniture_texts(record) == [furniture]
    assert pointing_into_furniture(record) == []
    # The prose around it is still read.
    assert prose_place in place_words(record)


def test_a_caption_leaves_the_prose_after_it_whole(family_records: dict[str, Report]) -> None:
    record = family_records["caption"]
    assert "Mosul" not in place_words(record)
    said = [(s.speaker.text, s.text) for s in record.statements]
    assert ("The governor", "at least 12 people were killed") in said


def test_names_in_furniture_are_no_entities(family_records: dict[str, Report]) -> None:
    names = {e.name for record in family_records.values() for e in record.entities}
    assert not names & {"Hadi Mizban", "Maria Lindqvist", "The Associated Press"}
    places = {word for record in family_records.values() for word in place_words(record)}
    assert not places & {"Mosul", "Valencia", "Dhaka", "Washington", "Geneva"}
    # Found when the same words are prose: the test can fail.
    (prose,) = only_records([Document(id="prose", text="Workers searched the rubble in Mosul.")])
    assert place_words(prose) == ["Mosul"]


def test_a_body_line_repeating_the_title_is_furniture() -> None:
    (record,) = only_records([TITLED])
    assert furniture_texts(record) == ["Storm cuts power to homes in Dayton"]
    assert place_words(record) == ["Cincinnati"]


def test_a_web_page_keeps_its_headline_as_furniture() -> None:
    (document,) = list(read_inputs([str(PAGE)]))
    assert isinstance(document, Document)
    (record,) = only_records([document])
    assert furniture_texts(record)[0] == "Flood waters reach river town"
    assert pointing_into_furniture(record) == []


CAPTION = "Image caption Pupils in Otley returned to class in a church hall"
QUOTE_OPENS = '"We will rebuild every school that the flood took from us.'
QUOTE_CLOSES = (
    'We will not wait for the insurers to pay," Jane Holloway, the mayor of Leeds, told '
    "reporters on Monday."
)


def statements_read(text: str) -> list[tuple[str, list[str], str | None]]:
    (record,) = only_records([Document(id="quote", text=text)])
    assert pointing_into_furniture(record) == []
    return [
        (s.kind, [record.span_text(span) for span in s.content], s.speaker.text)
        for s in record.statements
    ]


def test_a_caption_run_into_a_quote_leaves_it_one_statement() -> None:
    (statement,) = statements_read(f"{QUOTE_OPENS} {CAPTION} {QUOTE_CLOSES}")
    kind, content, speaker = statement
    assert (kind, speaker) == ("direct", "Jane Holloway")
    assert content == [QUOTE_OPENS, 'We will not wait for the insurers to pay,"']


def test_a_caption_line_between_two_paragraphs_of_a_quote_changes_nothing() -> None:
    second = f'"{QUOTE_CLOSES}'
    with_caption = statements_read(f"{QUOTE_OPENS}\n{CAPTION}\n{second}")
    without = statements_read(f"{QUOTE_OPENS}\n{second}")
    assert with_caption == without
    assert ("direct", ['"We will not wait for the insurers to pay,"'], "Jane Holloway") in without


STORIES = (
    "Council workers in Harrogate began repairing the bridge on Monday.",
    "A new clinic opened in Ripon on Tuesday, the health board said.",
    "Farmers near Thirsk said the dry spell had cut their harvest by half.",
)
DESK_LINE = "Send your news tips to Tom Ashby at the Dales Courier desk"


def test_a_line_a_publisher_repeats_is_furniture_learned_in_the_batch() -> None:
    ours = [
        Document(id=f"d{n}", text=f"{story}\n{DESK_LINE}", publisher="Dales Courier")
        for n, story in enumerate(STORIES)
    ]
    other = Document(id="other", text=f"{STORIES[0]}\n{DESK_LINE}", publisher="Leeds Post")
    records = only_records([*ours, other])
    for record in records[:3]:
        assert furniture_texts(record) == [DESK_LINE]
        assert pointing_into_furniture(record) == []
        assert "Tom Ashby" not in [e.name for e in record.entities]
    # Another publisher's document, seen once, is not taught by this one's.
    assert records[3].meta.furniture == []


def test_copies_of_one_story_do_not_make_a_line_furniture() -> None:
    story = f"{STORIES[0]}\nThe work will take three weeks.\n{DESK_LINE}"
    copies = [
        Document(id="v1", text=story, publisher="Dales Courier"),
        Document(id="v2", text=story + "\nThe road stays open.", publisher="Dales Courier"),
        Document(id="v3", text=f"{STORIES[1]}\n{DESK_LINE}", publisher="Dales Courier"),
    ]
    for record in only_records(copies):
        assert record.meta.furniture == []


def test_a_furniture_only_document_gives_a_record_with_a_warning_and_nothing_else() -> None:
    text = (
        "Image copyright Getty Images Image caption Crowds gathered outside parliament in London\n"
        "Media playback is unsupported on your device\n"
        "Read more: Thousands march in Paris over pension reform"
    )
    (record,) = only_records([Document(id="furniture", text=text)])
    assert record.meta.furniture == [(0, len(text))]
    assert any("furniture only" in warning for warning in record.warnings)
    assert (record.entities, record.places, record.events) == ([], [], [])
    assert (record.statements, record.sources) == ([], [])
