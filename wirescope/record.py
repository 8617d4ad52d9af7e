"""The wirescope record, format 1 (`shared/docs/record-format.md`) as typed models.

This module is the contract every other part of the project speaks: the stages fill these
models, the CLI serialises them, the store and the exports read them. Nothing else is shared.
Field names and meanings follow the format document exactly; a field the text does not give
stays null or empty, never invented.
"""

from __future__ import annotations

import json
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT: Final = "wirescope/1"

# [start, end]: character offsets into the record's text, end exclusive.
Span = tuple[int, int]

EntityKind = Literal["person", "organization", "state", "group", "other"]
ActorCategory = Literal[
    "state_forces",
    "government",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external",
    "political_party",
    "media",
    "igo",
    "ngo",
    "business",
    "other",
]
PlaceKind = Literal[
    "country", "admin1", "admin2", "city", "locality", "landmark", "region", "other"
]
Certainty = Literal["confirmed", "claimed", "suspected", "denied", "unknown"]
Role = Literal["perpetrator", "target", "victim", "actor", "counterpart"]
InstrumentKind = Literal[
    "drone",
    "aircraft",
    "rocket",
    "missile",
    "artillery",
    "ied",
    "suicide_bomb",
    "grenade",
    "firearm",
    "blade",
    "vehicle",
    "fire",
    "chemical",
    "other",
]
CasualtyKind = Literal["killed", "injured", "missing", "abducted", "arrested", "displaced"]
Modality = Literal["actual", "attempted", "threatened", "planned", "hypothetical", "negated"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
StatementKind = Literal["direct", "indirect", "mixed", "none"]
Channel = Literal[
    "twitter",
    "telegram",
    "facebook",
    "social_media",
    "television",
    "radio",
    "statement",
    "press_conference",
    "interview",
    "state_media",
    "news_agency",
    "website",
    "unknown",
]
StanceType = Literal[
    "condemn",
    "deny",
    "claim",
    "accuse",
    "support",
    "praise",
    "threaten",
    "demand",
    "reassure",
    "neutral",
]
SourceKind = Literal[
    "named_official",
    "anonymous_official",
    "agency",
    "media",
    "witness",
    "document",
    "social_media",
]

# ACLED's event types and sub-event types, spelled as ACLED spells them, plus the
# Non-conflict subtypes of the format.
EVENT_SUBTYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    "Non-conflict": (
        "Diplomatic event",
        "Election",
        "Legal action",
        "Organized crime",
        "Natural disaster",
        "Man-made disaster",
        "Other",
    ),
}
# The type of the events outside ACLED's taxonomy, and ACLED's own types: an event of one
# of these is a conflict event (political violence, demonstrations, strategic developments).
NON_CONFLICT = "Non-conflict"
ACLED_TYPES = frozenset(t for t in EVENT_SUBTYPES if t != NON_CONFLICT)


# Python's str.splitlines() (and JavaScript's older parsers) end lines at these too; JSON
# allows them raw, so escape them to keep JSON Lines one record a line.
_LINE_BREAKS_ESCAPED = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029\x1c\x1d\x1e"}


class Model(BaseModel):
    """Base of every record part: unknown fields are errors, so typos cannot slip through."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Meta(Model):
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    published: str | None = None
    updated: str | None = None
    dateline: str | None = None
    credits: list[str] = Field(default_factory=list)
    authors: list[str] = Field(default_factory=list)
    # Spans of page furniture left in the text (captions, credits, player notices, read-more
    # links, copyright lines): no other field points into them.
    furniture: list[Span] = Field(default_factory=list)


class Entity(Model):
    id: str
    name: str
    kind: EntityKind
    category: ActorCategory | None = None
    country: str | None = None
    titles: list[str] = Field(default_factory=list)
    affiliation: str | None = None
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class Place(Model):
    id: str
    name: str
    mentions: list[Span] = Field(default_factory=list)
    kind: PlaceKind = "other"
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None


class Trigger(Model):
    text: str
    span: Span


class Participant(Model):
    role: Role
    entity: str | None = None
    text: str
    certainty: Certainty = "unknown"
    per: list[str] = Field(default_factory=list)


class Instrument(Model):
    text: str
    kind: InstrumentKind
    count: int | None = None


class Casualty(Model):
    kind: CasualtyKind
    count: int | None = None
    min: int | None = None
    max: int | None = None
    who: str | None = None
    span: Span | None = None
    per: list[str] = Field(default_factory=list)


class Event(Model):
    id: str
    type: str
    subtype: str
    trigger: Trigger | None = None
    summary: str | None = None
    date: str | None = None
    date_text: str | None = None
    date_precision: DatePrecision = "unknown"
    time_of_day: str | None = None
    place: str | None = None
    geo_precision: Literal[1, 2, 3] | None = None
    participants: list[Participant] = Field(default_factory=list)
    instruments: list[Instrument] = Field(default_factory=list)
    casualties: list[Casualty] = Field(default_factory=list)
    outcome: str | None = None
    modality: Modality = "actual"
    evidence: list[Span] = Field(default_factory=list)


class Speaker(Model):
    entity: str | None = None
    text: str | None = None
    span: Span | None = None
    anonymous: bool = False
    count: int | None = None
    description: str | None = None


class Cue(Model):
    text: str
    span: Span


class Stance(Model):
    event: str | None = None
    type: StanceType


class Statement(Model):
    id: str
    kind: StatementKind
    content: list[Span] = Field(default_factory=list)
    text: str = ""
    speaker: Speaker = Field(default_factory=Speaker)
    cue: Cue | None = None
    channel: Channel = "unknown"
    via: str | None = None
    stance: list[Stance] = Field(default_factory=list)


class Source(Model):
    id: str
    kind: SourceKind
    text: str
    span: Span | None = None
    anonymous: bool = False
    count: int | None = None
    affiliation: str | None = None
    reason: str | None = None
    told: str | None = None


class Report(Model):
    """One news report in, one report record out."""

    format: Literal["wirescope/1"] = FORMAT
    id: str
    meta: Meta = Field(default_factory=Meta)
    text: str
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    # Problems met while reading this document ("language is fr", "cut at 200000 characters").
    # Not a format-1 field: the CLI reports them on stderr, the JSON never carries them.
    warnings: list[str] = Field(default_factory=list, exclude=True)

    def to_json(self, *, pretty: bool = False) -> str:
        """The record as format-1 JSON (UTF-8 text, non-ASCII kept as is, except the characters
        that line-splitting readers take for line ends: one record stays one JSON line)."""
        data = self.model_dump(mode="json")
        text = json.dumps(data, ensure_ascii=False, indent=2 if pretty else None)
        return text.translate(_LINE_BREAKS_ESCAPED)

    def span_text(self, span: Span) -> str:
        return self.text[span[0] : span[1]]


def json_schema() -> dict[str, Any]:
    """JSON Schema of one record, as `wirescope schema` prints it."""
    schema = Report.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://wirescope.example/schema/wirescope-1.json"
    return schema
