"""Bounded load measurements (issue 19), printed as JSON: not timed tests, figures to record.

    .venv/bin/python scripts/load.py service [--clients 20] [--seconds 20] [--db URL]
    .venv/bin/python scripts/load.py long-report [--corpus bbc|examples] [--chars 200000]

`service`: the bundled examples are ingested into a fresh store (SQLite unless `--db`), a real
`wirescope serve` starts on a free port, and `--clients` threads send the page's requests
(event lists with filters, one event, one report, its annotated view, a search) for
`--seconds`: requests per second, errors (any non-2xx or transport error) and latency
percentiles.

`long-report`: one report of `--chars` characters (BBC articles from ../shared/data/bbc, read
in place, or the bundled examples repeated), extracted whole and then as pieces of about
`--piece` characters in one batch: the seconds of each, per step, and their ratio (the
floor: at most 2).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "bbc"
STARTUP_SECONDS = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "wirescope.cli", *args], cwd=REPO, check=False)


@contextmanager
def _server(url: str, log: Path) -> Iterator[str]:
    """`wirescope serve` over the store, stopped at the end; yields its base URL. Its access
    log goes to a file: thousands of lines on a terminal would slow the run."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "WIRESCOPE_TOKEN"}
    command = [sys.executable, "-m", "wirescope.cli", "serve", "--db", url, "--port", str(port)]
    with log.open("w") as sink:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=sink, stderr=sink)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/taxonomy", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _page_requests(base: str) -> list[str]:
    """What the page asks for, built from what the store holds."""
    events = httpx.get(base + "/api/events", params={"limit": 100}, timeout=30).json()["events"]
    if not events:
        raise SystemExit("the store holds no events: nothing to load")
    paths = ["/api/events?limit=100", "/api/events?limit=20&since=2000", "/api/taxonomy"]
    for event in events:
        paths.append(f"/api/events/{event['id']}")
        if event.get("type"):
            paths.append(f"/api/events?type={event['type']}")
        for report in event["reports"][:1]:
            paths.append(f"/api/report?id={report}")
            paths.append(f"/api/report/annotated?id={report}")
    paths += ["/api/search?q=police", "/api/search?q=killed", "/api/events?q=drone"]
    return paths


def _client(base: str, paths: list[str], until: float, seed: int, out: list[Any]) -> None:
    """One client: requests one after the other until the time is up."""
    chooser = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            path = chooser.choice(paths)
            began = time.perf_counter()
            try:
                ok = client.get(path).is_success
            except httpx.HTTPError:
                ok = False
            out.append((time.perf_counter() - began, ok))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def service_load(clients: int, seconds: float, db: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        url = db or f"sqlite:///{folder}/load.db"
        _cli("ingest", str(REPO / "examples"), "--db", url)
        with _server(url, Path(folder) / "serve.log") as base:
            paths = _page_requests(base)
            results: list[Any] = []
            until = time.monotonic() + seconds
            threads = [
                threading.Thread(target=_client, args=(base, paths, until, n, results))
                for n in range(clients)
            ]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - began
    latencies = [seconds for seconds, _ in results]
    return {
        "backend": url.split(":", 1)[0],
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(results),
        "requests_per_second": round(len(results) / elapsed, 1),
        "errors": sum(1 for _, ok in results if not ok),
        "p50_ms": round(_percentile(latencies, 0.5) * 1000),
        "p95_ms": round(_percentile(latencies, 0.95) * 1000),
        "max_ms": round(max(latencies) * 1000),
    }


def _corpus_files(corpus: str) -> Iterator[Path]:
    """BBC articles (../shared/data/bbc, read where they lie), or the bundled conflict
    reports again and again (many events and dates per character)."""
    if corpus == "bbc":
        if not BBC.is_dir():
            raise SystemExit(f"{BBC} is absent")
        yield from sorted(BBC.glob("*/*.txt"))
        return
    while True:
        yield from sorted((REPO / "examples").glob("*.txt"))


def _long_text(corpus: str, chars: int) -> str:
    """Articles joined into one text of `chars` characters."""
    parts: list[str] = []
    total = 0
    for path in _corpus_files(corpus):
        parts.append(path.read_text(encoding="latin-1").strip())
        total += len(parts[-1]) + 2
        if total >= chars:
            break
    return "\n\n".join(parts)[:chars]


def _pieces(text: str, size: int) -> list[str]:
    """The text cut at paragraph breaks into pieces of about `size` characters."""
    pieces, start = [], 0
    while start < len(text):
        end = text.find("\n\n", start + size)
        end = len(text) if end == -1 else end
        pieces.append(text[start:end])
        start = end
    return pieces


def _seconds(run: Callable[[], object]) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def long_report(corpus: str, chars: int, piece: int) -> dict[str, Any]:
    from wirescope.ingest.document import Document
    from wirescope.pipeline import extract

    text = _long_text(corpus, chars)
    pieces = _pieces(text, piece)
    list(extract([Document(id="warm-up", text=pieces[0], origin="warm-up")]))  # model loaded
    whole = [Document(id="whole", text=text, origin="whole", published="2005-03-01")]
    cut = [
        Document(id=f"piece-{n}", text=body, origin=f"piece-{n}", published="2005-03-01")
        for n, body in enumerate(pieces)
    ]
    timings_whole: dict[str, float] = {}
    timings_cut: dict[str, float] = {}
    whole_seconds = _seconds(lambda: list(extract(whole, timings=timings_whole)))
    cut_seconds = _seconds(lambda: list(extract(cut, timings=timings_cut)))
    return {
        "corpus": corpus,
        "chars": len(text),
        "pieces": len(pieces),
        "whole_seconds": round(whole_seconds, 1),
        "pieces_seconds": round(cut_seconds, 1),
        "ratio": round(whole_seconds / cut_seconds, 2),
        "whole_steps": {k: round(v, 1) for k, v in timings_whole.items()},
        "pieces_steps": {k: round(v, 1) for k, v in timings_cut.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    service = commands.add_parser("service", help="concurrent clients against wirescope serve")
    service.add_argument("--clients", type=int, default=20)
    service.add_argument("--seconds", type=float, default=20.0)
    service.add_argument("--db", help="a store URL (default: a fresh SQLite file)")
    long = commands.add_parser("long-report", help="one long report against its pieces")
    long.add_argument("--chars", type=int, default=200_000)
    long.add_argument("--piece", type=int, default=5_000)
    long.add_argument("--corpus", choices=("bbc", "examples"), default="bbc")
    args = parser.parse_args()
    if args.command == "service":
        figures = service_load(args.clients, args.seconds, args.db)
    else:
        figures = long_report(args.corpus, args.chars, args.piece)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
