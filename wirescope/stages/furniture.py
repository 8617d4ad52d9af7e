"""Page furniture in a report's text: captions, credits, player notices, read-more links,
share buttons, newsletter sign-ups, copyright lines, a repeated headline, and lines a
publisher repeats in every report.

Crawled and API text keeps what the page wrapped around the report, often run into the prose
without a line break ("Image copyright EPA Image caption The blast destroyed nearby buildings
A suicide bomber ..."). The text stays as given, so that spans line up with the input; the
furniture's spans go to `meta.furniture`, the parse never sees it (Pipeline.parse_batch
blanks it) and no other field may point into it (`outside.keep_out_of_furniture`).

Known forms are data (lexicons/furniture.tsv, caption_words.tsv); lines a publisher repeats
are learned as a batch runs (`RepeatedLines`, kept by a Pipeline call).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from urllib.parse import urlsplit

from wirescope.ingest.document import Document
from wirescope.ingest.html import is_headline
from wirescope.lexicon import table
from wirescope.record import Span
from wirescope.settings import Settings

_WORD = re.compile(r"\S+")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_LETTER = re.compile(r"[^\W\d_]")
# Quotes, brackets and commas around a word, ignored when telling what it is.
_EDGES = "\"'“”‘’()[],;:"


@dataclass(frozen=True)
class Form:
    """One known form of furniture (a row of furniture.tsv)."""

    family: str
    extent: str
    # Literal text one of which a text must hold for the pattern to be tried: a plain
    # search costs far less than a regular expression's scan of the whole text.
    keys: tuple[str, ...]
    pattern: re.Pattern[str]

    def may_match(self, text: str) -> bool:
        return any(key in text for key in self.keys)


@cache
def forms() -> tuple[Form, ...]:
    return tuple(
        Form(family, extent, tuple(keys.split("|")), re.compile(pattern, re.MULTILINE))
        for family, extent, keys, pattern in table("furniture.tsv")
    )


@cache
def _caption_words(kind: str) -> frozenset[str]:
    return frozenset(word for row_kind, word in table("caption_words.tsv") if row_kind == kind)


# --- extents: how far a match reaches ------------------------------------------------------


def _line_bounds(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _words_after(text: str, at: int) -> list[re.Match[str]]:
    """The words from `at` to the end of its line."""
    _, line_end = _line_bounds(text, at)
    return list(_WORD.finditer(text, at, line_end))


def _bare(word: str) -> str:
    return word.strip(_EDGES)


def _opens_sentence(previous: str, word: str) -> bool:
    """True when `word` starts a new sentence run on after `previous` without a full stop."""
    bare, before = _bare(word), _bare(previous)
    if not bare or not bare[0].isupper():
        return False
    if bare in _caption_words("opener"):
        return True
    # A name after a lowercase word that does not lead into names ("the attack Germany leads");
    # acronyms ("a new FBI inquiry") are often inside a caption, so they do not count.
    titled = len(bare) > 1 and not bare.isupper()
    lowered = bool(before) and before[0].islower()
    return titled and lowered and before not in _caption_words("joiner")


def _ends_sentence(word: str) -> bool:
    return bool(_SENTENCE_END.search(word)) and _bare(word) not in _caption_words("abbreviation")


def caption_end(text: str, at: int, settings: Settings) -> int:
    """Where a caption (or a video's title) that starts at `at` ends."""
    words = _words_after(text, at)[: settings.furniture.caption_max_words]
    if not words:
        return at
    for previous, word in pairwise(words):
        if _ends_sentence(previous.group()) or _opens_sentence(previous.group(), word.group()):
            return previous.end()
    return words[-1].end()


def credit_end(text: str, at: int) -> int:
    """Where a picture's credit name after "Image copyright" ends: up to four capitalised
    words or handles, before a new marker or a word that opens a sentence."""
    end = at
    for number, match in enumerate(_words_after(text, at)[:4]):
        word = _bare(match.group())
        stops = word == "Image" or (number and word in _caption_words("opener"))
        if not word or stops or not (word[0].isupper() or word[0] in "@#"):
            break
        end = match.end()
    return end


def headline_start(text: str, at: int, settings: Settings) -> int:
    """Where a related-story headline that ends at `at` starts: after the last full stop
    (or the line's start) within caption_max_words; `at` itself when it runs longer."""
    line_start, _ = _line_bounds(text, at)
    words = list(_WORD.finditer(text, line_start, at))
    start = line_start
    for word in words:
        if _ends_sentence(word.group()):
            start = word.end()
    words_before = len(_WORD.findall(text, start, at))
    if words_before > settings.furniture.caption_max_words:
        return at
    return start + len(text[start:at]) - len(text[start:at].lstrip())


def _whole_line(text: str, match: re.Match[str], settings: Settings) -> Span | None:
    start, end = _line_bounds(text, match.start())
    line = text[start:end]
    if text[start : match.start()].strip() or len(line.split()) > settings.furniture.line_max_words:
        return None
    return start + len(line) - len(line.lstrip()), start + len(line.rstrip())


def _extent(form: Form, text: str, match: re.Match[str], settings: Settings) -> Span | None:
    if form.extent == "line":
        return _whole_line(text, match, settings)
    if form.extent == "caption":
        return match.start(), max(match.end(), caption_end(text, match.end(), settings))
    if form.extent == "credit":
        return match.start(), credit_end(text, match.end())
    if form.extent == "before":
        return headline_start(text, match.start(), settings), match.end()
    return match.start(), match.end()


# --- spans ------------------------------------------------------------------------------


def merged(spans: Iterable[Span], text: str) -> list[Span]:
    """Spans sorted, overlapping ones and those apart by spaces only joined."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and (start <= out[-1][1] or not text[out[-1][1] : start].strip()):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def known_forms(text: str, settings: Settings) -> list[Span]:
    """Spans of every known form in the text (furniture.tsv)."""
    found: list[Span] = []
    for form in forms():
        if not form.may_match(text):
            continue
        for match in form.pattern.finditer(text):
            span = _extent(form, text, match, settings)
            if span and span[1] > span[0]:
                found.append(span)
    return found


def _stripped(text: str, start: int, end: int) -> Span:
    line = text[start:end]
    return start + len(line) - len(line.lstrip()), start + len(line.rstrip())


def _repeats_title(line: str, title: str, settings: Settings) -> bool:
    # A line as long as the title, give or take a site's name: a paragraph that merely
    # opens with the headline's words is the report.
    most = min(
        len(title.split()) + settings.furniture.title_extra_words, settings.furniture.line_max_words
    )
    return 0 < len(line.split()) <= most and is_headline(line, title, settings=settings)


def title_lines(text: str, title: str | None, settings: Settings) -> list[Span]:
    """Lines of the body that repeat the title (a page's headline kept in its text)."""
    if not title:
        return []
    return [
        _stripped(text, line.start(), line.end())
        for line in _LINE.finditer(text)
        if _repeats_title(line.group().strip(), title, settings)
    ]


def only_furniture(text: str, spans: list[Span]) -> bool:
    """True when the text holds furniture and nothing else that has letters."""
    return bool(spans) and not _LETTER.search(blanked(text, spans))


def blanked(text: str, spans: list[Span]) -> str:
    """The text with its furniture turned to spaces, line breaks kept: same length, same
    offsets. The parse reads no furniture word, and a quote with a caption inside it stays
    one quote (a line break there would end it)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for at in range(start, end):
            if chars[at] != "\n":
                chars[at] = " "
    return "".join(chars)


# --- lines repeated across one publisher's documents ----------------------------------------

Fingerprint = frozenset[str]


def _normal(line: str) -> str:
    return " ".join(line.split())


def publisher_key(document: Document) -> str:
    """Whose furniture a document carries: its publisher, its URL's host, else the batch's."""
    if document.publisher:
        return document.publisher.strip().lower()
    host = urlsplit(document.url or "").hostname or ""
    return host.removeprefix("www.")


def _candidate_lines(text: str, settings: Settings) -> dict[str, list[Span]]:
    """Short lines with letters, by their normal form: the lines furniture can be."""
    found: dict[str, list[Span]] = {}
    most = settings.furniture.line_max_words
    for line in _LINE.finditer(text):
        words = line.group().split()
        if words and len(words) <= most and _LETTER.search(line.group()):
            found.setdefault(" ".join(words), []).append(_stripped(text, line.start(), line.end()))
    return found


class RepeatedLines:
    """Lines seen in several documents of one publisher are furniture ("Sign up to our daily
    briefing", a desk's sign-off), learned as a batch runs.

    Copies of one story (updated versions, syndicated copies) share all their lines, so
    documents that share most of their lines count as one. Memory is bounded: the last
    [furniture] repeat_memory documents are kept."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._documents: deque[tuple[str, Fingerprint]] = deque(
            maxlen=settings.furniture.repeat_memory
        )

    def learn(self, documents: list[Document]) -> None:
        """Remember a batch's documents (before asking about them: a batch teaches itself)."""
        for document in documents:
            lines = frozenset(_candidate_lines(document.text, self.settings))
            self._documents.append((publisher_key(document), lines))

    def spans(self, document: Document) -> list[Span]:
        """Spans of the document's lines that other documents of its publisher repeat."""
        own = _candidate_lines(document.text, self.settings)
        if not own:
            return []
        fingerprint = frozenset(own)
        key = publisher_key(document)
        others = [lines for owner, lines in self._documents if owner == key]
        return [
            span
            for line, line_spans in own.items()
            if self._repeated(line, fingerprint, others, self.settings)
            for span in line_spans
        ]

    @staticmethod
    def _repeated(
        line: str, fingerprint: Fingerprint, others: list[Fingerprint], settings: Settings
    ) -> bool:
        distinct: list[Fingerprint] = [fingerprint]
        for lines in others:
            if line in lines and not any(_copies(lines, seen, settings) for seen in distinct):
                distinct.append(lines)
        return len(distinct) >= settings.furniture.repeat_documents


def _copies(first: Fingerprint, second: Fingerprint, settings: Settings) -> bool:
    """Two documents share so many lines that they are versions of one story."""
    shared = len(first & second)
    return shared > settings.furniture.copy_share * min(len(first), len(second))


def furniture_of(
    documents: list[Document], repeated: RepeatedLines | None, settings: Settings
) -> list[list[Span]]:
    """Each document's furniture spans; `repeated` adds what the batch so far teaches."""
    if repeated is not None:
        repeated.learn(documents)
    found: list[list[Span]] = []
    for document in documents:
        spans = known_forms(document.text, settings) + title_lines(
            document.text, document.title, settings
        )
        if repeated is not None:
            spans += repeated.spans(document)
        found.append(merged(spans, document.text))
    return found
