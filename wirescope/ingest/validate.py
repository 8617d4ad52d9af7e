"""The edge: what every document must be before any stage or store sees it.

Every reader, the service and the pipeline's own entry pass each document through
`valid_document`, so the same checks hold whatever the input form and whatever the backend:
- text fields lose their control characters (NUL and the like: PostgreSQL refuses them in
  text, and no report means them) and have lone surrogates replaced (no encoder takes them);
  each change is one warning naming the field;
- metadata of the wrong type is dropped, over-long titles, publishers and URLs are cut, each
  with a warning; an id the store cannot key is an error;
- a publication date that no news report can have (year 1, a year 9999) is a warning and
  dropped, so date arithmetic downstream never leaves the calendar;
- a text empty once cleaned is an error.
A bad document is a DocumentError naming the input and the reason: one line, never a batch's
failure.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from wirescope.ingest.document import Document, DocumentError

# The store keys reports by id in an indexed column of this width (store.models.KEY).
MAX_ID_CHARS = 255
# Longest metadata kept, in characters: a headline is under 300, the longest URLs browsers
# handle about 2,000; anything longer is a page gone wrong, cut rather than refused.
MAX_FIELD_CHARS = {"title": 1000, "publisher": 300, "url": 4000, "author": 300}
# Publication dates a news report can have: from the first printed newspapers to a year
# after today (clocks and time zones err; decades ahead is a typo or an attack).
EARLIEST_PUBLISHED = date(1605, 1, 1)
LATEST_AHEAD = timedelta(days=366)
# JSON objects nest fields one level deep; a few levels spare for `authors` lists and the
# like. Far deeper nesting only exhausts the parser's recursion.
MAX_JSON_DEPTH = 16

# C0 controls but tab, line feed, form feed and carriage return; DEL; the C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_METADATA_TEXT = ("title", "url", "publisher")


def clean_text(value: str, field: str, warnings: list[str]) -> str:
    """The value without control characters, lone surrogates replaced; a warning for each."""
    controls = len(_CONTROLS.findall(value))
    if controls:
        value = _CONTROLS.sub("", value)
        warnings.append(f"{field}: {controls} control character(s) (such as NUL) removed")
    surrogates = len(_SURROGATES.findall(value))
    if surrogates:
        value = _SURROGATES.sub("\ufffd", value)
        warnings.append(f"{field}: {surrogates} lone surrogate(s) replaced by U+FFFD")
    return value


def replace_surrogates(value: str) -> str:
    """Lone surrogates (from a JSON "\\ud800") as U+FFFD: no UTF-8 encoder takes them."""
    return _SURROGATES.sub("\ufffd", value)


def _cut(value: str, field: str, limit: int, warnings: list[str]) -> str:
    if len(value) <= limit:
        return value
    warnings.append(f"{field} of {len(value)} characters cut at {limit}")
    return value[:limit]


def normalise_published(value: Any) -> str:
    """An ISO 8601 date or date-time; date-times are given in UTC where they carry a zone."""
    text = str(value).strip()
    if not text:
        raise ValueError("empty date")
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat(timespec="seconds")


def plausible_published(value: str | None, field: str, warnings: list[str]) -> str | None:
    """The date normalised, or None with a warning when it is no date or an impossible one."""
    if value is None:
        return None
    try:
        normal = normalise_published(value)
    except (ValueError, OverflowError):
        warnings.append(f"{field} date {value!r} is not ISO 8601; ignored")
        return None
    day = date.fromisoformat(normal[:10])
    if not EARLIEST_PUBLISHED <= day <= date.today() + LATEST_AHEAD:
        warnings.append(f"{field} date {normal} is impossible for a news report; ignored")
        return None
    return normal


def _check_id(doc: Document, warnings: list[str]) -> None:
    doc.id = clean_text(doc.id, "id", warnings)
    if not doc.id.strip():
        raise DocumentError(doc.origin, "empty id")
    if len(doc.id) > MAX_ID_CHARS:
        raise DocumentError(doc.origin, f"id longer than {MAX_ID_CHARS} characters")


def _check_metadata(doc: Document, warnings: list[str]) -> None:
    for field in _METADATA_TEXT:
        value = getattr(doc, field)
        if value is not None:
            value = clean_text(value, field, warnings)
            value = _cut(value, field, MAX_FIELD_CHARS[field], warnings)
            setattr(doc, field, value.strip() or None)
    doc.published = plausible_published(doc.published, "published", warnings)
    doc.updated = plausible_published(doc.updated, "updated", warnings)
    authors = [clean_text(name, "author", warnings) for name in doc.authors]
    doc.authors = [_cut(a, "author", MAX_FIELD_CHARS["author"], warnings) for a in authors if a]


def valid_document(doc: Document) -> Document:
    """The document made safe for every stage and backend; DocumentError when it cannot be.

    Idempotent: a document already checked passes unchanged and gains no warning.
    """
    warnings: list[str] = []
    _check_id(doc, warnings)
    doc.text = clean_text(doc.text, "text", warnings)
    if not doc.text.strip():
        raise DocumentError(doc.origin, "empty document: no text")
    _check_metadata(doc, warnings)
    doc.warnings.extend(w for w in warnings if w not in doc.warnings)
    return doc


def json_depth_over(data: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when parsed JSON nests deeper than `limit` (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False
