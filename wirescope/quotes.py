"""Where the quoted words of a text are: character ranges inside quotation marks.

Straight and curly double quotes, paragraph by paragraph: a paragraph that opens a quote
without closing it stays quoted to its end (news style for quotes that run over several
paragraphs, each reopening with a mark).
"""

from __future__ import annotations

import re
from bisect import bisect_right

OPENING = "\u201c"
CLOSING = "\u201d"
STRAIGHT = '"'
_PARAGRAPH = re.compile(r"[^\n]+")
_MARK = re.compile(f"[{OPENING}{CLOSING}{STRAIGHT}]")


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """[start, end) ranges of the characters between quotation marks, marks excluded."""
    ranges: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        opened: int | None = None
        for mark in _MARK.finditer(text, paragraph.start(), paragraph.end()):
            at, char = mark.start(), mark.group()
            if opened is None and char in (OPENING, STRAIGHT):
                opened = at + 1
            elif opened is not None and char in (CLOSING, STRAIGHT):
                ranges.append((opened, at))
                opened = None
        if opened is not None:
            ranges.append((opened, paragraph.end()))
    return ranges


class QuoteIndex:
    """Answers "is this character quoted?" in logarithmic time."""

    def __init__(self, text: str) -> None:
        self.ranges = quote_ranges(text)
        self._starts = [start for start, _ in self.ranges]

    def inside(self, char: int) -> bool:
        at = bisect_right(self._starts, char) - 1
        return at >= 0 and self.ranges[at][0] <= char < self.ranges[at][1]
