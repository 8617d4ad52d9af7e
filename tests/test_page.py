"""The page, end to end in headless Chromium (Debian's `chromium`, driven by Playwright).

A real `wirescope serve` over a real SQLite store; the browser loads the page as a user would,
with no internet: every script, style and the basemap come from the server. The seed-article
test keeps its screenshot in out/test-artifacts/page.png, the story test the list's and the
story view's in list.png and story.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SHARED
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    Request,
    sync_playwright,
)
from test_service_annotated import sample_record
from test_service_support import REPO, Server, fill_store, running_server, sample_records

from wirescope.service.annotated import standalone

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "out" / "test-artifacts"
SEED = SHARED / "examples" / "kadhimi-drone"
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("WIRESCOPE_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        # Debian's own Chromium, never a downloaded one; no sandbox as CI runs as root.
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


class Visit:
    """One page in the browser, recording console errors and requests that left the server."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.set_default_timeout(WAIT_MS)
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("request", self._request)
        self.base = base

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _request(self, request: Request) -> None:
        url = request.url
        if not url.startswith((self.base, "data:", "file:")):
            self.outside.append(url)

    def open(self, path: str = "/") -> Page:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-ready]")
        return self.page

    def close(self) -> None:
        self.page.close()


def on_map(page: Page, subtype: str) -> Locator:
    """The marker of an event of this subtype, opening the cluster that holds it if need be."""
    marker = page.locator(f'.leaflet-marker-icon[title*="{subtype}"]')
    cluster = page.locator(f'.marker-cluster div[title*="{subtype}"]')
    marker.or_(cluster).first.wait_for()
    for _ in range(5):
        if marker.count() and marker.first.is_visible():
            return marker.first
        # A click on a cluster zooms in, or spreads the markers that share one place; a map
        # still settling may redraw the cluster under the click, so look again and retry.
        cluster.first.click()
        page.wait_for_timeout(700)
    marker.first.wait_for()
    return marker.first


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("page")
    url = f"sqlite:///{folder / 'store.db'}"
    fill_store(url, sample_records())
    with running_server(url, folder) as running:
        yield running


@pytest.fixture
def visit(browser: Browser, sample_server: Server) -> Iterator[Visit]:
    opened = Visit(browser, sample_server.base)
    yield opened
    opened.close()


def test_the_map_and_list_show_the_events(visit: Visit) -> None:
    page = visit.open()
    on_map(page, "Peaceful protest")
    assert page.locator(".event-marker .dot.t-protests").count() == 1
    on_map(page, "Air/drone strike")
    assert page.locator(".event-marker .dot.t-explosions").count() >= 1
    titles = page.locator("#events .title").all_text_contents()
    assert "Air/drone strike" in titles and "Peaceful protest" in titles
    # A summary holding markup shows the markup as words.
    assert "against a <b>finance bill</b>" in (page.text_content("#events") or "")
    assert page.locator("#events b").count() == 0
    # The offline basemap: one outline per country, drawn from the vendored world-atlas.
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 150")
    assert visit.errors == [] and visit.outside == []


def test_the_timeline_filters_the_map(visit: Visit) -> None:
    page = visit.open()
    on_map(page, "Air/drone strike")
    page.locator('#timeline .bin[data-from^="2024-06"]').click()
    page.wait_for_selector('[title*="Air/drone strike"]', state="detached")
    assert page.locator("#events .title").all_text_contents() == ["Peaceful protest"]
    assert "2024-06" in (page.text_content("#timeline-label") or "")
    page.click("#timeline-clear")
    on_map(page, "Air/drone strike")


def test_the_filters_ask_the_api(visit: Visit) -> None:
    page = visit.open()
    page.select_option("#filters select[name=type]", "Protests")
    page.click("#filters button[type=submit]")
    page.wait_for_selector('[title*="Air/drone strike"]', state="detached")
    assert page.locator("#events .title").all_text_contents() == ["Peaceful protest"]
    page.fill("#filters input[name=country]", "iq")
    page.select_option("#filters select[name=type]", "")
    page.click("#filters button[type=submit]")
    page.wait_for_selector('[title*="Peaceful protest"]', state="detached")
    assert set(page.locator("#events .title").all_text_contents()) == {"Air/drone strike"}


def test_an_event_opens_with_its_evidence(visit: Visit) -> None:
    page = visit.open()
    on_map(page, "Air/drone strike").click()
    page.wait_for_selector("body[data-event-ready]")
    heading = page.text_content("#event h2") or ""
    assert "Air/drone strike" in heading
    table = page.text_content("#event table.casualties") or ""
    assert "injured" in table and "A security official" in table
    statement = page.locator(".statement", has_text="drones of cowards").first
    assert "Omar Haddad" in (statement.text_content() or "")
    assert "twitter" in (statement.text_content() or "")
    statement.click()
    active = page.locator(".report-text mark.ws-active")
    active.first.wait_for()
    assert "drones of cowards" in "".join(active.all_text_contents())
    sources = page.text_content("#event ul.sources") or ""
    assert "anonymous" in sources and "not authorized to speak" in sources
    # From the keyboard: a focused source, Enter, and its words light up.
    page.locator(".source", has_text="A security official").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.report-text mark.ws-active'))"
        ".some(m => m.textContent.includes('A security official'))"
    )
    # Report markup is shown as text, never run: the <img> and <script> are words on the page.
    assert "<img src=x onerror=alert(1)>" in (page.text_content(".report-text") or "")
    assert page.locator(".report-text img, .report-text script").count() == 0
    # 7 injured per the security official, 5 per the ministry: both rows, both flagged.
    rows = page.locator("#event table.casualties tr.disagree").all_text_contents()
    assert any("A security official" in row for row in rows)
    assert any("The interior ministry" in row and "5" in row for row in rows)
    assert visit.errors == [] and visit.outside == []


def test_the_api_docs_work_offline(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.base + "/docs")
    page.locator(".opblock", has_text="/api/events").first.wait_for()
    assert page.locator(".opblock").count() >= 6
    assert visit.errors == [] and visit.outside == []


def test_the_annotated_file_lights_up_fields_and_words(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(standalone(sample_record()), encoding="utf-8")
    visit = Visit(browser, path.as_uri())
    page = visit.page
    page.goto(path.as_uri())
    page.locator(".ws-field", has_text="s1 cue: said").click()
    assert page.locator("mark.ws-active").all_text_contents() == ["said"]
    assert page.locator(".ws-words:not([hidden])").all_text_contents() == ["said"]
    page.locator("mark.ws-hl", has_text="Kaya").first.click()
    # "Kaya" is the place and part of the event's evidence sentence: both fields light up.
    labels = page.locator(".ws-field.ws-active .ws-label").all_text_contents()
    assert sorted(labels) == ["Kaya", "v1 evidence"]
    assert visit.errors == [] and visit.outside == []
    visit.close()


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not SEED.is_dir():
        pytest.skip("../shared/examples is absent")
    from wirescope.ingest import read_inputs
    from wirescope.pipeline import extract
    from wirescope.record import Report

    records = [
        r for r in extract(read_inputs([str(SEED / "article.txt")])) if isinstance(r, Report)
    ]
    assert len(records) == 1, "the seed article did not extract"
    folder = tmp_path_factory.mktemp("seed")
    url = f"sqlite:///{folder / 'store.db'}"
    fill_store(url, records)
    with running_server(url, folder) as running:
        yield running


def test_the_seed_article_drone_strike_end_to_end(browser: Browser, seed_server: Server) -> None:
    visit = Visit(browser, seed_server.base)
    page = visit.open()
    on_map(page, "Air/drone strike")
    item = page.locator("#events li", has_text="Air/drone strike").first
    item.wait_for()
    item.locator("button").click()
    page.wait_for_selector("body[data-event-ready]")
    quote = page.locator(".statement", has_text="rockets of treason").first
    assert "Kadhimi" in (quote.locator(".who").text_content() or "")
    quote.click()
    active = page.locator(".report-text mark.ws-active")
    active.first.wait_for()
    assert "rockets of treason" in "".join(active.all_text_contents())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(600)  # let the smooth scroll to the quote finish before the picture
    page.screenshot(path=str(ARTIFACTS / "page.png"))
    page.locator(".side").evaluate("side => { side.scrollTop = 0; }")
    page.screenshot(path=str(ARTIFACTS / "event.png"))  # the event view's top: figures, people
    assert visit.errors == [] and visit.outside == []
    visit.close()


@pytest.fixture(scope="module")
def story_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from test_store_events import story_records

    folder = tmp_path_factory.mktemp("story")
    url = f"sqlite:///{folder / 'store.db'}"
    fill_store(url, story_records())
    with running_server(url, folder) as running:
        yield running


def test_the_list_reads_and_an_event_shows_its_story(
    browser: Browser, story_server: Server
) -> None:
    visit = Visit(browser, story_server.base)
    try:
        page = visit.open()
        headlines = page.locator("#events .headline").all_text_contents()
        assert set(headlines) == {"Terror on a Tuesday", "A city in mourning"}
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "list.png"))
        page.locator("#events li", has_text="Terror on a Tuesday").locator("button").click()
        page.wait_for_selector("body[data-event-ready]")
        story = page.locator(".story-timeline li")
        story.nth(1).wait_for()
        # The linked events on one timeline, oldest first; the one open is marked.
        assert [t.strip() for t in page.locator(".story-timeline .when").all_text_contents()] == [
            "2024-03-05",
            "2024-03-08",
        ]
        assert "current" in (story.first.get_attribute("class") or "")
        page.screenshot(path=str(ARTIFACTS / "story.png"))
        story.nth(1).locator("button").click()
        # Locators, not a string predicate: the page's CSP forbids evaluating strings.
        page.locator(
            ".story-timeline li.current .headline", has_text="A city in mourning"
        ).wait_for()
        page.locator("#event h2").first.wait_for()
        assert visit.errors == [] and visit.outside == []
    finally:
        visit.close()


STRIPE_CHECK = """
const fs = require("fs");
const [, , root] = process.argv;
const topojson = require(root + "/vendor/topojson-client/dist/topojson-client.min.js");
const topo = JSON.parse(fs.readFileSync(root + "/vendor/world-atlas/countries-50m.json"));
const page = fs.readFileSync(root + "/page.js", "utf8");
const body = page.slice(page.indexOf("function unwrapRing"), page.indexOf("/* A cluster shows"));
const unwrap = new Function(body + "; return unwrapAntimeridian;")();
const count = (fc) => {
  let jumps = 0;
  fc.features.forEach((f) => {
    const g = f.geometry;
    if (!g) return;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    polygons.forEach((p) => p.forEach((r) => {
      for (let i = 1; i < r.length; i++) {
        /* an edge across the world, where the map shows it (Mercator stops near 85 degrees) */
        if (Math.abs(r[i][0] - r[i - 1][0]) > 180 && Math.abs(r[i][1]) < 84) jumps++;
      }
    }));
  });
  return jumps;
};
const before = count(topojson.feature(topo, topo.objects.countries));
const after = count(unwrap(topojson.feature(topo, topo.objects.countries)));
console.log(JSON.stringify({ before, after }));
"""


def test_no_country_outline_runs_across_the_world_map(tmp_path: Path) -> None:
    """The stripe: rings crossing the antimeridian (Chukotka, Fiji) drawn edge to edge."""
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is missing")
    script = tmp_path / "stripe.js"
    script.write_text(STRIPE_CHECK, encoding="utf-8")
    static = REPO / "wirescope" / "service" / "static"
    ran = subprocess.run([node, str(script), str(static)], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    counts = json.loads(ran.stdout)
    assert counts["before"] > 0 and counts["after"] == 0


def many_events(url: str, count: int) -> None:
    """`count` events written as rows (as scripts/bench_store.py fills a store), one a day
    from 2020-01-01, placed around Baghdad."""
    from datetime import date, timedelta

    from sqlalchemy.orm import Session

    from wirescope.store import Store
    from wirescope.store.models import EventRow

    store = Store(url)
    stamp = "2025-01-01T00:00:00Z"
    with Session(store.engine) as session:
        session.add_all(
            EventRow(
                id=f"ev-{n:05d}",
                type="Battles",
                subtype="Armed clash",
                date=(date(2020, 1, 1) + timedelta(days=n)).isoformat(),
                country="IQ",
                place_name=f"Town {n}",
                lat=33.3 + (n % 40) / 20,
                lon=44.4 + (n // 40) / 20,
                first_seen=stamp,
                last_updated=stamp,
            )
            for n in range(count)
        )
        session.commit()
    store.close()


def test_the_page_loads_the_latest_events_page_by_page(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The first request asks for 500 events (the page draws them at once), the next ones
    for the following 500 until the page holds the latest 2,000 of 2,300: the same events in
    the same order as one request for 2,000."""
    import httpx

    folder = tmp_path_factory.mktemp("many")
    url = f"sqlite:///{folder / 'store.db'}"
    many_events(url, 2300)
    with running_server(url, folder) as server:
        whole = httpx.get(server.base + "/api/events?limit=2000", timeout=30).json()
        visit = Visit(browser, server.base)
        asked: list[str] = []
        visit.page.on("request", lambda r: asked.append(r.url) if "/api/events?" in r.url else None)
        try:
            page = visit.open()
            page.wait_for_selector("body[data-loaded]")
            shown = page.locator("#events li").evaluate_all(
                "items => items.map(item => item.getAttribute('data-event'))"
            )
            assert shown == [event["id"] for event in whole["events"]]
            assert [u.removeprefix(server.base) for u in asked] == [
                "/api/events?limit=500",
                "/api/events?limit=500&offset=500",
                "/api/events?limit=500&offset=1000",
                "/api/events?limit=500&offset=1500",
            ]
            assert "2000 events (first 2000 of 2300)" in (page.text_content("#status") or "")
            # A filter asks again from its first page.
            page.fill("#filters input[name=until]", "2020-01-10")
            page.click("#filters button[type=submit]")
            page.wait_for_selector("body[data-loaded]")
            assert page.locator("#events li").count() == 10
            assert asked[-1].endswith("/api/events?until=2020-01-10&limit=500")
            assert visit.errors == [] and visit.outside == []
        finally:
            visit.close()
