"""Conflict relevance: a trigger keeps its ACLED type only for a literal account of political
violence, a demonstration or a strategic development among conflict actors.

Trigger words are shared with everyday language ("struck a note", "the thriller shot to number
one", "a $337m hit", "fights back to reach the final", "the sport's governing body"). What
tells a bombing report from a tennis report is what stands around the word: armed actors,
weapons, casualties, protesters. `event_evidence.tsv` says which families of the trigger
lexicon give which kind of evidence, and which kinds each ACLED type needs in the trigger's
sentence. A report that is not about conflict at all (fewer than `theme_sentences` sentences
with armed actors, weapons or protesters) asks for two kinds at once: one war film's "battle
scenes" or a historical "killed" in a business story make no event.

A trigger that fails is no event at all: a figurative "attack" is not a Non-conflict event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from wirescope.lexicon import table, words
from wirescope.record import EVENT_SUBTYPES, NON_CONFLICT
from wirescope.stages.events.candidate import Candidate
from wirescope.stages.events.instruments import is_instrument
from wirescope.stages.events.typing_context import Hit
from wirescope.stages.events.typing_lexicon import POS_CLASSES, entries

EVIDENCE_FILE = "event_evidence.tsv"
# Kinds of evidence that make a sentence part of a conflict story (the report's theme).
THEME_KINDS = frozenset({"armed", "weapon", "protest", "peace"})
# Distinct kinds counted when a report is not about conflict: two are needed. Police are
# not among them: they are in every crime story ("police said the stranger injured him").
CORE_KINDS = frozenset({"armed", "weapon", "casualty", "protest", "peace", "political"})
# Kinds that tell an act of violence or its toll, beside a weapon named alone.
ACT_KINDS = frozenset({"violence", "casualty"})
# A text this short (a snippet, a headline) has no theme to tell: its sentences' own evidence
# decides.
SHORT_TEXT_SENTENCES = 3
# Names that make an ambiguous word an armed actor or weapon ("Syrian forces", "Haftar's
# forces"), by entity label and dependency.
NAMED_QUALIFIERS = frozenset({"NORP", "GPE", "PERSON", "ORG"})
QUALIFYING_DEPS = frozenset({"amod", "compound", "poss", "nmod"})


@dataclass(frozen=True)
class EvidenceTable:
    """`event_evidence.tsv`, read."""

    kinds_of_family: dict[str, frozenset[str]]
    kinds_of_phrase: dict[str, frozenset[str]]
    needs: dict[str, frozenset[str]]
    ambiguous: frozenset[tuple[str, str]]
    absorbed: dict[str, frozenset[str]]
    charges: frozenset[str]
    qualified: dict[str, frozenset[str]]
    qualifiers: frozenset[str]
    # Verbs by which an ambiguous weapon acts ("rockets struck", "fired rockets").
    strikes: frozenset[str]
    patients: frozenset[tuple[str, str]]
    located: frozenset[tuple[str, str]]
    modifiers: frozenset[tuple[str, str]]

    def is_ambiguous(self, hit: Hit) -> bool:
        return self._listed(hit, self.ambiguous)

    @staticmethod
    def _listed(hit: Hit, rows: frozenset[tuple[str, str]]) -> bool:
        """Whether the hit's row is listed, for any part of speech or for its own."""
        entry = entries()[hit.row]
        if (entry.phrase, "*") in rows:
            return True
        return any(
            (entry.phrase, pos) in rows and hit.span.root.pos_ in POS_CLASSES[pos]
            for pos in ("V", "N", "A")
        )

    def kinds_of(self, hit: Hit) -> frozenset[str]:
        if self.is_ambiguous(hit):
            return self._when_qualified(hit)
        if self._listed(hit, self.patients) and not _acts_on_people(hit.span.root):
            return frozenset()
        if self._listed(hit, self.located) and not _happens_somewhere(hit.span.root):
            return frozenset()
        if self._listed(hit, self.modifiers) and not _qualifies_people(hit.span.root):
            return frozenset()
        phrase = entries()[hit.row].phrase
        if phrase in self.kinds_of_phrase:
            return self.kinds_of_phrase[phrase]
        return self.kinds_of_family.get(hit.family, frozenset())

    def _when_qualified(self, hit: Hit) -> frozenset[str]:
        """An ambiguous word qualified by a name or a qualifier word ("Syrian forces")."""
        kinds = self.qualified.get(entries()[hit.row].phrase)
        if kinds is None:
            return frozenset()
        root = hit.span.root
        for child in root.children:
            named = child.ent_type_ in NAMED_QUALIFIERS and child.dep_ in QUALIFYING_DEPS
            if named or (child.dep_ in QUALIFYING_DEPS and child.lower_ in self.qualifiers):
                return kinds
        acting = root.dep_ in ("nsubj", "nsubjpass", "dobj") and root.head.pos_ == "VERB"
        if acting and root.head.lemma_.lower() in self.strikes:
            return kinds  # "three rockets struck near the embassy": no launch of a probe
        return frozenset()

    def needed(self, candidate: Candidate) -> frozenset[str] | None:
        return self.needs.get(candidate.subtype) or self.needs.get(candidate.type)


# Places in a clause where a verb form stands as a noun ("the shooting", tagged a verb).
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "pcomp", "compound", "attr"})
# Pronouns that stand for things, not people.
THING_PRONOUNS = frozenset({"it", "this", "that", "which", "what"})


def _acts_on_people(verb: Token) -> bool:
    """The verb's object (or passive subject) is people: a name, a pronoun for a person, a
    number ("five were shot") or a noun for people or a body (actor_nouns.tsv, people words).
    A verb form used as a noun ("Seattle shooting leaves five hurt") names the act itself."""
    if verb.dep_ in NOMINAL_DEPS:
        return True
    for child in verb.children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        if child.ent_type_ == "PERSON" or child.like_num or child.pos_ == "NUM":
            return True
        if child.pos_ == "PRON" and child.lower_ not in THING_PRONOUNS:
            return True
        if _names_people(child):
            return True
    return False


# Prepositions that place a demonstration, and what "in", "at", "on" must name to do so.
ALONG_PREPOSITIONS = frozenset({"outside", "through", "across", "along", "near", "around"})
AT_PREPOSITIONS = frozenset({"in", "at", "on", "to", "into", "before", "across"})
PLACE_LABELS = frozenset({"GPE", "FAC", "LOC"})
AGAINST_PREPOSITIONS = frozenset({"against", "over"})
PLACE_NOUNS = frozenset(
    {
        "street",
        "square",
        "capital",
        "city",
        "town",
        "embassy",
        "consulate",
        "parliament",
        "building",
        "office",
        "headquarters",
        "tower",
        "palace",
        "ministry",
        "court",
        "road",
        "avenue",
        "park",
        "campus",
        "plaza",
        "district",
        "village",
        "downtown",
    }
)


def _happens_somewhere(word: Token) -> bool:
    """The demonstration word has a place phrase ("outside Trump Tower", "in the capital"),
    or, a verb, says what it protests ("protested the result", "protested against the war";
    not "protested that the rules were unfair", "will protest to the board")."""
    for prep in word.children:
        if word.pos_ == "VERB" and (
            prep.dep_ == "dobj" or (prep.dep_ == "prep" and prep.lower_ in AGAINST_PREPOSITIONS)
        ):
            return True
        if prep.dep_ != "prep":
            continue
        if prep.lower_ in ALONG_PREPOSITIONS:
            return True
        for place in prep.children:
            named = place.ent_type_ in PLACE_LABELS or place.lemma_.lower() in PLACE_NOUNS
            if prep.lower_ in AT_PREPOSITIONS and place.dep_ == "pobj" and named:
                return True
    return False


def _qualifies_people(word: Token) -> bool:
    """The word stands alone ("the military said") or qualifies people or a body."""
    if word.dep_ not in QUALIFYING_DEPS:
        return True
    return _names_people(word.head)


def _names_people(noun: Token) -> bool:
    return noun.lemma_.lower() in words("actor_nouns.tsv") | people_words()


@cache
def people_words() -> frozenset[str]:
    """Nouns for people of the trigger lexicon's civilian family ("villager", "man")."""
    return frozenset(e.phrase for e in entries() if e.family == "civilian")


def _refers_back(hit: Hit) -> bool:
    """ "The explosion caused massive damage": in a conflict story, a noun that names an
    attack (event_references.tsv) tells more of the story's events, whatever stands around it."""
    root = hit.span.root
    return root.pos_ == "NOUN" and root.lemma_.lower() in words("event_references.tsv")


@cache
def evidence_table() -> EvidenceTable:
    kinds: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, frozenset[str]] = {}
    needs: dict[str, frozenset[str]] = {}
    ambiguous: set[tuple[str, str]] = set()
    absorbed: dict[str, frozenset[str]] = {}
    charges: set[str] = set()
    qualified: dict[str, frozenset[str]] = {}
    qualifiers: set[str] = set()
    strikes: set[str] = set()
    patients: set[tuple[str, str]] = set()
    located: set[tuple[str, str]] = set()
    modifiers: set[tuple[str, str]] = set()
    for row in table(EVIDENCE_FILE):
        section, key, value = (*row, "")[:3]
        if section == "evidence":
            for family in value.split("|"):
                kinds[family].add(key)
        elif section == "phrase":
            phrases[key.lower()] = frozenset(value.split("|"))
        elif section == "needs":
            if key not in EVENT_SUBTYPES and not any(key in s for s in EVENT_SUBTYPES.values()):
                raise ValueError(f"{EVIDENCE_FILE}: {key!r} is no event type or subtype")
            needs[key] = frozenset(value.split("|"))
        elif section == "absorbed":
            absorbed[key] = frozenset(value.split("|"))
        elif section == "modifier":
            modifiers.add((key.lower(), value))
        elif section == "located":
            located.add((key.lower(), value))
        elif section == "patient":
            patients.add((key.lower(), value))
        elif section == "qualified":
            qualified[key.lower()] = frozenset(value.split("|"))
        elif section == "qualifier":
            qualifiers.add(key.lower())
        elif section == "strike":
            strikes.add(key.lower())
        elif section == "charge":
            charges.add(key.lower())
        elif section == "ambiguous":
            if value not in POS_CLASSES:
                raise ValueError(f"{EVIDENCE_FILE}: {key!r}: part of speech {value!r} unknown")
            ambiguous.add((key.lower(), value))
        else:
            raise ValueError(f"{EVIDENCE_FILE}: section {section!r} unknown")
    return EvidenceTable(
        {family: frozenset(k) for family, k in kinds.items()},
        phrases,
        needs,
        frozenset(ambiguous),
        absorbed,
        frozenset(charges),
        qualified,
        frozenset(qualifiers),
        frozenset(strikes),
        frozenset(patients),
        frozenset(located),
        frozenset(modifiers),
    )


class Evidence:
    """The kinds of conflict evidence each sentence of one document gives, and its theme."""

    def __init__(self, hits: Iterable[Hit], sentences: int, theme_sentences: int) -> None:
        self._table = evidence_table()
        self._by_sentence: dict[int, list[tuple[frozenset[str], Hit]]] = defaultdict(list)
        for hit in hits:
            kinds = self._table.kinds_of(hit)
            if kinds:
                self._by_sentence[hit.sentence].append((kinds, hit))
        themed = sum(
            1 for found in self._by_sentence.values() if any(k & THEME_KINDS for k, _ in found)
        )
        self.short = sentences <= SHORT_TEXT_SENTENCES
        self.themed = themed >= theme_sentences or (self.short and themed > 0)

    def _names_a_charge(self, hit: Hit) -> bool:
        root = hit.span.root
        # "on charges of murder", "charged with murder", "convicted of murder", "jailed for
        # murder": the crime a court or the police name, not an account of it.
        qualifies = root.dep_ in ("compound", "amod", "nmod") or (
            root.dep_ == "pobj" and root.head.lower_ in ("of", "with", "for")
        )
        noun = root.head.head if root.dep_ == "pobj" else root.head
        return qualifies and noun.lemma_.lower() in self._table.charges

    def _kinds_beside(self, hit: Hit) -> frozenset[str]:
        """The kinds the other words of the hit's sentence give, not the hit's own phrase."""
        own = range(hit.span.start, hit.span.end)
        return frozenset(
            kind
            for kinds, other in self._by_sentence.get(hit.sentence, [])
            if other.span.root.i not in own
            for kind in kinds
        )

    def _act_beside(self, hit: Hit) -> bool:
        """Whether another word of the weapon's sentence tells an act of violence or its toll:
        "a capable drone in a small package", "a mission to dispatch a drone to study Titan"
        name a device; "armed drones struck the house" an attack."""
        return bool(self._kinds_beside(hit) & ACT_KINDS)

    def kinds(self, sentence: int) -> frozenset[str]:
        return frozenset(kind for kinds, _ in self._by_sentence.get(sentence, []) for kind in kinds)

    def stands(self, hit: Hit, candidate: Candidate, themed: bool | None = None) -> bool:
        """Whether the candidate's ACLED typing is borne out by its sentence (and, in a report
        that is not about conflict, by two kinds of evidence)."""
        if candidate.type == NON_CONFLICT or candidate.type not in EVENT_SUBTYPES:
            return True
        needed = self._table.needed(candidate)
        found = self.kinds(hit.sentence)
        story = self.themed if themed is None else themed
        if needed is not None and not found & needed and not (story and _refers_back(hit)):
            return False
        # Words of the trigger's own phrase absorb nothing ("freed two hostages" tells no
        # abduction beside the release).
        if self._kinds_beside(hit) & self._table.absorbed.get(candidate.subtype, frozenset()):
            return False
        if self._names_a_charge(hit):
            return False
        weapon = hit.span.root.pos_ == "NOUN" and is_instrument(hit.span.root)
        if not self.short and weapon and not self._act_beside(hit):
            return False
        if self.short or story:
            return True
        return len(found & CORE_KINDS) >= 2
