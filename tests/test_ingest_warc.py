"""Web crawls: WARC files written by the test with fastwarc, plain and gzipped, one cut short."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from fastwarc.warc import WarcRecord, WarcRecordType

from wirescope.ingest import Document, DocumentError, read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "page.html").read_bytes()
OTHER = (
    b"<html><head><title>Port reopens</title></head><body><article>"
    b"<p>The port of Bremerhaven reopened on Monday after a week of repairs to its main quay, "
    b"the harbour authority said, and the first container ship docked in the afternoon.</p>"
    b"<p>Dock workers had been moved to other terminals during the closure.</p>"
    b"</article></body></html>"
)


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def warc_record(kind: WarcRecordType, uri: str, payload: bytes) -> bytes:
    record = WarcRecord()
    record.init_headers(record_type=kind)
    record.headers["WARC-Target-URI"] = uri
    record.headers["Content-Type"] = "application/http; msgtype=" + (
        "response" if kind == WarcRecordType.response else "request"
    )
    record.set_bytes_content(payload)
    out = io.BytesIO()
    record.write(out)
    return out.getvalue()


def crawl() -> list[bytes]:
    return [
        warc_record(
            WarcRecordType.request, "https://courier.example/flood", b"GET / HTTP/1.1\r\n\r\n"
        ),
        warc_record(WarcRecordType.response, "https://courier.example/flood", http_response(PAGE)),
        warc_record(
            WarcRecordType.response,
            "https://courier.example/logo.png",
            http_response(b"\x89PNG" + bytes(100), "image/png"),
        ),
        warc_record(WarcRecordType.response, "https://port.example/reopens", http_response(OTHER)),
    ]


def test_html_responses_become_documents_keyed_by_url(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(crawl()))
    flood, port = list(read_inputs([str(path)]))
    assert isinstance(flood, Document) and isinstance(port, Document)
    assert flood.id == "https://courier.example/flood"
    assert "Rotenburg" in flood.text and "SCRIPT-LEAK" not in flood.text
    assert port.id == "https://port.example/reopens"
    assert port.text.startswith("The port of Bremerhaven reopened")


def test_a_gzipped_warc_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    # As crawlers write them: each record its own gzip member.
    path.write_bytes(b"".join(gzip.compress(record) for record in crawl()))
    ids = [item.id for item in read_inputs([str(path)]) if isinstance(item, Document)]
    assert ids == ["https://courier.example/flood", "https://port.example/reopens"]


def test_a_truncated_record_is_one_error_and_the_earlier_pages_stay(tmp_path: Path) -> None:
    records = crawl()
    path = tmp_path / "cut.warc"
    path.write_bytes(b"".join(records[:2]) + records[3][:-150])
    flood, cut = list(read_inputs([str(path)]))
    assert isinstance(flood, Document)
    assert isinstance(cut, DocumentError)
    assert cut.origin.startswith(str(path)) and "truncated" in cut.reason


def test_a_warc_without_pages_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(crawl()[0])
    (error,) = list(read_inputs([str(path)]))
    assert isinstance(error, DocumentError) and "no HTML" in error.reason


def test_crawled_pages_are_cut_to_the_size_limit(tmp_path: Path) -> None:
    from wirescope.settings import load_settings

    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(crawl()))
    settings = load_settings().with_values("input", max_chars=120)
    flood, port = list(read_inputs([str(path)], settings=settings))
    assert isinstance(flood, Document) and isinstance(port, Document)
    assert len(flood.text) == 120 and any("cut at 120" in w for w in flood.warnings)
