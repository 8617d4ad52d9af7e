"""RSS and Atom feeds (feedparser): each item a document, from its content or summary, or
with `follow` from the page it links to, fetched over HTTP.

A broken item (no text and no link, a link that fails) is one DocumentError naming the feed
and the item; the other items go on. A document that is no feed at all is one error.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser  # type: ignore[import-untyped]  # ships no types

from wirescope.ingest.document import Document, DocumentError, content_id
from wirescope.ingest.html import visible_text

# Fetches a URL and turns it into a document (see readers.read_url); given when following.
PageReader = Callable[[str, str], Document]


def looks_like_feed(text: str) -> bool:
    """True for XML whose root is an RSS, RDF or Atom feed."""
    head = text[:2048].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def _iso(moment: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time as ISO 8601 UTC."""
    if moment is None:
        return None
    stamp = datetime.fromtimestamp(calendar.timegm(moment), tz=UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _item_text(entry: Any) -> str:
    """The item's text: its full content when the feed carries one, else its summary."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return visible_text(value)
    summary = entry.get("summary") or ""
    return visible_text(summary) if summary.strip() else ""


def _authors(entry: Any) -> list[str]:
    names = [author.get("name") for author in entry.get("authors") or []]
    return [name for name in names if name]


def _item_document(entry: Any, origin: str, publisher: str | None) -> Document:
    text = _item_text(entry)
    if not text.strip():
        raise DocumentError(origin, "feed item without content, summary or link")
    link = entry.get("link") or None
    return Document(
        id=link or entry.get("id") or content_id(text),
        text=text,
        title=entry.get("title") or None,
        url=link,
        published=_iso(entry.get("published_parsed")),
        # dict.get: feedparser's own get falls back to the publication date (deprecated).
        updated=_iso(dict.get(entry, "updated_parsed")),
        publisher=publisher,
        authors=_authors(entry),
        origin=origin,
    )


def _followed(entry: Any, origin: str, publisher: str | None, read_page: PageReader) -> Document:
    """The item's linked page; the item's own title, date and authors fill what it lacks."""
    link = entry.get("link")
    if not link:
        raise DocumentError(origin, "feed item without a link to follow")
    doc = read_page(link, f"{origin} {link}")
    doc.title = doc.title or entry.get("title") or None
    doc.published = doc.published or _iso(entry.get("published_parsed"))
    doc.publisher = doc.publisher or publisher
    doc.authors = doc.authors or _authors(entry)
    return doc


def read_feed(
    data: bytes | str, origin: str, read_page: PageReader | None = None
) -> Iterator[Document | DocumentError]:
    """Every item of a feed, in feed order; `read_page` given follows each item's link."""
    feed = feedparser.parse(data)
    entries = feed.get("entries") or []
    if not entries:
        problem = feed.get("bozo_exception")
        reason = f"not a readable feed: {problem}" if problem else "a feed without items"
        yield DocumentError(origin, reason)
        return
    publisher = feed.get("feed", {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        item_origin = f"{origin}#item{number}"
        try:
            if read_page is not None:
                yield _followed(entry, item_origin, publisher, read_page)
            else:
                yield _item_document(entry, item_origin, publisher)
        except DocumentError as error:
            yield error
