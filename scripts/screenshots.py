"""Screenshots of the page over a real store: the list, and the story view of the event with
the most linked events.

    python scripts/ingest ... ; python scripts/screenshots.py --db sqlite:///dev.db
    python scripts/screenshots.py --db sqlite:///dev.db --out out/screenshots --event ev-…

Runs `wirescope serve --db URL` on a free port and drives Debian's Chromium (/usr/bin/chromium,
as tests/test_page.py does; no browser is downloaded) through Playwright. Writes list.png and
story.png into --out and prints one JSON line: the files, the event shown and how many events
are linked to it (-1: the one asked for with --event).
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parent.parent
WAIT_MS = 60_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def wait_up(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(240):
        if process.poll() is not None:
            raise SystemExit(f"wirescope serve stopped (exit {process.returncode})")
        try:
            get_json(base + "/api/events?limit=1")
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("wirescope serve did not answer in 2 minutes")


def story_event(base: str) -> tuple[str | None, int]:
    """The listed event with the most linked events (then the most reports), and how many
    it has (none: story.png shows an event without a story)."""
    events = get_json(base + "/api/events?limit=2000")["events"]
    best = max(
        events,
        key=lambda e: (len(e.get("related") or []), len(e.get("reports") or [])),
        default=None,
    )
    return (best["id"], len(best.get("related") or [])) if best else (None, 0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="store URL")
    parser.add_argument("--out", type=Path, default=REPO / "out" / "screenshots")
    parser.add_argument("--event", help="the event whose story view to show")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "wirescope.cli", "serve", "--db", args.db, "--port", str(port)]
    with (args.out / "serve.log").open("w") as log:
        process = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_up(base, process)
        chosen, linked = (args.event, -1) if args.event else story_event(base)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.set_default_timeout(WAIT_MS)
            page.goto(base + "/")
            page.wait_for_selector("body[data-ready]")
            page.wait_for_timeout(1500)  # the basemap and markers settle
            page.screenshot(path=str(args.out / "list.png"))
            if chosen:
                page.locator(f'#events li[data-event="{chosen}"] button').click()
                page.wait_for_selector("body[data-event-ready]")
                page.wait_for_timeout(1500)
                page.screenshot(path=str(args.out / "story.png"))
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    files = [str(args.out / "list.png")] + ([str(args.out / "story.png")] if chosen else [])
    print(json.dumps({"files": files, "event": chosen, "related": linked}))


if __name__ == "__main__":
    main()
