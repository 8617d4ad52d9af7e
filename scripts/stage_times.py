"""Time spent in spaCy's parse and in each stage, over a folder of .txt articles.

    python scripts/stage_times.py --data ../shared/data/bbc --limit 300

Each stage's share is given against the parse time: the budget of a stage is a share of the
parse (statements at most 15 %, places at most 10 %).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from wirescope.ingest import Document, read_inputs
from wirescope.nlp import english
from wirescope.pipeline import parse_batch
from wirescope.record import Report
from wirescope.stages import STAGES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/bbc"))
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    paths = sorted(str(p) for p in args.data.rglob("*.txt"))[: args.limit]
    documents = [item for item in read_inputs(paths) if isinstance(item, Document)]
    english()
    parse_batch(documents[:5])  # warm the caches: lexicons, matchers, gazetteer
    started = time.perf_counter()
    parsed = parse_batch(documents)
    parse_seconds = time.perf_counter() - started
    spent: dict[str, float] = defaultdict(float)
    for item in parsed:
        record = Report(id=item.source.id, text=item.source.text)
        for name, stage in STAGES:
            began = time.perf_counter()
            stage(item, record)
            spent[name] += time.perf_counter() - began
    print(f"{len(documents)} documents; parse {parse_seconds:.2f} s")
    for name, _ in STAGES:
        share = 100 * spent[name] / parse_seconds
        print(f"  {name:<11} {spent[name]:6.2f} s  {share:5.1f} % of parse")


if __name__ == "__main__":
    main()
