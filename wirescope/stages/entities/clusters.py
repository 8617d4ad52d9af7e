"""Clusters: one per actor (dictionary id, person name parts, organisation name), then entities."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span

from wirescope.actors import demonyms, name_key
from wirescope.countries import country_code, country_name
from wirescope.gazetteer import is_place_name
from wirescope.nlp import doc_lowers, doc_words
from wirescope.record import Entity
from wirescope.stages.entities.mentions import HANDLE, PERSON_OR_PLACE
from wirescope.stages.entities.model import Cluster, Mention
from wirescope.stages.entities.words import (
    company_words,
    cue_lemmas,
    first_name_genders,
    name_parts,
    org_heads,
    titles_by_class,
)


def _org_kind(text: str) -> tuple[str, str | None]:
    """Kind and category of an organisation the dictionary lacks, from its head words.

    The last head word decides ("Ministry of Health" -> ministry), except that a word naming
    an armed group outranks the others ("National Liberation Army" is a rebel group).
    """
    found = [org_heads()[word] for word in name_key(text).split() if word in org_heads()]
    if not found:
        return "organization", None
    groups = [cells for cells in found if cells[0] == "group"]
    cells = groups[0] if groups else found[-1]
    return cells[0], (cells[1] if len(cells) > 1 and cells[1] else None)


def _new_cluster(mention: Mention) -> Cluster:
    actor = mention.actor
    if actor is not None:
        return Cluster(
            kind=actor.kind,
            actor=actor,
            category=actor.category,
            country=actor.country,
            titles=list(actor.titles),
            name_parts=name_parts(actor.name) if actor.kind == "person" else (),
        )
    if _is_person_name(mention):
        return Cluster(kind="person", name_parts=name_parts(mention.text))
    if mention.label == "GPE":
        return Cluster(kind="state", category="government", country=country_code(mention.text))
    kind, category = _org_kind(mention.text)
    return Cluster(kind=kind, category=category)


def person_match(
    parts: tuple[str, ...], clusters: list[Cluster], *, leading: bool = False, at: int | None = None
) -> Cluster | None:
    """The person whose name holds these parts and ends the same way ("Kadhimi"): of several,
    the one named last before token `at`, else the latest found.
    With `leading`, a single word that no name ends with names the one person whose name it
    starts ("Kim" for Kim Jong Un, "Hua" for Hua Chunying: family names written first)."""
    if not parts:
        return None
    ending = [
        c
        for c in clusters
        if c.kind == "person"
        and c.name_parts
        and set(parts) <= set(c.name_parts)
        and parts[-1] == c.name_parts[-1]
    ]
    if len(ending) > 1 and at is not None:
        # "Clinton" after "Hillary Clinton" and "Bill Clinton": the one named last before it.
        before = [
            (m.span.start, n) for n, c in enumerate(ending) for m in c.mentions if m.span.start < at
        ]
        if before:
            return ending[max(before)[1]]
    if ending:
        return ending[-1]
    if not leading or len(parts) != 1:
        return None
    starting = [
        c
        for c in clusters
        if c.kind == "person"
        and len(c.name_parts) > 1
        and c.name_parts[0] == parts[0]
        and any(_written_as_name(m) for m in c.names)
    ]
    return starting[0] if len(starting) == 1 else None


def _handle_owner(handle: str, clusters: list[Cluster]) -> Cluster | None:
    """ "@PhilMickelson", "@realDonaldTrump": the one person whose first and last names,
    run together, the handle holds."""
    key = "".join(ch for ch in handle.lower() if ch.isalnum())
    owners = [
        c
        for c in clusters
        if c.kind == "person"
        and len(c.name_parts) > 1
        and any((first + c.name_parts[-1]).replace("-", "") in key for first in c.name_parts[:-1])
    ]
    return owners[0] if len(owners) == 1 else None


def _written_as_name(mention: Mention) -> bool:
    """A name of proper nouns only, none a reporting verb ("Obama Says" in a headline is not)."""
    return all(t.pos_ == "PROPN" and t.lemma_.lower() not in cue_lemmas() for t in mention.span)


def _is_person_name(mention: Mention) -> bool:
    if mention.actor is not None:
        return mention.actor.kind == "person"
    if mention.label not in ("PERSON", PERSON_OR_PLACE):
        return False
    # A "person" whose last word heads organisation names is an organisation ("Wagner Group",
    # "Charlie Hebdo"), unless that word is a surname too and a first name opens the name
    # ("Nathalie Press").
    words = name_key(mention.text).split()
    if not words or words[-1] not in org_heads():
        return True
    cells = org_heads()[words[-1]]
    surname = len(cells) > 2 and cells[2] == "surname"
    return surname and len(words) > 1 and words[0] in first_name_genders()


def _vouched(mention: Mention) -> bool:
    """A name is a person's when a title or honorific stands before it ("Mr. Obama", "Sen.
    Warren") or it is the subject of a reporting verb ("Clinton said")."""
    span = mention.span
    before = span.doc[span.start - 1].lower_ if span.start else ""
    if before in titles_by_class():
        return True
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in cue_lemmas()


def cluster_mentions(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into one cluster per actor."""
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    persons = [m for m in mentions if _is_person_name(m)]
    # Persons first, fullest names first, so that "Kadhimi" finds "Mustafa al-Kadhimi".
    for mention in sorted(persons, key=lambda m: -len(name_parts(m.text))):
        vouched = mention.label != PERSON_OR_PLACE or _vouched(mention)
        cluster = person_match(
            name_parts(mention.text), clusters, leading=vouched, at=mention.span.start
        )
        if cluster is None and not vouched:
            continue  # a town's name, most likely
        if cluster is None or (mention.actor and cluster.actor and mention.actor != cluster.actor):
            cluster = _new_cluster(mention)
            clusters.append(cluster)
        cluster.mentions.append(Mention(mention.span, "PERSON", mention.actor))
    for mention in mentions:
        if _is_person_name(mention):
            continue
        if mention.label == HANDLE:
            owner = _handle_owner(mention.text, clusters)
            if owner is not None:
                owner.mentions.append(Mention(mention.span, "PERSON"))
            continue
        # The tagger calls a surname a place or a body now and then ("al-Kadhimi's" as ORG),
        # but a real place's name stays a place ("the road to Warren").
        if mention.actor is None and not is_place_name(mention.text):
            person = person_match(name_parts(mention.text), clusters, at=mention.span.start)
            if person is None:
                person = _fuller_name_of(mention, clusters)
            if person is not None:
                person.mentions.append(Mention(mention.span, "PERSON"))
                continue
        cluster = _org_or_state_cluster(mention, clusters, by_key)
        if cluster is not None:
            cluster.mentions.append(mention)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.span.start)
        if _written_as_company(cluster):
            cluster.kind, cluster.category, cluster.name_parts = "organization", "business", ()
        if cluster.kind in ("organization", "group") and cluster.country is None:
            cluster.country = body_country(cluster)
    return [c for c in clusters if c.mentions and (c.kind != "state" or _acts(c))]


def _fuller_name_of(mention: Mention, clusters: list[Cluster]) -> Cluster | None:
    """ "Nureddine Mehmud" tagged as a body, "Mehmud says" as a person: a name of proper nouns
    with no head word of a body's name, ending with a person's one-word name, is that person
    named in full (the person takes the fuller name)."""
    parts = name_parts(mention.text)
    if len(parts) < 2 or not _written_as_name(mention) or set(parts) & set(org_heads()):
        return None
    for cluster in clusters:
        if cluster.kind == "person" and cluster.actor is None and cluster.name_parts == parts[-1:]:
            if not any(_vouched(m) for m in cluster.mentions):
                continue  # a one-word "person" nothing vouches for: "Yorkshire"
            cluster.name_parts = parts
            return cluster
    return None


def _written_as_company(cluster: Cluster) -> bool:
    """A "person" with no first name in its name (or a body of no known category), written
    as only a firm is: "Qualcomm's chief executive", "Broadcom shares", "former Yukos boss",
    "shares in X", "X, the chipmaker", "oil giant X", "game makers, Argonaut Games,"."""
    if cluster.actor is not None or not cluster.mentions:
        return False
    if not (cluster.kind == "person" or (cluster.kind == "organization" and not cluster.category)):
        return False
    firsts = first_name_genders()
    lowers = doc_lowers(cluster.mentions[0].span.doc)
    if any(lowers[i] in firsts for m in cluster.mentions for i in range(m.span.start, m.span.end)):
        return False
    person = cluster.kind == "person"
    if any(_company_context(m.span, person) for m in cluster.mentions):
        return True
    # A one-word name, every time it is written ("Qualcomm shares rose" goes untagged).
    names = {m.text for m in cluster.mentions if len(m.span) == 1}
    if not names:
        return False
    doc = cluster.mentions[0].span.doc
    at = _positions(doc)
    written = sorted(i for name in names for i in at.get(name, ()))
    return any(_company_context(doc[i : i + 1], person) for i in written)


def _positions(doc: Doc) -> dict[str, list[int]]:
    """Where each word is written in the document, read once (not once per cluster)."""
    positions: dict[str, list[int]] | None = doc.user_data.get("wirescope_positions")
    if positions is None:
        positions = doc.user_data["wirescope_positions"] = defaultdict(list)
        for i, word in enumerate(doc_words(doc)):
            positions[word].append(i)
    return positions


def _company_context(span: Span, person: bool) -> bool:
    words = company_words()
    owned = words["owned"] | words["led"] if person else words["owned"]
    doc = span.doc
    after = doc[span.end : span.end + 3]
    if after and after[0].tag_ == "POS":
        after = after[1:]
    if after and (after[0].lower_ in owned or after[:2].text.lower() in owned):
        return True
    token = span.root
    head = token.head
    if (
        token.dep_ == "pobj"
        and head.lower_ in ("in", "of")
        and head.head.lemma_.lower() in words["stake"]
    ):
        return True
    # "X, the chipmaker", "the chipmaker X", "Russian oil giant X".
    called = [
        c
        for c in token.children
        if c.dep_ in ("appos", "compound") and not span.start <= c.i < span.end
    ]
    if token.dep_ == "appos":
        called.append(head)
    return any(c.lemma_.lower() in words["called"] and c.pos_ == "NOUN" for c in called)


def _org_or_state_cluster(
    mention: Mention, clusters: list[Cluster], by_key: dict[str, Cluster]
) -> Cluster | None:
    if mention.actor is not None:
        key = "actor:" + mention.actor.id
    elif mention.label in ("NORP", "FAC", "LOC"):
        return None  # demonyms give a country; facilities and regions are places
    elif mention.label == "GPE":
        code = country_code(mention.text)
        if code is None:
            return None  # a city or region: the places stage's
        key = "state:" + code
    else:
        if country_code(mention.text) or mention.text in demonyms():
            return None
        key = "org:" + name_key(mention.text)
        key = _known_org_key(key, by_key)
    if key not in by_key:
        by_key[key] = _new_cluster(mention)
        clusters.append(by_key[key])
    return by_key[key]


def _known_org_key(key: str, by_key: dict[str, Cluster]) -> str:
    """An organisation named shorter or longer elsewhere ("State Department", "US State
    Department")."""
    name = key.removeprefix("org:")
    for known in by_key:
        other = known.removeprefix("org:")
        if known.startswith("org:") and (other.endswith(" " + name) or name.endswith(" " + other)):
            return known
    return key


def _acts(cluster: Cluster) -> bool:
    """A country is an actor when it does something: the subject of a verb, or the agent."""
    for mention in cluster.mentions:
        root = mention.span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
            return True
        if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
            return True
    return False


def is_credible(cluster: Cluster) -> bool:
    """A person known by one word only is a tagger's guess ("Debris", "Riot") unless a title,
    the dictionary or a reporting verb ("Grant said") vouches for it."""
    if cluster.kind != "person" or cluster.actor is not None or cluster.titles:
        return True
    if any(len(name_parts(m.text)) > 1 for m in cluster.names):
        return True
    return any(
        m.span.root.dep_ == "nsubj" and m.span.root.head.lemma_ in cue_lemmas()
        for m in cluster.names
    )


def _canonical_name(cluster: Cluster) -> str:
    if cluster.actor is not None:
        return cluster.actor.name
    names = [m.text for m in cluster.names]
    if not names and cluster.titles:
        # An office holder the report never names: "Prime Minister of Iraq".
        title = cluster.titles[0]
        return f"{title} of {country_name(cluster.country)}" if cluster.country else title
    names = names or [m.text for m in cluster.mentions]
    return max(names, key=lambda name: (len(name_parts(name)), len(name)))


def _aliases(cluster: Cluster) -> list[str]:
    seen: dict[str, str] = {}
    for mention in cluster.mentions:
        if mention.form != "pronoun":
            seen.setdefault(mention.text.lower(), mention.text)
    return list(seen.values())


def _affiliation_id(cluster: Cluster, kept: list[Cluster]) -> str | None:
    body = cluster.affiliation
    return body.entity_id if body is not None and body in kept else None


def body_country(cluster: Cluster) -> str | None:
    """Country of an organisation from the words naming it: "Kenyan police", "Iraq's army"."""
    for mention in cluster.mentions:
        span = mention.span
        first = span[0].text
        if first in demonyms():
            return demonyms()[first]
        doc = span.doc
        before = doc[span.start - 1] if span.start else None
        if before is not None and before.text in demonyms():
            return demonyms()[before.text]
        if before is not None and before.tag_ == "POS" and span.start >= 2:
            code = country_code(doc[span.start - 2].text)
            if code:
                return code
    return None


def build_entities(clusters: list[Cluster]) -> list[Entity]:
    ordered = sorted(clusters, key=Cluster.first_char)
    for number, cluster in enumerate(ordered, start=1):
        cluster.entity_id = f"e{number}"
    entities = []
    for cluster in ordered:
        kind = (
            cluster.kind
            if cluster.kind in ("person", "organization", "state", "group")
            else "other"
        )
        mentions = sorted({m.chars for m in cluster.mentions})
        entities.append(
            Entity(
                id=cluster.entity_id,
                name=_canonical_name(cluster),
                kind=kind,
                category=cluster.category,
                country=cluster.country,
                titles=cluster.titles,
                affiliation=_affiliation_id(cluster, ordered),
                aliases=_aliases(cluster),
                mentions=[(start, end) for start, end in mentions],
            )
        )
    return entities
