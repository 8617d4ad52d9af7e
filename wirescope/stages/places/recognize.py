"""Finding place names in a parsed text: the tagger's GPE, LOC and FAC spans, plus the names
of the gazetteer the tagger missed (it misses many Middle Eastern and African ones).

Demonyms ("Iraqi", "Saudi") are no places; neither is "Iran" in "pro-Iran"; a name the
entities stage made a person's stays a person's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from wirescope.actors import demonyms
from wirescope.countries import country_code
from wirescope.gazetteer.build import EXACT
from wirescope.gazetteer.keys import place_key
from wirescope.lexicon import words
from wirescope.nlp import doc_lowers, doc_text, doc_words, sentences, span_text
from wirescope.stages.places.usage import PLACE_SUFFIXES, facility_heads, is_site_name

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# "pro-Iran", "anti-American": the country names a stance, not a place; "non-EU" citizens
# are from anywhere else.
STANCE_PREFIXES = frozenset({"pro", "anti", "non"})
# Small words allowed inside a multi-word name: "Bosnia and Herzegovina", "Rio de Janeiro".
NAME_JOINERS = frozenset({"of", "and", "de", "del", "da", "do", "dos", "la", "el", "al", "the"})


@dataclass
class Mention:
    """A stretch of text that names a place, with the lookup keys it may go by."""

    start: int
    end: int
    text: str
    keys: tuple[str, ...]
    # "tagger", "gazetteer" or "dateline": how the mention was found.
    found_by: str
    label: str = ""
    # Kept only where the report's other places support it (see stages/places/usage.py).
    needs_support: bool = False
    # The kinds of place the name may stand for ("Balkh province": subdivisions); None: any.
    kinds: frozenset[str] | None = None
    # The longer name a part was cut from ("Rose" of "Rose Garden"): it stays, unresolved,
    # where the part finds no support.
    whole: Mention | None = None
    # Used for something of the place rather than the place ("US forces", "Moscow denies",
    # "Liverpool have won"): kept, as a mention of that place, only where the report also
    # names the place plainly (see geoparse._attach_figurative).
    figurative: bool = False


@cache
def stopwords() -> frozenset[str]:
    return words("places_stopwords.tsv")


def lookup_keys(text: str) -> tuple[str, ...]:
    """Keys to look a surface form up by: as written (abbreviations) and folded."""
    keys = [place_key(text)]
    # Abbreviations match as written, dotted ("Ky.") or not ("UAE"); the tokenizer may leave
    # an abbreviation's last dot apart: "W.Va" + ".".
    if "." in text and not text.endswith("."):
        keys[:0] = [EXACT + text + "."]
    keys[:0] = [EXACT + text]
    return tuple(k for k in keys if k)


def _trim(span: Span) -> Span | None:
    """A name without "the" before it or "'s" and punctuation after it."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'") or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _after_stance_prefix(token: Token) -> bool:
    """ "pro-Iran": the token follows "pro-" or "anti-" (one token or three)."""
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in STANCE_PREFIXES:
        return True
    before = doc[i - 1] if i >= 1 else None
    return (
        before is not None and before.text.endswith("-") and before.lower_[:-1] in STANCE_PREFIXES
    )


def _is_demonym(text: str) -> bool:
    """ "Iraqi", "Saudis": no places. "U.S." serves as both: as a country's name it is one."""
    if country_code(text) is not None:
        return False
    return text in demonyms() or text.rstrip("s") in demonyms()


def _blocked(start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in blocked)


def _whole_name(span: Span) -> Span:
    """The tagger's span grown to the whole name: "Mazar" of "Mazar-i-Sharif" (the tagger
    stops at hyphens). A part never stands for another place."""
    doc = span.doc
    end = span.end
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        # "Athens-Clarke County", "Fargo-Moorhead": two names, each its own place.
        and (span.end < end or not doc[end + 1].text[:1].isupper())
        and not f"-{doc[end + 1].lower_}".startswith(PLACE_SUFFIXES)
        and doc[end + 1].lower_ not in STANCE_PREFIXES
    ):
        end += 2
    return doc[span.start : end]


def _with_site_head(span: Span) -> Span:
    """ "Highland Avenue" where the tagger saw "Highland": a capitalised site head right after
    a name is part of it (places_facility_heads.tsv)."""
    doc = span.doc
    end = span.end
    if (
        end < len(doc)
        and doc[end].text[:1].isupper()
        and doc[end].lower_ in facility_heads()
        and not doc[end].is_sent_start
        and span[-1].whitespace_
    ):
        return doc[span.start : end + 1]
    return span


def tagger_mentions(doc: Doc, blocked: list[tuple[int, int]]) -> list[Mention]:
    """The tagger's place names, less demonyms, stance prefixes and people's names."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        span = _trim(ent)
        if span is None or _is_demonym(span.text) or _after_stance_prefix(span[0]):
            continue
        span = _with_site_head(_whole_name(span))
        # "Trump Tower": a site named after a person is blocked only where its head is.
        start = span[-1].idx if is_site_name(span.text) else span.start_char
        if _blocked(start, span.end_char, blocked):
            continue
        found.append(
            Mention(
                span.start_char,
                span.end_char,
                span.text,
                lookup_keys(span.text),
                "tagger",
                ent.label_,
            )
        )
    return found


def _capitalised_text(text: str) -> bool:
    first = text[:1]
    # An upper-case first letter is a letter ("Ⅻ" and "Ⓐ" are upper-case, not letters).
    return first.isupper() and (first.isalpha() or any(ch.isalpha() for ch in text))


@dataclass(frozen=True)
class _NameWords:
    """Per token of a document, read once: capitalised, may stand inside a name ("of",
    "-"), and where its sentence ends (Token.sent walks the parse on every call)."""

    capitalised: list[bool]
    in_name: list[bool]
    sentence_end: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _NameWords:
        texts = doc_words(doc)
        capitalised = [_capitalised_text(text) for text in texts]
        in_name = [
            capital or lower in NAME_JOINERS or text in "-'."
            for lower, text, capital in zip(doc_lowers(doc), texts, capitalised, strict=True)
        ]
        ends = [len(doc)] * len(doc)
        if doc.has_annotation("SENT_START"):
            for sentence in sentences(doc):
                ends[sentence.start : sentence.end] = [sentence.end] * len(sentence)
        return cls(capitalised, in_name, ends)


def _name_spans(
    doc: Doc, start: int, taken: set[int], longest: int, marks: _NameWords
) -> list[Span]:
    """Spans starting at a capitalised token that could be names: longest first."""
    stop = min(start + longest, marks.sentence_end[start])
    # Spans end at the first word taken or unfit for a name, at the latest.
    bound = start
    while bound < stop and bound not in taken and marks.in_name[bound]:
        bound += 1
    return [doc[start:end] for end in range(bound, start, -1) if marks.capitalised[end - 1]]


def gazetteer_spans(doc: Doc, taken: set[int], longest: int) -> list[Span]:
    """Every capitalised stretch outside the tagger's places (longest first at each start)."""
    marks = _NameWords.of(doc)
    spans = []
    for start, capitalised in enumerate(marks.capitalised):
        if start in taken or not capitalised:
            continue
        spans += _name_spans(doc, start, taken, longest, marks)
    return spans


def plausible_untagged(span: Span) -> bool:
    """Whether a stretch the tagger did not call a place may be one, before any lookup."""
    if _is_demonym(span_text(span)) or _after_stance_prefix(span[0]):
        return False
    if len(span) == 1:
        token = span[0]
        if token.lower_ in stopwords() or token.is_stop:
            return False
        if token.pos_ != "PROPN" and not token.text.isupper():
            return False
    return True


def text_of(doc: Doc) -> str:
    return doc_text(doc)
