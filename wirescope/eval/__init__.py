"""Evaluation against gold sets: one module per set, scoring as ../shared/tools/score.py does."""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def aligner(source: str, output: str) -> Callable[[int], int]:
    """Offsets in a record's text mapped back to the input text, should the two differ."""
    if source == output:
        return lambda i: i
    table: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, output, source, autojunk=False)
    for a, b, n in matcher.get_matching_blocks():
        for k in range(n + 1):
            table[a + k] = b + k
    keys = sorted(table)

    def mapped(i: int) -> int:
        if i in table:
            return table[i]
        return table[keys[min(bisect.bisect_left(keys, i), len(keys) - 1)]]

    return mapped
