"""The events stage: what happened, to whom, by whom, with what, when and where.

Detection (`detect.py`) gives typed trigger candidates, most salient first. Candidates that
describe one event are merged (`group_candidates`); each group becomes an Event whose fields are
read from its sentences by one module each: dates, participants, instruments, casualties,
modality, summary. Which statements and sources back each participant and figure is known only
after the statements and sources stages: `cite.run` fills `per` then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from spacy.tokens import Doc, Span, Token

from wirescope.days import parse_day
from wirescope.lexicon import mapping, table
from wirescope.nlp import doc_text, english, sentence_of
from wirescope.parsed import Parsed
from wirescope.record import ACLED_TYPES, Event, Participant, Place, Report, Trigger
from wirescope.settings import EventDetectionSettings, EventsSettings, Settings
from wirescope.stages.events.candidate import Candidate
from wirescope.stages.events.casualties import casualties_in, summed_since
from wirescope.stages.events.dates import (
    When,
    before_the_latest,
    event_when,
    latest_named_day,
    names_the_past,
    undated_day,
)
from wirescope.stages.events.detect import candidates, detect, fallback
from wirescope.stages.events.instruments import instruments_in, is_instrument
from wirescope.stages.events.modality import modality_and_outcome
from wirescope.stages.events.participants import (
    as_sides,
    from_trigger,
    headline_perpetrators,
    linked_to_forces,
    merged,
    refers_to_an_attack,
    responsibility,
    unnamed_perpetrators,
)
from wirescope.stages.events.relevance import SHORT_TEXT_SENTENCES
from wirescope.stages.events.summary import summarize
from wirescope.stages.events.typing_salience import syntax_role
from wirescope.stages.meta import dateline_at

# Event types that one story's sentences may use for the same event: an attack is also
# "the explosion", "the incident", "the gunfire"; a protest that turns violent is one event.
FAMILIES = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "demonstration",
    "Riots": "demonstration",
}
# Events that count no casualties of their own: claims and denials of an attack, talks,
# votes and trials ("convicted of killing three": the three are the crime's).
TOLL_LESS_FAMILIES = {"claim", "claim_verb"}
TOLL_LESS = {"Diplomatic event", "Election", "Legal action"}
# Families where someone perpetrates something against a target, with weapons.
ARMED_FAMILIES = {"violence", "demonstration", "Strategic developments/Disrupted weapons use"}
# ACLED geo-precision by the kind of place an event is given: 1 the town or a spot in it,
# 2 a part of a region, 3 only the region or country.
GEO_PRECISION = {
    "landmark": 1,
    "locality": 1,
    "city": 1,
    "admin2": 2,
    "other": 2,
    "admin1": 3,
    "region": 3,
    "country": 3,
}
# The more specific place wins when an event's sentences name several.
SPECIFICITY = ("landmark", "locality", "city", "admin2", "other", "admin1", "region", "country")


@dataclass
class Group:
    """Candidates read as one event; the first is the most salient and gives the type."""

    members: list[Candidate]
    date: str | None = None
    # Dated well before publication: background to the news.
    past: bool = False
    sentences: list[Span] = field(default_factory=list)
    # The means of delivery its triggers name in their own words, kept as members join: a
    # long report's grouping reads each trigger's once, not once per group it is compared to.
    delivery: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.delivery = {m for m in map(_means, self.members) if m is not None}

    def add(self, candidates: list[Candidate]) -> None:
        self.members.extend(candidates)
        self.delivery |= {m for m in map(_means, candidates) if m is not None}

    @property
    def main(self) -> Candidate:
        return self.members[0]

    def subtype(self) -> str:
        """The main trigger's subtype, or a more precise one that another trigger of the event
        names in its own words (event_means.tsv)."""
        general = self.main.subtype
        for member in self.members:
            if member.own and _refined().get(member.subtype) == general:
                return member.subtype
        return general

    def family(self) -> str:
        return FAMILIES.get(self.main.type, f"{self.main.type}/{self.main.subtype}")


def _means(candidate: Candidate) -> str | None:
    """The means of delivery a trigger names as an act ("airstrikes", "the shelling"); None for
    a weapon word or a generic one (event_means.tsv)."""
    found = _means_by_family().get(candidate.family) if candidate.own else None
    root = candidate.trigger.root
    if found is None or (root.pos_ == "NOUN" and is_instrument(root) and not found[1]):
        return None
    return found[0]


@cache
def _means_by_family() -> dict[str, tuple[str, bool]]:
    """Trigger family -> (means, whether its weapon words name the act)."""
    return {
        row[1]: (row[2], row[3] == "yes") for row in table("event_means.tsv") if row[0] == "means"
    }


@cache
def _refined() -> dict[str, str]:
    return {row[1]: row[2] for row in table("event_means.tsv") if row[0] == "refines"}


def _family(candidate: Candidate) -> str:
    return FAMILIES.get(candidate.type, f"{candidate.type}/{candidate.subtype}")


def _is_past(day: str | None, published: date | None, recent: int) -> bool:
    """An event dated well before publication is background ("in 2015", "last week")."""
    if day is None or published is None:
        return False
    return (published - date.fromisoformat(day)).days > recent


def _same_day(one: str, other: str) -> bool:
    return abs((date.fromisoformat(one) - date.fromisoformat(other)).days) <= 1


def _joins(
    group: Group, candidate: Candidate, day: str | None, published: date | None, past: bool
) -> bool:
    """A candidate joins a group of its family unless their dates tell two events apart: two
    different days, or an account of the news and a past one."""
    if group.family() != _family(candidate):
        return False
    means = _means(candidate)
    if means is not None and group.delivery - {means}:
        return False
    if past != group.past and (past or group.date is not None or day is not None):
        return False
    if day is None or group.date is None:
        return True
    return _same_day(group.date, day)


def _undated_into_dated(groups: list[Group]) -> list[Group]:
    """An undated mention of the same means ("the air strikes in Kunduz") beside a dated
    past one ("air strikes last week") is that past event, unless it is the report's news
    (the first group)."""
    kept = groups[:1]
    for group in groups[1:]:
        means = group.delivery
        dated = next(
            (
                g
                for g in groups
                if g.past
                and g is not group
                and means
                and g.delivery == means
                and g.family() == group.family()
            ),
            None,
        )
        if group.date is None and not group.past and dated is not None:
            dated.add(group.members)
        else:
            kept.append(group)
    return kept


def group_candidates(found: list[Candidate], published: date | None, recent: int) -> list[Group]:
    """Merge candidates of one family that tell one event; the news before the background."""
    groups: list[Group] = []
    # With no publication date, "last week" cannot be placed but is still the past, and so is
    # "March 4" in a report that names March 29.
    latest = latest_named_day(found[0].trigger.doc) if published is None and found else None
    for candidate in found:
        when = event_when([candidate.trigger], published)
        day = when.date if when else None
        past = _is_past(day, published, recent) or (
            published is None
            and when is not None
            and (names_the_past(when.text) or before_the_latest(when.text, latest, recent))
        )
        home = next((g for g in groups if _joins(g, candidate, day, published, past)), None)
        if home is None:
            groups.append(Group([candidate], day, past=past))
            continue
        home.add([candidate])
        home.date = home.date or day
    groups = _undated_into_dated(groups)
    for group in groups:
        seen: set[int] = set()
        for member in group.members:
            if member.sentence.start not in seen:
                seen.add(member.sentence.start)
                group.sentences.append(member.sentence)
    # Background is never the report's main event (sorted is stable: salience order stays).
    return sorted(groups, key=lambda group: group.past)


def _is_modifier(text: str, start: int, end: int) -> bool:
    """ "Iran-backed militias", "US-led coalition": the place qualifies an actor; the event
    did not happen there."""
    written = text[start:end]
    # "US-led" may come as one mention; "US-" with its hyphen.
    qualifier = "-" in written and (written.rsplit("-", 1)[1].islower() or written.endswith("-"))
    return (
        qualifier
        or text[end : end + 1] == "-"
        or text[start - 1 : start] == "-"
        or _names_a_body(text, end)
    )


def _names_a_body(text: str, end: int) -> bool:
    """ "the U.S. Embassy in Baghdad", "U.S. troops": a place that opens the name of a body
    (org_heads.tsv) says whose it is, not where the event happened."""
    following = re.match(r"\s+([A-Za-z]+)", text[end : end + 40])
    return following is not None and following.group(1).lower() in mapping("org_heads.tsv")


def _places_in(record: Report, sentences: list[Span], skip_before: int) -> list[Place]:
    """Places with coordinates named in the sentences, past the dateline, not as modifiers."""
    return [
        place
        for place in record.places
        if place.lat is not None
        and any(
            s.start_char <= start < s.end_char
            and start >= skip_before
            and not _is_modifier(record.text, start, end)
            and not dateline_at(record.text, start)
            for s in sentences
            for start, end in place.mentions
        )
    ]


def _headline_place(record: Report, place: Place | None) -> Place | None:
    """A place the headline names, more specific than the one the text gave the main event and
    within its country ("Taliban strike German consulate in Afghan city of Mazar-i-Sharif",
    whose body names only Afghanistan near the attack)."""
    title = (record.meta.title or "").lower()
    if not title:
        return place
    rank = SPECIFICITY.index(place.kind) if place is not None else len(SPECIFICITY)
    named = [
        candidate
        for candidate in record.places
        if candidate.lat is not None
        and SPECIFICITY.index(candidate.kind) < rank
        and (place is None or candidate.country == place.country)
        and any(
            re.search(rf"(?<!\w){re.escape(record.text[a:b].lower())}(?!\w)", title)
            for a, b in candidate.mentions
        )
    ]
    return min(named, key=lambda p: SPECIFICITY.index(p.kind)) if named else place


def _place_of(record: Report, sentences: list[Span], telling: int, opener: int) -> Place | None:
    """The most specific place the sentences that tell the event name (the first few), else
    any of its sentences, else the dateline's. The dateline says where the story was filed
    ("BEIRUT (Reuters) - Turkey shelled a Syrian city"), not where the event happened."""
    for part in (sentences[:telling], sentences[telling:]):
        named = _places_in(record, part, opener)
        if named:
            return min(named, key=lambda p: SPECIFICITY.index(p.kind))
    dateline = (record.meta.dateline or "").lower()
    return next((p for p in record.places if dateline and p.name.lower() in dateline), None)


@dataclass
class Story:
    """Where each event of one report is told, found in one pass over the report: reading an
    event's toll and claims then costs no pass over the whole text per event (a long report
    stays linear)."""

    groups: list[Group]
    # Sentence start -> token index of each trigger in it -> the event it names.
    triggers: dict[int, dict[int, Group]]
    # Sentences that name no event, by the event just before them (see `follow_ups`).
    followers: dict[int, list[Span]]
    # Where claims and denials about the main violent event are (see `claim_sentences`).
    main_claims: list[Span]
    main_violent: Group | None

    @classmethod
    def of(cls, groups: list[Group], doc: Doc, reach: int) -> Story:
        triggers: dict[int, dict[int, Group]] = {}
        for group in groups:
            for member in group.members:
                found = triggers.setdefault(member.sentence.start, {})
                for token in member.trigger:
                    found.setdefault(token.i, group)
        violent = [g for g in groups if g.family() == "violence"]
        main = next((g for g in violent if not g.past), violent[0] if violent else None)
        story = cls(groups, triggers, {}, [], main)
        story._read(doc, violent, reach)
        return story

    def _read(self, doc: Doc, violent: list[Group], reach: int) -> None:
        """One pass over the sentences: follow-ups of each event, and the sentences that
        refer back to an attack for the main violent event."""
        told = {s.start: g for g in reversed(self.groups) for s in g.sentences}
        main = self.main_violent
        # Sentences of the main violent event itself, or of another violent event of the news.
        taken = {s.start for g in violent if g is main or not g.past for s in g.sentences}
        owner: Group | None = None
        distance = reach + 1
        for sentence in doc.sents:
            if main and sentence.start not in taken and refers_to_an_attack(sentence):
                self.main_claims.append(sentence)
            named = self.triggers.get(sentence.start)
            if named or sentence.start in told:
                groups = list(named.values()) if named else [told[sentence.start]]
                owner = next((g for g in groups if g.family() == "violence"), groups[0])
                distance = 0
                continue
            distance += 1
            if owner is not None and distance <= reach:
                self.followers.setdefault(id(owner), []).append(sentence)

    def follow_ups(self, group: Group) -> list[Span]:
        """Sentences that name no event but follow this one's closely: "There have been at
        least two fatalities" after the attack's sentence gives the attack's toll. Each goes
        to the event of the nearest sentence before it that names one, a violent one first."""
        return self.followers.get(id(group), [])

    def owner(self, word: Token) -> Group | None:
        """The event a word of a sentence is about: the first trigger up its chain of heads
        ("air strikes ... that left 32 civilians dead": the air strikes), else the trigger
        nearest it in the sentence, a violent one first; None when its sentence names none."""
        triggers = self.triggers.get(sentence_of(word).start)
        if not triggers:
            return None
        # A toll is violence's: where the sentence names a violent event, the figure is its
        # own ("hurt after a shooting near a demonstration").
        violent = {i: g for i, g in triggers.items() if g.family() == "violence"}
        triggers = violent or triggers
        for token in (word, *word.ancestors):
            if token.i in triggers:
                return triggers[token.i]
        return triggers[min(triggers, key=lambda i: abs(i - word.i))]

    def claim_sentences(self, group: Group) -> list[Span]:
        """Where claims and denials about this violent event are: for the report's main
        violent event, its own sentences and any that refer back to an attack without naming
        another event of the news; for any other, its own sentences that the main event does
        not take ("the Taliban claimed the bombing as revenge for air strikes last week": the
        bombing's)."""
        main = self.main_violent
        if main is None:
            return group.sentences
        mains = main.sentences + self.main_claims
        if group is main:
            return mains
        taken = {s.start for s in mains}
        return [s for s in group.sentences if s.start not in taken]


def build_event(
    record: Report,
    group: Group,
    number: int,
    published: date | None,
    story: Story,
    config: EventsSettings,
    opener: int,
    headline: Candidate | None = None,
) -> Event:
    """The event of one group; `number` 1 is the report's main event, the one its headline
    and lead tell."""
    triggers = [member.trigger for member in group.members]
    sentences = group.sentences
    main = group.main.trigger
    event = Event(
        id=f"v{number}",
        type=group.main.type,
        subtype=group.subtype(),
        trigger=Trigger(text=main.text, span=[main.start_char, main.end_char]),
        evidence=[[s.start_char, s.end_char] for s in sentences],
    )
    headlined = headline is not None and number == 1 and _family(headline) == group.family()
    place = _place_of(record, sentences, config.telling_sentences, opener)
    if headlined:
        place = _headline_place(record, place)
    if place is not None:
        event.place, event.geo_precision = place.id, GEO_PRECISION[place.kind]  # type: ignore[assignment]
    _date(event, event_when(triggers, published))
    if event.date is None and published is not None and number == 1 and not group.past:
        _report_day(event, published, place, record)
    violent = group.family() in ARMED_FAMILIES
    participants = _participants(
        record, group, story, headline if headlined else None, number, config.telling_sentences
    )
    event.participants = merged(participants) if violent else as_sides(merged(participants))
    # Weapons belong to armed events; a disaster or a court case names none.
    event.instruments = instruments_in(sentences) if violent else []
    # A claim, a talk, a vote or a trial counts no dead: the toll is the attack's or the crime's.
    if group.main.family not in TOLL_LESS_FAMILIES and event.subtype not in TOLL_LESS:
        event.casualties = casualties_in(
            sentences + story.follow_ups(group),
            lambda word: story.owner(word) in (None, group) and not summed_since(word),
        )
    event.modality, event.outcome = modality_and_outcome(triggers, sentences)  # type: ignore[assignment]
    event.summary = summarize(record, event)
    return event


def _date(event: Event, when: When | None) -> None:
    if when is not None:
        event.date, event.date_text, event.time_of_day = when.date, when.text, when.time_of_day
        event.date_precision = when.precision  # type: ignore[assignment]


def _report_day(event: Event, published: date, place: Place | None, record: Report) -> None:
    """The news a report tells without a date happened on the report's day, as ACLED codes it
    (its other undated events may be older, and stay undated), in the event's local time."""
    day = undated_day(
        published, event.time_of_day, place.lon if place else None, bool(record.meta.dateline)
    )
    event.date, event.date_precision = day.isoformat(), "day"
    event.date_text = event.date_text if event.time_of_day else None


def _participants(
    record: Report,
    group: Group,
    story: Story,
    headline: Candidate | None,
    number: int,
    telling_sentences: int,
) -> list[Participant]:
    """Who did what to whom, read where the event is told (its first sentences), not from
    every later mention ("the attack", "the incident") that merged into it; then claims and
    denials, the headline's actor and an unnamed gunman where no clause names one."""
    telling = {s.start for s in group.sentences[:telling_sentences]}
    violent = group.family() in ARMED_FAMILIES
    participants = [
        p
        for member in group.members
        if member.sentence.start in telling
        for p in from_trigger(record, member.trigger, people_only=not violent)
    ]
    if group.family() == "violence":
        participants += responsibility(record, story.claim_sentences(group))
    named = any(p.role == "perpetrator" for p in participants)
    if not named and headline is not None:
        participants += headline_perpetrators(record, headline.trigger)
    if group.family() == "violence" and not any(p.role == "perpetrator" for p in participants):
        # The report's main event owns the whole report's "the gunman is still at large".
        told = group.sentences
        if number == 1:
            told = told + list(told[0].doc.sents)
        participants += unnamed_perpetrators(told, lambda word: story.owner(word) in (None, group))
    linked_to_forces(record, participants)
    return participants


def title_event(
    headline: Doc, config: EventDetectionSettings, themed: bool | None = None
) -> Candidate | None:
    """The event a headline announces: its most salient typed trigger, not a mere claim or
    the fallback (Non-conflict/Other). `themed`: whether the report is a conflict story."""
    typed = [
        c
        for c in candidates(headline, config, title_end=len(doc_text(headline)), themed=themed)
        if (c.type, c.subtype) != ("Non-conflict", "Other")
    ]
    # A headline that names violence beside a peaceful protest announces the violence
    # ("Trump protest march marred by shooting"): the protest is its setting.
    if any(_family(c) == "violence" for c in typed):
        typed = [c for c in typed if c.subtype != "Peaceful protest"]
    # In a headline the main clause decides: "strike kills nine as mediators meet on a
    # ceasefire" announces the strike, whatever the words' own weights.
    return max(typed, key=lambda c: (_headline_rank(c.trigger), c.score), default=None)


# A headline's main verb and its subject or object ("Seattle shooting leaves five hurt near
# protests": the shooting) outrank words in its prepositional phrases (the protests).
HEADLINE_CORE = frozenset({"ROOT", "nsubj", "nsubjpass", "dobj", "attr"})


def _headline_rank(trigger: Span) -> int:
    root = trigger.root
    main = root.dep_ == "ROOT" or (root.dep_ in HEADLINE_CORE and root.head.dep_ == "ROOT")
    return 2 if main else int(syntax_role(trigger) is not None)


def weigh_by_title(
    found: list[Candidate], headline: Candidate | None, bonus: float
) -> list[Candidate]:
    """The headline says what the report is about: body candidates of the headline's event
    type gain the title's weight (half of it for the same family), then re-rank."""
    if headline is None:
        return found
    for candidate in found:
        if (candidate.type, candidate.subtype) == (headline.type, headline.subtype):
            candidate.score += bonus
        elif _family(candidate) == _family(headline):
            candidate.score += bonus / 2
    return sorted(found, key=lambda c: (-c.score, c.trigger.start))


def _lead_first(groups: list[Group], headline: Candidate | None, doc: Doc) -> list[Group]:
    """A report of no conflict is about what its headline or lead says: an election named in
    passing in a business story is not its main event. First the event of the headline's
    type, else one the lead tells in its main clause, else the lead's own main verb (Other)."""
    lead = next(iter(doc.sents)).start

    def leads(group: Group) -> bool:
        if headline is not None and (group.main.type, group.main.subtype) == (
            headline.type,
            headline.subtype,
        ):
            return True
        return headline is None and any(
            m.sentence.start == lead and syntax_role(m.trigger) is not None for m in group.members
        )

    first = next(
        (g for g in groups if not (g.past and g.main.type in ACLED_TYPES) and leads(g)), None
    )
    if first is None:
        return [Group([fallback(doc)]), *groups]
    return [first, *(g for g in groups if g is not first)]


def run(parsed: Parsed, record: Report, settings: Settings) -> None:
    config, detection = settings.events, settings.event_detection
    doc = parsed.doc
    if doc is None:
        return
    published = parse_day(record.meta.published or parsed.source.published)
    title = parsed.title_doc
    if title is None and record.meta.title:  # a Parsed built by hand, not by Pipeline.parse_batch
        title = english()(record.meta.title)
    # A headline about conflict makes its report a conflict story, however short the body.
    title_themed = title is not None and detect(title, detection)[1]
    found, themed = detect(doc, detection, themed=True if title_themed else None)
    headline = title_event(title, detection, themed) if title is not None else None
    weighed = weigh_by_title(found, headline, detection.title_bonus)
    groups = group_candidates(weighed, published, config.recent_days)
    # Background is never a report's news: a report of no recent conflict event is about what
    # its headline or lead says. A snippet of a few sentences is all about its event, however
    # long ago.
    snippet = sum(1 for _ in doc.sents) <= SHORT_TEXT_SENTENCES
    if not any(g.main.type in ACLED_TYPES and (snippet or not g.past) for g in groups):
        groups = _lead_first(groups, headline, doc)
    story = Story.of(groups, doc, config.follow_up_sentences)
    record.events = [
        build_event(record, group, n, published, story, config, parsed.dateline_end, headline)
        for n, group in enumerate(groups, start=1)
    ]
