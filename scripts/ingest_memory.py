"""The memory of `wirescope ingest` as it runs: resident set size after each batch stored.

    python scripts/ingest_memory.py                        # the BBC set, sqlite in a temp folder
    python scripts/ingest_memory.py ../shared/data/bbc/business --db sqlite:///w.db --at 100 500
    python scripts/ingest_memory.py --extract-only         # extraction alone: the control

The documents are read, extracted (one process: --workers 1, the model in this process, so its
RSS is the ingest's whole memory) and stored as `wirescope ingest` does (`ingest_items`, one
Store for the whole run, batches of `store.batch_size`, or --batch-size: 8 makes the 1,000th
document end a batch). Without a path, the BBC folder is read as `wirescope ingest
../shared/data/bbc` reads it (ids "business/001"), less its README.

After every stored batch the process's RSS is sampled (/proc/self/statm), as the ingest leaves
it (the ingest hands freed heap pages back itself: `engine.trim_heap`); with --trim, a second
time after one more malloc_trim(0) (`rss_trimmed_mb`: what the process still holds). Each
--at point is given as the sample there and as the median of the samples over the --window
documents before it (one batch of long reports moves a single sample).
Floor (issue 17): flat, within 10 %, between the 1,000th and the 2,225th BBC article.

Prints one JSON line per --every documents (with what the store holds: features, copy-finder
signatures, terms, Python objects), then one summary line.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wirescope import engine
from wirescope.ingest import DocumentError, read_inputs
from wirescope.pipeline import Item
from wirescope.record import Report
from wirescope.store import Store
from wirescope.store.commands import ingest_items
from wirescope.store.core import IngestResult

BBC = Path("../shared/data/bbc")
PAGE = os.sysconf("SC_PAGE_SIZE")
LIBC = ctypes.CDLL("libc.so.6")


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Sampler:
    """RSS after each step, as it is and after malloc_trim; a line every `every` documents."""

    def __init__(self, every: int, trim: bool) -> None:
        self.every, self.trim = every, trim
        self.done = 0
        self.samples: list[dict[str, Any]] = []
        self.started = time.perf_counter()

    def sample(self, count: int, extra: dict[str, Any] | None = None) -> None:
        before, self.done = self.done, self.done + count
        raw = rss_mb()
        if self.trim:
            LIBC.malloc_trim(0)
        sample = {
            "documents": self.done,
            "rss_mb": round(raw, 1),
            "rss_trimmed_mb": round(rss_mb(), 1) if self.trim else None,
            "peak_mb": round(peak_mb(), 1),
            "seconds": round(time.perf_counter() - self.started, 1),
        }
        self.samples.append(sample)
        if before // self.every != self.done // self.every:
            print(json.dumps(sample | (extra or {}) | {"python_objects": len(gc.get_objects())}))

    def at(self, count: int, window: int) -> dict[str, Any] | None:
        """The first sample once `count` documents were through, and the medians of the
        samples over the `window` documents before it."""
        found = next((s for s in self.samples if s["documents"] >= count), None)
        if found is None:
            return None
        near = [s for s in self.samples if found["documents"] - window < s["documents"] <= count]
        near = near or [found]
        medians = {f"median_{window}_rss_mb": statistics.median(s["rss_mb"] for s in near)}
        if self.trim:
            medians[f"median_{window}_rss_trimmed_mb"] = statistics.median(
                s["rss_trimmed_mb"] for s in near
            )
        return found | {key: round(value, 1) for key, value in medians.items()}


class MeasuredStore(Store):
    """A Store that samples the process's RSS after each batch it stores."""

    def __init__(self, url: str, sampler: Sampler) -> None:
        super().__init__(url)
        self.sampler = sampler

    def failed_one(self, error: DocumentError) -> None:
        self.sampler.done += 1

    def ingest(self, records: Iterable[Report]) -> IngestResult:
        records = list(records)
        result = super().ingest(records)
        # Sampled as the ingest leaves the batch: `ingest_items` hands the freed heap back
        # right after this returns; trimmed here first so that the sample sees that state.
        engine.trim_heap()
        held = {
            "features": len(self._features),
            "copy_finder": len(self._finder) if self._finder is not None else 0,
            "terms": len(self._df or ()),
        }
        self.sampler.sample(len(records), held)
        return result


def change(first: dict[str, Any] | None, last: dict[str, Any] | None, key: str) -> float | None:
    if not first or not last or first.get(key) is None or last.get(key) is None:
        return None
    return round(float(last[key] - first[key]) / float(first[key]), 4)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", help="inputs, as for `wirescope ingest`")
    parser.add_argument("--db", help="store URL (default: SQLite in a temporary folder)")
    parser.add_argument("--at", type=int, nargs="+", default=[1000, 2225])
    parser.add_argument("--every", type=int, default=100, help="print a sample this often")
    parser.add_argument("--window", type=int, default=200, help="documents of each median")
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--trim", action="store_true", help="also sample after malloc_trim")
    parser.add_argument(
        "--extract-only", action="store_true", help="extraction alone, no store (the control)"
    )
    args = parser.parse_args()
    items: Iterable[Item] = read_inputs(args.paths or [str(BBC)])
    if not args.paths:
        items = (item for item in items if not item.origin.endswith("README.TXT"))
    sampler = Sampler(args.every, args.trim)
    summary: dict[str, Any] = {}
    if args.extract_only:
        for _ in engine.run(items, workers=1):
            sampler.sample(1)
    else:
        with tempfile.TemporaryDirectory() as folder:
            store = MeasuredStore(args.db or f"sqlite:///{folder}/memory.db", sampler)
            try:
                run = ingest_items(store, items, store.failed_one, args.batch_size, workers=1)
            finally:
                store.close()
        summary = {
            "ingested": len(run.result.added),
            "copies": len(run.result.copies),
            "failed": run.failed,
            "extraction_seconds": round(run.extraction_seconds, 1),
            "consolidation_seconds": round(run.result.consolidation_seconds, 1),
        }
    points = {str(n): sampler.at(n, args.window) for n in args.at}
    first, last = points[str(args.at[0])], points[str(args.at[-1])]
    keys = ["rss_mb", f"median_{args.window}_rss_mb"]
    if args.trim:
        keys += ["rss_trimmed_mb", f"median_{args.window}_rss_trimmed_mb"]
    changes = {key: change(first, last, key) for key in keys}
    print(
        json.dumps(
            {
                "documents": sampler.done,
                "extract_only": args.extract_only,
                **summary,
                "at": points,
                "change": changes,
                "within_10_percent": {
                    key: value is not None and abs(value) <= 0.10 for key, value in changes.items()
                },
                "peak_mb": round(peak_mb(), 1),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
