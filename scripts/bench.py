"""Throughput of the extraction engines against spaCy's own pipeline, on a folder of .txt articles.

    python scripts/bench.py --data ../shared/data/bbc            # what `make bench` runs
    python scripts/bench.py --data ../shared/data/bbc --limit 200 --workers 2

In one run, over the same texts:
1. spaCy alone against ours on one worker (this process), interleaved chunk by chunk so that
   a machine shared with other jobs slows both alike; the order within a chunk alternates.
   Both exclude the model's load. The ratio ours / spaCy-alone is the engine's whole cost:
   language identification, every stage, building and serialising the records.
2. Ours on N local worker processes, and on a Dask LocalCluster of N workers: wall time
   from the call to the last record serialised, worker start-up and model load included.
Then time per step (from the workers' own clocks), peak RSS per worker, and the floors:
ours <= 1.2 x spaCy and RSS <= 600 MB a worker (issue 18; issue 9 asked 1.6 x and 1 GB),
N=2 >= 1.6 x one worker, Dask within 20 % of local processes.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from wirescope import engine
from wirescope.engine.tasks import peak_rss
from wirescope.ingest import Document, DocumentError, read_inputs
from wirescope.nlp import english
from wirescope.pipeline import default_pipeline
from wirescope.settings import default_settings

MB = 2**20
# Floors of issue 18 (issue 9's were 1.6 x and 1 GB).
MAX_RATIO = 1.2
MAX_RSS = 600 * MB
MIN_SPEEDUP_2 = 1.6
DASK_TOLERANCE = 0.20


@dataclass
class Run:
    """One timed pass over the corpus."""

    name: str
    workers: int
    seconds: float
    records: int
    failed: int
    peak_rss: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    # CPU seconds spent on the documents (by the workers; spaCy's by this process).
    cpu_seconds: float = 0.0

    def rate(self, articles: int) -> float:
        return articles / self.seconds


def load(data: Path, limit: int) -> list[Document]:
    paths = sorted(str(p) for p in data.rglob("*.txt"))
    if limit:
        paths = paths[:limit]
    documents = [item for item in read_inputs(paths) if isinstance(item, Document)]
    if not documents:
        raise SystemExit(f"{data}: no readable .txt articles")
    return documents


def chunks(documents: list[Document], size: int) -> list[list[Document]]:
    return [documents[i : i + size] for i in range(0, len(documents), size)]


def consume(results: Iterable[Any]) -> tuple[int, int]:
    """Serialise every record as the CLI does; (records, failures)."""
    records = failed = 0
    for result in results:
        if isinstance(result, DocumentError):
            failed += 1
            continue
        result.to_json()
        records += 1
    return records, failed


def spacy_against_ours(documents: list[Document]) -> tuple[Run, Run]:
    """spaCy's nlp.pipe alone and our one-worker engine, chunk by chunk, order alternating."""
    nlp = english()
    default_pipeline()  # the model, the stages and their resources, built before timing
    settings = default_settings()
    size = settings.engine.parse_documents  # the batch size the engine parses with
    chunk_size = settings.engine.task_documents
    spacy_seconds = ours_seconds = spacy_cpu = 0.0
    records = failed = 0
    stats = engine.EngineStats()
    for number, chunk in enumerate(chunks(documents, chunk_size)):
        texts = [doc.text for doc in chunk]

        def spacy_pass(texts: list[str] = texts) -> float:
            nonlocal spacy_cpu
            began, cpu = time.perf_counter(), time.process_time()
            for _ in nlp.pipe(texts, batch_size=size):
                pass
            spacy_cpu += time.process_time() - cpu
            return time.perf_counter() - began

        def our_pass(chunk: list[Document] = chunk) -> float:
            nonlocal records, failed
            began = time.perf_counter()
            done, bad = consume(engine.run(chunk, workers=1, stats=stats))
            records, failed = records + done, failed + bad
            return time.perf_counter() - began

        if number % 2:
            ours_seconds += our_pass()
            spacy_seconds += spacy_pass()
        else:
            spacy_seconds += spacy_pass()
            ours_seconds += our_pass()
    own = {"bench process": peak_rss()}
    spacy = Run("spaCy nlp.pipe alone", 1, spacy_seconds, len(documents), 0, own, {}, spacy_cpu)
    ours = Run("ours, 1 worker (this process)", 1, ours_seconds, records, failed, own)
    ours.timings, ours.cpu_seconds = stats.timings, stats.cpu_seconds
    return spacy, ours


def timed_engine(documents: list[Document], name: str, **options: Any) -> Run:
    stats = engine.EngineStats()
    began = time.perf_counter()
    records, failed = consume(engine.run(documents, stats=stats, **options))
    seconds = time.perf_counter() - began
    workers = int(options.get("workers", 1))
    return Run(
        name, workers, seconds, records, failed, stats.peak_rss, stats.timings, stats.cpu_seconds
    )


def print_run(run: Run, articles: int, words: int, base: Run | None = None) -> None:
    versus = f"  ({run.rate(articles) / base.rate(articles):.2f} x {base.name})" if base else ""
    rss = max(run.peak_rss.values(), default=0) / MB
    print(
        f"{run.name:<34} {run.seconds:7.1f} s {run.rate(articles):7.1f} articles/s "
        f"{words / run.seconds:8.0f} words/s {articles / run.cpu_seconds:6.1f} articles/CPU-s "
        f" peak RSS/worker {rss:5.0f} MB  "
        f"records {run.records} failed {run.failed}{versus}"
    )


def print_steps(run: Run) -> None:
    """Where the one-worker time goes: each step's seconds and share of the wall time."""
    print(f"\ntime per step ({run.name}; wall {run.seconds:.1f} s)")
    counted = sum(run.timings.values())
    parse = run.timings.get("parse", 0.0) or 1.0
    for step, seconds in run.timings.items():
        print(
            f"  {step:<12} {seconds:7.2f} s {100 * seconds / run.seconds:5.1f} % of wall "
            f"{100 * seconds / parse:6.1f} % of parse"
        )
    rest = run.seconds - counted
    print(
        f"  {'engine':<12} {rest:7.2f} s {100 * rest / run.seconds:5.1f} % of wall"
        "  (reading tasks, building and serialising records)"
    )


def verdicts(spacy: Run, ours: Run, runs: dict[str, Run]) -> list[tuple[str, bool]]:
    checks = [
        (
            f"ours / spaCy-alone {ours.seconds / spacy.seconds:.2f} <= {MAX_RATIO} "
            f"(in CPU time {ours.cpu_seconds / spacy.cpu_seconds:.2f})",
            ours.seconds / spacy.seconds <= MAX_RATIO,
        ),
    ]
    every = [ours, *runs.values()]
    rss = max(max(run.peak_rss.values(), default=0) for run in every)
    checks.append(
        (f"peak RSS per worker {rss / MB:.0f} MB <= {MAX_RSS / MB:.0f} MB", rss <= MAX_RSS)
    )
    if "local2" in runs:
        speedup = ours.seconds / runs["local2"].seconds
        checks.append(
            (f"2 workers / 1 worker {speedup:.2f} >= {MIN_SPEEDUP_2}", speedup >= MIN_SPEEDUP_2)
        )
    for key, run in runs.items():
        if key.startswith("dask"):
            local = runs.get(key.replace("dask", "local"))
            if local:
                slower = run.seconds / local.seconds - 1
                checks.append(
                    (
                        f"Dask {run.workers} workers vs local: {100 * slower:+.0f} % "
                        f"(within {100 * DASK_TOLERANCE:.0f} %)",
                        slower <= DASK_TOLERANCE,
                    )
                )
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/bbc"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="*",
        default=[2],
        help="worker counts of the multi-process runs (besides 1 in-process)",
    )
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster runs")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    documents = load(args.data, args.limit)
    articles, words = len(documents), sum(len(doc.text.split()) for doc in documents)
    print(
        f"{articles} articles, {words} words from {args.data}; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at start"
    )
    spacy, ours = spacy_against_ours(documents)
    runs: dict[str, Run] = {}
    for count in args.workers:
        runs[f"local{count}"] = timed_engine(
            documents, f"ours, {count} local processes", workers=count
        )
        if not args.no_dask:
            runs[f"dask{count}"] = timed_engine(
                documents, f"ours, Dask LocalCluster {count}", engine="dask", workers=count
            )
    print()
    print_run(spacy, articles, words)
    print_run(ours, articles, words, spacy)
    for run in runs.values():
        print_run(run, articles, words, ours)
    print_steps(ours)
    print(
        f"\nload average {os.getloadavg()[0]:.1f} at end (a machine shared with other jobs "
        "slows every figure; the interleaved ratio is the steadiest)"
    )
    checks = verdicts(spacy, ours, runs)
    for text, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {text}")
    if args.json:
        figures = {
            "articles": articles,
            "words": words,
            "runs": [asdict(run) for run in (spacy, ours, *runs.values())],
            "checks": [{"check": text, "passed": ok} for text, ok in checks],
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
