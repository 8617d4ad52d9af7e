"""The hostile batch: good reports mixed with every input that once broke a batch (issue 19).

Written for these tests, by hand: NUL characters, a word of 400 letters, JSON nested 1,000
deep, a lone surrogate, a publication date of year 1, a text of nothing but NULs, a title that
is a JSON object, and UTF-16 and UTF-32 files with a byte-order mark. The same files go
through the CLI and the API, into SQLite and PostgreSQL.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirescope.store import EventFilter, Store


def _market_attack(killed: int, town: str, day: str) -> str:
    return (
        f"Gunmen killed {killed} people at a crowded market in {town} on {day}, police said. "
        "The attackers fled on motorcycles, witnesses told reporters, and the wounded were "
        "taken to the city hospital."
    )


# One JSON Lines line each; `None` marks the lines no record may come from.
GOOD_LINES: dict[str, dict[str, Any]] = {
    "good-kabul": {
        "id": "good-kabul",
        "text": _market_attack(3, "Kabul", "Tuesday"),
        "published": "2024-03-05",
    },
    "nul-in-text": {
        "id": "nul-in-text",
        "text": "Police said\x00 two protesters died in clashes in Mosul on Monday.\x00",
        "published": "2024-03-04",
    },
    "long-word": {
        "id": "long-word",
        "title": "Storm " + "x" * 300,
        "text": "A " + "y" * 400 + " storm flooded Lagos on Friday, officials said.",
        "published": "2024-03-01",
    },
    "lone-surrogate": {
        "id": "lone-surrogate",
        "text": "Rebels attacked \ud800 a convoy near Goma on Sunday, the army said.",
        "published": "2024-03-03",
    },
    "year-one": {
        "id": "year-one",
        "text": "Thousands of protesters marched through Nairobi on Monday, police said.",
        "published": "0001-01-01",
    },
    "title-object": {
        "id": "title-object",
        "title": {"a": 1},
        "text": "Floods displaced hundreds of families in Dhaka on Monday, officials said.",
    },
    "good-quetta": {
        "id": "good-quetta",
        "text": "A roadside bomb wounded four soldiers near Quetta on Wednesday, the army said.",
        "published": "2024-03-06",
    },
}
DEEP_JSON = '{"id": "deep", "text": "deep", "x": ' + "[" * 1000 + "]" * 1000 + "}"
NUL_ONLY = {"id": "nul-only", "text": "\x00\x00\x00"}
UTF16_TEXT = (
    "Typhoon hits Manila\nA typhoon killed four people in Manila on Sunday, officials said.\n"
)
UTF32_TEXT = "Blast in Peshawar\nA bomb killed two people in Peshawar on Monday, police said.\n"

# The records a hostile run must store, and the failures it must name (input, reason).
STORED_IDS = sorted([*GOOD_LINES, "utf16-report", "utf32-report"])
FAILURES = {"batch.jsonl:4": "JSON nested too deep", "batch.jsonl:6": "empty document"}


def _line(data: dict[str, Any]) -> str:
    # ensure_ascii (the default) writes the lone surrogate as the escape "\ud800".
    return json.dumps(data)


def write_batch(folder: Path) -> list[Path]:
    """The hostile inputs as files: one JSON Lines batch and two BOM-marked texts."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [_line(data) for data in GOOD_LINES.values()]
    lines[3:3] = [DEEP_JSON]  # line 4
    lines[5:5] = [_line(NUL_ONLY)]  # line 6
    batch = folder / "batch.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="ascii")
    utf16 = folder / "utf16-report.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + UTF16_TEXT.encode("utf-16-le"))
    utf32 = folder / "utf32-report.txt"
    utf32.write_bytes(codecs.BOM_UTF32_BE + UTF32_TEXT.encode("utf-32-be"))
    return [batch, utf16, utf32]


@dataclass
class Snapshot:
    """What a store holds, without what differs between runs (timestamps)."""

    records: dict[str, dict[str, Any]]
    events: list[dict[str, Any]]


def snapshot(url: str, ids: list[str]) -> Snapshot:
    store = Store(url)
    try:
        records = {}
        for rid in ids:
            found = store.report(rid)
            assert found is not None, f"{rid} not stored"
            records[rid] = found.model_dump(mode="json")
        events = [
            {k: v for k, v in event.items() if k not in ("first_seen", "last_updated")}
            for event in store.all_events(EventFilter())
        ]
    finally:
        store.close()
    return Snapshot(records, sorted(events, key=lambda e: str(e["id"])))
