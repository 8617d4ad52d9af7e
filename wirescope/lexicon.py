"""Loading the lexicon files of wirescope/lexicons/: data with comments, read once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).with_name("lexicons")


def _lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a lexicon file."""
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    return [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon, each cell stripped."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name))


@cache
def records(name: str) -> tuple[dict[str, Any], ...]:
    """Objects of a JSON Lines lexicon."""
    rows = []
    for number, line in enumerate(_lines(name), start=1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise ValueError(f"{name}: entry {number}: {error.msg}") from None
    return tuple(rows)


@cache
def mapping(name: str) -> dict[str, tuple[str, ...]]:
    """A tab-separated lexicon as {first cell (lowercased): the other cells}."""
    return {row[0].lower(): row[1:] for row in table(name)}


@cache
def words(name: str) -> frozenset[str]:
    """The first column of a lexicon, lowercased: a set of words or phrases."""
    return frozenset(row[0].lower() for row in table(name))
