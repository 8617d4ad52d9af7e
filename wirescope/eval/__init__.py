"""Evaluation against gold sets: one module per set, scoring as ../shared/tools/score.py does."""
