"""Issue 19: the service as a hostile client and a busy newsroom meet it.

A real `wirescope serve` on a free port over SQLite and over PostgreSQL: NULs and surrogates
in every parameter and body, URL ids, odd methods and Host headers, impossible dates and
offsets; 24 concurrent POSTs on a server just started; a copy posted after another process
ingested its original. No answer may be a 5xx; the bad request gets one clear refusal.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from conftest import run_cli
from test_hostile_support import GOOD_LINES
from test_service_support import (
    TOKEN,
    Server,
    fill_store,
    running_server,
    sample_records,
)
from test_store_support import FOOTBALL, make_report, postgres_schema

from wirescope.service.security import CONTENT_SECURITY_POLICY

URL_ID = "https://example.org/news/2021/11/07/drone-strike?edition=intl#top"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _urls(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'store.db'}"
    else:
        yield from postgres_schema()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(f"hostile-{request.param}")
    for url in _urls(request.param, folder):
        fill_store(url, [*sample_records(), make_report(URL_ID, FOOTBALL, title="Derby day")])
        with running_server(url, folder) as running:
            yield running


def _get(server: Server, path: str, **params: Any) -> httpx.Response:
    return httpx.get(server.base + path, params=params, timeout=30)


def _post(server: Server, document: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    body = json.dumps(document).encode()  # ensure_ascii: a lone surrogate travels as \ud800
    sent = {"Content-Type": "application/json", **(headers if headers is not None else AUTH)}
    return httpx.post(server.base + "/api/reports", content=body, headers=sent, timeout=180)


def test_a_url_id_is_served_by_path_and_by_query(server: Server) -> None:
    by_path = _get(server, "/api/reports/" + quote(URL_ID, safe=""))
    assert by_path.status_code == 200, by_path.text
    assert by_path.json()["id"] == URL_ID
    assert _get(server, "/api/report", id=URL_ID).json()["id"] == URL_ID
    annotated = _get(server, "/api/reports/" + quote(URL_ID, safe="") + "/annotated")
    assert annotated.status_code == 200 and "Emirates Stadium" in annotated.text
    assert _get(server, "/api/report/annotated", id=URL_ID).text == annotated.text
    page = _get(server, "/static/page.js").text
    assert "/api/report?id=" in page and "/api/report/annotated?id=" in page


def test_nul_in_any_parameter_is_refused_not_a_500(server: Server) -> None:
    for name in ("q", "actor", "type", "country"):
        response = _get(server, "/api/events", **{name: "drone\x00"})
        assert response.status_code == 422, (name, response.text)
        assert "control characters" in response.text
    assert _get(server, "/api/search", q="drone\x00").json()["results"] == []
    assert _get(server, "/api/events/ev-%00").status_code == 404
    assert _get(server, "/api/reports/drone-wire%00").status_code == 404
    assert _get(server, "/api/report", id="drone-wire\x00").status_code == 404


def test_impossible_dates_offsets_and_wildcards(server: Server) -> None:
    assert _get(server, "/api/events", since="2021-13-45").status_code == 422
    assert _get(server, "/api/events", until="2021-02-30").status_code == 422
    assert _get(server, "/api/events", offset=2**63).status_code == 422
    assert _get(server, "/api/events", actor="%").json()["total"] == 0
    assert _get(server, "/api/events", actor="haddad").json()["total"] >= 1


def test_a_posted_text_with_nul_is_stored_without_it(server: Server) -> None:
    document = dict(GOOD_LINES["nul-in-text"], id="posted-nul")
    response = _post(server, document)
    assert response.status_code == 201, response.text
    stored = _get(server, "/api/reports/posted-nul").json()
    assert stored["text"] == document["text"].replace("\x00", "")


def test_a_lone_surrogate_is_401_without_the_token_and_replaced_with_it(server: Server) -> None:
    document = dict(GOOD_LINES["lone-surrogate"], id="posted-surrogate")
    assert _post(server, {**document, "extra": "\ud800"}, headers={}).status_code == 401
    refused = _post(server, {**document, "extra": "\ud800"})
    assert refused.status_code == 422 and "extra" in refused.text
    response = _post(server, document)
    assert response.status_code == 201, response.text
    assert "\ufffd" in _get(server, "/api/report", id="posted-surrogate").json()["text"]


def test_json_nested_too_deep_is_a_422(server: Server) -> None:
    body = b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    headers = {**AUTH, "Content-Type": "application/json"}
    response = httpx.post(server.base + "/api/reports", content=body, headers=headers, timeout=60)
    assert response.status_code == 422
    assert "nested too deep" in response.text


def test_head_options_hosts_and_refusals_carry_the_headers(server: Server) -> None:
    head = httpx.head(server.base + "/api/taxonomy", timeout=30)
    assert head.status_code == 200 and head.content == b""
    options = httpx.options(server.base + "/api/reports", timeout=30)
    assert options.status_code == 204 and "POST" in options.headers["allow"]
    rebound = httpx.get(server.base + "/api/events", headers={"Host": "evil.example"}, timeout=30)
    assert rebound.status_code == 400
    too_big = httpx.post(
        server.base + "/api/reports",
        content=b"x" * 3_000_000,
        headers={**AUTH, "Content-Type": "application/json"},
        timeout=60,
    )
    for response in (too_big, rebound, options, head):
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert too_big.status_code == 413


def _document(number: int) -> dict[str, str]:
    towns = ["Kabul", "Mosul", "Aleppo", "Gao", "Goma", "Idlib", "Sirte", "Kismayo"]
    town = towns[number % len(towns)]
    return {
        "id": f"concurrent-{number}",
        "text": (
            f"Gunmen killed {number + 2} people at a checkpoint near {town} on Monday, "
            f"officials said. Report number {number} of a busy morning."
        ),
        "published": "2024-03-04",
    }


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_24_concurrent_posts_on_a_cold_server_are_all_accepted(kind: str, tmp_path: Path) -> None:
    for url in _urls(kind, tmp_path):
        with running_server(url, tmp_path) as cold:
            with ThreadPoolExecutor(max_workers=24) as pool:
                answers = list(pool.map(lambda n: _post(cold, _document(n)), range(24)))
            codes = [answer.status_code for answer in answers]
            assert codes == [201] * 24, [a.text for a in answers if a.status_code != 201]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_copy_posted_after_another_process_ingested_its_original(
    kind: str, tmp_path: Path
) -> None:
    original = tmp_path / "original.jsonl"
    text = _document(3)["text"] + " The police chief promised an inquiry into the attack."
    original.write_text(json.dumps({"id": "original", "text": text}) + "\n", encoding="utf-8")
    for url in _urls(kind, tmp_path):
        with running_server(url, tmp_path) as running:
            assert _post(running, _document(7)).status_code == 201  # its caches are loaded
            ingested = run_cli("ingest", str(original), "--db", url)
            assert ingested.returncode == 0, ingested.stderr
            copy = _post(running, {"id": "copy", "text": text + " (Wire)"})
            assert copy.status_code == 201, copy.text
            assert copy.json()["result"]["copies"] == {"copy": "original"}
