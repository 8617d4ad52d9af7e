"""The meta stage: title, url, publisher, language, dates, dateline, credits, authors and
the page furniture found before the parse (stages/furniture.py).

Credits come from the usual places a wire story names its makers: the dateline's agency tag
("BAGHDAD (AP) —", "BEIJING, Dec. 29 (Xinhua) --", or the tag alone: "(CNN) --",
"(Reuters) -"), wire bylines ("By Jane Doe | AP"), credit lines ("Reporting by AP and
Reuters", "Associated Press writers … contributed") and sign-offs ("— AFP"). Agency names
resolve through the actor dictionary to the short form news uses (The Associated Press ->
"AP").
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache

from wirescope.actors import lookup_actor
from wirescope.days import MONTHS, clock_time
from wirescope.lexicon import mapping, table
from wirescope.parsed import Parsed
from wirescope.record import Report

# "BAGHDAD (AP) —", "KYIV, Ukraine (Reuters) -", "BAGHDAD, Nov 7 (Reuters) -", "NAIROBI, Kenya —",
# "BEIJING, Dec. 29 (Xinhua) --"; "WASHINGTON (CNN)Protesters …" where the tag is a known agency.
_DATELINE_HEAD = r"""^\s*
    (?:(?:Photo|Video|Image|Picture)\s+)?     # a page's media label run into the dateline
    (?P<place>[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,3})        # the city, in capitals
    (?:,\s*(?P<region>[A-Z][A-Za-z.'\u2019-]+(?:\s+[A-Z][A-Za-z.'\u2019-]+){0,2}))?  # country
    (?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?   # Reuters' date
    """
_DATELINE = re.compile(
    _DATELINE_HEAD
    + r"""\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&'-]{0,40})\))?
    \s*(?:[-\u2013\u2014\ufffd]+|:)\s""",  # a dash, or one lost to a wrong encoding
    re.VERBOSE,
)
# The same with the agency's tag and no dash: "WASHINGTON (CNN)Protesters …".
_DATELINE_TAGGED = re.compile(
    _DATELINE_HEAD + r"""\s*\((?P<agency>[A-Za-z][A-Za-z .&'-]{0,40})\)[ \t]*""",
    re.VERBOSE,
)
# An agency's tag alone opening the story: "(CNN) --", "(Reuters) -", "(CNN)Protesters …".
_AGENCY_OPENER = re.compile(
    r"^[ \t]*\((?P<agency>[A-Za-z][A-Za-z .&'-]{0,40})\)"
    r"[ \t]*(?:(?:[-\u2013\u2014\ufffd]+|:)[ \t]*)?"
)
# A wire byline: "By Jane Doe | AP", "By Jane Doe and John Roe | Reuters".
_WIRE_BYLINE = re.compile(
    r"^[ \t]*By[ \t]+(?P<names>[A-Z][^|\n]{1,120}?)[ \t]*\|[ \t]*(?P<agency>[^|\n]{2,40}?)[ \t]*$"
)
# Wire bylines read before the dateline at the text's start, at most.
_OPENER_BYLINES = 3
# A line that is a sign-off only: "— AFP", "(Reuters)", "© AFP 2021", "Source: AP".
_SIGN_OFF = re.compile(
    r"^[\s\-\u2013\u2014(©]*(?:source:\s*)?(?P<name>[^()\u2014\u2013]+?)[)\s\d.]*$", re.IGNORECASE
)
# "… contributed to this report", "… contributed reporting": not any sentence with "contributed".
_CONTRIBUTED = re.compile(
    r"^(?P<names>.+?)\s+contributed(?:\s+(?:to\s+(?:this|the)\s+(?:report|story|article)"
    r"|(?:additional\s+)?reporting|research)|\s*[.]?\s*$)",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_PLACE_SUFFIX = re.compile(r"\s+(?:in|from|at)\s+[A-Z].*$")
_PERSON_NAME = re.compile(
    r"^[A-Z][\w.'\u2019-]+(?:\s+(?:[A-Z][\w.'\u2019-]+|de|van|von|al|bin|el|da)){1,4}$"
)
_BYLINE = re.compile(r"^\s*By\s+(?P<names>[A-Z][^\n]{2,120})$")
# "Updated at 8:45 GMT", "Last updated: 7 November 2021, 08:45 UTC",
# "Updated Nov. 7, 2021 8:45 a.m. ET".
_UPDATED = re.compile(
    r"^\s*(?:last\s+)?updated\b[\s:,]*(?:at|on)?\s*(?P<rest>.{1,80})$", re.IGNORECASE
)
_TIME = re.compile(
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>[A-Z]{1,4}\b)?",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(r"\b(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})\b")
_DATE_MDY = re.compile(r"\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b")
_DATE_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# A credit line is short; a longer paragraph that happens to say "by" is prose.
_CREDIT_LINE_MAX_WORDS = 40


def run(parsed: Parsed, record: Report) -> None:
    source = parsed.source
    meta = record.meta
    meta.title = source.title
    meta.url = source.url
    meta.publisher = source.publisher
    meta.published = source.published
    meta.language = parsed.language
    meta.furniture = list(parsed.furniture)
    lines = record.text.splitlines()
    dateline, dateline_agency = find_dateline(record.text)
    meta.dateline = dateline
    meta.credits = find_credits(lines, dateline_agency)
    # The text's own words ("Updated at 8:45 GMT", a byline) first; a page's metadata else.
    meta.updated = find_updated(lines, source.published) or source.updated
    meta.authors = find_authors(lines) or list(source.authors)


# --- dateline ---------------------------------------------------------------------------


def _place_name(text: str) -> str:
    """ "BAGHDAD" -> "Baghdad"; "KYIV, Ukraine" keeps the country as written."""
    return " ".join(word if not word.isupper() else word.capitalize() for word in text.split())


def _known_agency(name: str | None) -> str | None:
    return credit_form(name.strip()) if name else None


def _dateline_match(text: str) -> re.Match[str] | None:
    """A dateline at the start of the text given: with a dash, or a known agency's tag."""
    match = _DATELINE.match(text)
    if match:
        return match
    match = _DATELINE_TAGGED.match(text)
    return match if match and _known_agency(match["agency"]) else None


def _wire_byline(line: str) -> re.Match[str] | None:
    """ "By Jane Doe | AP": a byline whose last cell is a known agency."""
    match = _WIRE_BYLINE.match(line)
    return match if match and _known_agency(match["agency"]) else None


def _opener(text: str) -> tuple[int, re.Match[str] | None, str | None]:
    """The wire opener at the text's start: its end, its dateline, and the agency tag it names.
    Wire bylines ("By Jane Doe | AP") may come first, each on its own line; then a dateline
    ("WASHINGTON (AP) —", "BEIJING, Dec. 29 (Xinhua) --") or an agency's tag alone ("(CNN) --")."""
    position = end = 0
    for _ in range(_OPENER_BYLINES):
        blank = len(text) - len(text[position:].lstrip())
        line_end = text.find("\n", blank)
        line_end = len(text) if line_end < 0 else line_end
        if not _wire_byline(text[blank:line_end]):
            break
        position = end = line_end
    head = text[position : position + 200]
    skipped = len(head) - len(head.lstrip())
    head = head[skipped:]
    dateline = _dateline_match(head)
    if dateline:
        return position + skipped + dateline.end(), dateline, dateline["agency"]
    tag = _AGENCY_OPENER.match(head)
    if tag and _known_agency(tag["agency"]):
        return position + skipped + tag.end(), None, tag["agency"]
    return end, None, None


def dateline_end(text: str) -> int:
    """Characters taken by the dateline at the text's start (0 when there is none), with the
    wire bylines before it and an agency's tag alone ("(Reuters) -") as the dateline."""
    return _opener(text)[0]


def dateline_at(text: str, start: int) -> bool:
    """Whether a dateline ("KUNDUZ, Afghanistan --") starts at this offset: a wire story
    quoted inside another, or a photo's, names where it was filed, not what happened there."""
    return _dateline_match(text[start : start + 200]) is not None


def find_dateline(text: str) -> tuple[str | None, str | None]:
    """The place a story is filed from, and the agency tag beside it (or alone, "(CNN) --"),
    from the opener at the text's start (past wire bylines)."""
    _, match, agency = _opener(text)
    if not match:
        return None, agency
    place = _place_name(match["place"])
    if match["region"]:
        place = f"{place}, {match['region']}"
    return place, agency


# --- credits ----------------------------------------------------------------------------


@cache
def _credit_roles() -> dict[str, bool]:
    return {role: cells[0] == "yes" for role, cells in mapping("credit_roles.tsv").items()}


@cache
def _role_pattern() -> re.Pattern[str]:
    roles = sorted(_credit_roles(), key=len, reverse=True)
    alternatives = "|".join(re.escape(role) for role in roles)
    return re.compile(rf"^\s*(?P<role>{alternatives})\s+by\s+(?P<names>.+)$", re.IGNORECASE)


@cache
def _reporter_words() -> tuple[str, ...]:
    return tuple(sorted((row[0] for row in table("reporter_words.tsv")), key=len, reverse=True))


def credit_form(name: str) -> str | None:
    """The credit an agency or outlet goes by ("Associated Press" -> "AP"), or None."""
    actor = lookup_actor(name)
    if actor is None or actor.category != "media":
        return None
    return actor.credit or actor.name


def _split_agency_staff(part: str) -> tuple[str | None, str]:
    """ "Associated Press writers Jane Doe" -> ("AP", "Jane Doe")."""
    lowered = part.lower()
    for word in _reporter_words():
        marker = f" {word} "
        at = lowered.find(marker)
        if at > 0:
            agency = credit_form(part[:at])
            if agency:
                return agency, part[at + len(marker) :]
    return None, part


def credited_names(text: str) -> list[str]:
    """Agencies (as credit forms) and reporter names from the names part of a credit line."""
    names: list[str] = []
    for part in _NAME_SPLIT.split(text.strip().rstrip(".")):
        part = part.strip()
        if not part:
            continue
        agency, part = _split_agency_staff(part)
        if agency:
            names.append(agency)
        part = _PLACE_SUFFIX.sub("", part).strip()
        if not part:
            continue
        form = credit_form(part)
        if form:
            names.append(form)
        elif _PERSON_NAME.match(part):
            names.append(part)
    return names


def _credits_in_line(line: str) -> list[str]:
    # A story opening on this line: "(Reuters) - …", "BEIRUT (AFP) — …" (a wire story quoted).
    tagged = _dateline_match(line) or _AGENCY_OPENER.match(line)
    agency = _known_agency(tagged["agency"]) if tagged else None
    if agency:
        return [agency]
    byline = _wire_byline(line)
    if byline:
        return [*credited_names(byline["names"]), _known_agency(byline["agency"]) or ""]
    if len(line.split()) > _CREDIT_LINE_MAX_WORDS:
        return []
    found: list[str] = []
    for segment in line.split(";"):
        by_line = _role_pattern().match(segment)
        if by_line:
            if _credit_roles()[by_line["role"].lower()]:
                found += credited_names(by_line["names"])
            continue
        contributed = _CONTRIBUTED.match(segment.strip())
        if contributed:
            found += credited_names(contributed["names"])
    if not found:
        sign_off = _SIGN_OFF.match(line)
        form = credit_form(sign_off["name"]) if sign_off else None
        if form:
            found.append(form)
    return found


def find_credits(lines: list[str], dateline_agency: str | None) -> list[str]:
    """Agencies and reporters credited, in order of appearance, each once."""
    found: list[str] = []
    if dateline_agency:
        found.append(credit_form(dateline_agency) or dateline_agency)
    for line in lines:
        if line.strip():
            found += _credits_in_line(line)
    return list(dict.fromkeys(found))


# --- updated ----------------------------------------------------------------------------


@cache
def _zones() -> dict[str, float]:
    return {row[0].upper(): float(row[1]) for row in table("timezones.tsv")}


def _date_in(text: str) -> date | None:
    for pattern in (_DATE_ISO, _DATE_DMY, _DATE_MDY):
        match = pattern.search(text)
        if not match:
            continue
        month_text = match["month"]
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
        if month is None:
            continue
        try:
            return date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            continue
    return None


def _published_moment(published: str | None) -> datetime | None:
    if not published:
        return None
    moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_updated(text: str, published: str | None) -> str | None:
    """An update time line's moment in UTC, its date from the line or else the publication."""
    time_match = _TIME.search(text)
    if not time_match:
        return None
    clock = clock_time(int(time_match["hour"]), int(time_match["minute"]), time_match["ampm"])
    zone = (time_match["zone"] or "").upper()
    offset = _zones().get(zone)
    if (zone and offset is None) or clock is None:
        return None
    hour, minute = clock
    published_at = _published_moment(published)
    day = _date_in(text) or (published_at.date() if published_at else None)
    if day is None:
        return None
    local = datetime(day.year, day.month, day.day, hour, minute)
    moment = (local - timedelta(hours=offset or 0.0)).replace(tzinfo=UTC)
    # An update follows its publication: a bare time earlier than a timed publication is
    # the next day's.
    has_time = published is not None and "T" in published
    if published_at and has_time and not _date_in(text) and moment < published_at:
        moment += timedelta(days=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def find_updated(lines: list[str], published: str | None) -> str | None:
    for line in lines:
        match = _UPDATED.match(line)
        if match:
            moment = parse_updated(match["rest"], published)
            if moment:
                return moment
    return None


# --- authors ----------------------------------------------------------------------------


def find_authors(lines: list[str]) -> list[str]:
    """Bylines ("By Jane Doe and John Roe") in the first lines of the body."""
    for line in [line for line in lines if line.strip()][:3]:
        match = _wire_byline(line) or _BYLINE.match(line)
        if match:
            return [name for name in credited_names(match["names"]) if credit_form(name) is None]
    return []
