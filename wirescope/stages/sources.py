"""The sources stage: whom the report relies on.

Every statement's speaker is a source: a named official (a person entity), an anonymous
official (an unnamed person: "two Iraqi officials"), an agency (a body), a news outlet, a
document ("the statement released by state-run media"). Witnesses are read from their own
words ("Residents heard an explosion"). Anonymous sources get their count, affiliation, the
reason given for not naming them and the outlet they told.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.attrs import DEP
from spacy.symbols import nsubj
from spacy.tokens import Doc, Span, Token

from wirescope.actors import demonyms
from wirescope.lexicon import table, words
from wirescope.nlp import sentence_of
from wirescope.numbers import number_value
from wirescope.parsed import Parsed
from wirescope.record import Entity, Report, Source, Statement
from wirescope.stages.entities.words import org_heads
from wirescope.stages.statements.syntax import SPEAKING_NOUNS, is_person_noun

# "because they were not authorized to give official statements", "as he was not authorized
# to comment", "who was not authorized to speak publicly", "to discuss sensitive matters".
_REASON = re.compile(
    r"(?:because|as|since|who)\s+(?:\w+\s+){0,2}?(?:was|were|is|are)\s+"
    r"(?P<reason>not\s+(?:authori[sz]ed|allowed|permitted|cleared)\s+[^.,;\"“”]+)"
    r"|anonymity\s+(?P<purpose>to\s+(?:discuss|speak|talk|describe|detail)\s+[^.,;\"“”]+)",
    re.IGNORECASE,
)


def witness_words() -> frozenset[str]:
    return words("witness_words.tsv")


def run(parsed: Parsed, record: Report) -> None:
    doc = parsed.doc
    if doc is None:
        return
    found: dict[str, Source] = {}
    for statement in record.statements:
        source = source_of(doc, record, statement)
        if source is not None:
            _merge(found, _key(source, statement), source)
    for source in witnesses(doc):
        _merge(found, source.text.lower(), source)
    ordered = sorted(found.values(), key=lambda s: s.span[0] if s.span else 0)
    for number, source in enumerate(ordered, start=1):
        source.id = f"r{number}"
    record.sources = ordered


def _key(source: Source, statement: Statement) -> str:
    return statement.speaker.entity or source.text.lower()


def _merge(found: dict[str, Source], key: str, source: Source) -> None:
    known = found.get(key)
    if known is None:
        found[key] = source
        return
    for field in ("reason", "told", "affiliation", "count"):
        if getattr(known, field) is None and getattr(source, field) is not None:
            setattr(known, field, getattr(source, field))


def _entity(record: Report, entity_id: str | None) -> Entity | None:
    return next((e for e in record.entities if e.id == entity_id), None)


def source_of(doc: Doc, record: Report, statement: Statement) -> Source | None:
    speaker = statement.speaker
    if speaker.span is None or speaker.text is None:
        return None
    span = doc.char_span(*speaker.span, alignment_mode="expand")
    if span is None or (span.root.pos_ == "PRON" and speaker.entity is None):
        return None
    if speaker.entity is None and not _can_be_source(span.root):
        return None  # "the vote sent the pound falling", "the meeting concluded with …"
    entity = _entity(record, speaker.entity)
    text, bounds = speaker.text, speaker.span
    if entity is not None:
        text = entity.name
        if span.root.pos_ == "PRON":
            bounds = (entity.mentions[0][0], entity.mentions[0][1])
    kind = _kind(span, entity, speaker.anonymous)
    if kind == "named_official" and entity is not None and _private_person(doc, entity):
        kind = "witness"
    source = Source(
        id="", kind=kind, text=text, span=bounds, anonymous=speaker.anonymous, count=speaker.count
    )
    body = _entity(record, entity.affiliation) if entity is not None else None
    if body is not None:
        source.affiliation = body.name
    if speaker.anonymous:
        source.affiliation = _affiliation(record, span)
    if kind == "anonymous_official":
        source.reason = _reason(doc, span)
    if statement.cue is not None and statement.cue.text.lower().startswith("told"):
        source.told = _told(doc, record, statement)
    return source


def _can_be_source(head: Token) -> bool:
    """A speaker with no entity is no source when its head is a common noun naming an event
    (event_triggers.tsv): "the attack", "the vote in June", "the fire at the depot" (the
    statements stage keeps such subjects, as PolNeAR counts them); people and bodies the
    lexicons lack ("investors", "the magistrate") stay sources."""
    if head.pos_ != "NOUN" or head.ent_type_ or is_person_noun(head):
        return True
    lemma = head.lemma_.lower()
    if lemma in org_heads() or any(lemma in words(name) for name in SPEAKING_NOUNS):
        return True  # "the court", "the council": bodies, whatever else the word names
    return lemma not in _event_nouns()


@cache
def _event_nouns() -> frozenset[str]:
    return frozenset(
        row[0].lower()
        for row in table("event_triggers.tsv")
        if len(row) > 3 and " " not in row[0] and row[1] in ("N", "*") and row[3] != "-"
    )


def _kind(span: Span, entity: Entity | None, anonymous: bool) -> str:
    head = span.root.lemma_.lower()
    if entity is not None:
        if entity.kind == "person":
            return "named_official"
        return "media" if entity.category == "media" else "agency"
    if head in witness_words():
        return "witness"
    if anonymous:
        return "anonymous_official"
    if head in words("document_words.tsv"):
        return "document"
    if is_person_noun(span.root):
        return "named_official"  # an office the report does not name: "the prime minister"
    return "agency"


def _private_person(doc: Doc, entity: Entity) -> bool:
    """A named person with no office whom the report introduces by private life or as a
    witness, in an indefinite apposition to one of their names: "Haroun Adam, a 46-year-old
    father of five", "Abu Rami, a neighbour who helped pull survivors from the debris"."""
    if entity.kind != "person" or entity.titles or entity.category:
        return False
    described = _private_words()
    for start, end in entity.mentions:
        name = doc.char_span(start, end, alignment_mode="expand")
        if name is None:
            continue
        for apposition in (c for c in name.root.children if c.dep_ == "appos"):
            article = next((c for c in apposition.children if c.dep_ == "det"), None)
            indefinite = article is not None and article.lower_ in ("a", "an")
            if indefinite and apposition.lemma_.lower() in described:
                return True
    return False


@cache
def _private_words() -> frozenset[str]:
    return witness_words() | words("private_persons.tsv")


def _affiliation(record: Report, span: Span) -> str | None:
    """ "Two Iraqi officials" -> "Iraqi"; "an official from the X group" -> X's name."""
    for token in span:
        if token.text in demonyms():
            return token.text
    for entity in record.entities:
        if entity.kind in ("organization", "group", "state") and any(
            span.start_char <= a < span.end_char for a, _ in entity.mentions
        ):
            return entity.name
    return None


def _reason(doc: Doc, span: Span) -> str | None:
    """Why a source is unnamed, in the sentence that names it or the next one."""
    sentence = span.sent
    following = sentence_of(doc[sentence.end]) if sentence.end < len(doc) else None
    for part in (sentence, following):
        if part is None:
            continue
        match = _REASON.search(part.text)
        if match:
            return (match["reason"] or match["purpose"]).strip(" ,")
    return None


def _told(doc: Doc, record: Report, statement: Statement) -> str | None:
    """ "told The Associated Press": the outlet (or audience) the source spoke to."""
    cue = doc.char_span(*statement.cue.span, alignment_mode="expand") if statement.cue else None
    if cue is None:
        return None
    verb: Token = cue.root
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            return doc[child.left_edge.i : child.right_edge.i + 1].text
    return None


def witnesses(doc: Doc) -> list[Source]:
    """ "Residents of Baghdad heard the sound of an explosion": people who saw or heard."""
    found = []
    deps = doc.to_array(DEP).tolist()  # subjects picked from an array, not token by token
    for i in (i for i, dep in enumerate(deps) if dep == nsubj):
        token = doc[i]
        if token.lemma_.lower() not in witness_words():
            continue
        if token.head.lemma_.lower() not in words("perception_verbs.tsv"):
            continue
        phrase = doc[token.left_edge.i : token.right_edge.i + 1]
        count = next((number_value(c.text) for c in token.children if c.dep_ == "nummod"), None)
        found.append(
            Source(
                id="",
                kind="witness",
                text=phrase.text,
                span=(phrase.start_char, phrase.end_char),
                anonymous=True,
                count=count,
            )
        )
    return found
