"""Lexicon lookups of the statements stage: reporting verbs and nouns, channels, stances."""

from __future__ import annotations

import re
from functools import cache

from spacy.attrs import POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from wirescope.lexicon import mapping, table
from wirescope.reporting import reporting_verbs

# "not authorized to comment": a reporting verb under these says what a source may not do.
PERMISSION_VERBS = {"authorize", "authorise", "allow", "permit", "empower"}
# "declined to comment": refusing to speak says nothing, and denies nothing.
REFUSAL_VERBS = {"decline", "refuse"}
COMMENT_VERBS = {"comment", "speak", "talk", "discuss", "elaborate", "respond", "say"}


@cache
def cue_families() -> dict[str, str]:
    """Reporting verb lemma -> family (say, condemn, deny, accuse, claim, …, act)."""
    return {lemma: verb.family for lemma, verb in reporting_verbs().items()}


@cache
def cue_shapes() -> dict[str, str]:
    """Reporting verb lemma -> what its content can be besides a clause (cue_verbs.tsv):
    object; request (an object, the family only with a request: "called for"); clause (a
    finite clause only, no infinitive); "" for a clause or an infinitive."""
    return {lemma: verb.shape for lemma, verb in reporting_verbs().items()}


@cache
def object_cues() -> frozenset[str]:
    """Reporting verbs whose object can be what was said ("cited the report", "called for")."""
    return frozenset(
        lemma for lemma, shape in cue_shapes().items() if shape in ("object", "request")
    )


def makes_request(cue: Token) -> bool:
    """ "called for a ceasefire", "called on them to leave", "called them to …": the verb
    asks for something, not only names it ("called the plan a disaster")."""
    return any(
        (c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")) or c.dep_ == "xcomp"
        for c in cue.children
    )


@cache
def cue_nouns() -> dict[str, str]:
    return {
        lemma: cells[0] if cells else "say" for lemma, cells in mapping("cue_nouns.tsv").items()
    }


@cache
def channel_phrases() -> tuple[tuple[str, str], ...]:
    """Channel phrases, longest first, lowercase."""
    rows = [(row[0].lower(), row[1]) for row in table("channels.tsv") if len(row) >= 2]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def channel_in(words: list[str]) -> str | None:
    """The channel the longest channel phrase among these words names ("posted on Telegram")."""
    padded, present = f" {' '.join(words)} ", set(words)
    for first, phrase, channel in _padded_channel_phrases():
        if first in present and phrase in padded:
            return channel
    return None


@cache
def _padded_channel_phrases() -> tuple[tuple[str, str, str], ...]:
    """(first word, " phrase ", channel): a phrase is looked for only where its first word is
    (some 170 phrases against each statement's sentence)."""
    phrases = channel_phrases()
    return tuple((phrase.split()[0], f" {phrase} ", channel) for phrase, channel in phrases)


@cache
def anonymity_phrases() -> tuple[str, ...]:
    return tuple(row[0].lower() for row in table("anonymity.tsv"))


@cache
def audiences() -> frozenset[str]:
    return frozenset(row[0] for row in table("audiences.tsv"))


@cache
def _stance_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    stances = {row[0].lower(): row[1] for row in table("stance_phrases.tsv") if len(row) >= 2}
    alternatives = "|".join(re.escape(p) for p in sorted(stances, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), stances


def content_stance(text: str) -> str:
    """The stance the words of a statement show ("we strongly condemn" -> condemn); the
    longest phrase found decides; neutral when none is found."""
    pattern, stances = _stance_pattern()
    lowered = text.lower()
    found = [
        match.group()
        for match in pattern.finditer(lowered)
        if _negates(match.group()) or not _negated(lowered[: match.start()])
    ]
    return stances[max(found, key=len)] if found else "neutral"


# Words that negate a stance phrase just after them ("did not threaten", "never called for").
NEGATIONS = {"not", "no", "never", "n't", "nor", "without"}


def _negates(phrase: str) -> bool:
    return bool(set(phrase.replace("n't", " n't").split()) & NEGATIONS)


def _negated(before: str) -> bool:
    """Whether one of the three words before a phrase negates it."""
    words = before.replace("n't", " n't").replace("’t", " n't").split()[-3:]
    return bool(set(words) & NEGATIONS)


def refuses_comment(cue: Token | None) -> bool:
    """ "declined to comment after his hearing", "refused to discuss the case"."""
    if cue is None or cue.lemma_.lower() not in REFUSAL_VERBS:
        return False
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in COMMENT_VERBS for c in cue.children)


def is_cue(token: Token) -> bool:
    """A reporting verb, but not one that says what a source may not do ("not authorized to
    comment", "not allowed to speak")."""
    return token.i in _cues_of(token.doc).verbs


def is_cue_word(token: Token) -> bool:
    """A reporting verb or noun ("said", "the statement")."""
    return token.i in _cues_of(token.doc).words


def cue_verbs_in(doc: Doc) -> list[int]:
    """The positions of the document's reporting verbs (`is_cue`), in order."""
    return _cues_of(doc).verbs_in_order


def cue_words_in(doc: Doc) -> list[int]:
    """The positions of the document's reporting verbs and nouns (`is_cue_word`), in order."""
    return _cues_of(doc).words_in_order


class _Cues:
    """Which words of a document are reporting verbs and nouns, read once: the stage asks it
    of the same words from several steps (some 1,200 questions a report), and most steps
    only want those words."""

    def __init__(self, doc: Doc) -> None:
        families, nouns = cue_families(), cue_nouns()
        self.verbs_in_order: list[int] = []
        self.words_in_order: list[int] = []
        for i, pos in enumerate(doc.to_array(POS).tolist()):
            if pos not in (VERB, AUX, NOUN):
                continue
            token = doc[i]
            lemma = token.lemma_.lower()
            if pos == NOUN:
                if lemma in nouns:
                    self.words_in_order.append(i)
            elif lemma in families and not (
                token.dep_ == "xcomp" and token.head.lemma_.lower() in PERMISSION_VERBS
            ):
                self.verbs_in_order.append(i)
                self.words_in_order.append(i)
        self.verbs = frozenset(self.verbs_in_order)
        self.words = frozenset(self.words_in_order)


CUES_KEY = "wirescope_cues"


def _cues_of(doc: Doc) -> _Cues:
    cues: _Cues | None = doc.user_data.get(CUES_KEY)
    if cues is None:
        cues = doc.user_data[CUES_KEY] = _Cues(doc)
    return cues


@cache
def nominal_speakers() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Noun -> (entity kinds, categories) it may stand for after "the" ("the company")."""
    found = {}
    for row in table("nominal_speakers.tsv"):
        kinds = frozenset(row[1].split(",")) if len(row) > 1 else frozenset()
        categories = frozenset(row[2].split(",")) if len(row) > 2 else frozenset()
        found[row[0].lower()] = (kinds, categories)
    return found
