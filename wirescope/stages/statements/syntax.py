"""Reading the parse: subjects, noun phrases, character bounds, quotations, paragraphs."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from wirescope.lexicon import words
from wirescope.nlp import doc_text
from wirescope.quotes import QuoteIndex
from wirescope.stages.entities.words import titles_by_class

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# A reporting verb without a subject borrows the subject of the verb it depends on.
CLIMB_DEPS = ("xcomp", "advcl", "conj", "acomp")
_TRIM = " \t\n,;:—–-"
OPENING_MARKS = '"“'
CLOSING_MARKS = '"”'


def subject_of(verb: Token) -> Span | None:
    """The subject of a verb, or of the verb it hangs from ("was quick to respond", "…,
    saying")."""
    for _ in range(5):
        subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
        if subjects:
            # The one nearest the verb: a dateline ("KYIV (Reuters) - …") can parse as one too.
            return noun_phrase(min(subjects, key=lambda s: abs(s.i - verb.i)))
        if verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
            verb = verb.head
        elif verb.dep_ in ("pcomp", "acl") and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "by saying", "issued a paper welcoming": the verb above
        else:
            break
    return None


def noun_phrase(head: Token) -> Span:
    """A subject's words: the head with what precedes it and close modifiers after it,
    stopping at a comma ("Ned Price, a State Department spokesman," -> "Ned Price")."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("punct", "appos", "relcl", "acl") or child.text == ",":
            break
        end = child.right_edge.i + 1
    return doc[start:end]


def trim_chars(text: str, bounds: tuple[int, int]) -> tuple[int, int]:
    """Character bounds without edge punctuation and spaces (kept whole if nothing is left)."""
    start, end = bounds
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # A closing full stop goes, an abbreviation's stays ("… in the U.S.").
    if end - start > 1 and text[end - 1] in ".!" and not text[end - 2].isupper():
        end -= 1
    return (start, end) if end > start else bounds


def with_marks(text: str, bounds: tuple[int, int]) -> tuple[int, int]:
    """A quotation as printed, its marks included: a quote split by its cue then reads
    “…,” “…” as news gives it, and each part shows where the speaker's words begin and end."""
    start, end = bounds
    if start > 0 and text[start - 1] in OPENING_MARKS:
        start -= 1
    if end < len(text) and text[end] in CLOSING_MARKS:
        end += 1
    return start, end


def clean_chars(span: Span, within: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """A span's characters without edge punctuation and spaces, inside `within` (a paragraph)
    when given; a closing mark at its start or an opening one at its end is left out."""
    text = doc_text(span.doc)
    start, end = span.start_char, span.end_char
    if within is not None:
        start, end = max(start, within[0]), min(end, within[1])
    start, end = trim_chars(text, (start, end))
    while start < end and text[start] in CLOSING_MARKS.replace('"', "") + "\n":
        start += 1
    while end > start and text[end - 1] in OPENING_MARKS.replace('"', ""):
        end -= 1
    start, end = trim_chars(text, (start, end))
    return (start, end) if end > start and text[start] not in _TRIM else None


def quote_share(doc: Doc, span: Span, quotes: QuoteIndex) -> tuple[bool, bool]:
    """Whether the span holds quoted words, and unquoted ones (punctuation aside)."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    quoted = [quotes.inside(t.idx) for t in words]
    return any(quoted), not all(quoted)


def paragraph_bounds(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that start at a character in [start, end), found by bisection over the
    doc's token offsets (which rise with the index): the cost follows the span, not the doc."""
    first = bisect_left(doc, start, key=lambda t: t.idx)
    last = bisect_left(doc, end, lo=first, key=lambda t: t.idx)
    return list(doc[first:last]) if last > first else []


def is_person_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in titles_by_class()


# Lexicons of common nouns that name people, bodies or documents able to speak.
SPEAKING_NOUNS = (
    "actor_nouns.tsv",
    "nominal_speakers.tsv",
    "document_words.tsv",
    "witness_words.tsv",
    "reporter_words.tsv",
)


def can_speak(span: Span) -> bool:
    """Whether a subject "which" or "that" stands for something that can speak: a name, a
    person, a body or a document ("the ministry, which said", "the report, which found"); not
    a thing ("the building, which threatens to collapse"). Other subjects are taken as they
    come: "voters", "the moderator" speak, and no list holds every noun of people."""
    head = span.root
    if head.tag_ != "WDT" or head.head.dep_ != "relcl":
        return True
    head = head.head.head
    if head.pos_ != "NOUN" or head.ent_type_ or is_person_noun(head):
        return True
    lemma = head.lemma_.lower()
    return any(lemma in words(name) or head.lower_ in words(name) for name in SPEAKING_NOUNS)
