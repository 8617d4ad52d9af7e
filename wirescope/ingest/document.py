"""A document as the pipeline receives it, and the one error type every reader raises."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class Document:
    """One input report: the body text every span will index into, plus what came with it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    # From a web page's metadata (HTML, feeds, crawls); plain text leaves them empty.
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    # Where the document came from, for messages: "article.txt", "batch.jsonl:12", "<stdin>".
    origin: str = ""
    warnings: list[str] = field(default_factory=list)


class DocumentError(Exception):
    """A document that cannot be read; the message names the input and the reason."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


def content_id(text: str) -> str:
    """The id of a document that brings none: a short hash of its text."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
