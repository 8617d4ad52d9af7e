"""The REST API, against a real `wirescope serve` process over a real SQLite store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_service_support import TOKEN, Server, fill_store, running_server, sample_records

from wirescope.service.security import CONTENT_SECURITY_POLICY


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("api")
    url = f"sqlite:///{folder / 'store.db'}"
    fill_store(url, sample_records())
    with running_server(url, folder) as running:
        yield running


def get(server: Server, path: str, **params: Any) -> httpx.Response:
    return httpx.get(server.base + path, params=params, timeout=30)


def events(server: Server, **params: Any) -> list[dict[str, Any]]:
    response = get(server, "/api/events", **params)
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["events"]
    return rows


def drone_event(server: Server) -> dict[str, Any]:
    return next(e for e in events(server) if e["subtype"] == "Air/drone strike")


def test_events_list_consolidated_events_with_places(server: Server) -> None:
    rows = events(server)
    subtypes = {row["subtype"] for row in rows}
    assert {"Air/drone strike", "Peaceful protest"} <= subtypes
    drone = drone_event(server)
    assert drone["place"]["country"] == "IQ"
    assert abs(drone["place"]["lat"] - 33.34) < 0.1
    assert set(drone["reports"]) <= {"drone-wire", "drone-daily"}


def test_filters_narrow_the_events(server: Server) -> None:
    assert {e["place"]["country"] for e in events(server, country="KE")} == {"KE"}
    assert all(e["type"] == "Protests" for e in events(server, type="Protests"))
    assert {e["subtype"] for e in events(server, since="2024-01-01")} == {"Peaceful protest"}
    assert {e["subtype"] for e in events(server, until="2022-01-01")} == {"Air/drone strike"}
    assert events(server, country="FR") == []


def test_pagination_counts_and_pages(server: Server) -> None:
    page = get(server, "/api/events", limit=1, offset=0).json()
    assert page["limit"] == 1 and len(page["events"]) == 1
    assert page["total"] >= 2
    second = get(server, "/api/events", limit=1, offset=1).json()
    assert second["events"][0]["id"] != page["events"][0]["id"]


def test_bad_parameters_are_refused_with_422(server: Server) -> None:
    assert get(server, "/api/events", since="last week").status_code == 422
    assert get(server, "/api/events", limit=0).status_code == 422
    assert get(server, "/api/events", country="Atlantis").status_code == 422
    assert {e["place"]["country"] for e in events(server, country="Kenya")} == {"KE"}
    assert get(server, "/api/search").status_code == 422


def test_an_event_comes_with_its_reports_statements_and_evidence(server: Server) -> None:
    drone = drone_event(server)
    response = get(server, f"/api/events/{drone['id']}")
    assert response.status_code == 200
    detail = response.json()
    assert detail["id"] == drone["id"]
    report_events = detail["report_events"]
    assert report_events
    # Each report's own event, its evidence, and the sources its figures cite.
    assert {re["event"]["subtype"] for re in report_events} == {"Air/drone strike"}
    assert all(re["event"]["evidence"] for re in report_events)
    cited = {s["text"] for re in report_events for s in re["sources"]}
    assert cited == {"A security official"}


def test_unknown_ids_are_404(server: Server) -> None:
    assert get(server, "/api/events/no-such-event").status_code == 404
    assert get(server, "/api/reports/no-such-report").status_code == 404
    assert get(server, "/api/reports/no-such-report/annotated").status_code == 404


def test_a_report_is_its_full_record(server: Server) -> None:
    record = get(server, "/api/reports/drone-wire").json()
    assert record["format"] == "wirescope/1"
    assert record["events"][0]["subtype"] == "Air/drone strike"
    assert record["statements"][0]["channel"] == "twitter"


def test_the_annotated_report_escapes_the_report_markup(server: Server) -> None:
    response = get(server, "/api/reports/drone-wire/annotated")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>" not in response.text and "<img" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text
    assert 'data-ref="s1"' in response.text


def test_search_finds_reports_by_their_words(server: Server) -> None:
    hits = get(server, "/api/search", q="finance bill").json()["results"]
    assert [hit["id"] for hit in hits] == ["nairobi-march"]


def test_every_response_carries_the_security_headers(server: Server) -> None:
    for path in ("/", "/api/events", "/api/events/missing", "/static/page.js", "/docs"):
        response = get(server, path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    assert "server" not in get(server, "/").headers


def test_the_page_and_the_docs_load_nothing_from_outside(server: Server) -> None:
    page = get(server, "/").text
    docs = get(server, "/docs").text
    for html in (page, docs):
        assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert get(server, "/static/vendor/leaflet/LICENSE").status_code == 200
    assert get(server, "/static/vendor/world-atlas/countries-50m.json").status_code == 200
    assert get(server, "/openapi.json").json()["paths"]["/api/events"]


def test_posting_needs_the_bearer_token(server: Server) -> None:
    document = {"text": "Police arrested two men in Mombasa on Monday, officials said."}
    url = server.base + "/api/reports"
    missing = httpx.post(url, json=document, timeout=30)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = httpx.post(url, json=document, headers={"Authorization": "Bearer nope"}, timeout=30)
    assert wrong.status_code == 401


def test_posting_with_the_token_extracts_and_stores(server: Server) -> None:
    text = (
        "Gunmen abducted three aid workers near Goma on Monday, the United Nations said. "
        "The workers were taken from their vehicle."
    )
    document = {
        "id": "goma-abduction",
        "text": text,
        "title": "Aid workers abducted",
        "published": "2024-03-04",
    }
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = httpx.post(server.base + "/api/reports", json=document, headers=headers, timeout=180)
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "goma-abduction"
    stored = get(server, "/api/reports/goma-abduction").json()
    assert stored["text"] == text and stored["meta"]["published"] == "2024-03-04"


def test_a_bad_document_is_a_422_naming_the_reason(server: Server) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    url = server.base + "/api/reports"
    blank = httpx.post(url, json={"text": "   "}, headers=headers, timeout=60)
    assert blank.status_code == 422
    assert "empty document" in blank.json()["detail"][0]["msg"]
    unknown = httpx.post(url, json={"text": "x", "html": "<p>"}, headers=headers, timeout=60)
    assert unknown.status_code == 422


def test_oversized_bodies_are_refused(server: Server) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    body = b'{"text": "' + b"a" * 3_000_000 + b'"}'
    declared = httpx.post(server.base + "/api/reports", content=body, headers=headers, timeout=60)
    assert declared.status_code == 413

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(30):
            yield b"a" * 100_000
        yield b'"}'

    streamed = httpx.post(
        server.base + "/api/reports", content=chunks(), headers=headers, timeout=60
    )
    assert streamed.status_code == 413


def test_posting_is_closed_without_a_configured_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'closed.db'}"
    fill_store(url, [])
    with running_server(url, tmp_path, token=None) as closed:
        response = httpx.post(
            closed.base + "/api/reports",
            json={"text": "Anything at all."},
            headers={"Authorization": "Bearer anything"},
            timeout=30,
        )
    assert response.status_code == 403
    assert "WIRESCOPE_TOKEN" in response.json()["detail"]


def test_serve_names_a_store_it_cannot_open(tmp_path: Path) -> None:
    from conftest import run_cli

    result = run_cli("serve", "--db", "nosuchdriver://nowhere", "--port", "1")
    assert result.returncode == 1
    assert "nosuchdriver://nowhere" in result.stderr and "Traceback" not in result.stderr


def test_only_loopback_addresses_count_as_private() -> None:
    from wirescope.service.server import is_loopback

    assert all(map(is_loopback, ("127.0.0.1", "127.5.0.1", "::1", "localhost")))
    assert not any(map(is_loopback, ("0.0.0.0", "192.168.1.4", "::", "example.org")))
