"""URLs and followed feed links, against an HTTP server the test starts on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import run_cli

from wirescope.ingest import Document, DocumentError, read_inputs
from wirescope.ingest.fetch import Fetcher, FetchError, FetchPolicy
from wirescope.settings import load_settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "page.html").read_bytes()
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@dataclass
class Site:
    """What the test server answers: path -> (status, content type, body)."""

    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    # Paths that fail with 503 this many times before answering.
    flaky: Counter[str] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)
    agents: list[str] = field(default_factory=list)
    base: str = ""


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits[self.path] += 1
            site.agents.append(self.headers.get("User-Agent", ""))
            if site.flaky[self.path] > 0:
                site.flaky[self.path] -= 1
                self._answer(503, "text/plain", b"busy")
                return
            status, kind, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
            self._answer(status, kind, body)

        def _answer(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test reads `site.hits`, not the log."""

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    served.routes["/robots.txt"] = (200, "text/plain", ROBOTS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()


def quick_fetcher(**changes: object) -> Fetcher:
    """The default policy with short waits, so that retries take milliseconds."""
    policy = FetchPolicy.of(
        load_settings().ingest, retries=2, backoff=0.01, host_interval=0.0, connect_timeout=2.0
    )
    for key, value in changes.items():
        setattr(policy, key, value)
    return Fetcher(policy)


def read(urls: list[str], fetcher: Fetcher, follow: bool = False) -> list[Document | DocumentError]:
    return list(read_inputs(urls, fetcher=fetcher, follow=follow))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_page_url_becomes_a_document_keyed_by_its_url(site: Site) -> None:
    site.routes["/news/flood"] = (200, "text/html; charset=utf-8", PAGE)
    url = site.base + "/news/flood"
    (doc,) = read([url], quick_fetcher())
    assert isinstance(doc, Document)
    assert doc.id == url
    assert doc.title == "Flood waters reach river town"
    assert "Rotenburg" in doc.text and "SCRIPT-LEAK" not in doc.text
    assert all(agent.startswith("wirescope/") for agent in site.agents)


def test_robots_txt_is_respected(site: Site) -> None:
    site.routes["/private/page"] = (200, "text/html", PAGE)
    (error,) = read([site.base + "/private/page"], quick_fetcher())
    assert isinstance(error, DocumentError) and "robots.txt" in error.reason
    assert site.hits["/private/page"] == 0


def test_a_busy_server_is_retried_with_backoff(site: Site) -> None:
    site.routes["/flaky"] = (200, "text/html", PAGE)
    site.flaky["/flaky"] = 2
    (doc,) = read([site.base + "/flaky"], quick_fetcher())
    assert isinstance(doc, Document)
    assert site.hits["/flaky"] == 3


def test_a_server_busy_beyond_the_retries_is_an_error(site: Site) -> None:
    site.routes["/down"] = (200, "text/html", PAGE)
    site.flaky["/down"] = 10
    (error,) = read([site.base + "/down"], quick_fetcher(retries=1))
    assert isinstance(error, DocumentError) and "503" in error.reason
    assert site.hits["/down"] == 2


def test_a_body_over_the_size_limit_is_refused(site: Site) -> None:
    site.routes["/huge"] = (200, "text/html", PAGE)
    (error,) = read([site.base + "/huge"], quick_fetcher(max_bytes=1000))
    assert isinstance(error, DocumentError) and "limit" in error.reason


def test_missing_page_and_non_page_answers_are_errors(site: Site) -> None:
    site.routes["/photo.png"] = (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200))
    missing, image = read([site.base + "/gone", site.base + "/photo.png"], quick_fetcher())
    assert isinstance(missing, DocumentError) and "HTTP 404" in missing.reason
    assert isinstance(image, DocumentError) and "image/png" in image.reason


def test_an_unreachable_url_is_one_error_and_the_batch_goes_on(site: Site) -> None:
    site.routes["/ok"] = (200, "text/html", PAGE)
    dead = f"http://127.0.0.1:{closed_port()}/story"
    error, doc = read([dead, site.base + "/ok"], quick_fetcher())
    assert isinstance(error, DocumentError)
    assert error.origin == dead and "unreachable" in error.reason
    assert isinstance(doc, Document)


def test_the_fetcher_refuses_other_schemes() -> None:
    with pytest.raises(FetchError, match="http"):
        quick_fetcher().get("ftp://example.org/file")


def _feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {name}</title><link>{base}/news/{name}</link>"
        f"<description>Summary of story {name}, told in one short sentence.</description></item>"
        for name in ("flood", "missing")
    )
    channel = f"<channel><title>Courier</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def test_a_feed_url_gives_its_items(site: Site) -> None:
    site.routes["/feed.xml"] = (200, "application/rss+xml", _feed(site.base))
    first, second = read([site.base + "/feed.xml"], quick_fetcher())
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == site.base + "/news/flood"
    assert first.text == "Summary of story flood, told in one short sentence."
    assert first.publisher == "Courier"
    assert site.hits["/news/flood"] == 0


def test_follow_reads_each_items_linked_page(site: Site) -> None:
    site.routes["/feed.xml"] = (200, "application/rss+xml", _feed(site.base))
    site.routes["/news/flood"] = (200, "text/html", PAGE)
    page, broken = read([site.base + "/feed.xml"], quick_fetcher(), follow=True)
    assert isinstance(page, Document)
    assert page.id == site.base + "/news/flood"
    assert "Rotenburg" in page.text
    assert isinstance(broken, DocumentError)
    assert "item2" in broken.origin and "HTTP 404" in broken.reason


def test_the_cli_reads_a_feed_url_and_follows_its_links(site: Site) -> None:
    site.routes["/feed.xml"] = (200, "application/rss+xml", _feed(site.base))
    site.routes["/news/flood"] = (200, "text/html", PAGE)
    result = run_cli("extract", site.base + "/feed.xml", "--follow")
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["id"] == site.base + "/news/flood"
    assert record["meta"]["title"] == "Flood waters reach river town"
    assert record["meta"]["url"] == "https://courier.example/news/2024/04/02/flood-river-town"
    (error,) = result.stderr.splitlines()
    assert "item2" in error and "HTTP 404" in error
    assert result.returncode == 1
