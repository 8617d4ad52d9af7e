"""Who did it, to whom: the trigger's arguments (event_roles.tsv), and what the report says
about responsibility (responsibility.tsv): claimed, suspected, denied, unknown.

Arguments are entities where an entity's mention lies in them; otherwise their words are kept
("unidentified gunmen", entity null). The events' `per` (which statements or sources say so)
is filled after the statements stage (cite.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from spacy.tokens import Span, Token

from wirescope.lexicon import mapping, table, words
from wirescope.record import Entity, Participant, Report
from wirescope.reporting import is_reporting_verb
from wirescope.stages.entities.words import titles_by_class
from wirescope.stages.events.instruments import is_instrument
from wirescope.stages.events.phrases import Hit, lemma, phrases
from wirescope.stages.meta import dateline_end

# Dates, times, quantities and places are not actors ("attack on Sunday", "attack on Baghdad"
# names where the target was, which the places stage records).
_NOT_ACTOR_ENTS = {
    "DATE",
    "TIME",
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "MONEY",
    "PERCENT",
    "GPE",
    "LOC",
    "FAC",
}
_NOT_ACTORS = {"it", "this", "that", "which", "who", "what", "there"}
# A participant's words: the noun with its modifiers, not its relative clauses.
_PHRASE_PARTS = {"det", "amod", "compound", "poss", "nummod", "case", "nmod", "quantmod", "punct"}


@cache
def _roles() -> dict[tuple[str, str], str]:
    return {(row[0].lower(), row[1]): row[2] for row in table("event_roles.tsv")}


def _role(trigger: Token, dep: str) -> str | None:
    return _roles().get((lemma(trigger), dep)) or _roles().get(("*", dep))


def _arguments(trigger: Token) -> list[tuple[str, Token]]:
    """(dependency, head noun) pairs of the trigger: subjects, objects, "on X", "by X"."""
    found: list[tuple[str, Token]] = []
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            found.append((child.dep_, child))
        elif child.dep_ == "agent":
            found.extend(("agent", obj) for obj in child.children if obj.dep_ == "pobj")
        elif child.dep_ == "prep":
            found.extend(
                (f"prep:{child.lower_}", obj) for obj in child.children if obj.dep_ == "pobj"
            )
        elif child.dep_ == "poss" and trigger.pos_ == "NOUN":
            found.append(("nsubj", child))
    # "an assassination attempt that targeted his residence": the relative clause's object.
    for child in trigger.children:
        if child.dep_ == "relcl":
            found.extend(("dobj", obj) for obj in child.children if obj.dep_ == "dobj")
    # A noun trigger governed by "survive"/"suffer"/"carry out": its verb's subject counts.
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        verb = trigger.head
        found.extend((f"{lemma(verb)}:nsubj", s) for s in verb.children if s.dep_ == "nsubj")
    return found


def _phrase(head: Token) -> Span:
    start = min((c.left_edge.i for c in head.lefts if c.dep_ in _PHRASE_PARTS), default=head.i)
    return head.doc[start : head.i + 1]


def entity_at(record: Report, start: int, end: int) -> Entity | None:
    for entity in record.entities:
        if any(s < end and start < e for s, e in entity.mentions):
            return entity
    return None


# Roles only people and organised bodies can play.
_ACTING_ROLES = {"perpetrator", "actor"}


def _is_actor_noun(head: Token) -> bool:
    """A named actor or a noun for people or a body: "gunmen", "the army", "Hamas"."""
    nouns = words("actor_nouns.tsv")
    return (
        head.pos_ == "PROPN"
        or lemma(head) in nouns
        or (lemma(head) in titles_by_class())
        # "the army command", "the police department": a body named by what it commands
        or any(c.dep_ == "compound" and lemma(c) in nouns for c in head.children)
    )


def _is_state_acting(record: Report, head: Token, role: str) -> bool:
    """ "Turkey has shelled a city": a country that acts is its state, not a place."""
    if role not in _ACTING_ROLES or head.ent_type_ != "GPE":
        return False
    entity = entity_at(record, head.idx, head.idx + len(head.text))
    return entity is not None and entity.kind == "state"


def headline_perpetrators(record: Report, trigger: Span) -> list[Participant]:
    """Who the headline says did it ("Taliban attacks German consulate"), for an event whose
    report names no perpetrator in its body. The headline is not part of the text: its
    words are matched to the report's entities by name."""
    found = []
    root = trigger.root
    arguments = _arguments(root)
    if root.pos_ == "NOUN":  # "Taliban attacks consulate": a name before the noun is the actor
        arguments += [("nsubj", c) for c in root.children if c.dep_ == "compound"]
    for dep, argument in arguments:
        if _role(root, dep) != "perpetrator" or argument.lower_ in _NOT_ACTORS:
            continue
        if argument.like_num or lemma(argument) in words("event_references.tsv"):
            continue
        if is_instrument(argument):  # "killed by ISIS 'booby trap' bomb": ISIS
            argument = _owner_of_weapon(argument) or argument
        text = _phrase(argument).text
        entity = _entity_named(record, text)
        # A headline's tags are unreliable ("Taliban" a common noun): a name the body knows
        # as an entity, or a capitalised word, is an actor too.
        named = entity is not None or argument.text[:1].isupper()
        if is_instrument(argument) or not (named or _is_actor_noun(argument)):
            continue
        found.append(
            Participant(
                role="perpetrator",
                entity=entity.id if entity else None,
                text=text,
                certainty="confirmed",
            )
        )
    return found


def _entity_named(record: Report, text: str) -> Entity | None:
    wanted = text.lower().removeprefix("the ")
    return next(
        (
            entity
            for entity in record.entities
            if wanted in {entity.name.lower(), *(alias.lower() for alias in entity.aliases)}
        ),
        None,
    )


def _mention_text(record: Report, entity: Entity, token: Token) -> str:
    for start, end in entity.mentions:
        if start <= token.idx < end:
            return record.text[start:end]
    return entity.name


def _owner_of_weapon(weapon: Token) -> Token | None:
    """ "a Hamas rocket", "an ISIS 'booby trap' bomb": the name that qualifies a weapon is
    who used it."""
    for child in weapon.children:
        if child.dep_ not in ("compound", "nmod", "poss") or child.i > weapon.i:
            continue
        if child.pos_ == "PROPN" and not is_instrument(child):
            return child
        owner = _owner_of_weapon(child) if is_instrument(child) or child.pos_ == "NOUN" else None
        if owner is not None:
            return owner
    return None


def _participant(record: Report, head: Token, role: str, certainty: str) -> Participant | None:
    speaker = _reporting_subject(head) if head.pos_ == "PRON" else None
    if speaker is not None:
        return _participant(record, speaker, role, certainty)
    owner_of_weapon = _owner_of_weapon(head) if is_instrument(head) else None
    if owner_of_weapon is not None and role in _ACTING_ROLES:
        return _participant(record, owner_of_weapon, role, certainty)
    if (
        head.lower_ in _NOT_ACTORS
        or head.like_num
        or (head.ent_type_ in _NOT_ACTOR_ENTS and not _is_state_acting(record, head, role))
        or lemma(head) in words("event_references.tsv")
        or is_instrument(head)  # "three rockets": weapons are no parties
        or head.idx < dateline_end(record.text)  # where the story was filed, not who acted
    ):
        return None
    # "his residence": the owner is the one targeted.
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    text = _phrase(head).text
    whole = _whole_of(head)
    if whole is not None:  # "most of the towns": the towns, as many as the text says
        text = head.doc[head.left_edge.i : whole.i + 1].text
        head = whole
    entity = entity_at(record, head.idx, head.idx + len(head.text))
    if entity is None and owner is not None:
        entity = entity_at(record, owner.idx, owner.idx + len(owner.text))
    elif entity is not None and head.pos_ == "PROPN":
        text = _mention_text(record, entity, head)
    if entity is None and head.pos_ == "PRON":
        return None
    if role in _ACTING_ROLES and entity is None and not _is_actor_noun(head):
        return None
    return Participant(
        role=role, entity=entity.id if entity else None, text=text, certainty=certainty
    )


# Words for a part or a quantity of something: "most of the towns", "all of them".
_PARTS = {"most", "some", "all", "many", "several", "part", "parts", "much", "few", "each", "both"}
# Pronouns that can stand for a body rather than a person, and for a person.
_BODY_PRONOUNS = {"it", "its", "they", "their", "we", "our"}
_PERSON_PRONOUNS = {"he", "his", "she", "her", "they", "their", "i", "we"}


def _reporting_subject(pronoun: Token) -> Token | None:
    """ "The army says it has regained the towns": a pronoun subject of the reported clause is
    the one who reports it, where the pronoun can stand for it (a body for "it", a person
    for "he")."""
    verb = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp":
        return None
    cue = verb.head
    if not is_reporting_verb(cue.lemma_):
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
    if subject is None:
        return None
    person = subject.ent_type_ == "PERSON" or lemma(subject) in titles_by_class()
    fitting = _PERSON_PRONOUNS if person else _BODY_PRONOUNS
    return subject if pronoun.lower_ in fitting else None


def _whole_of(head: Token) -> Token | None:
    """The noun a part or quantity is of: "most of the towns", "some of the villages"."""
    if head.pos_ not in ("ADJ", "DET", "PRON", "NUM", "NOUN") or head.lower_ not in _PARTS:
        return None
    return next(
        (
            o
            for prep in head.children
            if prep.lower_ == "of"
            for o in prep.children
            if o.dep_ == "pobj"
        ),
        None,
    )


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject nearest before it (a dateline parses as a subject too), or the
    subject it shares with the verb it is coordinated with ("fired gas and shot at them")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if subjects:
        return subjects[-1]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        return _subject_of(verb.head)
    return None


def _people_trigger(record: Report, head: Token) -> list[Participant]:
    """A trigger that names people ("police fired at protesters", "rioters clashed"): they
    take part; whoever acts on them (the subject of the verb they are the object of) is the
    perpetrator, and they its target."""
    anchor = head  # "at thousands of protesters": the quantity stands in the clause
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ in ("pobj", "dobj"):
        anchor = head.head.head
    verb = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
    acted_on = anchor.dep_ in ("pobj", "dobj") and verb.pos_ == "VERB"
    subject = _subject_of(verb) if acted_on else None
    perpetrator = _participant(record, subject, "perpetrator", "confirmed") if subject else None
    people = _participant(record, head, "target" if perpetrator else "actor", "confirmed")
    return [p for p in (perpetrator, people) if p is not None]


def from_trigger(record: Report, trigger: Span, people_only: bool = False) -> list[Participant]:
    """Participants named by the trigger's own arguments: stated as fact by the report.
    `people_only`: outside violence a side is people or a body ("released on bail" has no
    counterpart "bail"; an attack's target may be a building)."""
    head = trigger.root
    if head.pos_ == "NOUN" and _is_actor_noun(head):
        return _people_trigger(record, head)
    found = []
    for dep, argument in _arguments(head):
        verb, _, relation = dep.partition(":")
        if relation == "nsubj" and verb in ("survive", "escape", "suffer"):
            role: str | None = "target"
        elif relation == "nsubj":
            role = "perpetrator" if verb in ("carry", "launch", "conduct", "stage") else None
        else:
            role = _role(head, dep)
        if role is None:
            continue
        if people_only and not (
            _is_actor_noun(argument) or entity_at(record, argument.idx, argument.idx + 1)
        ):
            continue
        participant = _participant(record, argument, role, "confirmed")
        if participant is not None:
            found.append(participant)
    return found


def _party(hit: Hit, sentence: Span) -> Token | None:
    """The noun a responsibility phrase points at, by the lexicon's `party` column."""
    doc = sentence.doc
    where = hit.cells[1]
    if where == "none":
        return None
    verb = next((t for t in doc[hit.start : hit.end] if t.pos_ in ("VERB", "AUX")), doc[hit.start])
    if where == "pobj":
        last = doc[hit.end - 1]
        return next((c for c in last.children if c.dep_ == "pobj"), None)
    if where == "object":
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("xcomp", "conj", "advcl"):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subject


def _body_of(record: Report, head: Token) -> Token:
    """ "A security official from the X group": a person speaking for a body stands for it."""
    for token in head.subtree:
        entity = entity_at(record, token.idx, token.idx + len(token.text))
        if (
            entity is not None
            and entity.kind in ("group", "organization", "state")
            and token is not head
        ):
            return token
    return head


def _is_nobody(party: Token) -> bool:
    """ "no one", "No group", "nobody": a claim nobody made."""
    return (
        party.lower_ in ("nobody", "none", "no-one")
        or any(c.lower_ == "no" and c.dep_ == "det" for c in party.children)
        or (party.lower_ == "one" and any(c.lower_ == "no" for c in party.children))
    )


def refers_to_an_attack(sentence: Span) -> bool:
    return any(lemma(t) in words("event_references.tsv") for t in sentence)


# What a denial of involvement denies: "denied the attack", "denied any role".
_DENIED_INVOLVEMENT = frozenset(
    {
        "involvement",
        "responsibility",
        "role",
        "link",
        "part",
        "claim",
        "accusation",
        "allegation",
        "charge",
        "report",
        "it",
        "that",
        "this",
        "carry",
        "be",
        "have",
        "participate",
        "take",
    }
)


def _denies_something_else(phrase: Span) -> bool:
    """ "Police denied rumors of a hostage-taking": a denial whose object is neither the
    attack nor involvement in it denies no part in the event."""
    verb = next((t for t in phrase if lemma(t) == "deny"), None)
    if verb is None:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp", "pcomp")]
    if not objects:
        return False
    return not any(
        lemma(o) in _DENIED_INVOLVEMENT or lemma(o) in words("event_references.tsv")
        for o in objects
    )


def responsibility(record: Report, sentences: list[Span]) -> list[Participant]:
    """Claims, suspicions, denials and 'no one has claimed' in the given sentences."""
    found: list[Participant] = []
    for sentence in sentences:
        for hit in phrases("responsibility.tsv").find(sentence):
            certainty = hit.cells[0]
            party = _party(hit, sentence)
            if party is None:
                if certainty == "unknown":
                    phrase = sentence.doc[hit.start : hit.end].text
                    found.append(Participant(role="perpetrator", text=phrase, certainty="unknown"))
                continue
            if _is_nobody(party):
                said = sentence.doc[party.left_edge.i : hit.end].text
                found.append(Participant(role="perpetrator", text=said, certainty="unknown"))
                continue
            if certainty == "denied":
                if _denies_something_else(sentence.doc[hit.start : hit.end]):
                    continue
                party = _body_of(record, party)
            participant = _participant(record, party, "perpetrator", certainty)
            if participant is not None:
                found.append(participant)
    return found


# Words before a perpetrator noun that make it a suspicion ("the alleged shooter").
_SUSPICION = {"alleged", "suspected", "possible", "presumed", "apparent"}


def unnamed_perpetrators(
    sentences: list[Span], belongs: Callable[[Token], bool]
) -> list[Participant]:
    """The "gunman", "shooter" or "suspect" the event's sentences name (perpetrator_nouns.tsv),
    for an attack no clause names the author of: the first said plainly, else the first
    hedged ("the alleged shooter", "the suspect"); `belongs` keeps out those of another event
    ("ten years ago, a gunman killed seven"). No entity: the text does not know who."""
    nouns = mapping("perpetrator_nouns.tsv")
    found = []
    for sentence in sentences:
        for token in sentence:
            if token.pos_ != "NOUN" or lemma(token) not in nouns or not belongs(token):
                continue
            certainty = nouns[lemma(token)][0]
            if any(c.lower_ in _SUSPICION for c in token.lefts):
                certainty = "suspected"
            found.append(
                Participant(
                    role="perpetrator", entity=None, text=_phrase(token).text, certainty=certainty
                )
            )
    plain = [p for p in found if p.certainty == "confirmed"]
    return (plain or found)[:1]


def linked_to_forces(record: Report, participants: list[Participant]) -> None:
    """Give "officers", "troops" and the like the one police force or army the report names
    (force_members.tsv), so that the act is that body's."""
    members = mapping("force_members.tsv")
    for participant in participants:
        words_ = participant.text.lower().split()
        if participant.entity is not None or not words_ or words_[-1] not in members:
            continue
        body_words = members[words_[-1]][0].split("|")
        bodies = [
            entity
            for entity in record.entities
            if entity.kind == "organization"
            and any(re.search(rf"\b{re.escape(w)}\b", entity.name.lower()) for w in body_words)
        ]
        if len(bodies) == 1:
            participant.entity = bodies[0].id


def merged(participants: list[Participant]) -> list[Participant]:
    """One entry per role and party; a stated certainty beats 'confirmed' by the narrative,
    and a party resolved to an entity beats the same words unresolved."""
    kept: dict[tuple[str, str], Participant] = {}
    for participant in participants:
        key = (participant.role, participant.entity or participant.text.lower())
        same_words = next(
            (k for k, p in kept.items() if k[0] == participant.role and p.text == participant.text),
            None,
        )
        if same_words is not None and key != same_words:
            if kept[same_words].entity is not None or participant.entity is None:
                continue
            del kept[same_words]
        known = kept.get(key)
        if known is None or (
            known.certainty == "confirmed" and participant.certainty != "confirmed"
        ):
            kept[key] = participant
    return list(kept.values())


def as_sides(participants: list[Participant]) -> list[Participant]:
    """Outside violence nobody is a perpetrator or a target: talks, elections and court cases
    have actors and their counterparts."""
    sides = {"perpetrator": "actor", "target": "counterpart", "victim": "counterpart"}
    return [p.model_copy(update={"role": sides.get(p.role, p.role)}) for p in participants]
