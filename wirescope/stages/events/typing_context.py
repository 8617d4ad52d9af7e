"""Where a typing rule looks for its cue, seen from a trigger: the trigger's sentence, the
sentences around it, its subject or object, the clause that governs it, or the whole report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

# Dependents that say who acted: the subject, a passive's agent ("by gunmen"), a noun's
# possessor or modifier ("ISIS's attack", "rebel offensive").
SUBJECT_DEPS = frozenset({"nsubj", "agent", "poss", "compound", "amod", "csubj"})
# Dependents that say what was acted on: the object, a passive's subject ("troops were
# attacked"), a noun's prepositional complement ("attack on a checkpoint").
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "dative", "oprd", "pobj"})
# Prepositions that introduce a target ("an attack on a checkpoint", "fired at protesters").
TARGET_PREPOSITIONS = frozenset({"on", "against", "at", "upon", "into", "of"})
# A verb in one of these relations has no subject of its own: it shares its head's.
SHARES_SUBJECT = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "pcomp", "prep"})
# A noun trigger that is a verb's object or complement has the verb's subject for actor
# ("the army took full control", "protesters staged a sit-in").
SHARES_SUBJECT |= {"dobj", "pobj"}


@dataclass(frozen=True)
class Hit:
    """A lexicon row found in the text: a trigger or a cue."""

    row: int
    family: str
    span: Span

    @property
    def sentence_start(self) -> int:
        return self.span.sent.start


def _actor_tokens(head: Token) -> Iterator[Token]:
    """Tokens of the subject phrase of `head`, borrowing the governing verb's when it has none."""
    current: Token | None = head
    for _ in range(4):  # a few hops up a chain of xcomp/conj verbs is enough
        if current is None:
            return
        found = [child for child in current.children if child.dep_ in SUBJECT_DEPS]
        if found:
            for child in found:
                yield from child.subtree
            return
        shares = current.dep_ in SHARES_SUBJECT and current.head is not current
        current = current.head if shares else None


def _object_tokens(head: Token) -> Iterator[Token]:
    for child in head.children:
        target = child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS
        if child.dep_ in OBJECT_DEPS or target:
            yield from child.subtree


def _inside(hit: Hit, indexes: set[int]) -> bool:
    return any(token.i in indexes for token in hit.span)


def _governs(cue: Hit, trigger: Span) -> bool:
    """The trigger is inside the clause the cue heads ("claimed responsibility for the attack")."""
    root = cue.span.root
    return trigger.root.i != root.i and root.is_ancestor(trigger.root)


def found_in_scope(
    scope: str, trigger: Span, cues: list[Hit], order: dict[int, int], window: int
) -> bool:
    """Whether any of `cues` (one family's hits) is in the trigger's `scope`. `order` maps each
    sentence's first token to its number; `window`: how many sentences `near` looks ahead."""
    # A trigger is not its own cue; a cue inside a longer trigger is ("peace agreement" in
    # "signed a peace agreement").
    cues = [cue for cue in cues if (cue.span.start, cue.span.end) != (trigger.start, trigger.end)]
    if not cues:
        return False
    if scope == "document":
        return True
    here = order[trigger.sent.start]
    if scope == "sentence":
        return any(order[cue.sentence_start] == here for cue in cues)
    if scope == "near":  # the sentence before, this one and `window` after
        return any(here - 1 <= order[cue.sentence_start] <= here + window for cue in cues)
    if scope == "governs":
        return any(_governs(cue, trigger) for cue in cues)
    if scope == "subtree":  # the cue depends on the trigger ("no group has claimed")
        return any(trigger.root.is_ancestor(cue.span.root) for cue in cues)
    if scope == "object_of":  # the trigger is what the cue's verb acts on ("seized rockets")
        return any(trigger.root.i in {t.i for t in _object_tokens(cue.span.root)} for cue in cues)
    tokens = _actor_tokens(trigger.root) if scope == "subject" else _object_tokens(trigger.root)
    indexes = {token.i for token in tokens}
    return any(_inside(cue, indexes) for cue in cues)
