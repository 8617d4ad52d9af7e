"""Readers for text and JSON Lines input: paths in, documents (or per-document errors) out.

Every reader yields either a Document or a DocumentError, in input order, so that one bad
document never stops a batch: the caller reports the error and goes on with the next.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from wirescope.ingest.decode import BinaryData, decode_bytes
from wirescope.ingest.document import Document, DocumentError, content_id
from wirescope.settings import setting

STDIN = "-"
# Metadata a .txt file may carry beside it: `<stem>.json`, else `input.json` in its folder.
SIDECAR_NAMES = ("{stem}.json", "input.json")
METADATA_FIELDS = ("id", "title", "url", "published", "publisher")
_TITLE_END_PUNCTUATION = (".", ",", ";", ":", "\u2014", "-")

Item = Document | DocumentError


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


def split_title(raw: str) -> tuple[str | None, str]:
    """The first line is the title when it stands alone on its line; the rest is the body.

    A headline is short and does not end like a sentence of the body does. The body keeps
    every character after the title's line break, so spans index the file's own text.
    """
    first, newline, rest = raw.partition("\n")
    candidate = first.strip()
    if not newline or not candidate or not rest.strip():
        return None, raw
    too_long = len(candidate.split()) > int(setting("input", "title_max_words"))
    if too_long or candidate.endswith(_TITLE_END_PUNCTUATION):
        return None, raw
    return candidate, rest


def _check_body(doc: Document) -> Document:
    if not doc.text.strip():
        raise DocumentError(doc.origin, "empty document: no text")
    limit = int(setting("input", "max_chars"))
    if len(doc.text) > limit:
        doc.warnings.append(f"text of {len(doc.text)} characters cut at {limit}")
        doc.text = doc.text[:limit]
    return doc


def _apply_metadata(doc: Document, metadata: dict[str, Any], origin: str) -> None:
    for key in METADATA_FIELDS:
        value = metadata.get(key)
        if value is None or value == "":
            continue
        if key == "published":
            try:
                value = normalise_published(value)
            except ValueError:
                doc.warnings.append(f"published date {value!r} is not ISO 8601; ignored")
                continue
        setattr(doc, key, str(value))
    doc.origin = origin


def _sidecar(path: Path) -> dict[str, Any]:
    for pattern in SIDECAR_NAMES:
        candidate = path.with_name(pattern.format(stem=path.stem))
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise DocumentError(str(candidate), f"unreadable metadata: {error}") from None
            return data if isinstance(data, dict) else {}
    return {}


def text_document(raw: str, origin: str, doc_id: str | None, title: str | None = None) -> Document:
    """A document from plain text: title from the first line unless given."""
    if title is not None:
        first, newline, rest = raw.partition("\n")
        body = rest if newline and first.strip() == title.strip() else raw
    else:
        title, body = split_title(raw)
    return Document(id=doc_id or content_id(body), text=body, title=title, origin=origin)


def _read_path(path: Path) -> str:
    """A file's text, whatever its encoding; DocumentError naming the file when unreadable."""
    origin = str(path)
    try:
        return decode_bytes(path.read_bytes())[0]
    except FileNotFoundError:
        raise DocumentError(origin, "no such file") from None
    except IsADirectoryError:
        raise DocumentError(origin, "is a directory, not a document") from None
    except PermissionError:
        raise DocumentError(origin, "permission denied") from None
    except BinaryData as error:
        raise DocumentError(origin, str(error)) from None


def read_text_file(path: Path, title: str | None = None) -> Item:
    origin = str(path)
    try:
        doc = text_document(_read_path(path), origin, path.stem, title)
        _apply_metadata(doc, _sidecar(path), origin)
        return _check_body(doc)
    except DocumentError as error:
        return error


def jsonl_document(line: str, origin: str) -> Document:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise DocumentError(
            origin, f"malformed JSON: {error.msg} at column {error.colno}"
        ) from None
    if not isinstance(data, dict):
        raise DocumentError(origin, "a JSONL line must be an object")
    text = data.get("text")
    if not isinstance(text, str):
        if data.get("html") is not None:
            raise DocumentError(origin, "HTML documents are not read yet: give `text`")
        raise DocumentError(origin, "no `text` field")
    doc = Document(id=str(data.get("id") or content_id(text)), text=text, origin=origin)
    _apply_metadata(doc, data, origin)
    return _check_body(doc)


def read_jsonl_lines(lines: Iterable[str], origin: str) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield jsonl_document(line, f"{origin}:{number}")
        except DocumentError as error:
            yield error


def read_jsonl_file(path: Path) -> Iterator[Item]:
    try:
        raw = _read_path(path)
    except DocumentError as error:
        yield error
        return
    yield from read_jsonl_lines(raw.splitlines(), str(path))


def read_stdin(title: str | None = None) -> Iterator[Item]:
    """Standard input: JSON Lines when its first character opens an object, else one text."""
    data = sys.stdin.buffer.read()
    try:
        raw, _encoding = decode_bytes(data)
    except BinaryData as error:
        yield DocumentError("<stdin>", str(error))
        return
    if raw.lstrip().startswith("{"):
        yield from read_jsonl_lines(raw.splitlines(), "<stdin>")
        return
    try:
        yield _check_body(text_document(raw, "<stdin>", None, title))
    except DocumentError as error:
        yield error


def read_inputs(
    paths: Iterable[str], *, title: str | None = None, published: str | None = None
) -> Iterator[Item]:
    """Every document of every input, in order; `published` given here overrides the input's."""
    for name in paths:
        if name == STDIN:
            items: Iterable[Item] = read_stdin(title)
        elif name.endswith((".jsonl", ".ndjson")):
            items = read_jsonl_file(Path(name))
        else:
            items = [read_text_file(Path(name), title)]
        for item in items:
            if isinstance(item, Document) and published is not None:
                item.published = published
            yield item
