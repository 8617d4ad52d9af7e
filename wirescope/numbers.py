"""Counts written in digits or words ("7", "seven", "1,200")."""

from __future__ import annotations

from functools import cache

from wirescope.lexicon import table


@cache
def _words() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in table("number_words.tsv")}


def number_value(word: str) -> int | None:
    """The value of one number word or numeral; None for anything else."""
    text = word.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return _words().get(text)
