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
    # The number of the hit's sentence in the document (Span.sent is costly: found once).
    sentence: int


def _actor_tokens(head: Token, trigger: Span | None = None) -> Iterator[Token]:
    """Tokens of the subject phrase of `head`, borrowing the governing verb's when it has none.
    The trigger's own words are no actor ("full" of "took full control")."""
    own = range(trigger.start, trigger.end) if trigger is not None else range(0)
    current: Token | None = head
    for _ in range(4):  # a few hops up a chain of xcomp/conj verbs is enough
        if current is None:
            return
        found = [c for c in current.children if c.dep_ in SUBJECT_DEPS and c.i not in own]
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


def _no_verb_between(token: Token, verb: Token) -> bool:
    """Whether `token` hangs from `verb` through nouns and prepositions only: "found rockets
    in a car" acts on the rockets; "found slumped on a bench in a nerve agent attack" does not
    act on the attack."""
    current = token.head
    while current.i != verb.i and current.head is not current:
        if current.pos_ in ("VERB", "AUX"):
            return False
        current = current.head
    return True


def _inside(hit: Hit, indexes: set[int]) -> bool:
    return any(token.i in indexes for token in hit.span)


def _governs(cue: Hit, trigger: Span) -> bool:
    """The trigger is inside the clause the cue heads ("claimed responsibility for the attack")."""
    root = cue.span.root
    return trigger.root.i != root.i and root.is_ancestor(trigger.root)


def found_in_scope(scope: str, trigger: Hit, cues: list[Hit], window: int) -> bool:
    """Whether any of `cues` is in the trigger's `scope`; `window`: how many sentences `near`
    looks ahead."""
    here = trigger.sentence
    if scope == "near":  # the sentence before, this one and `window` after
        return any(
            here - 1 <= cue.sentence <= here + window and _other(cue, trigger) for cue in cues
        )
    if scope == "document":
        return any(_other(cue, trigger) for cue in cues)
    # The other scopes are within the sentence: dependencies do not cross sentences.
    cues = [cue for cue in cues if cue.sentence == here and _other(cue, trigger)]
    if not cues or scope == "sentence":
        return bool(cues)
    root = trigger.span.root
    if scope == "governs":
        return any(_governs(cue, trigger.span) for cue in cues)
    if scope == "subtree":  # the cue depends on the trigger ("no group has claimed")
        return any(root.is_ancestor(cue.span.root) for cue in cues)
    if scope == "object_of":  # the trigger is what the cue's verb acts on ("seized rockets")
        return any(
            root.i in {t.i for t in _object_tokens(cue.span.root)}
            and _no_verb_between(root, cue.span.root)
            for cue in cues
        )
    tokens = _actor_tokens(root, trigger.span) if scope == "subject" else _object_tokens(root)
    indexes = {token.i for token in tokens}
    return any(_inside(cue, indexes) for cue in cues)


def _other(cue: Hit, trigger: Hit) -> bool:
    """A trigger is not its own cue; a cue inside a longer trigger is ("peace agreement" in
    "signed a peace agreement")."""
    return (cue.span.start, cue.span.end) != (trigger.span.start, trigger.span.end)
