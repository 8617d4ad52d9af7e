"""Statements read from quotation marks: the cue nearest the quotation, a dash credit, a
speaker named after it, transcript lines, and quotations that go on from the one before."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from wirescope.nlp import doc_text
from wirescope.quotes import QuoteIndex
from wirescope.stages.statements.draft import Draft
from wirescope.stages.statements.syntax import (
    OPENING_MARKS,
    clean_chars,
    is_person_noun,
    paragraph_bounds,
    subject_of,
    tokens_between,
    with_marks,
)
from wirescope.stages.statements.words import is_cue

# A quotation shorter than this (in words) is a quoted phrase, not a statement ("so-called").
MIN_QUOTE_WORDS = 4
# How far (in tokens) from a quotation its reporting verb may stand.
CUE_WINDOW = 12
# "WALLACE: If I may, sir, …": a transcript line, quoted or not.
TRANSCRIPT_LINE = re.compile(
    r"^[\"“]?(?P<name>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?P<colon>:)[ \t]+(?P<body>\S[^\n]*)$",
    re.MULTILINE,
)
DASHES = ("―", "—", "–", "--")
# Verbs that introduce a quotation after a colon without being reporting verbs elsewhere
# ("continued to fight" says nothing; "He continued: “…”" does).
COLON_VERBS = {"continue", "conclude", "go", "begin", "start", "finish", "end", "quip", "joke"}


def _nearest_cue(doc: Doc, quote: tuple[int, int], quotes: QuoteIndex) -> Token | None:
    """The reporting verb nearest the quotation in its paragraph, outside quotes: after it
    within its sentence ("“…,” he said"), or before it ("He added, “…”")."""
    para_start, para_end = paragraph_bounds(doc_text(doc), quote[0])
    after = [t for t in tokens_between(doc, quote[1], para_end) if not quotes.inside(t.idx)]
    before = [t for t in tokens_between(doc, para_start, quote[0]) if not quotes.inside(t.idx)]
    found_after = None
    for distance, token in enumerate(after[:CUE_WINDOW]):
        # A new sentence ends the search, unless the tagger split "“….” said X" after the mark.
        split_cue = distance <= 2 and is_cue(token)
        if token.is_sent_start and token.text not in '"”' and not split_cue:
            break
        if is_cue(token):
            found_after = (distance, token)
            break
    found_before = next(
        ((d, t) for d, t in enumerate(reversed(before[-CUE_WINDOW:])) if is_cue(t)), None
    )
    candidates = [c for c in (found_after, found_before) if c is not None]
    if candidates:
        return min(candidates, key=lambda c: c[0])[1]
    # "Limbaugh continued: “…”": a verb with a subject just before the colon that opens it.
    colon = _colon_verb(before)
    if colon is not None:
        return colon
    # "He said:" closing the paragraph before a quotation that stands alone.
    if not doc_text(doc)[para_start : quote[0]].strip(' "“') and para_start > 1:
        previous = doc_text(doc)[: para_start - 1].rstrip()
        if previous.endswith(":"):
            tail = tokens_between(doc, max(0, len(previous) - 80), len(previous))
            return next((t for t in reversed(tail) if is_cue(t)), None) or _colon_verb(tail)
    return None


def _colon_verb(before: list[Token]) -> Token | None:
    """ "Caddell continued:", "He concluded:": the verb that a colon ends, when it has a subject
    of its own, introduces the quotation even if it is no reporting verb elsewhere."""
    words = [t for t in before if not t.is_space and t.text not in OPENING_MARKS]
    if len(words) < 2 or words[-1].text != ":":
        return None
    verb = words[-2]
    if verb.pos_ == "VERB" and subject_of(verb) is not None and verb.lemma_.lower() in COLON_VERBS:
        return verb
    return None


def _dash_credit(doc: Doc, quote_end: int) -> tuple[Token | None, Span | None]:
    """ "“…” ― Karen Lee, 34": a quotation credited after a dash to the name that follows."""
    after = [t for t in tokens_between(doc, quote_end, quote_end + 12) if not t.is_space]
    dash = next((t for t in after if t.text in DASHES), None)
    if dash is None or any(t.is_alpha for t in after if t.i < dash.i):
        return None, None
    name_end = dash.i + 1
    while name_end < len(doc) and doc[name_end].pos_ == "PROPN" and name_end - dash.i <= 4:
        name_end += 1
    if name_end == dash.i + 1:
        return None, None
    return dash, doc[dash.i + 1 : name_end]


def transcript_statements(doc: Doc, taken: set[int]) -> list[Draft]:
    """Transcript paragraphs, quoted or not: "WALLACE: If I may, sir, …" — the speaker in
    capitals, then a colon."""
    drafts = []
    for match in TRANSCRIPT_LINE.finditer(doc_text(doc)):
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        colon = doc.char_span(match.start("colon"), match.end("colon"), alignment_mode="expand")
        body = doc.char_span(match.start("body"), match.end("body"), alignment_mode="expand")
        if name is None or colon is None or body is None or any(t.i in taken for t in body):
            continue
        chars = clean_chars(body)
        if chars is None:
            continue
        quoted = True  # a transcript gives the words as spoken
        used = set(range(body.start, body.end))
        drafts.append(Draft(colon[0], [chars], name, quoted, False, used=used))
    return drafts


def _speaker_after(doc: Doc, quote_end: int) -> Span | None:
    """ "“…,” the security official on condition of anonymity …": a person named right after
    the quotation, with no reporting verb, is its speaker."""
    after = [t for t in tokens_between(doc, quote_end, quote_end + 40) if not t.is_space]
    words = [t for t in after if not t.is_punct][:4]
    for token in words:
        is_person = token.ent_type_ == "PERSON" or is_person_noun(token)
        if is_person and token.dep_ in ("nsubj", "ROOT", "appos", "npadvmod", "dep"):
            return token.doc[token.left_edge.i : token.i + 1]
    return None


def _previous_quoted(drafts: list[Draft], start: int) -> Draft | None:
    """The direct statement that ends last before `start`."""
    before = [
        d for d in drafts if d.quoted and not d.unquoted and d.content and d.content[-1][1] <= start
    ]
    return max(before, key=lambda d: d.content[-1][1], default=None)


def _previous_said(drafts: list[Draft], start: int) -> Draft | None:
    """The statement of any kind whose words end last before `start`."""
    before = [d for d in drafts if d.content and d.content[-1][1] <= start]
    return max(before, key=lambda d: d.content[-1][1], default=None)


def quotation_statements(
    doc: Doc, quotes: QuoteIndex, taken: set[int], earlier: list[Draft]
) -> list[Draft]:
    drafts: list[Draft] = []
    # “A,” he said, “B”: the second part joins the statement the first one made.
    by_cue: dict[int, Draft] = {d.cue.i: d for d in earlier if d.cue is not None and d.quoted}
    for start, end in quotes.ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len([t for t in span if t.is_alpha]) < MIN_QUOTE_WORDS:
            continue
        if any(t.i in taken for t in span):
            continue
        chars = with_marks(doc_text(doc), (start, end))
        cue = _nearest_cue(doc, (start, end), quotes)
        joined = by_cue.get(cue.i) if cue is not None else None
        speaker = subject_of(cue) if cue is not None else None
        if cue is None:
            cue, speaker = _dash_credit(doc, end)
        if cue is None:
            speaker = _speaker_after(doc, end)
        if cue is None and speaker is None:
            # No cue of its own: the quotation goes on from the one before, in its paragraph
            # (one statement) or from the paragraph before (the same speaker again).
            previous = _previous_quoted(earlier + drafts, start)
            para_start, _ = paragraph_bounds(doc_text(doc), start)
            before_start, _ = paragraph_bounds(doc_text(doc), max(para_start - 2, 0))
            last = _previous_said(earlier + drafts, start)
            if previous is not None and previous.content[-1][1] >= para_start:
                joined = previous
            elif previous is not None and previous.content[-1][1] >= before_start:
                cue, speaker = previous.cue, previous.speaker
            elif last is not None and last.content[-1][1] >= before_start and last.speaker:
                # A quotation that goes on, in its own paragraph or after the speaker's
                # reported words, from whoever spoke last just before.
                cue, speaker = last.cue, last.speaker
        if joined is not None:
            joined.content = sorted([*joined.content, chars])
            joined.quoted = True
            continue
        draft = Draft(cue, [chars], speaker, True, False, used=set(range(span.start, span.end)))
        drafts.append(draft)
        if cue is not None:
            by_cue.setdefault(cue.i, draft)
    return drafts
