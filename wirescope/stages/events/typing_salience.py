"""How central a trigger is to its report: where it stands (title, lead, later) and what it
does in its sentence (the main verb, an argument of it, or a subordinate clause).
Weights are in settings.toml, section [event_detection]."""

from __future__ import annotations

from spacy.tokens import Span

from wirescope.nlp import sentence_of
from wirescope.reporting import says
from wirescope.settings import EventDetectionSettings

# Dependency relations of a trigger that is itself the main clause's verb, or one coordinated
# with it ("troops stormed the town and freed hostages").
MAIN_CLAUSE = frozenset({"ROOT"})
COORDINATED = frozenset({"conj"})
# A noun that is a direct argument of the main verb ("clashes erupted", "staged a protest").
ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj"})


def position_weight(
    trigger: Span, order: dict[int, int], title_end: int, config: EventDetectionSettings
) -> float:
    """The title weighs most, then the lead, and each later sentence less."""
    if title_end and trigger.start_char < title_end:
        return config.title_bonus
    number = order[sentence_of(trigger[0]).start]
    if title_end:  # the title is sentence 0: the lead is the next one
        number = max(number - 1, 0)
    return config.lead_bonus / (1 + number)


def syntax_role(trigger: Span) -> str | None:
    """Where the trigger stands in its sentence: the main clause's verb ("main"), a verb
    coordinated with it, an argument of it, or nowhere that weighs (None)."""
    root = trigger.root
    if root.dep_ in MAIN_CLAUSE:
        return "main"
    if root.dep_ in COORDINATED and root.head.dep_ in MAIN_CLAUSE:
        return "coordinated"
    if root.dep_ == "ccomp" and root.head.dep_ in MAIN_CLAUSE and says(root.head.lemma_):
        # Wire copy tells the news as what someone said: "officials said militants seized..."
        return "main"
    head = root.head.head if root.dep_ == "pobj" else root.head
    if root.dep_ in ARGUMENT and head.dep_ in MAIN_CLAUSE:
        return "argument"
    return None


def syntax_weight(trigger: Span, config: EventDetectionSettings) -> float:
    """The main clause's verb outweighs its arguments, which outweigh subordinate clauses."""
    role = syntax_role(trigger)
    if role == "main":
        return config.main_verb_bonus
    if role == "coordinated":
        return config.main_verb_bonus * 0.8
    return config.argument_bonus if role == "argument" else 0.0


def salience(
    trigger: Span, order: dict[int, int], title_end: int, config: EventDetectionSettings
) -> float:
    return position_weight(trigger, order, title_end, config) + syntax_weight(trigger, config)
