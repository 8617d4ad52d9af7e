"""What consolidation compares: a report's main event, reduced to comparable features.

Text similarity is TF-IDF cosine over the title and the opening of the text (stop words
out), weighted by document frequencies the store keeps as it grows: no model to train, no
re-clustering when reports arrive. Dates, types, places and participants then adjust it.
"""

from __future__ import annotations

import json
import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from wirescope.days import parse_day
from wirescope.recent import Recent
from wirescope.record import Event, Place, Report

_WORD = re.compile(r"[^\W\d_][\w'’-]+")
MIN_WORD_LENGTH = 3
# The width of term_df's key (models.KEY): no word of any language is longer; a run of
# letters that is (an identifier, a base64 blob) says nothing of the story either.
MAX_WORD_LENGTH = 255


def words(text: str) -> list[str]:
    """Lowercased content words: stop words, very short and absurdly long words say nothing
    of the story."""
    found = (match.group().lower() for match in _WORD.finditer(text))
    stop = _stop_words()
    return [w for w in found if MIN_WORD_LENGTH <= len(w) <= MAX_WORD_LENGTH and w not in stop]


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, read when a report's words are first counted: importing the
    store (`serve`, the exports) loads no spaCy."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def report_terms(record: Report, opening_chars: int) -> dict[str, int]:
    """Term counts of the title and the opening: what the story is about, not its digressions.
    The words are interned: the features of every report held in memory, and the document
    frequencies, then share one string per word (200 BBC openings, 108 terms each: 9.0 KB a
    report as copies, 4.6 KB interned)."""
    opening = record.text[:opening_chars]
    return dict(Counter(sys.intern(w) for w in words(f"{record.meta.title or ''}\n{opening}")))


def stored_terms(terms: str) -> dict[str, int]:
    """A report's stored term counts (JSON), its words interned as `report_terms` does."""
    return {sys.intern(term): count for term, count in json.loads(terms).items()}


class TermCounts:
    """A report's term counts as the features hold them, for as long as the store runs: its
    words (interned, shared with every other report) in a tuple and their counts in an array
    (16-bit numbers, unless an opening repeats a word 65,536 times). 200 BBC openings, 109
    terms each: 1.3 KB a report, where a dict takes 3.0 KB."""

    __slots__ = ("counts", "words")

    def __init__(self, terms: dict[str, int]) -> None:
        self.words = tuple(terms)
        wide = max(terms.values(), default=0) >= 2**16
        self.counts = array("I" if wide else "H", terms.values())

    def items(self) -> Iterator[tuple[str, int]]:
        return zip(self.words, self.counts, strict=True)


def tfidf(
    terms: dict[str, int] | TermCounts, df: dict[str, int], documents: int
) -> dict[str, float]:
    """Unit-length TF-IDF vector; smoothed IDF keeps shared words weighted in a young store."""
    weights = {
        term: (1.0 + math.log(count)) * (math.log((documents + 1) / (df.get(term, 0) + 1)) + 1.0)
        for term, count in terms.items()
    }
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(w * right.get(term, 0.0) for term, w in left.items())


def credible_date(event: Event | None, published: str | None) -> str | None:
    """The day the event is stored under: its own date where the report gives one (history
    included: a background event keeps its year), else the publication day.

    A date after publication (a misread "Nov. 30" in a report of Nov. 10) is not the event's:
    the publication day stands in for it.
    """
    day = parse_day(published)
    when = parse_day(event.date) if event else None
    if when and (day is None or when <= day + timedelta(days=1)):
        return when.isoformat()
    return day.isoformat() if day else None


def own_date(event: Event | None, published: str | None) -> tuple[date | None, str | None]:
    """The event's own day and its precision, None when the report gives no usable date."""
    if event is None:
        return None, None
    when, day = parse_day(event.date), parse_day(published)
    if when is None or (day is not None and when > day + timedelta(days=1)):
        return None, None
    precision = event.date_precision if event.date_precision != "unknown" else "day"
    return when, precision


def date_span(day: date, precision: str | None) -> tuple[date, date]:
    """The days a date of this precision may mean ("2015-11-01", month: all November)."""
    if precision == "week":
        return day - timedelta(days=6), day + timedelta(days=6)
    if precision == "month":
        start = day.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return start, following - timedelta(days=1)
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return day, day


def event_place(record: Report, event: Event | None) -> Place | None:
    if event is None or event.place is None:
        return None
    return next((place for place in record.places if place.id == event.place), None)


def actor_names(record: Report, event: Event | None) -> list[str]:
    """Names of the event's participants: the entity's canonical name, else the words used."""
    if event is None:
        return []
    names = {entity.id: entity.name for entity in record.entities}
    found: list[str] = []
    for participant in event.participants:
        name = names.get(participant.entity or "") if participant.entity else None
        if name and name not in found:
            found.append(name)
    return found


@dataclass(slots=True)  # thousands are held: no dict of attributes each
class Features:
    """One event of a report as consolidation sees it: the report's words (what the story
    is), and the event's own date (with its precision), type, place and participants."""

    report_id: str
    terms: TermCounts
    day: date | None  # the event's own day, else the publication day
    type: str | None
    subtype: str | None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    actors: frozenset[str] = field(default_factory=frozenset)
    local_id: str = ""
    main: bool = True  # the report's main event: its words are about this event
    published: date | None = None
    precision: str | None = None  # of `day` when it is the event's own date, else None

    @property
    def key(self) -> tuple[str, str]:
        return self.report_id, self.local_id

    @property
    def dated(self) -> bool:
        """Whether `day` is the event's own date (not the publication day standing in)."""
        return self.precision is not None

    def span(self) -> tuple[date, date] | None:
        return date_span(self.day, self.precision) if self.day else None


def event_features(record: Report, terms: dict[str, int]) -> list[Features]:
    """Features of each event of the record, the main one first."""
    published = parse_day(record.meta.published)
    counts = TermCounts(terms)  # one for all the report's events
    found = []
    for index, event in enumerate(record.events):
        when, precision = own_date(event, record.meta.published)
        place = event_place(record, event)
        found.append(
            Features(
                report_id=record.id,
                terms=counts,
                day=when or published,
                type=event.type,
                subtype=event.subtype,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                country=place.country if place else None,
                actors=frozenset(name.lower() for name in actor_names(record, event)),
                local_id=event.id,
                main=index == 0,
                published=published,
                precision=precision,
            )
        )
    return found


class FeatureCache(Recent[tuple[str, str], Features]):
    """The features of recently seen events, least recently used out first: a store that
    runs for months (`serve`, a long ingest) holds at most `capacity` of them; the others are
    read again from the stored record when a new event's date brings them back."""

    def add(self, features: Features) -> None:
        self.put(features.key, features)
