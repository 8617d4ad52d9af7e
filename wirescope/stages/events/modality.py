"""How far the event happened (event_modality.tsv) and what came of it (event_outcomes.tsv).

Modality is read from the words syntactically tied to a trigger: the trigger phrase itself
("assassination attempt"), the words it hangs from ("survived", "threatened to") and its own
auxiliaries and negation ("could strike", "did not attack"). Outcomes ("he is unharmed") are
read anywhere in the event's sentences.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from wirescope.stages.events.phrases import phrases

# When words disagree, the stronger reading wins: a negated event did not happen at all.
_PRECEDENCE = ("negated", "attempted", "threatened", "planned", "hypothetical")


def _tied_words(trigger: Span) -> list[Span]:
    doc = trigger.doc
    root = trigger.root
    spans = [trigger]
    head = root
    for _ in range(2):  # "survived an attempt", "threatened to launch an attack"
        if head.head is head:
            break
        clause = head.dep_ == "xcomp"  # "would not be allowed to arrest": its verb's words
        head = head.head
        spans.append(doc[head.i : head.i + 2])
        if clause:
            spans.extend(
                doc[c.i : c.i + 1] for c in head.children if c.dep_ in ("aux", "auxpass", "neg")
            )
    spans.extend(
        doc[c.i : c.i + 1]
        for c in root.children
        if c.dep_ in ("aux", "amod", "neg", "advmod", "mark")
    )
    return spans


def _negated(root: Token) -> bool:
    return any(c.dep_ == "neg" for c in root.children)


def modality_and_outcome(triggers: list[Span], sentences: list[Span]) -> tuple[str, str | None]:
    found: set[str] = set()
    outcome: str | None = None
    main = triggers[0]
    if main.root.pos_ == "VERB" and _negated(main.root):
        found.add("negated")
    # "would not be allowed to arrest", "refused to attack": the verb it hangs from is negated.
    if main.root.dep_ == "xcomp" and _negated(main.root.head):
        found.add("negated")
    for trigger in triggers:
        for words in _tied_words(trigger):
            for hit in phrases("event_modality.tsv").find(words):
                found.add(hit.cells[0])
                if hit.cells[1] != "-" and outcome is None:
                    outcome = hit.cells[1]
    for sentence in sentences:
        for hit in phrases("event_outcomes.tsv").find(sentence):
            outcome = hit.cells[0]
            found.add("attempted")
            break
    modality = next((m for m in _PRECEDENCE if m in found), "actual")
    return modality, outcome
