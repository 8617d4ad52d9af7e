"""Web crawls: WARC and WARC.gz files (as in CC-NEWS), read as a stream with fastwarc.

Each response record holding an HTML page with status 200 becomes one document keyed by its
target URL; other records (requests, metadata, images, redirects) are passed over. Records
are read one at a time, so a file of many gigabytes runs in constant memory. A truncated or
oversized record is one DocumentError naming the file and the record; the stream goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from wirescope.ingest.decode import BinaryData, decode_bytes
from wirescope.ingest.document import Document, DocumentError
from wirescope.ingest.html import html_document
from wirescope.settings import Settings, resolved

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _record_origin(path: Path, record: WarcRecord) -> str:
    uri = record.headers.get("WARC-Target-URI") or ""
    return f"{path}@{record.stream_pos} {uri}".rstrip()


def _is_html_page(record: WarcRecord) -> bool:
    http = record.http_headers
    return (
        http is not None
        and http.status_code == 200
        and (record.http_content_type or "").lower() in _HTML_TYPES
    )


def _payload(record: WarcRecord, origin: str, limit: int) -> bytes:
    """The record's HTTP body, whole: DocumentError when cut short or over the limit."""
    declared = record.content_length
    if declared > limit:
        raise DocumentError(origin, f"record of {declared} bytes is over the limit of {limit}")
    body: bytes = record.reader.read(limit + 1)
    if len(body) < declared:
        raise DocumentError(
            origin, f"truncated record: {len(body)} of {declared} bytes (the file is cut short)"
        )
    return body


def _record_document(
    record: WarcRecord, path: Path, limit: int, *, settings: Settings | None = None
) -> Document:
    origin = _record_origin(path, record)
    body = _payload(record, origin, limit)
    charset = record.http_charset
    try:
        html = body.decode(charset) if charset else decode_bytes(body, settings=settings)[0]
    except (LookupError, UnicodeDecodeError):
        html = body.decode("utf-8", errors="replace")
    except BinaryData as error:
        raise DocumentError(origin, str(error)) from None
    uri = record.headers.get("WARC-Target-URI") or None
    return html_document(html, origin, uri, url=uri, settings=settings)


def _guarded(
    record: WarcRecord, path: Path, limit: int, *, settings: Settings | None = None
) -> Document | DocumentError:
    """One record's document, or the error that names it: one bad page never stops a crawl."""
    try:
        return _record_document(record, path, limit, settings=settings)
    except DocumentError as error:
        return error
    except Exception as error:  # a parser's failure on one page is that page's problem
        return DocumentError(_record_origin(path, record), f"unreadable page: {error!r}")


def read_warc(
    path: Path, *, settings: Settings | None = None
) -> Iterator[Document | DocumentError]:
    """Every HTML page of a WARC file (gzip or not), in file order."""
    limit = resolved(settings).ingest.fetch_max_bytes
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        yield DocumentError(str(path), "no such file")
        return
    except OSError as error:
        yield DocumentError(str(path), f"unreadable: {error.strerror or error}")
        return
    found = False
    with stream:
        records = ArchiveIterator(
            stream, record_types=WarcRecordType.response, parse_http=True, fsspec_args=False
        )
        try:
            for record in records:
                if not _is_html_page(record):
                    continue
                found = True
                yield _guarded(record, path, limit, settings=settings)
        except Exception as error:  # fastwarc's own parse errors: the rest is unreadable
            yield DocumentError(str(path), f"WARC unreadable from here on: {error}")
            return
    if not found:
        yield DocumentError(str(path), "no HTML response records in the WARC file")
