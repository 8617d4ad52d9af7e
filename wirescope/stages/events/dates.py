"""When an event happened: date expressions near its trigger, resolved against the
publication date.

A weekday is the nearest such day from six days before to one day after publication ("early
Sunday" in a Sunday story is that day; "early Tuesday" in a Monday story is the next day, the
time zones differing). Month-and-day dates take the publication year, or the year before when
that would put them more than a week after publication. Relative words ("yesterday", "last
month") are a lexicon.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from spacy.tokens import Doc, Span, Token

from wirescope.days import MONTHS, WEEKDAYS, clock_time
from wirescope.lexicon import mapping, table
from wirescope.numbers import number_value
from wirescope.reporting import says

# "10:45", "10.45 pm", and a whole hour with its meridiem: "7 pm", "7p.m.".
_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2})\s*(a\.?m\.?|p\.?m\.?)?|\s*(a\.?m\b\.?|p\.?m\b\.?))",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
# How far after publication a month-and-day date may lie before it is read as last year's.
_FUTURE_SLACK = timedelta(days=7)


@dataclass
class When:
    date: str | None
    text: str
    precision: str
    time_of_day: str | None


@cache
def _relative() -> tuple[tuple[str, int, str, str], ...]:
    rows = [(r[0].lower(), int(r[1]), r[2], r[3]) for r in table("event_dates.tsv")]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def time_of_day(text: str) -> str | None:
    """ "early morning" for "early Sunday", "22:45" for "10:45 pm", else a daypart word."""
    clock = _CLOCK.search(text)
    if clock:
        time = clock_time(
            int(clock.group(1)), int(clock.group(2) or 0), clock.group(3) or clock.group(4)
        )
        if time is not None:
            return f"{time[0]:02d}:{time[1]:02d}"
    parts = mapping("times_of_day.tsv")
    found = [parts[word][0] for word in _words(text) if word in parts]
    # "early Sunday morning": the more specific part of the day wins over "morning".
    return found[0] if found else None


def _hour(time_of_day: str) -> float | None:
    """The local hour a time of day stands for: "22:45" -> 22.75, "evening" -> 19."""
    if re.fullmatch(r"\d\d:\d\d", time_of_day):
        return int(time_of_day[:2]) + int(time_of_day[3:]) / 60
    hours = {label: float(hour) for label, hour in mapping("times_of_day.tsv").values()}
    return hours.get(time_of_day)


def undated_day(
    published: date, time_of_day: str | None, longitude: float | None, filed_there: bool
) -> date:
    """The day of a news event its report does not date: the publication day, or the day
    before where the event's local time had not yet come when the publication day ended in
    universal time ("shortly before 7 pm" in Seattle, in a report published in London the
    next day). A report filed from a dateline is dated in local time: its day stands."""
    hour = _hour(time_of_day) if time_of_day else None
    if filed_there or hour is None or longitude is None:
        return published
    # Solar time: within an hour or so of the legal time zone, which is enough to tell the day
    # and needs no time-zone database for a place that may be a village.
    utc_hour = hour - longitude / 15
    return published - timedelta(days=1) if utc_hour >= 24 else published


def _weekday(published: date, weekday: int) -> date:
    """The nearest such day from six days before to one day after publication."""
    ahead = published + timedelta(days=1)
    return ahead - timedelta(days=(ahead.weekday() - weekday) % 7)


def _shift(published: date, offset: int, unit: str) -> date:
    if unit == "day":
        return published + timedelta(days=offset)
    if unit == "week":
        return published + timedelta(weeks=offset)
    if unit == "month":
        month = published.month - 1 + offset
        return date(published.year + month // 12, month % 12 + 1, 1)
    return date(published.year + offset, 1, 1)


def _month_day(text: str, published: date | None) -> tuple[date, str] | None:
    """A date by month name; one without its year takes the publication's (None without)."""
    words = _words(text)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is None:
        return None
    year_match = _YEAR.search(text)
    if year_match is not None:
        year = int(year_match.group(1))
    elif published is not None:
        year = published.year
    else:
        return None
    day_match = _DAY.search(_YEAR.sub(" ", text))
    if day_match is None:
        return date(year, month, 1), "month"
    try:
        resolved = date(year, month, int(day_match.group(1)))
    except ValueError:
        return None
    if published is not None and not year_match and resolved > published + _FUTURE_SLACK:
        resolved = resolved.replace(year=year - 1)
    return resolved, "day"


# "ten years ago", "3 weeks ago", "years ago": a count of units before publication.
_AGO = re.compile(r"\b(?:(\w+)\s+)?(day|week|month|year|decade)s?\s+ago\b", re.IGNORECASE)
_AGO_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}


def _ago(text: str) -> tuple[int | None, str] | None:
    """(days before publication, the unit) of "ten years ago"; days None for "years ago"."""
    match = _AGO.search(text)
    if match is None:
        return None
    count = 1 if (match.group(1) or "").lower() in ("a", "an", "one") else None
    if count is None and match.group(1):
        count = number_value(match.group(1))
    unit = match.group(2).lower()
    return (count * _AGO_DAYS[unit] if count is not None else None), unit


# A year of our own for month-and-day dates of a report with no publication date: they are only
# compared with each other.
_SOME_YEAR = date(2000, 12, 31)


def _yearless_day(text: str) -> date | None:
    """ "March 4" in a year of our own; None for a date with its year or no month-and-day."""
    if _YEAR.search(text):
        return None
    found = _month_day(text, _SOME_YEAR)
    return found[0] if found is not None and found[1] == "day" else None


def latest_named_day(doc: Doc) -> date | None:
    """The latest month-and-day a report without a publication date names ("on March 29 the
    hospital said"): it was written that day or later."""
    days = [d for ent in _time_entities(doc)[1] if (d := _yearless_day(ent.text)) is not None]
    return max(days, default=None)


def before_the_latest(text: str, latest: date | None, recent_days: int) -> bool:
    """Whether a month-and-day lies more than `recent_days` before the latest the report names:
    "found on a bench on March 4" in a report that goes on to March 29 is background."""
    day = _yearless_day(text)
    return latest is not None and day is not None and (latest - day).days > recent_days


def names_the_past(text: str) -> bool:
    """A date that lies weeks or more before any publication day ("last week", "last year",
    "in 2015"): background, even where the report's own date is unknown."""
    lowered = " ".join(_words(text))
    ago = _ago(text)
    if ago is not None:
        return ago[1] != "day" and (ago[0] is None or ago[0] > 6)
    for phrase, offset, unit, _precision in _relative():
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            return offset < 0 and unit in ("week", "month", "year")
    return bool(_YEAR.search(text)) and set(_words(text)) <= {"in", "during", "since"}


def resolve(text: str, published: date | None) -> When:
    """Resolve one date expression; `date` is None when it cannot be placed."""
    lowered = " ".join(_words(text))
    tod = time_of_day(text)
    if published is None:
        # "on the 29th March 2018" needs no publication date.
        dated = _month_day(text, None)
        if dated is not None:
            return When(dated[0].isoformat(), text, dated[1], tod)
        return When(None, text, "unknown", tod)
    ago = _ago(text)
    if ago is not None:
        days, unit = ago
        if days is None:
            return When(None, text, "unknown", tod)
        day = published - timedelta(days=days)
        precision = {"day": "day", "week": "week", "month": "month"}.get(unit, "year")
        # Months and years count roughly: the record says the month or year, as "in 2015" does.
        if precision == "month":
            day = day.replace(day=1)
        elif precision == "year":
            day = date(day.year, 1, 1)
        return When(day.isoformat(), text, precision, tod)
    for phrase, offset, unit, precision in _relative():
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            return When(_shift(published, offset, unit).isoformat(), text, precision, tod)
    month_day = _month_day(text, published)
    if month_day is not None:
        return When(month_day[0].isoformat(), text, month_day[1], tod)
    weekday = next((WEEKDAYS.index(w) for w in _words(text) if w in WEEKDAYS), None)
    if weekday is not None:
        return When(_weekday(published, weekday).isoformat(), text, "day", tod)
    year_match = _YEAR.search(text)
    if year_match and set(_words(text)) <= {"in", "during", "since"}:
        return When(f"{year_match.group(1)}-01-01", text, "year", tod)
    return When(None, text, "unknown", tod)


# "since 1959", "until March", "for three weeks": a span of time around the event, not its date.
_SPAN_PREPOSITIONS = {"since", "until", "till", "for", "through", "throughout"}


def _names_a_period(expression: Span) -> bool:
    root = expression.root
    before = expression.doc[expression.start - 1] if expression.start > 0 else None
    return (root.dep_ == "pobj" and root.head.lower_ in _SPAN_PREPOSITIONS) or (
        before is not None and before.lower_ in _SPAN_PREPOSITIONS
    )


def _attached_to_noun(expression: Span) -> bool:
    """ "last month's elections", "the Sunday edition": the date describes a thing, not when
    the event happened."""
    root = expression.root
    if root.head.ent_type_ in _TIME_LABELS:  # "Thursday night": the day of that night
        return False
    # "late Thursday night" hung from "hub" by the parser still says when, as a weekday or a
    # part of the day always does outside a possessive or a compound.
    when_words = any(
        w in WEEKDAYS or w in mapping("times_of_day.tsv") for w in _words(expression.text)
    )
    return root.dep_ in ("poss", "compound") or (
        root.dep_ == "npadvmod" and root.head.pos_ == "NOUN" and not when_words
    )


def _distance(expression: Span, trigger: Span) -> int:
    if expression.end <= trigger.start:
        return trigger.start - expression.end
    return max(expression.start - trigger.end, 0)


_TIME_LABELS = ("DATE", "TIME")
_TIME_ENTITIES = "wirescope_time_entities"


# What ties a DATE or TIME phrase to the calendar: a weekday or month, a year, a clock time, a
# part of the day, or a relative word. Without one it is an age or a span ("42-year-old",
# "30", "weeks", "a year"), never when something happened.
_ANCHOR = re.compile(
    r"\b(?:" + "|".join((*WEEKDAYS, *MONTHS)) + r"|\d{4}|\d{1,2}[:.]\d{2}|\d{1,2}\s*[ap]\.?m"
    r"|ago|last|this|next|yesterday|today|tonight|tomorrow|earlier|later|overnight|weekend"
    r"|morning|afternoon|evening|night|midnight|noon|midday|dawn|christmas|easter)\b",
    re.IGNORECASE,
)


def _anchored(text: str) -> bool:
    return _ANCHOR.search(text) is not None and "year-old" not in text.lower()


def _time_entities(doc: Doc) -> tuple[list[int], list[Span]]:
    """The document's DATE and TIME entities and their start tokens, in order; found once.

    `Span.ents` rebuilds every entity of the document on each call, so asking it once per
    trigger made a long report's dates cost its length squared (200k characters: 50 s).
    """
    found = doc.user_data.get(_TIME_ENTITIES)
    if found is None:
        entities = [ent for ent in doc.ents if ent.label_ in _TIME_LABELS and _anchored(ent.text)]
        found = doc.user_data[_TIME_ENTITIES] = ([ent.start for ent in entities], entities)
    return found


def _entities_within(sentence: Span) -> list[Span]:
    """The DATE and TIME entities wholly inside the sentence (what `sentence.ents` keeps)."""
    starts, entities = _time_entities(sentence.doc)
    inside = []
    for index in range(bisect_left(starts, sentence.start), len(starts)):
        entity = entities[index]
        if entity.start >= sentence.end:
            break
        if entity.end <= sentence.end:
            inside.append(entity)
    return inside


def _dates_a_statement(expression: Span) -> bool:
    """ "Officials said on Friday", "told reporters Friday": the day of the words, not of
    the event they report."""
    head = expression.root.head
    if head.dep_ == "prep":
        head = head.head
    return head.pos_ == "VERB" and says(head.lemma_)


def date_expressions(sentence: Span) -> list[Span]:
    """The tagger's DATE and TIME phrases in a sentence that say when something happened."""
    return [
        ent
        for ent in _entities_within(sentence)
        if not _attached_to_noun(ent) and not _names_a_period(ent) and not _dates_a_statement(ent)
    ]


def _dates_the_trigger(expression: Span, trigger: Span) -> bool:
    """The expression hangs from the trigger itself: "the bombing late Thursday", "attacked
    on Monday", "the explosion late on Thursday", not "the toll rose Friday" beside it."""
    head = expression.root.head
    for _ in range(2):  # through "on", "late on"
        if head.dep_ not in ("prep", "advmod") or head.head.i == head.i:
            break
        head = head.head
    return head.i == trigger.root.i and not _names_a_period(expression)


# A day says more than a week, a week more than a month: "late Thursday night" beside "this
# week" dates the attack.
_PRECISION_ORDER = ("day", "week", "month", "year")


def _attached_when(triggers: list[Span], published: date | None) -> When | None:
    """The most precise date that hangs from one of the triggers; the most salient trigger's
    among equally precise ones."""
    best: When | None = None
    for trigger in triggers:
        for expression in _entities_within(trigger.sent):
            if _dates_the_trigger(expression, trigger):
                when = resolve(expression.text, published)
                if when.date is None:
                    continue
                if when.precision == "day":
                    return when
                if best is None or _PRECISION_ORDER.index(when.precision) < _PRECISION_ORDER.index(
                    best.precision
                ):
                    best = when
    return best


def event_when(triggers: list[Span], published: date | None) -> When | None:
    """The date of the event: an expression that hangs from one of its triggers, else that of
    the first trigger (most salient) whose sentence dates it, the expression nearest the
    trigger winning. Times ("10:45 pm") refine the date's time of day. A day in the sentences
    beats a week or a month that hangs from a trigger ("this week" beside "late Thursday")."""
    attached = _attached_when(triggers, published)
    if attached is not None and attached.precision == "day":
        return attached
    told = _told_when(triggers, published)
    if attached is None or (told is not None and told.date is not None and told.precision == "day"):
        return told if told is not None else attached
    return attached


def _told_when(triggers: list[Span], published: date | None) -> When | None:
    """The date the first dated sentence of a trigger gives, nearest the trigger."""
    undated: When | None = None
    for trigger in triggers:
        expressions = date_expressions(trigger.sent)
        if not expressions:
            continue
        dated = [e for e in expressions if e.label_ == "DATE"]
        times = [e for e in expressions if e.label_ == "TIME"]
        chosen = min(dated or times, key=lambda e: _distance(e, trigger))
        when = resolve(chosen.text, published)
        if when.time_of_day is None and times:
            when.time_of_day = time_of_day(min(times, key=lambda e: _distance(e, trigger)).text)
        if when.date is not None:
            if undated is not None and when.time_of_day is None:
                when.time_of_day = undated.time_of_day
            return when
        # "at 7 pm" gives the time of day; a later sentence of the event may give the day.
        undated = undated or when
    return undated


def is_time_word(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME")
