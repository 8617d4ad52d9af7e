"""HTTP fetching for URLs and followed feed links: polite, bounded and explicit about failure.

Timeouts on connect and read, retries with exponential backoff on connection errors and
on 429/5xx answers (Retry-After honoured), a minimum interval between two requests to one
host (raised to the site's Crawl-delay), robots.txt respected, a size limit on every body
and a User-Agent that names the program. Every failure is a FetchError with a short reason.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, replace
from email.message import Message
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import urllib3
from urllib3.exceptions import HTTPError, MaxRetryError

from wirescope.settings import IngestSettings, default_settings

_RETRY_STATUSES = (429, 500, 502, 503, 504)


class FetchError(Exception):
    """A URL that could not be fetched; the message is the reason, for one line."""


@dataclass
class Fetched:
    """One HTTP answer: the final URL (after redirects), its media type and its body."""

    url: str
    media_type: str
    charset: str | None
    body: bytes


@dataclass
class FetchPolicy:
    """The limits one Fetcher works under (`of` the settings' [ingest] section; a test
    builds its own)."""

    user_agent: str
    connect_timeout: float
    read_timeout: float
    retries: int
    backoff: float
    host_interval: float
    max_bytes: int
    respect_robots: bool = True

    @classmethod
    def of(cls, config: IngestSettings, **changes: Any) -> FetchPolicy:
        policy = cls(
            user_agent=config.fetch_user_agent,
            connect_timeout=config.fetch_connect_timeout,
            read_timeout=config.fetch_read_timeout,
            retries=config.fetch_retries,
            backoff=config.fetch_backoff,
            host_interval=config.fetch_host_interval,
            max_bytes=config.fetch_max_bytes,
        )
        return replace(policy, **changes)


def _media_type(header: str | None) -> tuple[str, str | None]:
    """ "text/html; charset=ISO-8859-1" -> ("text/html", "iso-8859-1")."""
    message = Message()
    message["content-type"] = header or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), str(charset).lower() if isinstance(charset, str) else None


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


class Fetcher:
    """Fetches URLs one at a time under a FetchPolicy; keeps robots.txt and timing per host."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy.of(default_settings().ingest)
        retry = urllib3.Retry(
            total=self.policy.retries,
            backoff_factor=self.policy.backoff,
            status_forcelist=_RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        self._pool = urllib3.PoolManager(
            retries=retry,
            timeout=urllib3.Timeout(
                connect=self.policy.connect_timeout, read=self.policy.read_timeout
            ),
            headers={"User-Agent": self.policy.user_agent},
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last_request: dict[str, float] = {}

    def get(self, url: str) -> Fetched:
        """The page at `url`. Raises FetchError naming the reason."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError("not an http(s) URL")
        if self.policy.respect_robots and not self._allowed(url):
            raise FetchError("robots.txt disallows fetching it")
        response = self._request(url)
        try:
            if response.status >= 400:
                raise FetchError(f"HTTP {response.status} {response.reason or ''}".strip())
            body = self._read_bounded(response)
        finally:
            response.release_conn()
        media_type, charset = _media_type(response.headers.get("Content-Type"))
        final = response.geturl() or url
        return Fetched(url=final, media_type=media_type, charset=charset, body=body)

    def _request(self, url: str) -> urllib3.BaseHTTPResponse:
        self._wait_for_host(url)
        try:
            return self._pool.request("GET", url, preload_content=False)
        except MaxRetryError as error:
            tries = self.policy.retries + 1
            raise FetchError(f"unreachable after {tries} tries: {_short(error.reason)}") from None
        except HTTPError as error:
            raise FetchError(f"unreachable: {_short(error)}") from None

    def _read_bounded(self, response: urllib3.BaseHTTPResponse) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"body of {declared} bytes is over the limit of {limit}")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.stream(65536):
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"body over the limit of {limit} bytes")
                chunks.append(chunk)
        except HTTPError as error:
            raise FetchError(f"connection broke while reading: {_short(error)}") from None
        return b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        """Keep at least the host's interval between two requests to one host."""
        host = urlsplit(url).netloc
        interval = self.policy.host_interval
        robots = self._robots.get(_origin_of(url))
        delay = robots.crawl_delay(self.policy.user_agent) if robots else None
        if delay is not None:
            interval = max(interval, float(delay))
        last = self._last_request.get(host)
        if last is not None:
            pause = last + interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        origin = _origin_of(url)
        robots = self._robots.get(origin)
        if robots is None:
            robots = self._load_robots(origin)
            self._robots[origin] = robots
        return robots.can_fetch(self.policy.user_agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        """robots.txt as RFC 9309 reads it: missing (4xx) allows all; a server error (5xx)
        allows nothing. A host that does not answer at all raises FetchError."""
        robots = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        response = self._request(origin + "/robots.txt")
        try:
            if response.status >= 500:
                robots.parse(["User-agent: *", "Disallow: /"])
            elif response.status >= 400:
                robots.parse([])
            else:
                text = self._read_bounded(response).decode("utf-8", errors="replace")
                robots.parse(text.splitlines())
        except FetchError:
            robots.parse([])
        finally:
            response.release_conn()
        return robots


def _short(error: object) -> str:
    """An exception's message without urllib3's object addresses and nesting."""
    text = str(error)
    if "Connection refused" in text:
        return "connection refused"
    if "timed out" in text.lower():
        return "timed out"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host"
    return text.split(": ", 1)[-1][:200]
