"""Whether a name found in a text is used there as a place.

A gazetteer holds a town for almost every capitalised word; news uses most of those words for
something else: people ("Theresa May"), firms ("Nokia"), planets ("Mars"), organisations
("U.N."), teams ("victory over England"), page furniture ("Media playback is unsupported").
Each rule below reads the words around a name and says why it is, or is not, a place; the
words it knows are the commented lists `lexicons/places_*.tsv`.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.attrs import LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from wirescope.actors import actors, name_key
from wirescope.lexicon import table, words
from wirescope.stages.entities.words import name_particles, titles_by_class

# Lowercase words after a name that make it a subdivision: "Balkh province", "Kunduz province".
ADMIN_WORDS = frozenset(
    {"province", "governorate", "state", "county", "district", "prefecture", "oblast", "region"}
)
# The subdivisions each such word names: "Sokoto State" is a state, "Richmond County" a
# county; "Garden State" (a film, New Jersey's nickname) is no county named Garden.
_ADMIN_WORD_KINDS = {
    "county": frozenset({"admin2"}),
    "district": frozenset({"admin1", "admin2", "region"}),
}
_FIRST_LEVEL = frozenset({"admin1", "region"})


def admin_kinds(word: str) -> frozenset[str]:
    """The kinds of subdivision an administrative word names ("province": first-level)."""
    return _ADMIN_WORD_KINDS.get(word.lower(), _FIRST_LEVEL)


# "Canada-based", "Basra-born", "Atlanta-area": the name is where someone or something is.
PLACE_SUFFIXES = ("-based", "-born", "-bred", "-raised", "-area")
# Nouns of an apposition that say the name before it is a place: "Nokia, a town in Finland".
APPOSITION_PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "county",
        "state",
        "province",
        "region",
        "country",
        "suburb",
        "district",
        "island",
        "capital",
        "municipality",
        "hamlet",
        "port",
        "borough",
    }
)
# Speech and stance verbs whose subject, when a capital or a landmark, is a government or an
# institution ("Moscow denies", "the Pentagon said"), not where anything happened.
METONYM_VERBS = frozenset(
    {
        "say",
        "deny",
        "claim",
        "announce",
        "warn",
        "accuse",
        "insist",
        "reject",
        "confirm",
        "demand",
        "threaten",
        "urge",
        "blame",
        "respond",
        "refuse",
        "condemn",
        "want",
        "agree",
        "decline",
        "believe",
        "tell",
        "add",
        "call",
        "argue",
        "suggest",
        "hope",
        "seek",
        "plan",
    }
)
# Verbs that put someone into an office a seat stands for: "voted into the White House",
# "elected to the Kremlin".
ELECTION_VERBS = frozenset({"vote", "elect", "sweep", "propel"})
# Nouns whose modifier or possessor, when a capital or landmark, is an institution: "Pentagon
# officials", "Kremlin spokesman", "Cairo's bid".
METONYM_NOUNS = frozenset(
    {
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "bid",
        "protection",
        "decision",
        "position",
        "backing",
        "support",
        "policy",
        "stance",
        "envoy",
        "statement",
    }
)


@cache
def name_word_roles() -> dict[str, str]:
    """Words of longer names and what they make of a place's name beside them: another place
    ("feature"), a street, a facility or authority there, its residents, or a thing named
    after it (see places_name_words.tsv)."""
    return {word: role for word, role in table("places_name_words.tsv")}


@cache
def locatives() -> frozenset[str]:
    return words("places_locatives.tsv")


@cache
def facility_heads() -> frozenset[str]:
    return words("places_facility_heads.tsv")


def is_site_name(text: str) -> bool:
    """ "Trump Tower", "Pike Street": a name of two words or more ending in a facility head
    (places_facility_heads.tsv)."""
    parts = text.split()
    return len(parts) >= 2 and parts[-1].lower().strip(".,") in facility_heads()


@cache
def first_names() -> frozenset[str]:
    return words("places_first_names.tsv")


@cache
def person_nouns() -> frozenset[str]:
    return words("places_person_nouns.tsv")


@cache
def surname_particles() -> frozenset[str]:
    """The entities stage's name particles ("al", "van", "de") and other languages' ("dal")."""
    return name_particles() | words("places_surname_particles.tsv")


@cache
def vague_regions() -> frozenset[str]:
    return words("places_vague_regions.tsv")


@cache
def sport_words(family: str) -> frozenset[str]:
    return frozenset(row[0].lower() for row in table("places_sport_words.tsv") if row[1] == family)


@cache
def never_names() -> dict[str, str]:
    """Lowercased names that are no places, with the family that says why."""
    found: dict[str, str] = {}
    for name in words("places_celestial.tsv"):
        found[name] = "celestial body"
    for name in words("places_companies.tsv"):
        found[name] = "company"
    for actor in actors():
        if actor.kind != "person":
            for name in (actor.name, *actor.aliases):
                # Organisations named after their place ("Government of Iraq") keep it.
                found.setdefault(name_key(name), "organisation")
    return found


@cache
def organisation_abbreviations() -> frozenset[str]:
    """Abbreviations as written: "U.N." names the organisation, "Un" a town in Gujarat."""
    return frozenset(row[0] for row in table("places_org_abbreviations.tsv"))


@cache
def furniture_phrases() -> tuple[tuple[str, bool], ...]:
    """Furniture phrases, longest first, each with whether it runs to its sentence's end."""
    rows = table("places_furniture.tsv")
    found = {row[0].lower(): len(row) > 1 and row[1] == "sentence" for row in rows}
    return tuple(sorted(found.items(), key=lambda item: len(item[0]), reverse=True))


# The end of a sentence or a line: where a furniture line that runs on stops.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_FURNITURE_REACH = 300


def _previous(span: Span) -> Token | None:
    return span.doc[span.start - 1] if span.start > 0 else None


def _next(span: Span) -> Token | None:
    return span.doc[span.end] if span.end < len(span.doc) else None


def _is_name_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha


def _sentence_start(token: Token) -> bool:
    return (
        token.i == 0 or bool(token.is_sent_start) or token.doc[token.i - 1].text in ("\n", "\n\n")
    )


def after_locative(span: Span, depth: int = 0) -> bool:
    """ "in X", "near X", "outside X", "from X" (see places_locatives.tsv); "the streets of X",
    "the outskirts of X": "of" after a common noun; "in Rehab and New Cairo": a name joined
    to one after a locative."""
    before = _previous(span)
    if before is None:
        return False
    if before.lower_ == "of" and before.i > 0:
        # "the streets of Chicago"; "Rebecca Sears, 41, of Grovetown": where someone lives.
        noun = span.doc[before.i - 1]
        return (noun.is_lower and noun.pos_ == "NOUN") or noun.text == "," or noun.like_num
    if before.lower_ in ("and", "or", ",") and depth < 3:
        joined = _joined_name(span)
        if joined is not None:
            return after_locative(joined, depth + 1)
    return before.lower_ in locatives()


def _joined_name(span: Span) -> Span | None:
    """The name a conjunct hangs on: "Rehab" of "in Rehab and New Cairo"."""
    root = span.root
    if root.dep_ != "conj" or root.head.i >= span.start:
        return None
    head = root.head
    if not _is_name_word(head):
        return None
    start = head.i
    while start > 0 and _is_name_word(span.doc[start - 1]) and not _sentence_start(span.doc[start]):
        start -= 1
    return span.doc[start : head.i + 1]


def before_place_suffix(span: Span) -> bool:
    """ "Canada-based", "Basra-born"."""
    after = _next(span)
    if after is None:
        return False
    if after.lower_.startswith(PLACE_SUFFIXES):
        return True
    if after.text == "-" and after.i + 1 < len(span.doc):
        return f"-{span.doc[after.i + 1].lower_}".startswith(PLACE_SUFFIXES)
    return False


def place_apposition(span: Span) -> bool:
    """ "Nokia, a town in Finland": an apposition names the name a place."""
    doc = span.doc
    i = span.end
    if i + 2 >= len(doc) or doc[i].text != ",":
        return False
    window = doc[i + 1 : min(i + 5, len(doc))]
    return doc[i + 1].lower_ in ("a", "an", "the") and any(
        t.lower_ in APPOSITION_PLACE_NOUNS for t in window
    )


def qualifies_a_name(span: Span) -> bool:
    """ "Shettlestone Road, Glasgow": the name qualifies the name before it."""
    before = _previous(span)
    if before is None or before.text != "," or before.i == 0:
        return False
    return _is_name_word(span.doc[before.i - 1]) and not _sentence_start(span[0])


def dateline_like(span: Span) -> bool:
    """ "BEIRUT (AP) —", "EAST HAMPTON —": a capitalised name opening a line, then the agency
    or a dash, is where the report was filed (where the meta stage did not catch it)."""
    doc = span.doc
    starts_line = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = _next(span)
    if not span.text.isupper() or len(span.text) < 3:
        return span.start == 0 and after is not None and after.text == ":"  # "Muscat: The"
    if after is None or span.start == 0:
        return True  # "SAN ANTONIO Turner Sports/CBS analyst": the text opens with it
    return after.text in ("(", "—", "–", "--") or (starts_line and after.text in (",", "-", ":"))


def before_authority(span: Span) -> bool:
    """ "Fargo Police Chief", "Gainesville City Council", "Douglas County Sheriff's Office": a
    body or a building of the place follows its name (places_name_words.tsv, roles facility
    and authority)."""
    after = _next(span)
    roles = ("facility", "authority", "resident")
    return after is not None and name_word_roles().get(after.lower_) in roles


def positive_evidence(span: Span) -> bool:
    """Words beside the name that show it used as a place (the qualifier after it is checked
    apart: it needs the gazetteer)."""
    return (
        after_locative(span)
        or before_place_suffix(span)
        or place_apposition(span)
        or qualifies_a_name(span)
        or dateline_like(span)
        or before_authority(span)
    )


def inside_longer_name(span: Span) -> bool:
    """The name is a piece of a longer one: "Jupiter Research", "Taco Bell", "University of
    Alexandria", "Prince of Wales", "Mazar-i-Sharif"; its words stand for that name."""
    doc = span.doc
    before, after = _previous(span), _next(span)
    if after is not None and after.text in ("'s", "’s") and after.i + 1 < len(doc):
        after = doc[after.i + 1]  # "St George's Hospital"
    if (
        after is not None
        and _is_name_word(after)
        and not _sentence_start(after)
        and not (after.ent_iob_ == "B" and after.ent_type_ == "PERSON")  # "the Holy See Mikayel"
        and not (span.text.isupper() and not after.text.isupper())  # "SAN ANTONIO Turner"
    ):
        return True
    if after is not None and after.text == "-" and after.i + 1 < len(doc):
        following = doc[after.i + 1]
        if following.is_alpha and not f"-{following.lower_}".startswith(PLACE_SUFFIXES):
            return not after.whitespace_ and not span[-1].whitespace_
    if before is None or _sentence_start(span[0]):
        return False
    if _is_name_word(before) and before.lower_ not in locatives() and not before.is_stop:
        return True
    # "University of Alexandria", "Prince of Wales", but "the city of Mosul".
    return (
        before.lower_ == "of"
        and before.i > 0
        and _is_name_word(doc[before.i - 1])
        and not _sentence_start(doc[before.i - 1])
    )


def organisation_abbreviation(span: Span) -> bool:
    """ "U.N.", "MoD", "EU" as written."""
    return span.text in organisation_abbreviations()


# Entity labels of names that are no places whatever place they hold: "Theresa May",
# "California Chrome" (a horse), "Louisiana Purchase".
NAMED_THINGS = frozenset({"PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"})


def longer_name(span: Span) -> Span:
    """The run of capitalised words (and joiners) a name sits in: "Colchester General
    Hospital" around "Colchester"."""
    doc = span.doc
    start, end = span.start, span.end
    while (
        end < len(doc)
        and (_is_name_word(doc[end]) or doc[end].like_num)
        and not _sentence_start(doc[end])
        # "Fargo Mayor Dennis Walaker": a person's name after an office is not the name the
        # place sits in (the office is the place's).
        and not (doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "PERSON")
    ):
        end += 1
    while start > 0 and _is_name_word(doc[start - 1]) and not _sentence_start(doc[start]):
        start -= 1
    return doc[start:end]


def thing_name(whole: Span, roles: dict[str, str]) -> bool:
    """A newspaper's, a firm's, a team's (last word: places_name_words.tsv, role thing), a
    person's or a work's name (the tagger's label)."""
    last = whole[-1].lower_.rstrip(".")
    return roles.get(last) == "thing" or any(t.ent_type_ in NAMED_THINGS for t in whole)


def never_a_place_around(span: Span, whole: Span) -> str | None:
    """Why a name inside a longer one is no place: some stretch of the longer name holding it
    is a firm's, a planet's or an organisation's ("a West Side Taco Bell")."""
    for start in range(whole.start, span.start + 1):
        for end in range(span.end, whole.end + 1):
            why = never_names().get(name_key(whole.doc[start:end].text))
            if why is not None:
                return why
    return None


def titled_name(whole: Span) -> bool:
    """A longer name opening with a capitalised "The" mid-sentence is a title or a body's
    name: "The Chicago Film Critics Association", "The Wright Stuff", "The Woman in White"."""
    first = whole[0]
    return len(whole) > 2 and first.text == "The" and not _sentence_start(first)


def never_a_place(span: Span) -> str | None:
    """Why the name is no town whatever its words around: a celestial body, a firm, an
    organisation; None when it may be one."""
    return never_names().get(name_key(span.text))


def person_context(span: Span) -> bool:
    """The name is a person's: an initial before it ("S Orlando", "G Murphy"), a noun for a
    person before it ("girlfriend Olivia"), or a first name the tagger reads as a person."""
    before = _previous(span)
    if before is not None and _nickname(before):
        return True
    if before is not None:
        bare = before.text.rstrip(".")
        # "A" and "I" are words, not initials: "A Dunbar police officer".
        if (
            len(bare) == 1
            and bare.isupper()
            and bare not in ("A", "I")
            and not _sentence_start(span[0])
        ):
            return True
        if before.lower_ in person_nouns():
            return True
    after = _next(span)
    # "David dal Maso": a particle of a surname (not an English word) follows a first name.
    return (
        first_name(span)
        and after is not None
        and after.is_lower
        and not after.is_stop
        and after.lower_ in surname_particles()
    )


def _nickname(before: Token) -> bool:
    """ "known as Montana", "nicknamed Texas", "dubbed Moscow": a name given to someone."""
    if before.lemma_ in ("nickname", "dub"):
        return True
    doc = before.doc
    return before.lower_ == "as" and before.i > 0 and doc[before.i - 1].lemma_ == "know"


def first_name(span: Span) -> bool:
    return len(span) == 1 and span.text.lower() in first_names()


def team_by_agreement(span: Span) -> bool:
    """ "England have now lost", "Ireland are going for": a country's or city's name taking a
    plural verb is its team (a singular name: "the Philippines are" is the country)."""
    after = _next(span)
    return (
        after is not None
        and after.lower_ in ("are", "were", "have")
        and span.root.dep_ in ("nsubj", "nsubjpass")
        and not span.text.endswith("s")
    )


def team_by_role(span: Span) -> bool:
    """ "Wales captain", "Barcelona footballer", "Crystal Palace fan": a team."""
    if team_by_agreement(span):
        return True
    after = _next(span)
    if after is not None and after.text in ("'s", "’s"):
        after = span.doc[after.i + 1] if after.i + 1 < len(span.doc) else None
    return after is not None and after.is_lower and after.lower_ in sport_words("role")


def sport_report(doc: Doc, minimum: int) -> bool:
    """A report about sport: at least `minimum` of its nouns are sport's (places.sport_cues)."""
    # The nouns' lowercased hashes, picked as an array, then looked up in a set of hashes:
    # this runs over every word of every report (numpy's isin sorted both arrays each time).
    lowers, tags = doc.to_array([LOWER, POS]).T
    nouns = lowers[(tags == NOUN) | (tags == PROPN)].tolist()
    cues = _sport_cue_hashes()
    return sum(1 for word in nouns if word in cues) >= minimum


@cache
def _sport_cue_hashes() -> frozenset[int]:
    return frozenset(get_string_id(word) for word in sport_words("cue"))


def sport_locative(span: Span) -> bool:
    """In a sport report a country or city is a place where the words say so: "in Cardiff",
    "at Twickenham", "travel to Edinburgh"; else it is a team ("victory over England")."""
    before = _previous(span)
    if before is None:
        return False
    if before.lower_ in ("at", "to") and before.i > 0:
        # "at home to Ireland", "a loss to Germany": a team; "travel to Edinburgh": a place.
        return before.lower_ == "at" or (
            before.head.pos_ == "VERB"
            and before.head.lemma_ in ("travel", "go", "fly", "move", "head", "return", "come")
        )
    return positive_evidence(span)


def metonym(span: Span) -> bool:
    """A capital or landmark standing for its government or institution: "Moscow denies",
    "the Pentagon said", "Pentagon officials", "Cairo's bid", or named among organisations
    ("the Pentagon, the State Department and CIA")."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in METONYM_VERBS:
        return True
    if any(t.ent_type_ == "ORG" and not span.start <= t.i < span.end for t in root.conjuncts):
        return True  # "The Pentagon, the State Department and CIA are all opposed"
    preposition = root.head
    if (
        root.dep_ == "pobj"
        and preposition.lower_ in ("into", "to")
        and preposition.head.lemma_ in ELECTION_VERBS
    ):
        return True  # "voted into the White House": the office
    after = _next(span)
    if after is not None and after.text in ("'s", "’s") and after.i + 1 < len(span.doc):
        after = span.doc[after.i + 1]
    return after is not None and after.lower_ in METONYM_NOUNS


@cache
def modified_nouns() -> frozenset[str]:
    return words("places_modified_nouns.tsv")


def _party_label(span: Span) -> bool:
    """ "Paul D. Ryan (R-Wis.)": a lawmaker's party and state."""
    doc = span.doc
    i = span.start
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].text in ("R", "D", "I")


def modifier(span: Span) -> bool:
    """A country's or state's name used as an adjective of allegiance: "US forces", "the
    Kentucky senator", "New Jersey Gov. Chris Christie", "Germany's Tommy Haas"."""
    if _party_label(span):
        return True
    after = _next(span)
    if after is not None and after.text in ("'s", "’s") and after.i + 1 < len(span.doc):
        return span.doc[after.i + 1].ent_type_ == "PERSON"  # "Germany's Tommy Haas"
    root = span.root
    if root.dep_ not in ("compound", "nmod", "amod") or root.head.i < span.end:
        return False
    head = root.head
    if head.ent_type_ in ("PERSON", "ORG") or head.lower_ in modified_nouns():
        return True
    nearest = span.doc[span.end] if span.end < len(span.doc) else None
    return nearest is not None and (
        nearest.lower_ in modified_nouns() or nearest.lower_.rstrip(".") in titles_by_class()
    )


# Nouns of people known for what they do: a place's name before one says where the person
# made their name, not where anything happens ("Hollywood star", "the New York tycoon").
OCCUPATION_NOUNS = frozenset(
    {
        "star",
        "stars",
        "tycoon",
        "mogul",
        "magnate",
        "billionaire",
        "businessman",
        "businesswoman",
        "critic",
        "critics",
        "celebrity",
        "socialite",
        "heiress",
    }
)


# Institutions a town's name stands before for the institution: "the London exchange"; a
# business group named so ("the Sterling group").
INSTITUTION_NOUNS = frozenset({"exchange", "bourse", "group", "conglomerate"})


def occupation_modifier(span: Span) -> bool:
    """ "Hollywood star Malkovich", "the New York tycoon", "The Chicago critics", "the London
    exchange"."""
    after = _next(span)
    return after is not None and (
        after.lower_ in OCCUPATION_NOUNS or after.lower_ in INSTITUTION_NOUNS
    )


# Verbs whose subject, when a country, is its government leading a body: "Germany leads the
# Nato mission", "Germany, which heads the Nato-led mission".
LEADING_VERBS = frozenset({"lead", "head", "chair", "command"})


def leads_a_body(span: Span) -> bool:
    """A country as the subject of leading a mission or a body: its government, no place."""
    root = span.root
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ in LEADING_VERBS and head.pos_ == "VERB":
        return True
    # "Germany, which heads ...": the relative clause's verb.
    return any(child.dep_ == "relcl" and child.lemma_ in LEADING_VERBS for child in root.children)


def is_vague_region(text: str) -> bool:
    """ "the South", "the region", "the west coast"."""
    bare = text.lower()
    if bare.startswith("the "):
        bare = bare[4:]
    return bare in vague_regions()


def furniture_spans(text: str, recorded: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """Spans of page furniture: the meta stage's where it records them, and our phrases."""
    spans = list(recorded or [])
    lowered = text.lower()
    for phrase, to_sentence_end in furniture_phrases():
        start = lowered.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if to_sentence_end:
                stop = _SENTENCE_END.search(text, end, end + _FURNITURE_REACH)
                end = stop.end() if stop else end
            spans.append((start, end))
            start = lowered.find(phrase, start + 1)
    return spans
