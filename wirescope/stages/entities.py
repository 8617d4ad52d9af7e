"""The entities stage: one canonical entity per actor, gathering every mention.

The order of work:
1. name mentions: the actor dictionary (patterns as data) first, then the tagger's names;
   the tagger's label is a hint ("Kataib Hezbollah" is a militia whatever it says) and
   channels (Twitter, Telegram…) are never actors;
2. clusters: one per actor: dictionary id, person names by their name parts ("Kadhimi",
   "al-Kadhimi", "Mustafa Al-Kadhimi"), organisations by name and acronym;
3. titles, country and affiliation from the words around a name ("Iraq's Prime Minister X",
   "X, a State Department spokesman", "Iran's top security official, X", and a description
   in one sentence followed by a new name in the next);
4. titles used as names ("the Prime Minister") and pronouns, resolved by news-prose rules;
5. the record's entities, in order of first mention.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from wirescope.actors import Actor, actors, demonyms, lookup_actor, name_key, platforms
from wirescope.countries import country_code
from wirescope.lexicon import mapping
from wirescope.nlp import english
from wirescope.parsed import Parsed
from wirescope.quotes import QuoteIndex
from wirescope.record import Entity, Report

# Tagger labels that can name an actor; the others (DATE, CARDINAL…) never do.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# Particles that a name may carry or drop without naming someone else ("al-Kadhimi" = "Kadhimi").
NAME_PARTICLES = {"al", "el", "ad", "ash", "as", "at", "az", "bin", "ibn", "de", "da", "di",
                  "du", "van", "von", "der", "la", "le", "'s", "’s"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f"}
# Adjectives that may stand between a country or body and a title ("Iran's top security official").
TITLE_MODIFIERS = {"top", "senior", "former", "deputy", "acting", "interim", "chief", "then",
                   "outgoing", "incoming", "new", "veteran", "longtime", "late", "retired", "caretaker"}
# How far back (in sentences) a pronoun looks for its antecedent.
PRONOUN_WINDOW = 3
# Longest run of tokens read as the words around a name that hold its title.
TITLE_ZONE = 8


@dataclass
class Mention:
    span: Span
    label: str
    actor: Actor | None = None
    # "name", "title" (the Prime Minister) or "pronoun".
    form: str = "name"

    @property
    def chars(self) -> tuple[int, int]:
        return (self.span.start_char, self.span.end_char)

    @property
    def text(self) -> str:
        return self.span.text


@dataclass
class Cluster:
    kind: str
    actor: Actor | None = None
    category: str | None = None
    country: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    affiliation: Cluster | None = None
    gender: str | None = None
    name_parts: tuple[str, ...] = ()
    entity_id: str = ""

    @property
    def names(self) -> list[Mention]:
        return [mention for mention in self.mentions if mention.form == "name"]

    def add_title(self, title: str) -> None:
        if title.lower() not in {known.lower() for known in self.titles}:
            self.titles.append(title)

    def first_char(self) -> int:
        return min(mention.span.start_char for mention in self.mentions)


def run(parsed: Parsed, record: Report) -> None:
    doc = parsed.doc
    if doc is None:
        return
    mentions = name_mentions(doc)
    clusters = cluster_mentions(mentions)
    attach_titles(doc, clusters)
    resolve_titles_as_names(doc, clusters)
    resolve_pronouns(doc, clusters, QuoteIndex(doc.text))
    record.entities = build_entities(clusters)


# --- 1. name mentions -------------------------------------------------------------------


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
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s")
                           or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _is_platform(text: str) -> bool:
    return name_key(text) in platforms()


def tagger_mentions(doc: Doc) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        span = _trim(ent)
        if span is None or _is_platform(span.text):
            continue
        actor = lookup_actor(span.text)
        found.append(Mention(span, "DICT" if actor else ent.label_, actor))
    return found


def name_mentions(doc: Doc) -> list[Mention]:
    """Dictionary matches first; the tagger's names where the dictionary said nothing."""
    dictionary = dictionary_mentions(doc)
    taken = {i for mention in dictionary for i in range(mention.span.start, mention.span.end)}
    tagger = [m for m in tagger_mentions(doc)
              if not taken & set(range(m.span.start, m.span.end))]
    return sorted(dictionary + tagger, key=lambda m: m.span.start)


# --- 2. clusters ------------------------------------------------------------------------


def name_parts(text: str) -> tuple[str, ...]:
    """The parts of a person's name that identify them: "Mustafa Al-Kadhimi" -> (mustafa, kadhimi)."""
    words = name_key(text).replace("'", " ").split()
    return tuple(word for word in words if word not in NAME_PARTICLES)


@cache
def _org_heads() -> dict[str, tuple[str, ...]]:
    return mapping("org_heads.tsv")


def _org_kind(text: str) -> tuple[str, str | None]:
    """Kind and category of an organisation the dictionary lacks, from its head words."""
    for word in reversed(name_key(text).split()):
        cells = _org_heads().get(word)
        if cells:
            return cells[0], (cells[1] if len(cells) > 1 and cells[1] else None)
    return "organization", None


def _new_cluster(mention: Mention) -> Cluster:
    actor = mention.actor
    if actor is not None:
        return Cluster(kind=actor.kind, actor=actor, category=actor.category,
                       country=actor.country, titles=list(actor.titles),
                       name_parts=name_parts(actor.name) if actor.kind == "person" else ())
    if mention.label == "PERSON":
        return Cluster(kind="person", name_parts=name_parts(mention.text))
    if mention.label == "GPE":
        return Cluster(kind="state", category="government", country=country_code(mention.text))
    kind, category = _org_kind(mention.text)
    return Cluster(kind=kind, category=category)


def _person_match(parts: tuple[str, ...], clusters: list[Cluster]) -> Cluster | None:
    """The latest person whose name holds these parts and ends the same way ("Kadhimi")."""
    if not parts:
        return None
    for cluster in reversed(clusters):
        if cluster.kind != "person" or not cluster.name_parts:
            continue
        if set(parts) <= set(cluster.name_parts) and parts[-1] == cluster.name_parts[-1]:
            return cluster
    return None


def _is_person_name(mention: Mention) -> bool:
    if mention.actor is not None:
        return mention.actor.kind == "person"
    if mention.label != "PERSON":
        return False
    # A "person" whose last word heads organisation names is an organisation ("Wagner Group").
    last = name_key(mention.text).split()[-1:]
    return not (last and last[0] in _org_heads())


def cluster_mentions(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into one cluster per actor."""
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    persons = [m for m in mentions if _is_person_name(m)]
    # Persons first, fullest names first, so that "Kadhimi" finds "Mustafa al-Kadhimi".
    for mention in sorted(persons, key=lambda m: -len(name_parts(m.text))):
        cluster = _person_match(name_parts(mention.text), clusters)
        if cluster is None or (mention.actor and cluster.actor and mention.actor != cluster.actor):
            cluster = _new_cluster(mention)
            clusters.append(cluster)
        cluster.mentions.append(Mention(mention.span, "PERSON", mention.actor))
    for mention in mentions:
        if _is_person_name(mention):
            continue
        # The tagger calls a surname a place or a body now and then ("al-Kadhimi's" as ORG).
        if mention.actor is None:
            person = _person_match(name_parts(mention.text), clusters)
            if person is not None:
                person.mentions.append(Mention(mention.span, "PERSON"))
                continue
        cluster = _org_or_state_cluster(mention, clusters, by_key)
        if cluster is not None:
            cluster.mentions.append(mention)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.span.start)
    return [c for c in clusters if c.mentions and (c.kind != "state" or _acts(c))]


def _org_or_state_cluster(mention: Mention, clusters: list[Cluster],
                          by_key: dict[str, Cluster]) -> Cluster | None:
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
    """An organisation named shorter or longer elsewhere ("State Department" in "US State Department")."""
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


# --- 3. titles, country, affiliation ----------------------------------------------------


@cache
def titles_by_class() -> dict[str, str]:
    """Title phrase (lowercase) -> class: office, role, generic or honorific."""
    return {title: cells[0] if cells else "role" for title, cells in mapping("titles.tsv").items()}


@cache
def _title_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(title.split()) for title in titles_by_class()}, reverse=True))


def _title_at_end(tokens: list[Token]) -> int | None:
    """Index in `tokens` where a title phrase starts that ends with the last token."""
    words = [token.lower_ for token in tokens]
    for length in _title_lengths():
        if length <= len(words) and " ".join(words[-length:]) in titles_by_class():
            return len(words) - length
    return None


def _zone_before(doc: Doc, end: int) -> list[Token]:
    """Tokens left of `end` that can belong to a title phrase: nouns, names, adjectives, 's."""
    tokens: list[Token] = []
    at = end - 1
    sentence_start = doc[max(end - 1, 0)].sent.start
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
    affiliation_span: tuple[int, int] | None


def _facts(doc: Doc, zone: list[Token], title_start: int) -> TitleFacts:
    """The title as written and what its modifiers say: a country, a body spoken for."""
    title_tokens = zone[title_start:]
    title = doc[title_tokens[0].i : title_tokens[-1].i + 1].text
    country = None
    affiliation = None
    for token in zone[:title_start]:
        code = demonyms().get(token.text) or (country_code(token.text) if token.pos_ == "PROPN" else None)
        if code and country is None:
            country = code
        if token.ent_type_ == "ORG" and affiliation is None:
            affiliation = (token.idx, token.idx + len(token.text))
    return TitleFacts(title, country, affiliation)


def title_before(doc: Doc, span: Span) -> TitleFacts | None:
    """ "Iraq's Prime Minister Mustafa al-Kadhimi", "spokesman Ned Price"."""
    zone = _zone_before(doc, span.start)
    start = _title_at_end(zone) if zone else None
    if start is None:
        return None
    return _facts(doc, zone, start)


def title_in_apposition(doc: Doc, span: Span) -> TitleFacts | None:
    """ "Ned Price, a State Department spokesman," and "Iran's top security official, Ali Shamkhani,"."""
    after = span.end
    if after < len(doc) and doc[after].text == ",":
        at = after + 1
        if at < len(doc) and doc[at].lower_ in ("a", "an", "the"):
            at += 1
        end = at
        while end < len(doc) and end - at < TITLE_ZONE and doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "PART") \
                and doc[end].sent == span.sent:
            end += 1
        zone = [doc[i] for i in range(at, end)]
        start = _title_at_end(zone) if zone else None
        if start is not None:
            return _facts(doc, zone, start)
    before = span.start - 1
    if before > 0 and doc[before].text == ",":
        zone = _zone_before(doc, before)
        start = _title_at_end(zone) if zone else None
        if start is not None:
            return _facts(doc, zone, start)
    return None


def _cluster_at(clusters: list[Cluster], chars: tuple[int, int]) -> Cluster | None:
    for cluster in clusters:
        for mention in cluster.mentions:
            if mention.span.start_char <= chars[0] < mention.span.end_char:
                return cluster
    return None


def _apply(facts: TitleFacts, person: Cluster, clusters: list[Cluster]) -> None:
    person.add_title(facts.title)
    if facts.country and person.country is None:
        person.country = facts.country
    if facts.affiliation_span and person.affiliation is None:
        body = _cluster_at(clusters, facts.affiliation_span)
        if body is not None and body is not person:
            person.affiliation = body
    if person.category is None:
        cells = mapping("titles.tsv").get(facts.title.lower(), ())
        if len(cells) > 1 and cells[1]:
            person.category = cells[1]


def attach_titles(doc: Doc, clusters: list[Cluster]) -> None:
    persons = [c for c in clusters if c.kind == "person"]
    for person in persons:
        for mention in person.names:
            for facts in (title_before(doc, mention.span), title_in_apposition(doc, mention.span)):
                if facts is not None:
                    _apply(facts, person, clusters)
            honorific = doc[mention.span.start - 1].lower_ if mention.span.start else ""
            person.gender = person.gender or HONORIFIC_GENDER.get(honorific)
    bridge_descriptions(doc, persons, clusters)
    for cluster in clusters:
        if cluster.country is None and cluster.affiliation is not None:
            cluster.country = cluster.affiliation.country


def bridge_descriptions(doc: Doc, persons: list[Cluster], clusters: list[Cluster]) -> None:
    """ "A security official from the X group … ." then "'…,' Abu Ali Al-Askari said.":
    a person first named right after an indefinite description takes its title and body."""
    sentences = list(doc.sents)
    for this, following in zip(sentences, sentences[1:], strict=False):
        facts = _indefinite_description(doc, this, clusters)
        if facts is None:
            continue
        for person in persons:
            first = person.names[0].span if person.names else None
            if first is not None and first.sent == following and not person.titles:
                _apply(facts, person, clusters)
                break


def _indefinite_description(doc: Doc, sentence: Span, clusters: list[Cluster]) -> TitleFacts | None:
    """ "A security official from the Iran-backed Kataib Hezbollah group": title and body."""
    if sentence[0].lower_ not in ("a", "an"):
        return None
    for end in range(sentence.start + 2, min(sentence.start + TITLE_ZONE, sentence.end)):
        if doc[end].lower_ not in ("from", "of", "with", "for", "in"):
            continue
        zone = [doc[i] for i in range(sentence.start + 1, end)]
        start = _title_at_end(zone)
        if start is None:
            return None
        facts = _facts(doc, zone, start)
        for i in range(end + 1, min(end + TITLE_ZONE, sentence.end)):
            body = _cluster_at(clusters, (doc[i].idx, doc[i].idx + 1))
            if body is not None and body.kind in ("organization", "group"):
                facts.affiliation_span = (doc[i].idx, doc[i].idx + 1)
                return facts
        return None
    return None


# --- 4. titles as names and pronouns ----------------------------------------------------


def _taken(clusters: list[Cluster]) -> set[int]:
    return {i for c in clusters for m in c.mentions for i in range(m.span.start, m.span.end)}


def resolve_titles_as_names(doc: Doc, clusters: list[Cluster]) -> None:
    """ "the Prime Minister" names the last person given that title before it."""
    taken = _taken(clusters)
    classes = titles_by_class()
    for token in doc:
        if token.lower_ != "the" or token.i in taken:
            continue
        zone_end = token.i + 1
        while zone_end < len(doc) and zone_end - token.i <= 4 and doc[zone_end].pos_ in ("NOUN", "PROPN"):
            zone_end += 1
        words = " ".join(t.lower_ for t in doc[token.i + 1 : zone_end])
        if classes.get(words) not in ("office", "role"):
            continue
        if zone_end < len(doc) and (doc[zone_end].lower_ == "of" or zone_end in taken):
            continue  # "the president of France", "the Prime Minister Mustafa al-Kadhimi"
        holder = _latest_holder(clusters, words, token.idx)
        if holder is not None:
            holder.mentions.append(Mention(doc[token.i : zone_end], "PERSON", form="title"))
            holder.mentions.sort(key=lambda m: m.span.start)


def _latest_holder(clusters: list[Cluster], title: str, before: int) -> Cluster | None:
    best: tuple[int, Cluster] | None = None
    for cluster in clusters:
        if cluster.kind != "person":
            continue
        if not any(t.lower() == title or t.lower().endswith(" " + title) for t in cluster.titles):
            continue
        earlier = [m.span.start_char for m in cluster.mentions if m.span.start_char < before]
        if earlier and (best is None or max(earlier) > best[0]):
            best = (max(earlier), cluster)
    return best[1] if best else None


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
    taken = _taken(clusters)
    for token in doc:
        if quotes.inside(token.idx):
            continue
        if token.i in in_person:
            found.append(Candidate(token, in_person[token.i]))
        elif token.pos_ == "NOUN" and token.i not in taken and token.dep_ != "compound" \
                and token.lower_ in titles_by_class():
            found.append(Candidate(token, None))  # an unnamed person blocks older antecedents
    return found


def resolve_pronouns(doc: Doc, clusters: list[Cluster], quotes: QuoteIndex) -> None:
    """he/his/she/her outside quotes: the subject of the same sentence before it, else the
    subject (or first person) of the nearest earlier sentence with one, within a window."""
    candidates = _candidates(doc, clusters, quotes)
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None or token.pos_ != "PRON" or quotes.inside(token.idx):
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


def _antecedent(pronoun: Token, candidates: list[Candidate], gender: str) -> Candidate | None:
    sentence_start = pronoun.sent.start
    earlier = [c for c in candidates if c.token.i < pronoun.i
               and (c.cluster is None or c.cluster.gender in (None, gender))]
    same = [c for c in earlier if c.token.i >= sentence_start]
    if same:
        return _prefer_subject(same, nearest=True)
    sentence = pronoun.sent
    for _ in range(PRONOUN_WINDOW):
        if sentence.start == 0:
            return None
        sentence = pronoun.doc[sentence.start - 1].sent
        inside = [c for c in earlier if sentence.start <= c.token.i < sentence.end]
        if inside:
            return _prefer_subject(inside, nearest=False)
    return None


def _prefer_subject(candidates: list[Candidate], *, nearest: bool) -> Candidate:
    subjects = [c for c in candidates if c.token.dep_ in ("nsubj", "nsubjpass")]
    pool = subjects or candidates
    return pool[-1] if nearest else pool[0]


# --- 5. the record's entities -----------------------------------------------------------


def _canonical_name(cluster: Cluster) -> str:
    if cluster.actor is not None:
        return cluster.actor.name
    names = [m.text for m in cluster.names] or [m.text for m in cluster.mentions]
    return max(names, key=lambda name: (len(name_parts(name)), len(name)))


def _aliases(cluster: Cluster) -> list[str]:
    seen: dict[str, str] = {}
    for mention in cluster.mentions:
        if mention.form != "pronoun":
            seen.setdefault(mention.text.lower(), mention.text)
    return list(seen.values())


def build_entities(clusters: list[Cluster]) -> list[Entity]:
    ordered = sorted(clusters, key=Cluster.first_char)
    for number, cluster in enumerate(ordered, start=1):
        cluster.entity_id = f"e{number}"
    entities = []
    for cluster in ordered:
        kind = cluster.kind if cluster.kind in ("person", "organization", "state", "group") else "other"
        mentions = sorted({m.chars for m in cluster.mentions})
        entities.append(Entity(
            id=cluster.entity_id,
            name=_canonical_name(cluster),
            kind=kind,  # type: ignore[arg-type]
            category=cluster.category,  # type: ignore[arg-type]
            country=cluster.country,
            titles=cluster.titles,
            affiliation=cluster.affiliation.entity_id if cluster.affiliation else None,
            aliases=_aliases(cluster),
            mentions=[(start, end) for start, end in mentions],
        ))
    return entities
