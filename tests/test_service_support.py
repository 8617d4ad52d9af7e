"""What the service tests share: records made by hand, a real store, a real `wirescope serve`.

The server runs as its own process (the real CLI, real uvicorn) on a free port over a real
SQLite file; tests talk to it over HTTP. Nothing of ours is mocked.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from wirescope.record import (
    Casualty,
    Cue,
    Entity,
    Event,
    Meta,
    Participant,
    Place,
    Report,
    Source,
    Speaker,
    Statement,
    Trigger,
)

REPO = Path(__file__).resolve().parents[1]
TOKEN = "test-token-7f1c"
STARTUP_SECONDS = 90


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return (start, start + len(words))


def drone_report(report_id: str, injured: int, outlet: str) -> Report:
    """A report of a drone attack on a prime minister's home, written for these tests."""
    text = (
        f"Armed drones struck the home of Prime Minister Omar Haddad in Baghdad early Sunday, "
        f"{outlet} reported. {injured} of his guards were injured in the attack. "
        '"The drones of cowards will not shake us," Haddad said on Twitter. '
        "A security official, who was not authorized to speak, said the drones came from the east. "
        "Residents posted <img src=x onerror=alert(1)> and <script>alert('x')</script> online. "
        "The interior ministry said five guards were hurt."
    )
    ministry = _at(text, "The interior ministry")
    ministry_figure = _at(text, "five guards were hurt")
    speaker = _at(text, "Haddad", text.index("shake us"))
    haddad = Entity(
        id="e1",
        name="Omar Haddad",
        kind="person",
        category="government",
        country="IQ",
        titles=["Prime Minister"],
        mentions=[_at(text, "Omar Haddad"), speaker],
    )
    quote = _at(text, "The drones of cowards will not shake us,")
    figure = _at(text, f"{injured} of his guards were injured")
    return Report(
        id=report_id,
        meta=Meta(
            title=f"Drones hit premier's home ({outlet})", published="2021-11-07", publisher=outlet
        ),
        text=text,
        entities=[haddad],
        places=[
            Place(
                id="p1",
                name="Baghdad",
                kind="city",
                mentions=[_at(text, "Baghdad")],
                geonameid=98182,
                lat=33.34058,
                lon=44.40088,
                country="IQ",
                admin1="Baghdad",
            )
        ],
        events=[
            Event(
                id="v1",
                type="Explosions/Remote violence",
                subtype="Air/drone strike",
                trigger=Trigger(text="struck", span=_at(text, "struck")),
                summary="Armed drones struck the home of Omar Haddad in Baghdad",
                date="2021-11-07",
                date_text="early Sunday",
                date_precision="day",
                place="p1",
                geo_precision=1,
                participants=[
                    Participant(
                        role="target", entity="e1", text="Omar Haddad", certainty="confirmed"
                    )
                ],
                # Two figures from two sources: the page flags them as disagreeing.
                casualties=[
                    Casualty(kind="injured", count=injured, who="guards", span=figure, per=["r1"]),
                    Casualty(
                        kind="injured", count=5, who="guards", span=ministry_figure, per=["s2"]
                    ),
                ],
                modality="attempted",
                evidence=[_at(text, "Armed drones struck the home")],
            )
        ],
        statements=[
            Statement(
                id="s1",
                kind="direct",
                content=[quote],
                text=text[quote[0] : quote[1]],
                speaker=Speaker(entity="e1", text="Haddad", span=speaker),
                cue=Cue(text="said", span=_at(text, "said", text.index("Haddad said"))),
                channel="twitter",
            ),
            Statement(
                id="s2",
                kind="indirect",
                content=[ministry_figure],
                text=text[ministry_figure[0] : ministry_figure[1]],
                speaker=Speaker(text="The interior ministry", span=ministry),
                cue=Cue(text="said", span=_at(text, "said", ministry[1])),
                channel="statement",
            ),
        ],
        sources=[
            Source(
                id="r1",
                kind="anonymous_official",
                text="A security official",
                span=_at(text, "A security official"),
                anonymous=True,
                reason="not authorized to speak",
            )
        ],
    )


def protest_report() -> Report:
    text = "Thousands marched in Nairobi on Tuesday against a finance bill, witnesses said."
    return Report(
        id="nairobi-march",
        meta=Meta(title="Thousands march in Nairobi", published="2024-06-25"),
        text=text,
        places=[
            Place(
                id="p1",
                name="Nairobi",
                kind="city",
                mentions=[_at(text, "Nairobi")],
                lat=-1.28333,
                lon=36.81667,
                country="KE",
                admin1="Nairobi",
            )
        ],
        events=[
            Event(
                id="v1",
                type="Protests",
                subtype="Peaceful protest",
                trigger=Trigger(text="marched", span=_at(text, "marched")),
                # Markup in a summary must reach the page as text.
                summary="Thousands marched in Nairobi against a <b>finance bill</b>",
                date="2024-06-25",
                date_precision="day",
                place="p1",
                geo_precision=1,
            )
        ],
    )


def sample_records() -> list[Report]:
    return [
        drone_report("drone-wire", 7, "Wire Agency"),
        drone_report("drone-daily", 6, "The Daily"),
        protest_report(),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fill_store(url: str, records: list[Report]) -> None:
    from wirescope.store import Store

    store = Store(url)
    try:
        store.ingest(records)
    finally:
        store.close()


@dataclass
class Server:
    base: str
    process: subprocess.Popen[str]
    log: Path


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"wirescope serve exited: {server.log.read_text()}")
        try:
            if httpx.get(server.base + "/api/taxonomy", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"wirescope serve did not answer: {server.log.read_text()}")


@contextmanager
def running_server(url: str, folder: Path, token: str | None = TOKEN) -> Iterator[Server]:
    """`wirescope serve --db URL` on a free port, stopped at the end."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "WIRESCOPE_TOKEN"}
    if token:
        env["WIRESCOPE_TOKEN"] = token
    log = folder / f"serve-{port}.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "wirescope.cli", "serve", "--db", url, "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_sample_records_point_into_their_text() -> None:
    for record in sample_records():
        for event in record.events:
            assert event.trigger is not None
            start, end = event.trigger.span
            assert record.text[start:end] == event.trigger.text
        for statement in record.statements:
            assert statement.speaker.span is not None
            start, end = statement.speaker.span
            assert record.text[start:end] == statement.speaker.text
