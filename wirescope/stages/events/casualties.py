"""Who was harmed, taken or moved, and how many: "seven of al-Kadhimi's security guards were
injured", "killing 6 civilians", "at least 12 people were killed", "dozens wounded".

A count is only what the text gives: one number is `count`; "at least 12" is `min` 12;
"dozens" is `min` 24 (quantities.tsv). Nothing is imputed: a casualty word without a number
gives a figure with no count only when it names who.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

from spacy.attrs import POS
from spacy.symbols import VERB
from spacy.tokens import Span, Token

from wirescope.lexicon import mapping
from wirescope.nlp import doc_lemmas, doc_lowers, sentence_of
from wirescope.numbers import number_value
from wirescope.record import Casualty
from wirescope.stages.events.phrases import lemma

_SUBJECTS = ("nsubj", "nsubjpass")
_NEGATIVE = {"no", "none", "nobody", "no-one"}
_NOT_PEOPLE = {"it", "this", "that", "which"}


@cache
def _kinds() -> dict[str, str]:
    return {word: cells[0] for word, cells in mapping("casualty_words.tsv").items()}


@cache
def _quantities() -> dict[str, str]:
    return {word: cells[0] for word, cells in mapping("quantities.tsv").items()}


def _victim_head(word: Token) -> Token | None:
    """The noun naming who was harmed, by the casualty word's place in the sentence."""
    if word.pos_ == "NOUN":  # "20 deaths", "the death of three soldiers"
        holder = word.head.head if word.head.lower_ == "with" else None
        if holder is not None and holder.pos_ == "NOUN" and holder.i < word.i:
            return holder  # "five patients with gunshot wounds": the patients are counted
        return word
    if any(c.dep_ == "nummod" for c in word.children):  # "120 wounded": the word is the people
        return word
    if word.dep_ in ("acl", "amod") and word.head.pos_ == "NUM":  # "120 wounded", parsed so
        return word.head
    # "were killed", "six people killed": passive; "the war has killed": active (perfect).
    perfect = any(c.dep_ == "aux" and lemma(c) == "have" for c in word.children)
    passive = any(c.dep_ == "auxpass" for c in word.children) or (
        word.tag_ == "VBN" and not perfect
    )
    wanted = ("nsubjpass", "nsubj") if passive or lemma(word) == "die" else ("dobj",)
    if word.pos_ == "ADJ":  # "three people were dead", "leaving three dead"
        wanted = _SUBJECTS
        word = word.head if word.dep_ in ("acomp", "oprd") else word
        if word.dep_ == "oprd" or lemma(word) == "leave":
            wanted = ("dobj",)
    for child in word.children:
        if child.dep_ in wanted:
            return child
    if word.dep_ == "amod" and word.head.pos_ in ("NOUN", "PROPN"):  # "two wounded soldiers"
        return word.head
    if word.dep_ == "conj":  # "killed two and wounded five": the subject is shared
        return _victim_head(word.head) if word.head.pos_ == word.pos_ else None
    return None


def _number_of(head: Token) -> tuple[Token | None, Token]:
    """The number token and the noun naming the people: "seven of the guards" -> (seven,
    guards); "6 civilians" -> (6, civilians)."""
    if head.pos_ == "NUM" or head.lower_ in _quantities():
        people = next(
            (
                p
                for prep in head.children
                if prep.lower_ == "of"
                for p in prep.children
                if p.dep_ == "pobj"
            ),
            head,
        )
        return head, people
    number = next((c for c in head.children if c.dep_ == "nummod"), None)
    return number, head


def _bounds(number: Token) -> tuple[int | None, int | None, int | None]:
    """(count, min, max) of a number token and the quantifier before it."""
    value = number_value(number.text)
    if value is None:
        vague = _quantities().get(number.lower_)
        if vague and vague.isdigit():
            return None, int(vague), None
        return None, None, None
    before = number.doc[max(number.i - 3, sentence_of(number).start) : number.i].text.lower()
    for phrase, meaning in _quantities().items():
        if before.endswith(phrase):
            if meaning == "min":
                return None, value, None
            if meaning == "more":
                return None, value + 1, None
            if meaning == "max":
                return None, None, value
    return value, None, None


def _who(people: Token, number: Token | None) -> str | None:
    if people is number or people.lower_ in _NOT_PEOPLE or people.pos_ == "PRON":
        return None
    if people.lower_ in _kinds() or lemma(people) in _kinds():  # "120 wounded" names no one
        return None
    skip = {number.i} if number is not None else set()
    start = min(
        (
            c.left_edge.i
            for c in people.lefts
            if c.dep_ not in ("det", "nummod") and c.i not in skip
        ),
        default=people.i,
    )
    return people.doc[start : people.i + 1].text


# A toll "rises to", "stands at", "reached" a number, or "is" one; or it is a toll "of" one.
_TOLL_PREPOSITIONS = {"to", "at", "of"}


def _toll_number(toll: Token) -> Token | None:
    """The number a death toll reaches: "the death toll rose to at least six", "a death toll
    of 20", "the toll stood at 12"."""
    holders = [toll, toll.head] if toll.dep_ in _SUBJECTS else [toll]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("dobj", "attr") and (child.like_num or child.pos_ == "NUM"):
                return child
            if child.dep_ == "prep" and child.lower_ in _TOLL_PREPOSITIONS:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    # "rose to at least six Friday" parses "six" as Friday's number.
                    numbers = (
                        [pobj]
                        if pobj.like_num
                        else [c for c in pobj.children if c.dep_ == "nummod" and c.like_num]
                    )
                    if numbers:
                        return numbers[0]
    return None


def _toll_at(word: Token) -> Casualty | None:
    """ "The death toll ... rose to at least six": killed, at least six."""
    toll = word.head if word.dep_ == "compound" else word
    if lemma(word) != "death" or lemma(toll) != "toll":
        return None
    number = _toll_number(toll)
    if number is None:
        return None
    count, low, high = _bounds(number)
    if count is None and low is None and high is None:
        return None
    span = word.doc[min(word.i, number.i) : max(word.i, number.i) + 1]
    return Casualty(
        kind="killed",
        count=count,
        min=low,
        max=high,
        who=None,
        span=[span.start_char, span.end_char],
    )


# Marks the rows of casualty_words.tsv that are adverbs of a harming verb ("fatally shot").
_ADVERB = "~"


def _kind_of(word: Token) -> str | None:
    """The casualty kind a word reports: its own ("killed", "wounded"), or an adverb's on a
    verb ("fatally shot"), or being taken to hospital ("84 people were taken to hospital")."""
    kind = _kinds().get(lemma(word)) or _kinds().get(word.lower_)
    if kind is not None or word.pos_ != "VERB":
        return kind
    for child in word.children:
        adverb = _kinds().get(_ADVERB + child.lower_)
        if child.dep_ == "advmod" and adverb:
            return adverb
        to_hospital = child.dep_ == "prep" and child.lower_ == "to"
        if (
            to_hospital
            and lemma(word) == "take"
            and any(lemma(p) == "hospital" for p in child.children)
        ):
            return "injured"
    return None


def casualty_at(word: Token) -> Casualty | None:
    kind = _kind_of(word)
    if kind is None:
        return None
    toll = _toll_at(word)
    if toll is not None:
        return toll
    head = _victim_head(word)
    if (
        head is None
        or head.lower_ in _NEGATIVE
        or any(c.lower_ in _NEGATIVE for c in head.children)
    ):
        return None
    number, people = _number_of(head)
    count, low, high = _bounds(number) if number is not None else (None, None, None)
    if (
        number is None
        and people.tag_ in ("NN", "NNP")
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in people.children)
    ):
        count = 1  # "a Syrian was killed"
    who = _who(people, number)
    if count is None and low is None and high is None and who is None:
        return None
    start = min(word.i, head.left_edge.i)
    end = max(word.i, head.i) + 1
    span = word.doc[start:end]
    return Casualty(
        kind=kind, count=count, min=low, max=high, who=who, span=[span.start_char, span.end_char]
    )


def summed_since(word: Token) -> bool:
    """ "24 civilians have been killed in the clashes since Saturday": a toll summed over days
    of a campaign, not one event's (ACLED counts each day's clash apart)."""
    return any(
        (c.dep_ == "prep" and c.lower_ == "since")
        or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children))
        for c in word.children
    )


def casualties_in(
    sentences: list[Span], belongs: Callable[[Token], bool] = lambda word: True
) -> list[Casualty]:
    """Each distinct figure of the sentences, once; `belongs` says whether the casualty word
    is about this event (a sentence may tell two: "the bombing, a revenge for air strikes
    that left 32 dead")."""
    found: list[Casualty] = []
    seen: set[tuple[str, int | None, int | None, int | None]] = set()
    for sentence in sentences:
        for word in _maybe_casualty_words(sentence):
            casualty = casualty_at(word)
            if casualty is None or not belongs(word):
                continue
            key = (casualty.kind, casualty.count, casualty.min, casualty.max)
            if key in seen:
                continue
            seen.add(key)
            found.append(casualty)
    return found


def _maybe_casualty_words(sentence: Span) -> Iterator[Token]:
    """The words `_kind_of` may find a kind in: casualty words and verbs (read from arrays:
    a token is made only for those)."""
    doc = sentence.doc
    kinds, lemmas, lowers = _kinds(), doc_lemmas(doc), doc_lowers(doc)
    pos = doc.to_array(POS)
    for i in range(sentence.start, sentence.end):
        if lemmas[i] in kinds or lowers[i] in kinds or pos[i] == VERB:
            yield doc[i]
