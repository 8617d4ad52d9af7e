"""Readers for every input form: paths, folders, URLs and standard input in; documents (or
per-document errors) out.

Text (.txt), JSON Lines (.jsonl, with `text` or `html`), web pages (.html, .htm), feeds (.rss,
.atom, .xml), web crawls (.warc), each also gzipped (.gz); folders recursively by extension;
http(s) URLs fetched politely. Every reader yields either a Document or a DocumentError, in
input order, so that one bad document never stops a batch: the caller reports the error and
goes on with the next.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirescope.ingest.decode import BinaryData, decode_bytes
from wirescope.ingest.document import Document, DocumentError, content_id
from wirescope.ingest.feeds import PageReader, looks_like_feed, read_feed
from wirescope.ingest.fetch import Fetched, Fetcher, FetchError, FetchPolicy
from wirescope.ingest.html import html_document, looks_like_html
from wirescope.ingest.validate import (
    json_depth_over,
    plausible_published,
    valid_document,
)

# Re-exported: the CLI and the evaluations normalise dates as the readers do.
from wirescope.ingest.validate import (
    normalise_published as normalise_published,
)
from wirescope.ingest.warc import read_warc
from wirescope.settings import Settings, resolved

STDIN = "-"
# Metadata a .txt file may carry beside it: `<stem>.json`, else `input.json` in its folder.
SIDECAR_NAMES = ("{stem}.json", "input.json")
METADATA_FIELDS = ("id", "title", "url", "published", "publisher")
_TITLE_END_PUNCTUATION = (".", ",", ";", ":", "\u2014", "-")

Item = Document | DocumentError

# Input kinds by file name ending (before any .gz); other files in a folder are passed over.
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc",)
FOLDER_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES
URL_SCHEMES = ("http://", "https://")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Encodings that need no mention: UTF-8 and its subset.
_PLAIN_ENCODINGS = {"utf-8", "utf_8", "ascii", "utf-8-sig"}


def split_title(raw: str, *, settings: Settings | None = None) -> tuple[str | None, str]:
    """The first line is the title when it stands alone on its line; the rest is the body.

    A headline is short and does not end like a sentence of the body does. The body keeps
    every character after the title's line break, so spans index the file's own text.
    """
    first, newline, rest = raw.partition("\n")
    candidate = first.strip()
    if not newline or not candidate or not rest.strip():
        return None, raw
    too_long = len(candidate.split()) > resolved(settings).input.title_max_words
    if too_long or candidate.endswith(_TITLE_END_PUNCTUATION):
        return None, raw
    return candidate, rest


def _check_body(doc: Document, *, settings: Settings | None = None) -> Document:
    """The document validated at the edge (validate.py), its text cut to `max_chars`."""
    valid_document(doc)
    limit = resolved(settings).input.max_chars
    if len(doc.text) > limit:
        doc.warnings.append(f"text of {len(doc.text)} characters cut at {limit}")
        doc.text = doc.text[:limit]
    return doc


def _json_kind(value: Any) -> str:
    """JSON's name for a parsed value's type, for messages."""
    kinds = {dict: "object", list: "array", bool: "boolean", float: "number", int: "number"}
    return kinds.get(type(value), "null" if value is None else "string")


def _metadata_value(doc: Document, key: str, value: Any) -> str | None:
    """A metadata value as text; one of another type (an object, a list) is dropped with a
    warning rather than written as Python's repr of it."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        doc.warnings.append(f"{key} is a JSON {_json_kind(value)}, not text; ignored")
        return None
    if key == "published":
        return plausible_published(str(value), key, doc.warnings)
    return str(value)


def _apply_metadata(doc: Document, metadata: dict[str, Any], origin: str) -> None:
    for key in METADATA_FIELDS:
        value = metadata.get(key)
        if value is None or value == "":
            continue
        text = _metadata_value(doc, key, value)
        if text is not None:
            setattr(doc, key, text)
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


def text_document(
    raw: str,
    origin: str,
    doc_id: str | None,
    title: str | None = None,
    *,
    settings: Settings | None = None,
) -> Document:
    """A document from plain text: title from the first line unless given."""
    if title is not None:
        first, newline, rest = raw.partition("\n")
        body = rest if newline and first.strip() == title.strip() else raw
    else:
        title, body = split_title(raw, settings=settings)
    return Document(id=doc_id or content_id(body), text=body, title=title, origin=origin)


def kind_suffix(name: str) -> str:
    """The suffix that names a file's kind: "a.html.gz" -> ".html", "b.TXT" -> ".txt"."""
    path = Path(name.lower())
    if path.suffix == ".gz":
        path = path.with_suffix("")
    return path.suffix


def _read_bytes(path: Path, *, settings: Settings | None = None) -> bytes:
    """A file's bytes (gunzipped for .gz) under the size limit; DocumentError naming it."""
    origin = str(path)
    limit = resolved(settings).input.max_file_bytes
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DocumentError(origin, "is a directory, not a document")
        if size > limit:
            raise DocumentError(origin, f"file of {size} bytes is over the limit of {limit}")
        data = path.read_bytes()
        if path.suffix.lower() == ".gz":
            data = _gunzip(data, origin, limit)
    except FileNotFoundError:
        raise DocumentError(origin, "no such file") from None
    except PermissionError:
        raise DocumentError(origin, "permission denied") from None
    except OSError as error:
        raise DocumentError(origin, f"unreadable: {error.strerror or error}") from None
    return data


def _gunzip(data: bytes, origin: str, limit: int) -> bytes:
    """Gunzipped bytes, refusing a bomb that swells past the limit."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise DocumentError(origin, f"broken gzip data: {error}") from None
    if len(out) > limit:
        raise DocumentError(origin, f"more than {limit} bytes once unzipped")
    return out


def _decode(data: bytes, origin: str, *, settings: Settings | None = None) -> tuple[str, list[str]]:
    """Text of some bytes, and a warning when they were not UTF-8."""
    try:
        text, encoding = decode_bytes(data, settings=settings)
    except BinaryData as error:
        raise DocumentError(origin, str(error)) from None
    if encoding.lower() in _PLAIN_ENCODINGS:
        return text, []
    return text, [f"not UTF-8: decoded as {encoding}"]


def _read_path(path: Path, *, settings: Settings | None = None) -> str:
    """A file's text, whatever its encoding; DocumentError naming the file when unreadable."""
    return _decode(_read_bytes(path, settings=settings), str(path), settings=settings)[0]


def _with_warnings(doc: Document, warnings: list[str]) -> Document:
    doc.warnings[:0] = warnings
    return doc


def file_stem(path: Path) -> str:
    """A file's name without its kind ("a.txt", "a.html.gz": "a")."""
    return Path(path.stem).stem if path.suffix.lower() == ".gz" else path.stem


def read_text_file(
    path: Path,
    title: str | None = None,
    doc_id: str | None = None,
    *,
    settings: Settings | None = None,
) -> Item:
    """A .txt file; one holding a web page or a feed is read as such. Its id is `doc_id`,
    else the file's stem."""
    origin = str(path)
    stem = doc_id or path.stem
    try:
        raw, warnings = _decode(_read_bytes(path, settings=settings), origin, settings=settings)
        if looks_like_html(raw):
            return _check_body(
                _with_warnings(html_document(raw, origin, stem, settings=settings), warnings),
                settings=settings,
            )
        doc = text_document(raw, origin, stem, title, settings=settings)
        _apply_metadata(doc, _sidecar(path), origin)
        return _check_body(_with_warnings(doc, warnings), settings=settings)
    except DocumentError as error:
        return error


def read_html_file(
    path: Path, doc_id: str | None = None, *, settings: Settings | None = None
) -> Item:
    """A saved web page (.html, .htm, .html.gz): its id is `doc_id`, else the file's stem."""
    origin = str(path)
    stem = doc_id or file_stem(path)
    try:
        raw, warnings = _decode(_read_bytes(path, settings=settings), origin, settings=settings)
        doc = html_document(raw, origin, stem, settings=settings)
        _apply_metadata(doc, _sidecar(path), origin)
        return _check_body(_with_warnings(doc, warnings), settings=settings)
    except DocumentError as error:
        return error


def _parse_json_line(line: str, origin: str) -> dict[str, Any]:
    """One JSON object; malformed or absurdly nested JSON is a DocumentError."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise DocumentError(
            origin, f"malformed JSON: {error.msg} at column {error.colno}"
        ) from None
    except RecursionError:
        raise DocumentError(origin, "JSON nested too deep") from None
    if not isinstance(data, dict):
        raise DocumentError(origin, "a JSONL line must be an object")
    if json_depth_over(data):
        raise DocumentError(origin, "JSON nested too deep")
    return data


def _jsonl_id(value: Any, origin: str) -> str | None:
    """A JSONL `id`: text or a number; none when absent or empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DocumentError(origin, f"`id` is a JSON {_json_kind(value)}, not text")
    return str(value)


def jsonl_document(line: str, origin: str, *, settings: Settings | None = None) -> Document:
    """One JSON Lines object: its `text`, or else the main text of its `html`."""
    data = _parse_json_line(line, origin)
    text, html = data.get("text"), data.get("html")
    doc_id = _jsonl_id(data.get("id"), origin)
    if isinstance(text, str):
        doc = Document(id=doc_id or content_id(text), text=text, origin=origin)
    elif isinstance(html, str):
        url = data.get("url") if isinstance(data.get("url"), str) else None
        doc = html_document(html, origin, doc_id, url=url, settings=settings)
    else:
        raise DocumentError(origin, "no `text` field (nor `html`)")
    _apply_metadata(doc, data, origin)
    return _check_body(doc, settings=settings)


def read_jsonl_lines(
    lines: Iterable[str], origin: str, *, settings: Settings | None = None
) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield jsonl_document(line, f"{origin}:{number}", settings=settings)
        except DocumentError as error:
            yield error


def _open_binary(path: Path) -> io.BufferedIOBase:
    """A file opened for reading bytes, gunzipping a .gz file as it streams."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def _jsonl_line(raw: bytes, origin: str, *, settings: Settings | None = None) -> Document:
    """One line's document: each line is decoded alone (UTF-8, else detected)."""
    limit = resolved(settings).input.max_file_bytes
    if len(raw) > limit:
        raise DocumentError(origin, f"line of {len(raw)} bytes is over the limit of {limit}")
    return jsonl_document(_decode(raw, origin, settings=settings)[0], origin, settings=settings)


def read_jsonl_file(path: Path, *, settings: Settings | None = None) -> Iterator[Item]:
    """A JSON Lines file (or .jsonl.gz), read line by line in constant memory."""
    origin = str(path)
    try:
        with _open_binary(path) as stream:
            for number, raw in enumerate(stream, start=1):
                if not raw.strip():
                    continue
                try:
                    yield _jsonl_line(raw, f"{origin}:{number}", settings=settings)
                except DocumentError as error:
                    yield error
    except FileNotFoundError:
        yield DocumentError(origin, "no such file")
    except IsADirectoryError:
        yield DocumentError(origin, "is a directory, not a document")
    except (OSError, EOFError, zlib.error) as error:
        yield DocumentError(origin, f"unreadable from here on: {error}")


def read_feed_file(
    path: Path, follow: bool, fetcher: LazyFetcher, *, settings: Settings | None = None
) -> Iterator[Item]:
    """An RSS or Atom file; a .xml file that is no feed is read as text."""
    origin = str(path)
    try:
        data = _read_bytes(path, settings=settings)
    except DocumentError as error:
        yield error
        return
    head = data[:4096].decode("utf-8", errors="replace")
    if kind_suffix(path.name) == ".xml" and not looks_like_feed(head):
        yield read_text_file(path, settings=settings)
        return
    yield from read_feed(data, origin, fetcher.page_reader() if follow else None)


@dataclass
class LazyFetcher:
    """One Fetcher for a whole run (its robots.txt and host timings), made on first use."""

    fetcher: Fetcher | None = None
    settings: Settings | None = None

    def get(self) -> Fetcher:
        if self.fetcher is None:
            self.fetcher = Fetcher(FetchPolicy.of(resolved(self.settings).ingest))
        return self.fetcher

    def page_reader(self) -> PageReader:
        return lambda url, origin: url_document(self.get(), url, origin, settings=self.settings)


def url_document(
    fetcher: Fetcher, url: str, origin: str, *, settings: Settings | None = None
) -> Document:
    """The document at a URL: a web page, or plain text. Raises DocumentError."""
    try:
        fetched = fetcher.get(url)
    except FetchError as error:
        raise DocumentError(origin, str(error)) from None
    return _fetched_document(fetched, url, origin, settings=settings)


def _fetched_document(
    fetched: Fetched, url: str, origin: str, *, settings: Settings | None = None
) -> Document:
    """A fetched page or text; its id is the URL asked for, its `url` the one answered."""
    if not fetched.media_type.startswith("text/") and fetched.media_type not in _HTML_TYPES:
        raise DocumentError(origin, f"{fetched.media_type} is not a news page or feed")
    raw, warnings = _decode_fetched(fetched.body, fetched.charset, origin, settings=settings)
    if fetched.media_type in _HTML_TYPES or looks_like_html(raw):
        doc = html_document(raw, origin, url, url=fetched.url, settings=settings)
    else:
        doc = text_document(raw, origin, url, settings=settings)
        doc.url = fetched.url
    doc.id = url
    return _check_body(_with_warnings(doc, warnings), settings=settings)


def _decode_fetched(
    body: bytes, charset: str | None, origin: str, *, settings: Settings | None = None
) -> tuple[str, list[str]]:
    """An HTTP body as text: the charset the server declares, else detection."""
    if charset:
        try:
            return body.decode(charset), []
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode(body, origin, settings=settings)


def _is_feed(fetched: Fetched) -> bool:
    if "rss" in fetched.media_type or "atom" in fetched.media_type:
        return True
    head = fetched.body[:4096].decode("utf-8", errors="replace")
    return fetched.media_type.endswith("xml") and looks_like_feed(head)


def read_url(
    url: str, follow: bool, fetcher: LazyFetcher, *, settings: Settings | None = None
) -> Iterator[Item]:
    """A URL: a page, a text, or a feed whose items (or, following, linked pages) are read."""
    try:
        fetched = fetcher.get().get(url)
    except FetchError as error:
        yield DocumentError(url, str(error))
        return
    if _is_feed(fetched):
        yield from read_feed(fetched.body, url, fetcher.page_reader() if follow else None)
        return
    try:
        yield _fetched_document(fetched, url, url, settings=settings)
    except DocumentError as error:
        yield error


def read_stdin(title: str | None = None, *, settings: Settings | None = None) -> Iterator[Item]:
    """Standard input: JSON Lines, a web page, a feed, or one text, by its first characters."""
    data = sys.stdin.buffer.read()
    try:
        raw, warnings = _decode(data, "<stdin>", settings=settings)
    except DocumentError as error:
        yield error
        return
    if raw.lstrip().startswith("{"):
        yield from read_jsonl_lines(raw.splitlines(), "<stdin>", settings=settings)
        return
    if looks_like_feed(raw) and not looks_like_html(raw):
        yield from read_feed(data, "<stdin>")
        return
    try:
        if looks_like_html(raw):
            doc = html_document(raw, "<stdin>", None, settings=settings)
        else:
            doc = text_document(raw, "<stdin>", None, title, settings=settings)
        yield _check_body(_with_warnings(doc, warnings), settings=settings)
    except DocumentError as error:
        yield error


def folder_id(folder: Path, path: Path) -> str:
    """The id of a document file read from a folder: its stem, under the subfolders it lies
    in ("bbc/" holds "business/001.txt" and "sport/001.txt": ids "business/001", "sport/001",
    not "001" twice, which the store would take for one report)."""
    parents = path.relative_to(folder).parts[:-1]
    return "/".join((*parents, file_stem(path)))


def folder_files(folder: Path) -> Iterator[Path]:
    """The documents in a folder and its subfolders, by name; hidden ones passed over."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and kind_suffix(path.name) in FOLDER_SUFFIXES:
            yield path


def is_single_document(name: str) -> bool:
    """True for an input that holds exactly one document (a progress bar can count them)."""
    if name == STDIN or name.lower().startswith(URL_SCHEMES) or Path(name).is_dir():
        return False
    return kind_suffix(name) not in JSONL_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES


def read_path(
    path: Path,
    title: str | None,
    follow: bool,
    fetcher: LazyFetcher,
    doc_id: str | None = None,
    *,
    settings: Settings | None = None,
) -> Iterator[Item]:
    """One file, read by the kind its name gives (text when the name says nothing); a text
    or web page file's id is `doc_id`, else its stem."""
    suffix = kind_suffix(path.name)
    if suffix in WARC_SUFFIXES:
        yield from read_warc(path, settings=settings)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, settings=settings)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path, doc_id, settings=settings)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed_file(path, follow, fetcher, settings=settings)
    else:
        yield read_text_file(path, title, doc_id, settings=settings)


def read_one_input(
    name: str,
    title: str | None,
    follow: bool,
    fetcher: LazyFetcher,
    *,
    settings: Settings | None = None,
) -> Iterator[Item]:
    """Every document of one input: standard input, a URL, a folder or a file."""
    if name == STDIN:
        yield from read_stdin(title, settings=settings)
    elif name.lower().startswith(URL_SCHEMES):
        yield from read_url(name, follow, fetcher, settings=settings)
    elif Path(name).is_dir():
        found = False
        for path in folder_files(Path(name)):
            found = True
            yield from read_path(
                path, None, follow, fetcher, folder_id(Path(name), path), settings=settings
            )
        if not found:
            yield DocumentError(
                name, "no documents in the folder (" + ", ".join(FOLDER_SUFFIXES) + ")"
            )
    else:
        yield from read_path(Path(name), title, follow, fetcher, settings=settings)


def read_inputs(
    paths: Iterable[str],
    *,
    title: str | None = None,
    published: str | None = None,
    follow: bool = False,
    fetcher: Fetcher | None = None,
    settings: Settings | None = None,
) -> Iterator[Item]:
    """Every document of every input, in order; `published` given here overrides the input's.

    `follow` reads each feed item's linked page instead of the item's own text; `fetcher`
    (one is made on first use) fetches URLs and followed links."""
    shared = LazyFetcher(fetcher, settings)
    for name in paths:
        for item in read_one_input(name, title, follow, shared, settings=settings):
            if isinstance(item, DocumentError):
                yield item
                continue
            if published is not None:
                item.published = published
            try:
                # Feed items and crawled pages too: no empty text, none over the size limit.
                yield _check_body(item, settings=settings)
            except DocumentError as error:
                yield error
