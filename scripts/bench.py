"""Throughput of `wirescope extract` on a folder of .txt articles (default: ../shared/data/bbc).

One process: one `wirescope extract` over every article. N processes: the articles split in
N equal parts, one `wirescope extract` each, run at once; wall time from start to the last
one's end. Each run includes the model's load, as a user's run would.

    python scripts/bench.py --data ../shared/data/bbc --processes 1 2
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_parallel(parts: list[list[Path]], out_dir: Path) -> float:
    """Seconds of wall time for one `wirescope extract` per part, run at once."""
    started = time.perf_counter()
    procs = []
    for number, part in enumerate(parts):
        listing = out_dir / f"part{number}.txt"
        listing.write_text("\n".join(str(p) for p in part), encoding="utf-8")
        out = (out_dir / f"part{number}.jsonl").open("w", encoding="utf-8")
        command = [sys.executable, "-m", "wirescope.cli", "extract", *map(str, part)]
        procs.append((subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE), out))
    for proc, out in procs:
        _, stderr = proc.communicate()
        out.close()
        if proc.returncode not in (0, 1):
            raise SystemExit(f"extract failed: {stderr.decode()[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/bbc"))
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()
    articles = sorted(args.data.rglob("*.txt"))
    if args.limit:
        articles = articles[: args.limit]
    if not articles:
        raise SystemExit(f"{args.data}: no .txt articles")
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.processes:
            parts = [articles[i::count] for i in range(count)]
            seconds = run_parallel(parts, Path(tmp))
            records = sum(
                1
                for f in Path(tmp).glob("part*.jsonl")
                if f.stat().st_size
                for _ in f.open(encoding="utf-8")
            )
            print(
                f"{count} process(es): {len(articles)} articles, {records} records, "
                f"{seconds:.1f} s, {len(articles) / seconds:.1f} articles/s"
            )
            for stale in Path(tmp).glob("part*"):
                stale.unlink()


if __name__ == "__main__":
    main()
