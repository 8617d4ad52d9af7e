"""Name mentions: the actor dictionary first, then the tagger's names, then names it missed.

The tagger's label is a hint ("Kataib Hezbollah" is a militia whatever it says); channels
(Twitter, Telegram…) are never actors; places are the places stage's."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from itertools import groupby

from spacy.attrs import POS
from spacy.matcher import PhraseMatcher
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from wirescope.actors import Actor, actors, lookup_actor, name_key, platforms
from wirescope.countries import country_code
from wirescope.gazetteer import is_place_name
from wirescope.nlp import doc_lowers, doc_text, english, sentences, span_text
from wirescope.stages.entities.model import Mention
from wirescope.stages.entities.words import cue_lemmas, org_heads, place_heads, titles_by_class

# A tagger's person whose name is also a place's: settled by the clusters.
PERSON_OR_PLACE = "PERSON_OR_PLACE"
# A social-media handle ("@PhilMickelson"): the clusters give it to the person it names, or drop it.
HANDLE = "HANDLE"
# Tagger labels that can name an actor; the others (DATE, CARDINAL…) never do.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


@cache
def dictionary_matcher() -> PhraseMatcher:
    """Every dictionary name and alias as a phrase pattern: case-blind, except short acronyms."""
    nlp = english()
    by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    for actor in actors():
        forms = {form for alias in (actor.name, *actor.aliases) for form in _spellings(alias)}
        patterns = [nlp.make_doc(form) for form in forms if not _is_acronym(form)]
        if patterns:
            by_lower.add(actor.id, patterns)
    return by_lower


@cache
def acronym_matcher() -> PhraseMatcher:
    """Acronyms ("AP", "IS") match only as written in capitals: "is" is not the Islamic State."""
    nlp = english()
    by_orth = PhraseMatcher(nlp.vocab, attr="ORTH")
    for actor in actors():
        forms = [form for alias in (actor.name, *actor.aliases) for form in _spellings(alias)]
        patterns = [nlp.make_doc(form) for form in forms if _is_acronym(form)]
        if patterns:
            by_orth.add(actor.id, patterns)
    return by_orth


def _spellings(alias: str) -> set[str]:
    """An alias with and without hyphens: "Al-Arabiya" is also written "Al Arabiya"."""
    return {alias, alias.replace("-", " "), alias.replace(" ", "-")} if "-" in alias else {alias}


def _is_acronym(form: str) -> bool:
    letters = form.replace(".", "")
    return len(letters) <= 5 and letters.isupper()


@cache
def _actor_by_id() -> dict[str, Actor]:
    return {actor.id: actor for actor in actors()}


def dictionary_mentions(doc: Doc) -> list[Mention]:
    matches = dictionary_matcher()(doc) + acronym_matcher()(doc)
    found = [
        Mention(doc[start:end], "DICT", _actor_by_id()[doc.vocab.strings[match_id]])
        for match_id, start, end in matches
    ]
    return _longest_first(found)


def _longest_first(mentions: Iterable[Mention]) -> list[Mention]:
    """Drop mentions that overlap a longer one (ties: the earlier)."""
    kept: list[Mention] = []
    taken: set[int] = set()
    for mention in sorted(mentions, key=lambda m: (-(m.span.end - m.span.start), m.span.start)):
        tokens = set(range(mention.span.start, mention.span.end))
        if tokens & taken:
            continue
        kept.append(mention)
        taken |= tokens
    return sorted(kept, key=lambda m: m.span.start)


def _trim(span: Span) -> Span | None:
    """A name without its leading determiner and trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and _leading_extra(doc[start]):
        start += 1
    while end > start and _trailing_extra(doc[end - 1]):
        end -= 1
    return doc[start:end] if end > start else None


def _leading_extra(token: Token) -> bool:
    return token.lower_ in ("the", "a", "an") or token.is_punct


def _trailing_extra(token: Token) -> bool:
    return (
        token.tag_ == "POS"
        or token.lower_ in ("'s", "’s")
        or token.is_punct
        or token.is_space
        or token.pos_ in ("CCONJ", "ADP", "DET")
    )


def is_platform(text: str) -> bool:
    return name_key(text) in platforms()


def _tagger_label(span: Span, label: str, reporters: set[str]) -> str | None:
    """The label a name the dictionary lacks should carry, or None when it is no actor.

    The tagger's label is a hint: a "person" named like a country is the country ("Mali"),
    one named like a city is a place ("Khan Younis"); a name in a credit line is a reporter.
    """
    text = span_text(span)
    if text in reporters:
        return "PERSON"
    if text.lower() in titles_by_class():
        return None  # an office standing for its holder: see resolve_titles_as_names
    if doc_lowers(span.doc)[span.end - 1] in place_heads():
        return None  # "Kenyatta Avenue", "Abu Shouk camp"
    if country_code(text):
        return "GPE"
    if label in ("PERSON", "ORG") and is_place_name(text):
        # "Clinton", "Warren", "Obama" name towns too: a person only where the clusters
        # find a fuller name for it, or a title or reporting verb vouches for one.
        return PERSON_OR_PLACE if label == "PERSON" else None
    if starts_a_title(span):
        return None  # "Interior" of "Interior Minister" is part of a title, not a body
    return label


def tagger_mentions(doc: Doc, reporters: set[str], opener: int) -> list[Mention]:
    """The tagger's names of possible actors, outside the wire opener that ends at `opener`
    ("JERUSALEM (Reuters) -")."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS or ent.start_char < opener:
            continue
        span = _trim(ent)
        if span is None:
            continue
        text = span_text(span)
        if is_platform(text):
            continue
        if text.startswith("@"):
            found.append(Mention(span, HANDLE))
            continue
        actor = lookup_actor(text)
        if ent.label_ == "PERSON":
            span = _without_leading_title(span)
        label = "DICT" if actor else _tagger_label(span, ent.label_, reporters)
        if label is not None:
            found.append(Mention(span, label, actor))
    return found


def starts_a_title(span: Span) -> bool:
    """True when the span and the words after it make one title ("Defence Minister")."""
    lowers = doc_lowers(span.doc)
    for extra in (1, 2):
        if span.end + extra <= len(lowers):
            words = " ".join(lowers[span.start : span.end + extra])
            if words in titles_by_class():
                return True
    return False


def name_mentions(doc: Doc, reporters: set[str], opener: int) -> list[Mention]:
    """Dictionary matches first; the tagger's names where the dictionary said nothing; then
    names the tagger missed, read from their shape. `reporters`: people the credits name."""
    dictionary = dictionary_mentions(doc)
    taken = {i for mention in dictionary for i in range(mention.span.start, mention.span.end)}
    tagger = [
        m
        for m in tagger_mentions(doc, reporters, opener)
        if not taken & set(range(m.span.start, m.span.end))
    ]
    taken |= {i for mention in tagger for i in range(mention.span.start, mention.span.end)}
    handles = [
        Mention(doc[t.i : t.i + 1], HANDLE)
        for t in (doc if "@" in doc_text(doc) else ())  # most reports name no handle
        if t.i not in taken and t.text.startswith("@") and t.text[1:].replace("_", "").isalnum()
    ]
    found = dictionary + tagger + untagged_mentions(doc, taken) + handles
    return sorted((m for m in found if not _photo_credit(m)), key=lambda m: m.span.start)


def _photo_credit(mention: Mention) -> bool:
    """ "Jabin Botsford/The Washington Post", "AP Photo/Evan Vucci": a person's name joined to
    an outlet by a slash is a picture's credit, no actor of the report."""
    if mention.label not in ("PERSON", PERSON_OR_PLACE):
        return False
    text = doc_text(mention.span.doc)
    start, end = mention.span.start_char, mention.span.end_char
    return text[end : end + 1] == "/" or (start > 0 and text[start - 1] == "/")


def _proper_noun_runs(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Runs of proper nouns within a sentence that no mention has taken yet."""
    pos = doc.to_array(POS).tolist()  # read as an array: this runs over every word
    for sentence in sentences(doc):
        words = range(sentence.start, sentence.end)
        for is_name, group in groupby(words, key=lambda i: pos[i] == PROPN and i not in taken):
            if is_name:
                run = list(group)
                yield doc[run[0] : run[-1] + 1]


def _without_leading_title(span: Span) -> Span:
    """ "Governor Ana Ruiz" -> "Ana Ruiz": the title is read by the titles step, not named."""
    lowers = doc_lowers(span.doc)
    for cut in range(len(span) - 1, 0, -1):
        words = " ".join(lowers[span.start : span.start + cut])
        if words in titles_by_class():
            return span.doc[span.start + cut : span.end]
    return span


def _is_other_than_actor(span: Span) -> bool:
    """A channel, a place, or an office standing alone: not a name of an actor."""
    text = span_text(span)
    is_title = text.lower() in titles_by_class()
    last = doc_lowers(span.doc)[span.end - 1]
    return is_platform(text) or is_place_name(text) or is_title or last in place_heads()


def untagged_mentions(doc: Doc, taken: set[int]) -> list[Mention]:
    """Names the tagger missed: "Kivu Freedom Brigades" (an organisation by its head word) and
    "Hadi Kareem told reporters", "Chaffetz said" (proper nouns speaking are a person)."""
    found = []
    for run in _proper_noun_runs(doc, taken):
        span = _trim(run)
        if span is None or _is_other_than_actor(span):
            continue
        if len(span) > 1 and span[-1].lower_ in org_heads():
            found.append(Mention(span, "ORG"))
            continue
        span = _without_leading_title(span)
        speaks = span.root.dep_ == "nsubj" and span.root.head.lemma_ in cue_lemmas()
        if speaks and len(span) <= 4 and span[0].is_title:
            found.append(Mention(span, "PERSON"))
    return found
