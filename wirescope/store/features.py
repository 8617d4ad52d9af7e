"""What consolidation compares: a report's main event, reduced to comparable features.

Text similarity is TF-IDF cosine over the title and the opening of the text (stop words
out), weighted by document frequencies the store keeps as it grows: no model to train, no
re-clustering when reports arrive. Dates, types, places and participants then adjust it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.lang.en.stop_words import STOP_WORDS

from wirescope.days import parse_day
from wirescope.record import Event, Place, Report
from wirescope.settings import setting

_WORD = re.compile(r"[^\W\d_][\w'’-]+")
MIN_WORD_LENGTH = 3
# The width of term_df's key (models.KEY): no word of any language is longer; a run of
# letters that is (an identifier, a base64 blob) says nothing of the story either.
MAX_WORD_LENGTH = 255


def words(text: str) -> list[str]:
    """Lowercased content words: stop words, very short and absurdly long words say nothing
    of the story."""
    found = (match.group().lower() for match in _WORD.finditer(text))
    return [
        w for w in found if MIN_WORD_LENGTH <= len(w) <= MAX_WORD_LENGTH and w not in STOP_WORDS
    ]


def report_terms(record: Report) -> dict[str, int]:
    """Term counts of the title and the opening: what the story is about, not its digressions."""
    opening = record.text[: int(setting("store", "opening_chars"))]
    return dict(Counter(words(f"{record.meta.title or ''}\n{opening}")))


def tfidf(terms: dict[str, int], df: dict[str, int], documents: int) -> dict[str, float]:
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
    """The event's date where it is plausible for a news report, else the publication day.

    An event dated long before publication, or after it, is a misread date ("1959"), not
    the news: the window comes from settings.
    """
    day = parse_day(published)
    when = parse_day(event.date) if event else None
    if when and day:
        earliest = day - timedelta(days=int(setting("store", "credible_days_before")))
        if earliest <= when <= day + timedelta(days=1):
            return when.isoformat()
        return day.isoformat()
    known = when or day
    return known.isoformat() if known else None


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


@dataclass
class Features:
    """A report's main event as consolidation sees it."""

    report_id: str
    terms: dict[str, int]
    day: date | None
    type: str | None
    subtype: str | None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    actors: frozenset[str] = field(default_factory=frozenset)
