"""How central a trigger is to its report: where it stands (title, lead, later) and what it
does in its sentence (the main verb, an argument of it, or a subordinate clause).
Weights are in settings.toml, section [event_detection]."""

from __future__ import annotations

from spacy.tokens import Span, Token

from wirescope.lexicon import mapping
from wirescope.settings import setting

# Dependency relations of a trigger that is itself the main clause's verb, or one coordinated
# with it ("troops stormed the town and freed hostages").
MAIN_CLAUSE = frozenset({"ROOT"})
COORDINATED = frozenset({"conj"})
# A noun that is a direct argument of the main verb ("clashes erupted", "staged a protest").
ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj"})
# Reporting verbs (lemma, family): those of family "say" introduce reported news.
REPORTING_VERBS = "cue_verbs.tsv"


def _reports(verb: Token) -> bool:
    """A reporting verb ("said", "told"), from the statements stage's lexicon."""
    cue = mapping(REPORTING_VERBS).get(verb.lemma_.lower())
    return cue is not None and cue[:1] == ("say",)


def _weight(key: str) -> float:
    return float(setting("event_detection", key))


def position_weight(trigger: Span, order: dict[int, int], title_end: int) -> float:
    """The title weighs most, then the lead, and each later sentence less."""
    if title_end and trigger.start_char < title_end:
        return _weight("title_bonus")
    number = order[trigger.sent.start]
    if title_end:  # the title is sentence 0: the lead is the next one
        number = max(number - 1, 0)
    return _weight("lead_bonus") / (1 + number)


def syntax_weight(trigger: Span) -> float:
    """The main clause's verb outweighs its arguments, which outweigh subordinate clauses."""
    root = trigger.root
    if root.dep_ in MAIN_CLAUSE:
        return _weight("main_verb_bonus")
    if root.dep_ in COORDINATED and root.head.dep_ in MAIN_CLAUSE:
        return _weight("main_verb_bonus") * 0.8
    if root.dep_ == "ccomp" and root.head.dep_ in MAIN_CLAUSE and _reports(root.head):
        # Wire copy tells the news as what someone said: "officials said militants seized..."
        return _weight("main_verb_bonus")
    head = root.head.head if root.dep_ == "pobj" else root.head
    if root.dep_ in ARGUMENT and head.dep_ in MAIN_CLAUSE:
        return _weight("argument_bonus")
    return 0.0


def salience(trigger: Span, order: dict[int, int], title_end: int) -> float:
    return position_weight(trigger, order, title_end) + syntax_weight(trigger)
