"""Statements read from the syntax: a reporting verb or noun with its clause or object,
"according to X", and communication acts without content."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from wirescope.actors import lookup_actor
from wirescope.lexicon import words
from wirescope.nlp import doc_lowers, doc_text, sentence_of
from wirescope.quotes import QuoteIndex
from wirescope.stages.statements.draft import Draft
from wirescope.stages.statements.syntax import (
    clean_chars,
    noun_phrase,
    paragraph_bounds,
    quote_share,
    subject_of,
    tokens_between,
    with_marks,
)
from wirescope.stages.statements.words import (
    anonymity_phrases,
    audiences,
    channel_in,
    cue_families,
    cue_shapes,
    cue_verbs_in,
    cue_words_in,
    is_cue,
    object_cues,
    refuses_comment,
)

# Words that open a clause of time, cause or condition, never what was said.
SUBORDINATORS = {
    "as",
    "when",
    "while",
    "after",
    "before",
    "if",
    "because",
    "since",
    "once",
    "until",
}


def _content_of(cue: Token) -> Token | None:
    """The word heading what a reporting verb or noun says: its clause, else (for the verbs
    that allow it) its object ("cited the report", "called for a ceasefire")."""
    if cue.pos_ == "NOUN":
        clause = next((c for c in cue.children if c.dep_ in ("acl", "ccomp")), None)
        has_that = clause is not None and any(c.dep_ == "mark" for c in clause.children)
        return clause if has_that else None
    finite_only = cue_shapes().get(cue.lemma_.lower(), "") == "clause"
    for child in cue.children:
        if finite_only and (_infinitive(child) or _small_clause(child)):
            continue  # "expected the league to fine the club": no words said
        if child.i < cue.i and _subordinate(child):
            continue  # "As it became clear that …, Gaga tweeted": when, not what
        if child.dep_ in ("ccomp", "parataxis") or (child.dep_ == "xcomp" and child.pos_ == "VERB"):
            return child
    if cue.lemma_.lower() not in object_cues():
        return None
    for child in cue.children:
        if child.dep_ == "dobj":
            # "claimed the 200m title", "claimed the lives of 20 people": won, not said.
            return None if child.lemma_.lower() in words("won_objects.tsv") else child
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "on", "about", "of"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _subordinate(clause: Token) -> bool:
    """A clause opened by its own "as", "when", "if" … and not quoted (a quotation may open
    with "If": "''If we are to go to war, …,'' he said")."""
    first = clause.left_edge
    opened = any(c.dep_ == "mark" and c.i == first.i for c in clause.children)
    before = doc_text(clause.doc)[max(0, first.idx - 3) : first.idx]
    return opened and first.lower_ in SUBORDINATORS and not any(q in before for q in "\"“'‘")


def _small_clause(verb: Token) -> bool:
    """ "found a launcher mounted on a truck", "found him dead": a participle with no
    auxiliary and no "that", what was found rather than a finite clause."""
    return verb.tag_ in ("VBN", "VBG") and not any(
        c.dep_ in ("aux", "auxpass", "mark") for c in verb.children
    )


def _infinitive(verb: Token) -> bool:
    """ "to fine the club" (an xcomp, or a clause the parser reads with "to" for its aux)."""
    return verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


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


def _with_charge(cue: Token, head: Token, clause: Span) -> Span:
    """ "accused the prime minister of 'squabbling like schoolboys'", "called the attack a
    reprisal", "called Trump a fascist": the object and what it is accused of or called are
    said together (PolNeAR's content takes both)."""
    if head.dep_ not in ("dobj", "oprd") or head.head != cue:
        return clause
    charge = next(
        (
            c
            for c in cue.children
            if c.i > head.i
            and (
                (c.dep_ == "prep" and c.lower_ == "of" and head.dep_ == "dobj") or c.dep_ == "oprd"
            )
        ),
        None,
    )
    if charge is None or charge.right_edge.i < clause.end:
        return clause
    return head.doc[clause.start : charge.right_edge.i + 1]


def _speaker_after_quote(
    doc: Doc, clause: Span, cue: Token, quotes: QuoteIndex
) -> tuple[Span, Span] | None:
    """ "'…,' a local member of parliament, Eric Ciotti, told France Info": the parser hangs
    the words after the quotation on the quoted clause and leaves the verb no subject. The
    words between the closing mark and the verb are the speaker; the quotation, the content."""
    closing = [end for start, end in quotes.ranges if clause.start_char <= start and end < cue.idx]
    if not closing:
        return None
    between = [
        t for t in tokens_between(doc, closing[-1], cue.idx) if not (t.is_punct or t.is_space)
    ]
    if not between or not any(t.pos_ in ("NOUN", "PROPN") for t in between):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in between):
        return None  # a clause of its own, not a speaker
    if any(quotes.inside(t.idx) for t in between) or sentence_of(between[0]) != sentence_of(cue):
        return None
    quoted = tokens_between(doc, clause.start_char, closing[-1])
    if not quoted:
        return None
    return doc[clause.start : quoted[-1].i + 1], doc[between[0].i : between[-1].i + 1]


def _noun_speaker(noun: Token) -> Span | None:
    """ "Trump's claim", "a claim by the ministry"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return noun_phrase(pobj)
    return None


def _is_outlet(span: Span) -> bool:
    actor = lookup_actor(span.text)
    return actor is not None and actor.category == "media"


def _relayed(head: Token) -> Token | None:
    """ "X said Y, Al Jazeera reported": when what a cue says is an outlet's report, the
    statement is the clause the outlet relays (the outlet becomes its `via`)."""
    if not is_cue(head) or head.i == 0:
        return None
    subject = subject_of(head)
    inner = _content_of(head)
    if subject is None or inner is None or inner.i > head.i or not _is_outlet(subject):
        return None
    return inner


def complement_statements(doc: Doc, quotes: QuoteIndex) -> list[Draft]:
    drafts = []
    relays: set[int] = set()
    for i in cue_words_in(doc):
        cue = doc[i]
        if quotes.inside(cue.idx) or i in relays:
            continue
        head = _content_of(cue)
        if head is None:
            continue
        if refuses_comment(cue):
            # "declined to comment after his hearing": a statement with no words of its own.
            speaker = subject_of(cue)
            used = {cue.i, *range(head.left_edge.i, head.right_edge.i + 1)}
            drafts.append(Draft(cue, [], speaker, False, False, used=used))
            continue
        inner = _relayed(head)
        if inner is not None:
            relays.add(head.i)
            head = inner
        clause = _with_charge(cue, head, _content_span(head))
        speaker = _noun_speaker(cue) if cue.pos_ == "NOUN" else subject_of(cue)
        if speaker is None and cue.pos_ != "NOUN":
            split = _speaker_after_quote(doc, clause, cue, quotes)
            if split is not None:
                clause, speaker = split
        chars = clean_chars(clause, within=paragraph_bounds(doc_text(doc), cue.idx))
        if chars is None or len(clause) < 2 or cue.i in range(clause.start, clause.end):
            continue
        quoted, unquoted = quote_share(doc, clause, quotes)
        content = [chars]
        if quoted and not unquoted:
            # The clause is a quotation's first sentence: the statement is the whole quotation.
            content = [r for r in quotes.ranges if r[0] < chars[1] and chars[0] < r[1]] or content
            content = [with_marks(doc_text(doc), r) for r in content]
        if speaker is None and cue.pos_ == "NOUN":
            continue  # "dismissed suggestions that …": nobody's statement of its own
        used = set(range(clause.start, clause.end)) | {cue.i}
        if speaker is not None:
            used |= set(range(speaker.start, speaker.end))
        drafts.append(Draft(cue, content, speaker, quoted, unquoted, used=used))
    return drafts


def according_to_statements(doc: Doc, taken: set[int]) -> list[Draft]:
    drafts = []
    lowers = doc_lowers(doc)
    for i, lower in enumerate(lowers):
        if lower != "according" or i + 1 >= len(doc) or lowers[i + 1] != "to":
            continue
        token = doc[i]
        source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        speaker = doc[source.left_edge.i : source.right_edge.i + 1]
        sentence = sentence_of(token)
        cue_end = speaker.end
        if speaker.end <= sentence.end and speaker.start > token.i:
            before = doc[sentence.start : token.i]
            after = doc[cue_end : sentence.end]
            parts = [
                p
                for p in (
                    clean_chars(before) if len(before) else None,
                    clean_chars(after) if len(after) else None,
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


def _anonymity_formula(verb: Token) -> bool:
    """ "spoke on condition of anonymity": a note on the source, not a statement."""
    after = verb.doc[verb.i + 1 : verb.i + 8].text.lower()
    return any(after.startswith(phrase) or f" {phrase}" in after for phrase in anonymity_phrases())


def _addressed(verb: Token) -> bool:
    """An act reaches someone or goes through a channel: "addressed the nation", "spoke to
    reporters", "issued a statement" — not "the court issued arrest warrants"."""
    words = [t for t in verb.subtree if t.i > verb.i][:8]
    if any(t.lower_ in audiences() for t in words):
        return True
    return channel_in([t.lower_ for t in words]) is not None


def contentless_acts(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    cues = {d.cue.i for d in drafts if d.cue is not None}
    acts = []
    for i in cue_verbs_in(doc):
        token = doc[i]
        if i in cues or cue_families().get(token.lemma_) != "act":
            continue
        speaker = subject_of(token)
        if speaker is not None and not _anonymity_formula(token) and _addressed(token):
            acts.append(Draft(token, [], speaker, False, False))
    return acts
