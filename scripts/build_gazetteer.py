"""Build the place index ahead of first use (install time), and say where and how large.

python scripts/build_gazetteer.py
"""

from __future__ import annotations

import time

from wirescope.gazetteer.build import ensure_index


def main() -> None:
    started = time.perf_counter()
    path = ensure_index()
    seconds = time.perf_counter() - started
    print(f"{path} ({path.stat().st_size / 1e6:.0f} MB) ready in {seconds:.1f} s")


if __name__ == "__main__":
    main()
