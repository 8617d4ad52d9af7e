"""Titles, country and affiliation from the words around a name, and titles used as names.

"Iraq's Prime Minister X", "X, a State Department spokesman", "Iran's top security official,
X", a description in one sentence followed by a new name in the next, "spokesman X" after a
body's statement, and "the Prime Minister" standing for the holder named before."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from wirescope.actors import demonyms
from wirescope.countries import country_code
from wirescope.nlp import doc_lowers, sentence_of, sentences
from wirescope.stages.entities.model import Cluster, Mention, cluster_at, taken_tokens
from wirescope.stages.entities.words import (
    cue_lemmas,
    speaks_for,
    title_category,
    title_first_words,
    title_lengths,
    titles_by_class,
)

# Longest run of tokens read as the words around a name that hold its title.
TITLE_ZONE = 8
# Words joining a title to the body it serves: "a surgeon with MSF", "a commander from the PMF".
BODY_PREPOSITIONS = {"from", "of", "with", "for", "at", "in"}
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f"}


# Words that make a title another's: the deputy prime minister is not "the prime minister".
SUBORDINATE = {
    "deputy",
    "vice",
    "assistant",
    "former",
    "ex",
    "shadow",
    "junior",
    "associate",
    "under",
}


def is_subordinate(title: str, wanted: str) -> bool:
    """ "Deputy Prime Minister" for "prime minister": a word of the title outside the wanted
    words makes its holder someone else."""
    wanted_words = set(wanted.lower().replace("-", " ").split())
    words = set(title.lower().replace("-", " ").split()) - wanted_words
    return bool(words & SUBORDINATE)


def _merged_words(tokens: list[Token]) -> tuple[list[str], list[int]]:
    """Lowercase words with an abbreviation's dot and a hyphenated word joined back ("Col" "."
    -> "col.", "director" "-" "general" -> "director-general"), and the index in `tokens`
    where each word starts."""
    words: list[str] = []
    starts: list[int] = []
    joining = False
    for at, token in enumerate(tokens):
        before = tokens[at - 1] if at else None
        touching = before is not None and before.idx + len(before) == token.idx
        if words and touching and (token.text in (".", "-") or joining):
            words[-1] += token.lower_
            joining = token.text == "-"
        else:
            words.append(token.lower_)
            starts.append(at)
            joining = False
    return words, starts


def title_at_end(tokens: list[Token]) -> int | None:
    """Index in `tokens` where a title phrase starts that ends with the last token."""
    words, starts = _merged_words(tokens)
    for length in title_lengths():
        if length <= len(words) and " ".join(words[-length:]) in titles_by_class():
            return starts[len(words) - length]
    return None


def zone_before(doc: Doc, end: int) -> list[Token]:
    """Tokens left of `end` that can belong to a title phrase: nouns, names, adjectives, 's."""
    tokens: list[Token] = []
    at = end - 1
    sentence_start = sentence_of(doc[max(end - 1, 0)]).start
    while at >= sentence_start and len(tokens) < TITLE_ZONE:
        token = doc[at]
        if token.pos_ in ("NOUN", "PROPN", "ADJ") or token.tag_ == "POS" or token.text == "-":
            tokens.insert(0, token)
            at -= 1
        else:
            break
    return tokens


@dataclass
class TitleFacts:
    title: str
    country: str | None
    # The organisation or state named in the title's words ("State Department spokesman").
    body: Cluster | None


def demonym_code(zone: list[Token], at: int) -> str | None:
    """Country of a demonym or country name at zone[at], two-word forms first ("South Sudanese")."""
    token = zone[at]
    if at + 1 < len(zone):
        pair = f"{token.text} {zone[at + 1].text}"
        if pair in demonyms():
            return demonyms()[pair]
    if at > 0 and f"{zone[at - 1].text} {token.text}" in demonyms():
        return None  # the second word of a two-word form, read with the first
    if token.text in demonyms():
        return demonyms()[token.text]
    return country_code(token.text) if token.pos_ == "PROPN" else None


def _facts(zone: list[Token], title_start: int, clusters: list[Cluster]) -> TitleFacts:
    """The title as written and what its words say: a country, a body spoken for."""
    country = None
    body = None
    for at, token in enumerate(zone):
        if at < title_start and country is None:
            country = demonym_code(zone, at)
        holder = cluster_at(clusters, (token.idx, token.idx + 1))
        if (
            body is None
            and holder is not None
            and holder.kind in ("organization", "group", "state")
        ):
            body = holder
    title_tokens = zone[title_start:]
    # "State Department spokesman": the body's words are not part of the title.
    while (
        body is not None
        and len(title_tokens) > 1
        and cluster_at(clusters, (title_tokens[0].idx, title_tokens[0].idx + 1)) is body
    ):
        title_tokens = title_tokens[1:]
    doc = zone[0].doc
    title = doc[title_tokens[0].i : title_tokens[-1].i + 1].text
    if body is not None and body.kind == "state":
        country = country or body.country
        body = None
    return TitleFacts(title, country, body)


def titles_before(doc: Doc, span: Span, clusters: list[Cluster]) -> list[TitleFacts]:
    """ "Iraq's Prime Minister Mustafa al-Kadhimi", "spokesman Ned Price"; a rank between a
    title and the name is one more title ("Army spokesman Col. Ali Hassan")."""
    zone = zone_before(doc, span.start)
    start = title_at_end(zone) if zone else None
    if start is None:
        return []
    found = [_facts(zone, start, clusters)]
    # Only a rank or an honorific stands between a title and the name: "general secretary
    # Tony Woodley" has one title, not "general" besides.
    if (
        _is_rank(found[0].title)
        and (before := title_at_end(zone[:start]) if start else None) is not None
    ):
        found.append(_facts(zone[:start], before, clusters))
    return found


def _is_rank(title: str) -> bool:
    """An honorific ("Sir", "Sayed") or a one-word military or police rank ("Col.", "Lt.")."""
    key = title.lower()
    if titles_by_class().get(key) == "honorific":
        return True
    return len(key.split()) == 1 and title_category(key) == "state_forces"


def title_in_apposition(doc: Doc, span: Span, clusters: list[Cluster]) -> TitleFacts | None:
    """ "Ned Price, a State Department spokesman," and "Iran's top security official, Ali
    Shamkhani,"."""
    after = span.end
    if after < len(doc) and doc[after].text == ",":
        at = after + 1
        if at < len(doc) and doc[at].lower_ in ("a", "an", "the"):
            at += 1
        end = at
        while (
            end < len(doc)
            and end - at < TITLE_ZONE
            and doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "PART")
            and sentence_of(doc[end]) == span.sent
        ):
            end += 1
        zone = [doc[i] for i in range(at, end)]
        start = title_at_end(zone) if zone else None
        if start is not None:
            facts = _facts(zone, start, clusters)
            if facts.body is None and end < len(doc) and doc[end].lower_ in BODY_PREPOSITIONS:
                facts.body = _body_after(doc, end + 1, span.sent.end, clusters)
            return facts
    before = span.start - 1
    if before > 0 and doc[before].text == ",":
        zone = zone_before(doc, before)
        start = title_at_end(zone) if zone else None
        if start is not None:
            return _facts(zone, start, clusters)
    return None


def _apply(facts: TitleFacts, person: Cluster) -> None:
    person.add_title(facts.title)
    if facts.country and person.country is None:
        person.country = facts.country
    if facts.body is not None and facts.body is not person and person.affiliation is None:
        person.affiliation = facts.body
    if person.category is None:
        person.category = title_category(facts.title)


def attach_titles(doc: Doc, clusters: list[Cluster]) -> None:
    persons = [c for c in clusters if c.kind == "person"]
    for person in persons:
        for mention in person.names:
            for facts in (
                *titles_before(doc, mention.span, clusters),
                title_in_apposition(doc, mention.span, clusters),
            ):
                if facts is not None:
                    _apply(facts, person)
            honorific = doc[mention.span.start - 1].lower_ if mention.span.start else ""
            person.gender = person.gender or HONORIFIC_GENDER.get(honorific)
    bridge_descriptions(doc, persons, clusters)
    for person in persons:
        if person.affiliation is None and any(t.lower() in speaks_for() for t in person.titles):
            person.affiliation = _recent_subject_body(doc, person, clusters)
    for cluster in clusters:
        if cluster.country is None and cluster.affiliation is not None:
            cluster.country = cluster.affiliation.country


def bridge_descriptions(doc: Doc, persons: list[Cluster], clusters: list[Cluster]) -> None:
    """ "A security official from the X group … ." then "'…,' Abu Ali Al-Askari said.":
    a person first named right after an indefinite description takes its title and body."""
    for this, following in pairwise(sentences(doc)):
        facts = _indefinite_description(doc, this, clusters) or _speaking_description(
            doc, this, clusters
        )
        if facts is None:
            continue
        for person in persons:
            first = person.names[0].span if person.names else None
            if first is not None and first.sent == following and not person.titles:
                _apply(facts, person)
                break


def _indefinite_description(doc: Doc, sentence: Span, clusters: list[Cluster]) -> TitleFacts | None:
    """ "A security official from the Iran-backed Kataib Hezbollah group": title and body."""
    if sentence[0].lower_ not in ("a", "an"):
        return None
    for end in range(sentence.start + 2, min(sentence.start + TITLE_ZONE, sentence.end)):
        if doc[end].lower_ not in BODY_PREPOSITIONS:
            continue
        zone = [doc[i] for i in range(sentence.start + 1, end)]
        start = title_at_end(zone)
        if start is None:
            return None
        facts = _facts(zone, start, clusters)
        facts.body = _body_after(doc, end + 1, sentence.end, clusters)
        return facts if facts.body is not None else None
    return None


def _speaking_description(doc: Doc, sentence: Span, clusters: list[Cluster]) -> TitleFacts | None:
    """ "A Kurdish militia spokesman says …" then "Nureddine Mehmud says …": an indefinite
    description, subject of the sentence's reporting verb; its words are the title."""
    root = sentence.root
    if root.lemma_.lower() not in cue_lemmas():
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    article = (
        next((c for c in subject.children if c.dep_ == "det"), None)
        if subject is not None
        else None
    )
    if subject is None or article is None or article.lower_ not in ("a", "an"):
        return None
    zone = [doc[i] for i in range(article.i + 1, subject.i + 1)]
    if not zone or len(zone) > TITLE_ZONE or title_at_end(zone) is None:
        return None
    return _facts(zone, 0, clusters)


def _body_after(doc: Doc, start: int, limit: int, clusters: list[Cluster]) -> Cluster | None:
    """The organisation named in the few words after "a surgeon with …", "a commander from …"."""
    for i in range(start, min(start + TITLE_ZONE, limit)):
        body = cluster_at(clusters, (doc[i].idx, doc[i].idx + 1))
        if body is not None and body.kind in ("organization", "group"):
            return body
    return None


def _recent_subject_body(doc: Doc, person: Cluster, clusters: list[Cluster]) -> Cluster | None:
    """The organisation or state that was a sentence's subject just before the person's first
    mention ("The State Department condemned …" before "spokesman Ned Price said")."""
    first = person.mentions[0].span
    window_start = sentence_of(first[0]).start
    for _ in range(2):
        if window_start == 0:
            break
        window_start = sentence_of(doc[window_start - 1]).start
    best: tuple[int, Cluster] | None = None
    for cluster in clusters:
        if cluster.kind not in ("organization", "group", "state"):
            continue
        for mention in cluster.mentions:
            root = mention.span.root
            is_subject = root.dep_ in ("nsubj", "nsubjpass")
            if (
                is_subject
                and window_start <= root.i < first.start
                and (best is None or root.i > best[0])
            ):
                best = (root.i, cluster)
    return best[1] if best else None


def _title_phrase_at(lowers: list[str], start: int) -> int | None:
    """End of the longest office or role title starting at word `start`, if any."""
    if lowers[start] not in title_first_words():
        return None
    for length in title_lengths():
        end = start + length
        words = " ".join(lowers[start:end])
        if end <= len(lowers) and titles_by_class().get(words) in ("office", "role"):
            return end
    return None


def resolve_titles_as_names(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """ "the Prime Minister" names the last person given that title before it; an office with
    no named holder yet ("Iraq's Prime Minister ordered…") becomes an unnamed person."""
    taken = taken_tokens(clusters)
    lowers = doc_lowers(doc)
    at = 0
    while at < len(doc):
        end = _title_phrase_at(lowers, at) if at not in taken else None
        if end is None:
            at += 1
            continue
        before = doc[at - 1] if at else None
        introduced = before is not None and (before.lower_ == "the" or before.tag_ == "POS")
        if not introduced or end in taken or (end < len(doc) and lowers[end] == "of"):
            at += 1
            continue  # not a title standing for a person ("the president of France", "President X")
        title = " ".join(t.lower_ for t in doc[at:end])
        start = at - 1 if before is not None and before.lower_ == "the" else at
        holder = _latest_holder(clusters, title, doc[at].idx)
        if holder is None and doc[at].is_title and titles_by_class()[title] == "office":
            holder = Cluster(kind="person", category=title_category(title))
            holder.add_title(doc[at:end].text)
            zone = zone_before(doc, at)
            holder.country = next(
                (c for i in range(len(zone)) if (c := demonym_code(zone, i))), None
            )
            clusters.append(holder)
        if holder is not None:
            holder.mentions.append(Mention(doc[start:end], "PERSON", form="title"))
            holder.mentions.sort(key=lambda m: m.span.start)
            taken.update(range(start, end))
        at = end
    return clusters


def _latest_holder(clusters: list[Cluster], title: str, before: int) -> Cluster | None:
    best: tuple[int, Cluster] | None = None
    for cluster in clusters:
        if cluster.kind != "person":
            continue
        if not any(
            (t.lower() == title or t.lower().endswith(" " + title)) and not is_subordinate(t, title)
            for t in cluster.titles
        ):
            continue
        earlier = [m.span.start_char for m in cluster.mentions if m.span.start_char < before]
        if earlier and (best is None or max(earlier) > best[0]):
            best = (max(earlier), cluster)
    return best[1] if best else None
