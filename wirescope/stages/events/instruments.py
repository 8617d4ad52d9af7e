"""With what: weapons and means named in an event's sentences, with their count.

Every account is kept: "two armed drones" (per two officials) and "an explosives-laden drone"
(per the government) are two entries. A bare mention ("the drones") adds nothing when a counted
one of the same kind is there.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from wirescope.numbers import number_value
from wirescope.record import Instrument
from wirescope.stages.events.phrases import phrases

# Modifiers kept in an instrument's text: "two armed drones", "an explosives-laden drone".
_PREMODIFIERS = {"det", "nummod", "amod", "compound", "quantmod"}


def is_instrument(token: Token) -> bool:
    """A weapon or means of attack by the lexicon (\"rockets\", \"drone\")."""
    return next(phrases("instruments.tsv").find(token.doc[token.i : token.i + 1]), None) is not None


def _is_figurative(head: Token) -> bool:
    """ "the rockets of treason": an instrument 'of' an abstract noun is a figure of speech."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [t for t in child.children if t.dep_ == "pobj"]
            if objects and not any(is_instrument(o) for o in objects):
                return True
    return False


def _count(head: Token) -> int | None:
    """The number before the noun: "two drones" -> 2, "an explosives-laden drone" -> 1; a
    plural or definite mention gives none."""
    for child in head.lefts:
        if child.dep_ == "nummod":
            return number_value(child.text)
    if head.tag_ in ("NN", "NNP") and any(
        child.dep_ == "det" and child.lower_ in ("a", "an", "one") for child in head.lefts
    ):
        return 1
    return None


def _phrase(head: Token) -> Span:
    start = head.i
    for child in head.lefts:
        if child.dep_ in _PREMODIFIERS:
            start = min(start, child.left_edge.i)
    return head.doc[start : head.i + 1]


def instruments_in(sentences: list[Span]) -> list[Instrument]:
    found: list[Instrument] = []
    for sentence in sentences:
        covered = -1
        for hit in phrases("instruments.tsv").find(sentence):
            if hit.start <= covered:
                continue
            covered = hit.end - 1
            head = sentence.doc[hit.end - 1]
            if head.pos_ not in ("NOUN", "PROPN") or _is_figurative(head):
                continue
            # "drone attack": the instrument modifies the event noun; counted by nobody.
            owner = head.head if head.dep_ == "compound" else head
            found.append(
                Instrument(
                    text=_phrase(owner).text if owner is head else head.text,
                    kind=hit.cells[0],
                    count=_count(owner),
                )
            )
    return _accounts(found)


def _accounts(found: list[Instrument]) -> list[Instrument]:
    """One entry per kind and count; uncounted mentions only where no count is given."""
    counted_kinds = {i.kind for i in found if i.count is not None}
    kept: list[Instrument] = []
    seen: set[tuple[str, int | None]] = set()
    for instrument in found:
        key = (instrument.kind, instrument.count)
        if key in seen or (instrument.count is None and instrument.kind in counted_kinds):
            continue
        seen.add(key)
        kept.append(instrument)
    return kept
