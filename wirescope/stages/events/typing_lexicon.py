"""The event trigger lexicon and typing rules (data files), and the spaCy matcher built from them.

`event_triggers.tsv`: one phrase a line, as lemmas (`*` stands for up to three words in
between), the part of speech its head must have, its family, and its ACLED type and
subtype with a specificity weight; cue rows (type `-`) name context that the rules read
("tear gas", "intercepted") without being events themselves.

`event_rules.tsv`: ACLED's coding rules, applied in file order to each trigger: when the
trigger's family, type or subtype is `when` and a cue of family `cue` is found in `scope`,
the trigger takes the rule's type and subtype (`-` keeps them) and its score moves by `delta`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.attrs import LEMMA, LOWER
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from wirescope.lexicon import table
from wirescope.record import EVENT_SUBTYPES

TRIGGERS_FILE = "event_triggers.tsv"
RULES_FILE = "event_rules.tsv"
# Head parts of speech a lexicon row may require ("*": any).
POS_CLASSES: dict[str, frozenset[str]] = {
    "V": frozenset({"VERB", "AUX"}),
    "N": frozenset({"NOUN", "PROPN"}),
    # A common noun only: "march" the protest, not "March" the month.
    "n": frozenset({"NOUN"}),
    "A": frozenset({"ADJ", "VERB"}),
    "*": frozenset(),
}
# What the wildcard `*` in a phrase stands for: up to three words.
GAP_WORDS = 3
NO_CHANGE = "-"
SCOPES = frozenset(
    {"sentence", "near", "subject", "object", "object_of", "subtree", "governs", "document"}
)
# A rule whose type and subtype are this makes the trigger take the typing of the strongest
# other trigger in scope whose type is one the rule's cue column lists ("killed" in a
# sentence that names an air strike is the air strike's killing).
ADOPT = "="
# A cue column starting with this names context that must be absent ("!weapon|death").
NEGATION = "!"


@dataclass(frozen=True)
class Entry:
    """One row of the trigger lexicon."""

    phrase: str
    pos: str
    family: str
    type: str
    subtype: str
    weight: float

    @property
    def is_trigger(self) -> bool:
        return self.type != NO_CHANGE


@dataclass(frozen=True)
class Rule:
    """One row of the rule table."""

    when: str
    cue: str
    scope: str
    type: str
    subtype: str
    delta: float

    def applies_to(self, family: str, type_: str, subtype: str) -> bool:
        """Whether the rule is about this trigger: `when` lists families, types or subtypes
        (`|`-separated), or is `*`."""
        whens = self.whens
        return self.when == "*" or family in whens or type_ in whens or subtype in whens

    @cached_property  # read for every trigger against every rule: split once
    def whens(self) -> frozenset[str]:
        return frozenset(self.when.split("|"))

    @property
    def adopts(self) -> bool:
        return self.type == ADOPT

    @property
    def negated(self) -> bool:
        """`!families`: the rule applies where none of the families is in scope."""
        return self.cue.startswith(NEGATION)

    @cached_property
    def cue_families(self) -> tuple[str, ...]:
        """The cue column's families (`|`-separated: any of them is the cue)."""
        return tuple(self.cue.removeprefix(NEGATION).split("|"))

    def may_adopt(self, type_: str, subtype: str) -> bool:
        """For an adopting rule: whether it may take this typing. The cue column lists types
        and `type:subtype` pairs, `|`-separated."""
        donors = self.cue.split("|")
        return type_ in donors or f"{type_}:{subtype}" in donors


def _check_typing(where: str, type_: str, subtype: str) -> None:
    """A typo in a data file must fail loudly, not type events as something that does not exist."""
    if type_ == NO_CHANGE and subtype == NO_CHANGE:
        return
    if subtype not in EVENT_SUBTYPES.get(type_, ()):
        raise ValueError(f"{where}: {type_!r} / {subtype!r} is not in EVENT_SUBTYPES")


def _entry(row: tuple[str, ...]) -> Entry:
    phrase, pos, family, type_, subtype, weight = row
    if pos not in POS_CLASSES:
        raise ValueError(f"{TRIGGERS_FILE}: {phrase!r}: part of speech {pos!r} unknown")
    _check_typing(f"{TRIGGERS_FILE}: {phrase!r}", type_, subtype)
    return Entry(phrase.lower(), pos, family, type_, subtype, float(weight))


def _rule(row: tuple[str, ...]) -> Rule:
    when, cue, scope, type_, subtype, delta = row
    if scope not in SCOPES:
        raise ValueError(f"{RULES_FILE}: {when} {cue}: scope {scope!r} unknown")
    if type_ == ADOPT:
        for donor in cue.split("|"):
            donor_type, _, donor_subtype = donor.partition(":")
            if donor_type not in EVENT_SUBTYPES:
                raise ValueError(f"{RULES_FILE}: {when}: {donor!r} is not an event type")
            if donor_subtype:
                _check_typing(f"{RULES_FILE}: {when}", donor_type, donor_subtype)
    else:
        _check_typing(f"{RULES_FILE}: {when} {cue}", type_, subtype)
    return Rule(when, cue, scope, type_, subtype, float(delta))


_ENTRIES: list[tuple[Entry, ...]] = []
_RULES: list[tuple[Rule, ...]] = []


def entries() -> tuple[Entry, ...]:
    if not _ENTRIES:
        _ENTRIES.append(tuple(_entry(row) for row in table(TRIGGERS_FILE)))
    return _ENTRIES[0]


def rules() -> tuple[Rule, ...]:
    if not _RULES:
        _RULES.append(tuple(_rule(row) for row in table(RULES_FILE)))
    return _RULES[0]


@cache
def coding_rules() -> tuple[Rule, ...]:
    """The rules that retype a trigger from its context (not those adopting another's type)."""
    return tuple(rule for rule in rules() if not rule.adopts)


def _words(phrase: str, tokenizer: Tokenizer) -> list[str]:
    """A phrase split as spaCy splits text ("cease-fire" is three tokens); `*` stays a gap."""
    return [token.text for part in phrase.split() for token in tokenizer(part)]


# A phrase with gaps as the hashes of its words, gaps as None.
GappedWords = tuple[int | None, ...]


class GapPhrases:
    """The lexicon rows with a gap ("set up * base"), found by lemma or as written, each gap up
    to `GAP_WORDS` words. spaCy's Matcher does this with an `{0,3}` wildcard, but it tracks
    every open wildcard state at every token: over 445 BBC articles it took 1.2 s of the 7.1 s
    that all the stages take, for 39 rows. Indexing the rows by their first word and trying
    only the starts where one occurs takes a hundredth of that, with the same matches."""

    def __init__(self) -> None:
        self._by_first: dict[int, list[tuple[int, GappedWords]]] = defaultdict(list)

    def add(self, row: int, words: list[str], vocab: Vocab) -> None:
        hashed = tuple(None if w == "*" else vocab.strings.add(w) for w in words)
        first = hashed[0]
        if first is None:
            raise ValueError(f"{TRIGGERS_FILE}: {' '.join(words)!r}: a phrase cannot start with *")
        self._by_first[first].append((row, hashed[1:]))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(row, start, end) of every match, once each, by start."""
        found: dict[tuple[int, int, int], None] = {}
        for column in doc.to_array([LEMMA, LOWER]).T.tolist():
            for start, word in enumerate(column):
                for row, rest in self._by_first.get(word, ()):
                    for end in _ends(column, start + 1, rest):
                        found[(row, start, end)] = None
        return sorted(found, key=lambda match: match[1])


def _ends(column: list[int], at: int, rest: GappedWords) -> list[int]:
    """Where the rest of a phrase ends when it matches the words from `at` on (a gap may
    match in several ways, so several ends)."""
    if not rest:
        return [at]
    word, after = rest[0], rest[1:]
    if word is None:
        return [end for skip in range(GAP_WORDS + 1) for end in _ends(column, at + skip, after)]
    if at < len(column) and column[at] == word:
        return _ends(column, at + 1, after)
    return []


@dataclass(frozen=True)
class LexiconMatcher:
    """Every lexicon row, found by lemma ("attacked" -> attack) and as written (the lemmatizer
    leaves capitalised headline words and some forms as they are). Contiguous phrases go to
    spaCy's hash-based PhraseMatchers, phrases with a gap to `GapPhrases`."""

    by_lemma: PhraseMatcher
    by_lower: PhraseMatcher
    with_gaps: GapPhrases

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        strings = doc.vocab.strings
        contiguous = self.by_lemma(doc) + self.by_lower(doc)
        found = [(int(strings[match_id]), start, end) for match_id, start, end in contiguous]
        return found + self.with_gaps(doc)


def _build(vocab: Vocab) -> LexiconMatcher:
    tokenizer = English().tokenizer
    built = LexiconMatcher(
        PhraseMatcher(vocab, attr="LEMMA"), PhraseMatcher(vocab, attr="LOWER"), GapPhrases()
    )
    for index, entry in enumerate(entries()):
        words = _words(entry.phrase, tokenizer)
        if "*" in words:
            built.with_gaps.add(index, words, vocab)
        else:
            built.by_lemma.add(str(index), [Doc(vocab, words=words, lemmas=words)])
            built.by_lower.add(str(index), [Doc(vocab, words=words)])
    return built


# One matcher per vocabulary (in practice one per process): built once, reused for every doc.
_MATCHERS: dict[int, tuple[Vocab, LexiconMatcher]] = {}


def matcher(vocab: Vocab) -> LexiconMatcher:
    """The matcher of every lexicon row: it gives (row index, start, end) of each match."""
    cached = _MATCHERS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    built = _build(vocab)
    _MATCHERS[id(vocab)] = (vocab, built)
    return built
