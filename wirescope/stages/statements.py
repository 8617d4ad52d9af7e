"""The statements stage: who said what, with which cue, through which channel.

Three readings over the one parse, in this order, each leaving the words it used:
1. a reporting verb (lexicons/cue_verbs.tsv) with a clause for its complement: "X said
   (that) …", "…, sources said", "“…,” he said" — indirect, direct or mixed by the quotes
   inside the clause;
2. "according to X, …";
3. quotations left over: the nearest reporting verb of the paragraph gives the cue and the
   speaker, else the quote continues the previous speaker's ("He added, “…” “…”").
A reporting verb of the `act` family with no content is a statement of kind `none`
("addressed the nation on television").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from wirescope.actors import lookup_actor
from wirescope.lexicon import mapping, table
from wirescope.numbers import number_value
from wirescope.parsed import Parsed
from wirescope.quotes import QuoteIndex
from wirescope.record import Cue, Report, Speaker, Stance, Statement
from wirescope.stages.entities.words import titles_by_class

# A quotation shorter than this (in words) is a quoted phrase, not a statement ("so-called").
MIN_QUOTE_WORDS = 4
# How far (in tokens) from a quotation its reporting verb may stand.
CUE_WINDOW = 12
COMPLEMENT_DEPS = ("ccomp", "xcomp", "parataxis")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# "not authorized to comment": a reporting verb under these says what a source may not do.
PERMISSION_VERBS = {"authorize", "authorise", "allow", "permit", "empower"}
# Cues that go on with what the speaker said before, through the same channel.
CONTINUING_CUES = {"added", "adds", "continued", "continues", "went on"}
# A reporting verb without a subject borrows the subject of the verb it depends on.
CLIMB_DEPS = ("xcomp", "advcl", "conj", "acomp")
_TRIM = " \t\n,;:—–-"
OPENING_MARKS = '"“'
CLOSING_MARKS = '"”'
TRANSCRIPT_LINE = re.compile(
    r"^[\"“]?(?P<name>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?P<colon>:)[ \t]+(?P<body>\S[^\n]*)$",
    re.MULTILINE,
)


@cache
def cue_families() -> dict[str, str]:
    """Reporting verb lemma -> family (say, condemn, deny, accuse, claim, …, act)."""
    return {
        lemma: cells[0] if cells else "say" for lemma, cells in mapping("cue_verbs.tsv").items()
    }


@cache
def object_cues() -> frozenset[str]:
    """Reporting verbs whose object can be what was said ("cited the report")."""
    return frozenset(
        row[0] for row in table("cue_verbs.tsv") if len(row) > 2 and row[2] == "object"
    )


@cache
def cue_nouns() -> dict[str, str]:
    return {
        lemma: cells[0] if cells else "say" for lemma, cells in mapping("cue_nouns.tsv").items()
    }


@cache
def channel_phrases() -> tuple[tuple[str, str], ...]:
    """Channel phrases, longest first, lowercase."""
    rows = [(row[0].lower(), row[1]) for row in table("channels.tsv") if len(row) >= 2]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


@dataclass
class Draft:
    """A statement being read, in token and character terms."""

    cue: Token | None
    content: list[tuple[int, int]]
    speaker: Span | None
    quoted: bool
    unquoted: bool
    cue_text: tuple[int, int] | None = None
    used: set[int] = field(default_factory=set)


def run(parsed: Parsed, record: Report) -> None:
    doc = parsed.doc
    if doc is None:
        return
    quotes = QuoteIndex(doc.text)
    drafts = complement_statements(doc, quotes)
    taken = {i for draft in drafts for i in draft.used}
    drafts += according_to_statements(doc, taken)
    drafts += transcript_statements(doc, taken)
    taken = {i for draft in drafts for i in draft.used}
    drafts += quotation_statements(doc, quotes, taken, drafts)
    drafts += contentless_acts(doc, drafts)
    drafts.sort(key=lambda d: d.content[0][0] if d.content else (d.cue.idx if d.cue else 0))
    record.statements = [
        _statement(doc, record, draft, number) for number, draft in enumerate(drafts, start=1)
    ]
    _carry_channels(record.statements)
    _carry_stances(record)
    _resolve_it_and_they(doc, record.statements)


def _carry_channels(statements: list[Statement]) -> None:
    """ "He added, …" goes on through the channel of the speaker's statement just before."""
    for before, after in pairwise(statements):
        speaker = after.speaker.entity
        same_speaker = speaker is not None and speaker == before.speaker.entity
        continuing = after.cue is None or after.cue.text.lower() in CONTINUING_CUES
        if after.channel == "unknown" and same_speaker and continuing:
            after.channel = before.channel


def _resolve_it_and_they(doc: Doc, statements: list[Statement]) -> None:
    """ "The statement released by state media said … . “…,” it said": "it" and "they" speak
    for the body, document or group that spoke just before, within two sentences."""
    for before, after in pairwise(statements):
        speaker = after.speaker
        if speaker.span is None or (speaker.text or "").lower() not in ("it", "they"):
            continue
        if before.speaker.span is None or speaker.entity is not None:
            continue
        previous = doc.char_span(*before.speaker.span, alignment_mode="expand")
        current = doc.char_span(*speaker.span, alignment_mode="expand")
        if previous is None or current is None or previous.root.pos_ == "PRON":
            continue
        plural = previous.root.tag_ in ("NNS", "NNPS")
        if (speaker.text or "").lower() == "they" and not plural:
            continue
        sentences_apart = len({t.sent.start for t in doc[previous.start : current.end]}) - 1
        if sentences_apart <= 2 and previous.root.ent_type_ != "PERSON":
            speaker.entity = before.speaker.entity
            speaker.anonymous = before.speaker.anonymous
            speaker.count = before.speaker.count
            speaker.description = before.speaker.description or before.speaker.text


def _carry_stances(record: Report) -> None:
    """ "A KH official dismissed suggestions that … ." then "“…,” Abu Ali Al-Askari said":
    a quotation that follows its gist, from the same speaker (or a person first named right
    after an unnamed description), shares the gist's stance when its own words show none."""
    first_mention = {e.id: min(a for a, _ in e.mentions) for e in record.entities if e.mentions}
    for before, after in pairwise(record.statements):
        if after.kind not in ("direct", "mixed") or not before.stance or not after.stance:
            continue
        if after.stance[0].type != "neutral":
            continue
        if before.stance[0].type == "neutral" or before.speaker.span is None:
            continue
        speaker = after.speaker.entity
        same = speaker is not None and speaker == before.speaker.entity
        introduced = (
            speaker is not None
            and before.speaker.anonymous
            and (before.speaker.text or "").lower().startswith(("a ", "an "))
            and first_mention.get(speaker, 0) > before.speaker.span[1]
        )
        if same or introduced:
            after.stance = [Stance(event=s.event, type=s.type) for s in before.stance]


# --- 1. reporting verbs with a clause ---------------------------------------------------


def _is_cue(token: Token) -> bool:
    """A reporting verb, but not one that says what a source may not do ("not authorized to
    comment", "not allowed to speak")."""
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in cue_families():
        return False
    return not (token.dep_ == "xcomp" and token.head.lemma_.lower() in PERMISSION_VERBS)


def _subject(verb: Token) -> Span | None:
    """The subject of a verb, or of the verb it hangs from ("was quick to respond", "…,
    saying")."""
    for _ in range(5):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return _noun_phrase(child)
        if verb.dep_ in CLIMB_DEPS and verb.head is not verb:
            verb = verb.head
        elif verb.dep_ in ("pcomp", "acl") and verb.head.head is not verb.head:
            verb = verb.head.head  # "by saying", "issued a paper welcoming": the verb above
        else:
            break
    return None


def _noun_phrase(head: Token) -> Span:
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


def _trim_chars(text: str, bounds: tuple[int, int]) -> tuple[int, int]:
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


def _with_marks(text: str, bounds: tuple[int, int]) -> tuple[int, int]:
    """A quotation as printed, its marks included: a quote split by its cue then reads
    “…,” “…” as news gives it, and each part shows where the speaker's words begin and end."""
    start, end = bounds
    if start > 0 and text[start - 1] in OPENING_MARKS:
        start -= 1
    if end < len(text) and text[end] in CLOSING_MARKS:
        end += 1
    return start, end


def _chars(span: Span) -> tuple[int, int] | None:
    """A span's characters without edge punctuation and spaces."""
    start, end = _trim_chars(span.doc.text, (span.start_char, span.end_char))
    return (start, end) if end > start and span.doc.text[start] not in _TRIM else None


def _quote_share(doc: Doc, span: Span, quotes: QuoteIndex) -> tuple[bool, bool]:
    """Whether the span holds quoted words, and unquoted ones (punctuation aside)."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    quoted = [quotes.inside(t.idx) for t in words]
    return any(quoted), not all(quoted)


def _content_of(cue: Token) -> Token | None:
    """The word heading what a reporting verb or noun says: its clause, else (for the verbs
    that allow it) its object ("cited the report", "called for a ceasefire")."""
    if cue.pos_ == "NOUN":
        clause = next((c for c in cue.children if c.dep_ in ("acl", "ccomp")), None)
        has_that = clause is not None and any(c.dep_ == "mark" for c in clause.children)
        return clause if has_that else None
    for child in cue.children:
        if child.dep_ in ("ccomp", "parataxis") or (child.dep_ == "xcomp" and child.pos_ == "VERB"):
            return child
    if cue.lemma_.lower() not in object_cues():
        return None
    for child in cue.children:
        if child.dep_ == "dobj":
            return child
        if child.dep_ == "prep" and child.lower_ in ("for", "on", "about", "of"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _content_span(head: Token) -> Span:
    """A content's words: the head's subtree; an object stops before a comma that opens a
    relative clause or an apposition ("the health of Donald Trump, who is 70")."""
    doc = head.doc
    end = head.right_edge.i + 1
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        for token in doc[head.i : end]:
            if token.text == "," and token.i + 1 < end and doc[token.i + 1].tag_ in ("WP", "WDT"):
                end = token.i
                break
    start = head.left_edge.i
    if head.dep_ == "xcomp":
        # "urged Republicans to vote": whom the demand is made of belongs to what was said.
        addressee = next((c for c in head.head.children if c.dep_ == "dobj" and c.i < head.i), None)
        if addressee is not None:
            start = addressee.left_edge.i
    return doc[start:end]


def _noun_speaker(noun: Token) -> Span | None:
    """ "Trump's claim", "a claim by the ministry"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return _noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _noun_phrase(pobj)
    return None


def _is_cue_word(token: Token) -> bool:
    return _is_cue(token) or (token.pos_ == "NOUN" and token.lemma_.lower() in cue_nouns())


def _is_outlet(span: Span) -> bool:
    actor = lookup_actor(span.text)
    return actor is not None and actor.category == "media"


def _relayed(head: Token) -> Token | None:
    """ "X said Y, Al Jazeera reported": when what a cue says is an outlet's report, the
    statement is the clause the outlet relays (the outlet becomes its `via`)."""
    if not _is_cue(head) or head.i == 0:
        return None
    subject = _subject(head)
    inner = _content_of(head)
    if subject is None or inner is None or inner.i > head.i or not _is_outlet(subject):
        return None
    return inner


def complement_statements(doc: Doc, quotes: QuoteIndex) -> list[Draft]:
    drafts = []
    relays: set[int] = set()
    for cue in doc:
        if not _is_cue_word(cue) or quotes.inside(cue.idx) or cue.i in relays:
            continue
        head = _content_of(cue)
        if head is None:
            continue
        inner = _relayed(head)
        if inner is not None:
            relays.add(head.i)
            head = inner
        clause = _content_span(head)
        chars = _chars(clause)
        if chars is None or len(clause) < 2 or cue.i in range(clause.start, clause.end):
            continue
        quoted, unquoted = _quote_share(doc, clause, quotes)
        content = [chars]
        if quoted and not unquoted:
            # The clause is a quotation's first sentence: the statement is the whole quotation.
            content = [r for r in quotes.ranges if r[0] < chars[1] and chars[0] < r[1]] or content
            content = [_with_marks(doc.text, r) for r in content]
        speaker = _noun_speaker(cue) if cue.pos_ == "NOUN" else _subject(cue)
        if speaker is None and cue.pos_ == "NOUN":
            continue  # "dismissed suggestions that …": nobody's statement of its own
        used = set(range(clause.start, clause.end)) | {cue.i}
        if speaker is not None:
            used |= set(range(speaker.start, speaker.end))
        drafts.append(Draft(cue, content, speaker, quoted, unquoted, used=used))
    return drafts


# --- 2. according to X ------------------------------------------------------------------


def according_to_statements(doc: Doc, taken: set[int]) -> list[Draft]:
    drafts = []
    for token in doc:
        if (
            token.lower_ != "according"
            or token.i + 1 >= len(doc)
            or doc[token.i + 1].lower_ != "to"
        ):
            continue
        source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        speaker = doc[source.left_edge.i : source.right_edge.i + 1]
        sentence = token.sent
        cue_end = speaker.end
        if speaker.end <= sentence.end and speaker.start > token.i:
            before = doc[sentence.start : token.i]
            after = doc[cue_end : sentence.end]
            parts = [
                p
                for p in (
                    _chars(before) if len(before) else None,
                    _chars(after) if len(after) else None,
                )
                if p
            ]
            if not parts:
                continue
            used = set(range(sentence.start, sentence.end))
            if used & taken:
                continue
            drafts.append(
                Draft(
                    token,
                    parts,
                    speaker,
                    False,
                    True,
                    cue_text=(token.idx, doc[token.i + 1].idx + 2),
                    used=used,
                )
            )
    return drafts


# --- 3. quotations left over ------------------------------------------------------------


def _paragraph_bounds(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if start <= t.idx < end]


def _nearest_cue(doc: Doc, quote: tuple[int, int], quotes: QuoteIndex) -> Token | None:
    """The reporting verb nearest the quotation in its paragraph, outside quotes: after it
    within its sentence ("“…,” he said"), or before it ("He added, “…”")."""
    para_start, para_end = _paragraph_bounds(doc.text, quote[0])
    after = [t for t in _tokens_between(doc, quote[1], para_end) if not quotes.inside(t.idx)]
    before = [t for t in _tokens_between(doc, para_start, quote[0]) if not quotes.inside(t.idx)]
    found_after = None
    for distance, token in enumerate(after[:CUE_WINDOW]):
        # A new sentence ends the search, unless the tagger split "“….” said X" after the mark.
        split_cue = distance <= 2 and _is_cue(token)
        if token.is_sent_start and token.text not in '"”' and not split_cue:
            break
        if _is_cue(token):
            found_after = (distance, token)
            break
    found_before = next(
        ((d, t) for d, t in enumerate(reversed(before[-CUE_WINDOW:])) if _is_cue(t)), None
    )
    candidates = [c for c in (found_after, found_before) if c is not None]
    if candidates:
        return min(candidates, key=lambda c: c[0])[1]
    # "He said:" closing the paragraph before a quotation that stands alone.
    if not doc.text[para_start : quote[0]].strip(' "“') and para_start > 1:
        previous = doc.text[: para_start - 1].rstrip()
        if previous.endswith(":"):
            tail = _tokens_between(doc, max(0, len(previous) - 80), len(previous))
            return next((t for t in reversed(tail) if _is_cue(t)), None)
    return None


DASHES = ("―", "—", "–", "--")


def _dash_credit(doc: Doc, quote_end: int) -> tuple[Token | None, Span | None]:
    """ "“…” ― Karen Lee, 34": a quotation credited after a dash to the name that follows."""
    after = [t for t in doc if quote_end <= t.idx < quote_end + 12 and not t.is_space]
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
    for match in TRANSCRIPT_LINE.finditer(doc.text):
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        colon = doc.char_span(match.start("colon"), match.end("colon"), alignment_mode="expand")
        body = doc.char_span(match.start("body"), match.end("body"), alignment_mode="expand")
        if name is None or colon is None or body is None or any(t.i in taken for t in body):
            continue
        chars = _chars(body)
        if chars is None:
            continue
        quoted = True  # a transcript gives the words as spoken
        used = set(range(body.start, body.end))
        drafts.append(Draft(colon[0], [chars], name, quoted, False, used=used))
    return drafts


def _speaker_after(doc: Doc, quote_end: int) -> Span | None:
    """ "“…,” the security official on condition of anonymity …": a person named right after
    the quotation, with no reporting verb, is its speaker."""
    after = [t for t in doc if quote_end <= t.idx < quote_end + 40 and not t.is_space]
    words = [t for t in after if not t.is_punct][:4]
    for token in words:
        is_person = token.ent_type_ == "PERSON" or _is_person_noun(token)
        if is_person and token.dep_ in ("nsubj", "ROOT", "appos", "npadvmod", "dep"):
            return token.doc[token.left_edge.i : token.i + 1]
    return None


def _previous_quoted(drafts: list[Draft], start: int) -> Draft | None:
    """The direct statement that ends last before `start`."""
    before = [
        d for d in drafts if d.quoted and not d.unquoted and d.content and d.content[-1][1] <= start
    ]
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
        chars = _with_marks(doc.text, (start, end))
        cue = _nearest_cue(doc, (start, end), quotes)
        joined = by_cue.get(cue.i) if cue is not None else None
        speaker = _subject(cue) if cue is not None else None
        if cue is None:
            cue, speaker = _dash_credit(doc, end)
        if cue is None:
            speaker = _speaker_after(doc, end)
        if cue is None and speaker is None:
            # No cue of its own: the quotation goes on from the one before, in its paragraph
            # (one statement) or from the paragraph before (the same speaker again).
            previous = _previous_quoted(earlier + drafts, start)
            para_start, _ = _paragraph_bounds(doc.text, start)
            before_start, _ = _paragraph_bounds(doc.text, max(para_start - 2, 0))
            if previous is not None and previous.content[-1][1] >= para_start:
                joined = previous
            elif previous is not None and previous.content[-1][1] >= before_start:
                cue, speaker = previous.cue, previous.speaker
        if joined is not None:
            joined.content = sorted([*joined.content, chars])
            joined.quoted = True
            continue
        draft = Draft(cue, [chars], speaker, True, False, used=set(range(span.start, span.end)))
        drafts.append(draft)
        if cue is not None:
            by_cue.setdefault(cue.i, draft)
    return drafts


@cache
def anonymity_phrases() -> tuple[str, ...]:
    return tuple(row[0].lower() for row in table("anonymity.tsv"))


def _anonymity_formula(verb: Token) -> bool:
    """ "spoke on condition of anonymity": a note on the source, not a statement."""
    after = verb.doc[verb.i + 1 : verb.i + 8].text.lower()
    return any(after.startswith(phrase) or f" {phrase}" in after for phrase in anonymity_phrases())


@cache
def audiences() -> frozenset[str]:
    return frozenset(row[0] for row in table("audiences.tsv"))


def _addressed(verb: Token) -> bool:
    """An act reaches someone or goes through a channel: "addressed the nation", "spoke to
    reporters", "issued a statement" — not "the court issued arrest warrants"."""
    words = [t for t in verb.subtree if t.i > verb.i][:8]
    if any(t.lower_ in audiences() for t in words):
        return True
    phrase = " ".join(t.lower_ for t in words)
    return any(f" {p} " in f" {phrase} " for p, _ in channel_phrases())


def contentless_acts(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    cues = {d.cue.i for d in drafts if d.cue is not None}
    acts = []
    for token in doc:
        if token.i in cues or not _is_cue(token) or cue_families().get(token.lemma_) != "act":
            continue
        speaker = _subject(token)
        if speaker is not None and not _anonymity_formula(token) and _addressed(token):
            acts.append(Draft(token, [], speaker, False, False))
    return acts


# --- the record's statements ------------------------------------------------------------


def _entity_at(record: Report, span: Span) -> str | None:
    """The entity one of whose mentions overlaps the speaker's head word, or its apposition
    ("Iran's top security official, Ali Shamkhani,"); a relative pronoun stands for the noun
    it hangs from ("Ms. Lee, who said …")."""
    head = span.root
    if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        head = head.head.head
    words = [head, *(child for child in head.children if child.dep_ == "appos")]
    for word in words:
        for entity in record.entities:
            if any(start <= word.idx < end for start, end in entity.mentions):
                return entity.id
    return None


def _is_person_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in titles_by_class()


def _speaker(record: Report, span: Span | None) -> Speaker:
    if span is None:
        return Speaker()
    entity = _entity_at(record, span)
    anonymous = entity is None and _is_person_noun(span.root)
    count = None
    if anonymous:
        numbers = [number_value(t.text) for t in span if t.dep_ == "nummod" and t.head == span.root]
        count = next((n for n in numbers if n is not None), None)
        if count is None and span.root.tag_ == "NN":
            count = 1
    words = [t.text for t in span if t.dep_ not in ("det", "nummod")]
    return Speaker(
        entity=entity,
        text=span.text,
        span=(span.start_char, span.end_char),
        anonymous=anonymous,
        count=count,
        description=" ".join(words) if anonymous else None,
    )


def _media_at(record: Report, token: Token) -> str | None:
    """The name of the news outlet one of whose mentions holds this word."""
    for entity in record.entities:
        if entity.category == "media" and any(a <= token.idx < b for a, b in entity.mentions):
            return entity.name
    return None


def _relay(record: Report, draft: Draft) -> Span | None:
    """ "…, Saudi-owned Al-Arabiya TV reported": an outlet that relays the statement, being
    the subject of another reporting verb of the sentence."""
    if draft.cue is None:
        return None
    for token in draft.cue.sent:
        if token == draft.cue or not _is_cue(token):
            continue
        if any(a <= token.idx < b for a, b in draft.content):
            continue
        subject = _subject(token)
        if subject is not None and subject != draft.speaker and _media_at(record, subject.root):
            return subject
    return None


def _channel(record: Report, draft: Draft, relay: Span | None) -> str:
    """The channel named in the words around the statement, outside its content and its relay."""
    if draft.cue is None:
        return "unknown"
    sentence = draft.cue.sent
    outside = list(sentence.text.lower())
    masked = [*draft.content, *([(relay.start_char, relay.end_char)] if relay is not None else [])]
    for start, end in masked:
        for at in range(max(start, sentence.start_char), min(end, sentence.end_char)):
            outside[at - sentence.start_char] = " "
    words = "".join(outside).replace(",", " ").replace(".", " ").split()
    padded = f" {' '.join(words)} "
    for phrase, channel in channel_phrases():
        if f" {phrase} " in padded:
            return channel
    # "told The Associated Press": an interview with the outlet.
    if draft.cue.lemma_ == "tell" and any(
        _media_at(record, t)
        for c in draft.cue.children
        if c.dep_ in ("dobj", "dative")
        for t in c.subtree
    ):
        return "interview"
    return "unknown"


def _event_of(record: Report, content: list[tuple[int, int]]) -> str | None:
    """The event a statement is about: the one whose trigger its words hold, else one read
    from the same sentences, else the report's main event (None before any event is read)."""
    if not record.events:
        return None

    def overlaps(span: tuple[int, int]) -> bool:
        return any(a < span[1] and span[0] < b for a, b in content)

    for event in record.events:
        if event.trigger is not None and overlaps(event.trigger.span):
            return event.id
    for event in record.events:
        if any(overlaps(span) for span in event.evidence):
            return event.id
    return record.events[0].id


@cache
def _stance_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    stances = {row[0].lower(): row[1] for row in table("stance_phrases.tsv") if len(row) >= 2}
    alternatives = "|".join(re.escape(p) for p in sorted(stances, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), stances


def content_stance(text: str) -> str:
    """The stance the words of a statement show ("we strongly condemn" -> condemn); the
    longest phrase found decides; neutral when none is found."""
    pattern, stances = _stance_pattern()
    found = [match.group() for match in pattern.finditer(text.lower())]
    return stances[max(found, key=len)] if found else "neutral"


def draft_text(doc: Doc, draft: Draft) -> str:
    return " … ".join(doc.text[a:b] for a, b in draft.content)


def _statement(doc: Doc, record: Report, draft: Draft, number: int) -> Statement:
    relay = _relay(record, draft)
    if not draft.content:
        kind = "none"
    elif draft.quoted and draft.unquoted:
        kind = "mixed"
    elif draft.quoted:
        kind = "direct"
    else:
        kind = "indirect"
    cue = None
    if draft.cue is not None:
        start, end = draft.cue_text or (draft.cue.idx, draft.cue.idx + len(draft.cue.text))
        cue = Cue(text=doc.text[start:end], span=(start, end))
    family = "say"
    if draft.cue is not None:
        lemma = draft.cue.lemma_.lower()
        family = (
            cue_nouns().get(lemma, "say")
            if draft.cue.pos_ == "NOUN"
            else cue_families().get(lemma, "say")
        )
    stance_type = family if family not in ("say", "act") else content_stance(draft_text(doc, draft))
    stance = [Stance(event=_event_of(record, draft.content), type=stance_type)]
    return Statement(
        id=f"s{number}",
        kind=kind,
        content=draft.content,
        text=draft_text(doc, draft),
        speaker=_speaker(record, draft.speaker),
        cue=cue,
        channel=_channel(record, draft, relay),
        via=relay.text if relay is not None else None,
        stance=stance,
    )
