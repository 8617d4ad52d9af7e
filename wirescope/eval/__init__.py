"""Evaluation against gold sets: one module per set, scoring as ../shared/tools/score.py does."""


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
