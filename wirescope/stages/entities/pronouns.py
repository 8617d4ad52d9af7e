"""Pronouns (he, his, she, her) resolved by rules suited to news prose."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from wirescope.nlp import doc_lowers, sentence_of
from wirescope.quotes import QuoteIndex
from wirescope.stages.entities.model import Cluster, Mention, taken_tokens
from wirescope.stages.entities.words import name_gender, titles_by_class, titles_gender

PRONOUN_GENDER = dict.fromkeys(("he", "him", "his", "himself"), "m") | dict.fromkeys(
    ("she", "her", "hers", "herself"), "f"
)
# How far back (in sentences) a pronoun looks for its antecedent.
PRONOUN_WINDOW = 3


@dataclass
class Candidate:
    """A possible antecedent: a person entity, or an unnamed person ("the security official")."""

    token: Token
    cluster: Cluster | None


def _candidates(doc: Doc, clusters: list[Cluster], quotes: QuoteIndex) -> list[Candidate]:
    found: list[Candidate] = []
    in_person: dict[int, Cluster] = {}
    for cluster in clusters:
        if cluster.kind == "person":
            for mention in cluster.mentions:
                in_person[mention.span.root.i] = cluster
    taken = taken_tokens(clusters)
    titles = titles_by_class()
    # Only persons' names and title words can be antecedents: the words are read as strings
    # first, and a token is made only for those.
    for i, lower in enumerate(doc_lowers(doc)):
        if i not in in_person and (lower not in titles or i in taken):
            continue
        token = doc[i]
        if quotes.inside(token.idx):
            continue
        if i in in_person:
            found.append(Candidate(token, in_person[i]))
        elif token.pos_ == "NOUN" and token.dep_ != "compound":
            # "Iran's top security official, Ali Shamkhani": the description is the named
            # person; otherwise an unnamed person, who blocks older antecedents.
            found.append(Candidate(token, _named_in_apposition(token, in_person)))
    return found


def _named_in_apposition(token: Token, in_person: dict[int, Cluster]) -> Cluster | None:
    related = [child for child in token.children if child.dep_ == "appos"]
    if token.dep_ == "appos":
        related.append(token.head)
    for other in related:
        if other.i in in_person:
            return in_person[other.i]
    return None


def resolve_pronouns(doc: Doc, clusters: list[Cluster], quotes: QuoteIndex) -> None:
    """he/his/she/her outside quotes: the subject of the same sentence before it, else the
    subject (or first person) of the nearest earlier sentence with one, within a window."""
    for cluster in clusters:
        if cluster.kind == "person" and cluster.gender is None:
            cluster.gender = known_gender(cluster)
    candidates = _candidates(doc, clusters, quotes)
    for i, lower in enumerate(doc_lowers(doc)):
        gender = PRONOUN_GENDER.get(lower)
        if gender is None:
            continue
        token = doc[i]
        if token.pos_ != "PRON" or quotes.inside(token.idx):
            continue
        antecedent = _antecedent(token, candidates, gender)
        if antecedent is None or antecedent.cluster is None:
            continue
        cluster = antecedent.cluster
        cluster.gender = cluster.gender or gender
        cluster.mentions.append(Mention(doc[token.i : token.i + 1], "PERSON", form="pronoun"))
        candidates.append(Candidate(token, cluster))
        candidates.sort(key=lambda c: c.token.i)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.span.start)


def known_gender(cluster: Cluster) -> str | None:
    """A person's gender from a gendered title ("spokeswoman", "Queen"), else from the first
    name of the fullest name the report (or the actor dictionary) gives."""
    names = [m.text for m in cluster.names]
    if cluster.actor is not None:
        names.append(cluster.actor.name)
    fullest = max(names, key=lambda name: len(name.split()), default="")
    return titles_gender(cluster.titles) or name_gender(fullest)


def _clause_subjects(pronoun: Token) -> set[int]:
    """Subjects of the clause a non-reflexive object pronoun sits in: "Warren agreed with her"
    — "her" is not Warren (she would be "herself")."""
    if pronoun.lower_.endswith("self") or pronoun.dep_ in ("nsubj", "nsubjpass", "poss"):
        return set()
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}


def _antecedent(pronoun: Token, candidates: list[Candidate], gender: str) -> Candidate | None:
    sentence_start = sentence_of(pronoun).start
    earlier = [
        c
        for c in candidates
        if c.token.i < pronoun.i and (c.cluster is None or c.cluster.gender in (None, gender))
    ]
    clause_subjects = _clause_subjects(pronoun)
    same = [c for c in earlier if c.token.i >= sentence_start and c.token.i not in clause_subjects]
    if same:
        return _prefer_subject(same, nearest=True)
    sentence = sentence_of(pronoun)
    for _ in range(PRONOUN_WINDOW):
        if sentence.start == 0:
            return None
        sentence = sentence_of(pronoun.doc[sentence.start - 1])
        inside = [c for c in earlier if sentence.start <= c.token.i < sentence.end]
        if inside:
            return _prefer_subject(inside, nearest=False)
    return None


def _prefer_subject(candidates: list[Candidate], *, nearest: bool) -> Candidate:
    subjects = [c for c in candidates if c.token.dep_ in ("nsubj", "nsubjpass")]
    pool = subjects or candidates
    return pool[-1] if nearest else pool[0]
