"""Finding lexicon phrases written as lemmas ("suspicion fall on") in a parsed text.

The lexicons of this stage list phrases by their lemmas so that one line covers every
inflection ("suspicions will fall on", "suspicion fell on"). A dictionary keyed by the first
lemma keeps the scan linear in the tokens.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from wirescope.lexicon import table
from wirescope.nlp import doc_lemmas, doc_lowers


@dataclass(frozen=True)
class Hit:
    """A lexicon row found in the text: its tokens [start, end) and the row's other cells."""

    start: int
    end: int
    cells: tuple[str, ...]


def lemma(token: Token) -> str:
    return token.lemma_.lower()


class LemmaPhrases:
    """A lexicon whose first column is a phrase of lemmas."""

    def __init__(self, rows: Sequence[tuple[str, ...]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)
        for row in rows:
            words = tuple(row[0].lower().split())
            self._by_first[words[0]].append((words, row[1:]))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))  # longest phrase first

    def find(self, span: Span) -> Iterator[Hit]:
        """Every phrase in the span, longest first where two start at one token."""
        lemmas, lowers = doc_lemmas(span.doc), doc_lowers(span.doc)
        for start in range(span.start, span.end):
            for words, cells in self._by_first.get(lemmas[start], ()):
                end = start + len(words)
                if end <= span.end and all(
                    lemmas[at] == word or lowers[at] == word
                    for at, word in enumerate(words, start=start)
                ):
                    yield Hit(start, end, cells)
                    break


@cache
def phrases(name: str) -> LemmaPhrases:
    return LemmaPhrases(table(name))
