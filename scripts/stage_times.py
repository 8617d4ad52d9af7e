"""Time spent in language identification, spaCy's parse and each stage, over .txt articles.

    python scripts/stage_times.py --data ../shared/data/bbc --limit 300
    python scripts/stage_times.py --limit 100 --profile events     # where inside a stage

Each step's share is given against the parse time: the budget of a stage is a share of the
parse (statements at most 15 %, places at most 10 %); the whole pipeline's budget is 1.6 x
the parse (issue 9). The slowest documents of each stage come next (outliers are where a
quadratic loop hides), and --profile names the functions a stage spends its time in.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from collections import defaultdict
from pathlib import Path

from wirescope.ingest import Document, DocumentError, read_inputs
from wirescope.parsed import Parsed
from wirescope.pipeline import Pipeline, Timings, default_pipeline
from wirescope.record import Report
from wirescope.stages import STAGES

STAGE_NAMES = [stage.name for stage in STAGES]


def per_document(
    pipeline: Pipeline, parsed: list[Parsed]
) -> tuple[Timings, dict[str, list[tuple[float, str]]], int]:
    """Seconds per stage in all, each stage's (seconds, document) list, and failures."""
    spent: Timings = defaultdict(float)
    by_document: dict[str, list[tuple[float, str]]] = defaultdict(list)
    failed = 0
    for item in parsed:
        timings: Timings = {}
        try:
            pipeline.build_record(item, timings)
        except DocumentError as error:
            failed += 1
            print(f"  failed {error.origin}: {error.reason}")
        for step, seconds in timings.items():
            spent[step] += seconds
            by_document[step].append((seconds, item.source.origin))
    return spent, by_document, failed


def print_profile(pipeline: Pipeline, parsed: list[Parsed], stage_name: str, lines: int) -> None:
    """cProfile of one stage over every document: its functions by cumulative time."""
    position = STAGE_NAMES.index(stage_name)
    stage = pipeline.stages[position]
    records = [Report(id=p.source.id, text=p.source.text) for p in parsed]
    for run in pipeline.stages[:position]:
        for item, record in zip(parsed, records, strict=True):
            run(item, record)
    profile = cProfile.Profile()
    profile.enable()
    for item, record in zip(parsed, records, strict=True):
        stage(item, record)
    profile.disable()
    print(f"\nprofile of the {stage_name} stage (cumulative seconds):")
    pstats.Stats(profile).sort_stats("cumulative").print_stats("wirescope", lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/bbc"))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--slowest", type=int, default=3, help="slowest documents per stage")
    parser.add_argument("--profile", choices=STAGE_NAMES, help="profile a stage")
    args = parser.parse_args()
    paths = sorted(str(p) for p in args.data.rglob("*.txt"))[: args.limit]
    documents = [item for item in read_inputs(paths) if isinstance(item, Document)]
    pipeline = default_pipeline()  # the model, the stages' lexicons and matchers
    steps: Timings = {}
    parsed = pipeline.parse_batch(documents, steps)
    spent, by_document, failed = per_document(pipeline, parsed)
    parse_seconds = steps["parse"]
    total = sum(steps.values()) + sum(spent.values())
    print(f"{len(documents)} documents ({failed} failed); parse {parse_seconds:.2f} s")
    for step, seconds in [*steps.items(), *spent.items()]:
        share = 100 * seconds / parse_seconds
        print(f"  {step:<11} {seconds:6.2f} s  {share:5.1f} % of parse")
    print(f"  {'all':<11} {total:6.2f} s  {total / parse_seconds:5.2f} x parse")
    print(
        f"\nslowest documents per stage (mean parse {parse_seconds / len(parsed):.3f} s a document)"
    )
    for step, timed in by_document.items():
        worst = sorted(timed, reverse=True)[: args.slowest]
        print(f"  {step:<11} " + "; ".join(f"{s:.3f} s {origin}" for s, origin in worst))
    if args.profile:
        print_profile(pipeline, parsed, args.profile, 25)


if __name__ == "__main__":
    main()
