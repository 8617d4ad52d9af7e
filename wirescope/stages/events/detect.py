"""Event detection and ACLED typing: trigger candidates of one document, most salient first.

The trigger lexicon (`lexicons/event_triggers.tsv`) is matched once over the parse; each
trigger takes its row's type, then ACLED's coding rules (`lexicons/event_rules.tsv`) retype
it from the cues around it (an attack by drone is an air strike; a protest met with tear gas
is a protest with intervention; an attack someone claims responsibility for is, in that
sentence, a claim). Salience (`typing_salience.py`) orders them. A report that names no
event of the lexicon still gets one: its title's (or first sentence's) main verb, typed
Non-conflict / Other, so that every story has a main event.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span

from wirescope.lexicon import words
from wirescope.nlp import sentence_of, sentences
from wirescope.settings import EventDetectionSettings
from wirescope.stages.events.candidate import Candidate
from wirescope.stages.events.relevance import Evidence
from wirescope.stages.events.typing_context import Hit, found_in_scope
from wirescope.stages.events.typing_lexicon import (
    POS_CLASSES,
    coding_rules,
    entries,
    matcher,
    rules,
)
from wirescope.stages.events.typing_salience import salience

FALLBACK_TYPE = ("Non-conflict", "Other")
# Entity labels of names whose words are not events ("National Liberation Front", "Operation
# Desert Storm" is a name too, but of an event: EVENT is not here).
NAME_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"})
VERBS = frozenset({"VERB", "AUX"})


def candidates(
    doc: Doc, config: EventDetectionSettings, title_end: int = 0, themed: bool | None = None
) -> list[Candidate]:
    """Typed trigger candidates, most salient first. `title_end` is the character offset
    where the title ends when the title is part of the text (0 when it is not)."""
    return detect(doc, config, title_end, themed)[0]


def detect(
    doc: Doc, config: EventDetectionSettings, title_end: int = 0, themed: bool | None = None
) -> tuple[list[Candidate], bool]:
    """The candidates, and whether the text is a conflict story (`relevance.py`). `themed`
    imposes the latter: a headline is read in the light of its report's body."""
    if all(token.is_space or token.is_punct for token in doc):
        return [], False  # no words, no report: nothing happened in it
    order = {sentence.start: number for number, sentence in enumerate(sentences(doc))}
    hits = _hits(doc, order)
    cues = CueIndex(hits)
    triggers = _triggers(hits)
    found = [_typed(hit, cues, config.near_sentences) for hit in triggers]
    _adopt(triggers, found, config.near_sentences)
    evidence = Evidence(hits, len(order), config.theme_sentences)
    found = [
        candidate
        for hit, candidate in zip(triggers, found, strict=True)
        if evidence.stands(hit, candidate, themed)
    ]
    for candidate in found:
        candidate.score += salience(candidate.trigger, order, title_end, config)
    found.sort(key=lambda candidate: (-candidate.score, candidate.trigger.start))
    return found or [fallback(doc)], evidence.themed if themed is None else themed


def _hits(doc: Doc, order: dict[int, int]) -> list[Hit]:
    """Every lexicon row found, once per place; a single word only as the row's part of speech."""
    table = entries()
    shortest: dict[tuple[int, int], Span] = {}
    for row, start, end in matcher(doc.vocab)(doc):
        known = shortest.get((row, start))
        if known is None or end < known.end:
            shortest[(row, start)] = doc[start:end]
    hits = []
    for (row, _start), span in sorted(shortest.items(), key=lambda item: item[1].start):
        # One word may be another part of speech ("march" the month); a phrase is specific
        # enough by itself, and the tagger often mistags its head ("a hate crime", VERB).
        allowed = POS_CLASSES[table[row].pos] if len(span) == 1 else frozenset()
        if not allowed or span.root.pos_ in allowed:
            sentence = order[sentence_of(span[0]).start]
            hits.append(Hit(row=row, family=table[row].family, span=span, sentence=sentence))
    return hits


def _triggers(hits: list[Hit]) -> list[Hit]:
    """Hits that name events, without those inside a longer phrase of the lexicon ("strike" in
    "drone strike", "riot" in "riot police") or inside a name ("Liberation Front")."""
    table = entries()
    by_sentence: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_sentence[hit.sentence].append(hit)
    named = {token.i for hit in hits if table[hit.row].is_trigger for token in hit.span}
    return [
        hit
        for hit in hits
        if table[hit.row].is_trigger
        and not _in_name(hit.span)
        and not _modifies_a_thing(hit.span, named)
        and not any(_inside_longer(hit.span, other.span) for other in by_sentence[hit.sentence])
    ]


def _modifies_a_thing(span: Span, named: set[int]) -> bool:
    """A one-word trigger that only qualifies a noun naming no event ("fire crews", "the gang
    unit", "attack helicopters", "war crimes"): the words name people or things, not an event.
    Beside an event noun it still tells one ("bomb attack", "protest march")."""
    root = span.root
    return (
        len(span) == 1
        and root.dep_ == "compound"
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i not in named
        and root.head.lemma_.lower() not in words("event_bound_nouns.tsv")
    )


def _inside_longer(span: Span, other: Span) -> bool:
    return other.start <= span.start and span.end <= other.end and len(other) > len(span)


def _in_name(span: Span) -> bool:
    """Part of a multi-word name of an organisation, person, work or law."""
    root = span.root
    if root.ent_type_ not in NAME_LABELS:
        return False
    following = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    return root.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I")


class CueIndex:
    """Hits by family and sentence: a rule whose scope is a sentence or the sentences near
    looks only there, so typing a long report costs its length, not its length squared."""

    def __init__(self, hits: list[Hit]) -> None:
        self._everywhere: dict[str, list[Hit]] = defaultdict(list)
        self._by_sentence: dict[tuple[str, int], list[Hit]] = defaultdict(list)
        for hit in hits:
            self._everywhere[hit.family].append(hit)
            self._by_sentence[(hit.family, hit.sentence)].append(hit)

    def in_scope(self, scope: str, here: int, families: tuple[str, ...], window: int) -> list[Hit]:
        """The hits of these families that a rule of this scope may see from sentence `here`
        (`found_in_scope` then decides)."""
        if scope == "document":
            return [hit for family in families for hit in self._everywhere.get(family, [])]
        numbers = range(here - 1, here + window + 1) if scope == "near" else (here,)
        return [
            hit
            for family in families
            for sentence in numbers
            for hit in self._by_sentence.get((family, sentence), [])
        ]


def _typed(hit: Hit, cues: CueIndex, window: int) -> Candidate:
    """The trigger's lexicon typing, revised by every coding rule whose cue is in scope."""
    entry = entries()[hit.row]
    type_, subtype, score = entry.type, entry.subtype, entry.weight
    for rule in coding_rules():
        if not rule.applies_to(entry.family, type_, subtype):
            continue
        seen = cues.in_scope(rule.scope, hit.sentence, rule.cue_families, window)
        if found_in_scope(rule.scope, hit, seen, window) != rule.negated:
            if rule.type != "-":
                type_, subtype = rule.type, rule.subtype
            score += rule.delta
    own = (type_, subtype) == (entry.type, entry.subtype)
    return Candidate(
        type=type_, subtype=subtype, trigger=hit.span, score=score, own=own, family=hit.family
    )


def _adopt(triggers: list[Hit], found: list[Candidate], window: int) -> None:
    """Generic triggers ("killed", "attack") take the typing of the strongest specific trigger
    in scope of an adopting rule ("killed in an air raid" is the air raid's killing)."""
    table = entries()
    adopting = [rule for rule in rules() if rule.adopts]
    by_sentence: dict[int, list[tuple[Hit, Candidate]]] = defaultdict(list)
    for pair in zip(triggers, found, strict=True):
        by_sentence[pair[0].sentence].append(pair)
    everyone = list(zip(triggers, found, strict=True))
    for hit, candidate in everyone:
        entry = table[hit.row]
        if (candidate.type, candidate.subtype) != (entry.type, entry.subtype):
            continue  # a coding rule already typed it from its own context: that stands
        own = entry.weight
        for rule in adopting:
            if not rule.applies_to(hit.family, candidate.type, candidate.subtype):
                continue
            if rule.scope == "document":
                near = everyone
            else:
                numbers = (
                    range(hit.sentence - 1, hit.sentence + window + 1)
                    if rule.scope == "near"
                    else (hit.sentence,)
                )
                near = [pair for n in numbers for pair in by_sentence.get(n, [])]
            donors = [
                (table[other.row].weight, other, donor)
                for other, donor in near
                if rule.may_adopt(donor.type, donor.subtype) and table[other.row].weight > own
            ]
            donors = [item for item in donors if found_in_scope(rule.scope, hit, [item[1]], window)]
            if donors:
                _weight, _other, donor = max(
                    donors, key=lambda item: (item[0], -item[1].span.start)
                )
                candidate.type, candidate.subtype = donor.type, donor.subtype
                candidate.score += rule.delta
                candidate.own = False
                break


def fallback(doc: Doc) -> Candidate:
    """The main verb of the first sentence (the title, when there is one), typed Non-conflict /
    Other: a business or sports story still has a main event."""
    first = next(iter(doc.sents))
    verbs = [token for token in first if token.pos_ in VERBS and token.dep_ != "aux"]
    head = first.root if first.root.pos_ in VERBS else (verbs[0] if verbs else first.root)
    return Candidate(
        type=FALLBACK_TYPE[0], subtype=FALLBACK_TYPE[1], trigger=doc[head.i : head.i + 1], score=0.0
    )
