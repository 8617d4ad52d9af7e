"""From a parsed report to its places: recognise the names, look them up, resolve, group.

The dateline ("BAGHDAD (AP) —", `record.meta.dateline`) is resolved too and counts as a place
of the report, with its span where it lies in the text. A name the gazetteer lacks is kept as
a place with no coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span

from wirescope.gazetteer.index import Candidate, candidates
from wirescope.gazetteer.keys import place_key
from wirescope.geodesy import distance_km
from wirescope.nlp import doc_lowers, doc_text, span_text
from wirescope.record import Place, Report
from wirescope.record import Span as TextSpan
from wirescope.settings import PlacesSettings
from wirescope.stages.entities.words import place_heads
from wirescope.stages.places import usage
from wirescope.stages.places.facilities import lowercase_sites, organisation_sites, situate
from wirescope.stages.places.recognize import (
    NAME_JOINERS,
    Mention,
    gazetteer_spans,
    lookup_keys,
    plausible_untagged,
    tagger_mentions,
)
from wirescope.stages.places.resolve import Group, prior, resolve
from wirescope.stages.places.usage import ADMIN_WORDS, furniture_spans, name_word_roles

STRONG_KINDS = frozenset({"country", "admin1", "admin2", "region"})
# What lies between a name and the name that qualifies it: "Alexandria, Louisiana",
# "Alexandria, La.", "Gainesville (Ga.)".
_QUALIFIER_GAP = re.compile(r"^\s*[,(]\s*$")
FoundMap = dict[str, list[Candidate]]
Chosen = dict[str, Candidate | None]


def _person_spans(record: Report) -> list[TextSpan]:
    return [span for e in record.entities if e.kind == "person" for span in e.mentions]


def believable_names(options: list[Candidate]) -> list[Candidate]:
    """Candidates matched by their own name, or by an alternate name of a town whose own name
    is several words long: such alternate names are loose one word long ("Bank", "Hall") but
    specific beyond. A county's bare name ("Nassau") is too loose to find a place by."""
    return [c for c in options if c.own or (" " in c.name and c.kind == "city")]


def credible(options: list[Candidate], tagged_as: str, config: PlacesSettings) -> bool:
    """Whether a name the tagger did not call a place names a place worth believing.

    Countries, regions, subdivisions and our curated places are believed on their name alone;
    a town's own name (not one of its alternate names) when the town is large enough: larger
    still where the tagger saw an organisation or a work in it ("Toyota", "Honda").
    """
    own = believable_names(options)
    if any(c.kind in STRONG_KINDS or c.origin == "curated" for c in own):
        return True
    minimum = config.min_population_untagged
    # Organisations are often named after their town ("Gainesville Police Department").
    if tagged_as not in ("", "PERSON", "GPE", "LOC", "FAC", "ORG"):
        minimum = config.min_population_over_person
    return any(c.population >= minimum for c in own)


def _person_words(doc: Doc, record: Report) -> frozenset[str]:
    """Words of people's full names ("Ripley" of "Dan Ripley"): alone, they are those people."""
    names = [doc_text(doc)[a:b] for a, b in _person_spans(record)]
    names += [ent.text for ent in doc.ents if ent.label_ == "PERSON"]
    return frozenset(w.lower() for name in names if " " in name for w in name.split())


def _is_persons(
    mention: Mention, doc: Doc, options: list[Candidate], person_words: frozenset[str]
) -> bool:
    if " " in mention.text or mention.text.lower() not in person_words:
        return False
    span = doc.char_span(mention.start, mention.end)
    if span is not None and usage.positive_evidence(span):
        return False  # "in downtown Seattle", whatever name the tagger glued it to
    return not any(c.kind in ("country", "admin1") for c in options)


def _options(keys: Iterable[str], found: dict[str, list[Candidate]]) -> list[Candidate]:
    seen: dict[int, Candidate] = {}
    for key in keys:
        for candidate in found.get(key, []):
            if candidate.pid not in seen or candidate.own:
                seen[candidate.pid] = candidate
    return list(seen.values())


def _sub_spans(span: Span) -> list[Span]:
    return [span.doc[s:e] for s in range(span.start, span.end) for e in range(span.end, s, -1)]


def _on_street(span: Span, roles: dict[str, str]) -> bool:
    """ "Royal Street", "County Road 12", "Eglinton Avenue West": the name is a street's."""
    return any(roles.get(t.lower_) == "street" for t in span)


def _glued(part: Span, whole: Span, roles: dict[str, str]) -> bool:
    """Whether a word of the whole name beside the part makes it another place: "Lake
    Vermont", "New Concord", "Griffith Park", "Boulder City"."""
    before = part.start - 1
    after = part.end
    return (before >= whole.start and roles.get(part.doc[before].lower_) == "feature") or (
        after < whole.end and roles.get(part.doc[after].lower_) == "feature"
    )


def _credible_part(options: list[Candidate], config: PlacesSettings) -> bool:
    """A place inside a name the tagger called a place: towns count from a lower size."""
    minimum = config.min_population_in_tagged
    own = believable_names(options)
    return credible(options, "", config) or any(c.population >= minimum for c in own)


def _rest_is_heads(span: Span, taken: set[int], roles: dict[str, str]) -> bool:
    """Whether the words of a name outside its places are heads, facilities, parts and numbers
    ("Fire Station", "Road 4", "West"): then the places found inside stand for the name."""
    return all(
        t.i in taken
        or t.lower_ in roles
        or t.lower_ in place_heads()
        or t.lower_ in NAME_JOINERS
        or t.like_num
        or t.is_punct
        for t in span
    )


def _admin_mention(mention: Mention, span: Span, found: dict[str, list[Candidate]]) -> Mention:
    """ "Balkh Province", "Kunduz province": the subdivision of that name, as a whole."""
    rest = span.doc[span.start : span.end - 1]
    keys = lookup_keys(rest.text)
    kinds = usage.admin_kinds(span[-1].text)
    if not any(c.kind in kinds for c in _options(keys, found)):
        return mention
    return replace(mention, keys=keys, kinds=kinds)


def _split_tagged(
    mention: Mention, doc: Doc, found: dict[str, list[Candidate]], config: PlacesSettings
) -> list[Mention]:
    """A tagged name the gazetteer lacks as a whole: resolved through the places it holds
    only where the rest of its words are heads ("Cottonport Fire Station", "Otter Tail County
    Road 4", "Baghdad Green Zone", "West Edmonton"), else kept whole and unresolved ("Punta
    Islita", "Kennedy Space Center"): its first word never stands for some other place.

    A town inside a name needs the report's other places to support it ("Musselburgh
    Racecourse near Edinburgh"): "Rose" of "Rose Garden" is no town in Italy. A single part
    takes the whole name as its mention.
    """
    if _options(mention.keys, found):
        return [mention]
    span = doc.char_span(mention.start, mention.end)
    if span is None or len(span) < 2:
        return [mention]
    if span[-1].lower_ in ADMIN_WORDS:
        return [_admin_mention(mention, span, found)]
    roles = name_word_roles()
    street = _on_street(span, roles)
    parts: list[tuple[Mention, list[Candidate]]] = []
    taken: set[int] = set()
    for sub in _sub_spans(span):
        if len(sub) == len(span) or any(t.i in taken for t in sub):
            continue
        if not sub[0].text[:1].isupper() or not plausible_untagged(sub) or _glued(sub, span, roles):
            continue
        if all(t.lower_ in roles or t.lower_ in place_heads() for t in sub):
            continue  # "Cathedral" of "Manila Cathedral", "Harbor" of "Pearl Harbor"
        keys = lookup_keys(sub.text)
        options = _options(keys, found)
        if street and not (
            sub[-1].lower_ in ("county", "parish") and any(c.kind == "admin2" for c in options)
        ):
            continue  # "Otter Tail County Road 4"; "Pennsylvania Avenue" is no state's place
        if _credible_part(options, config) and not usage.never_a_place(
            sub
        ):  # "Hilton" of "Hilton hotel"
            taken.update(t.i for t in sub)
            part = Mention(
                sub.start_char, sub.end_char, sub.text, keys, "tagger", mention.label, whole=mention
            )
            parts.append((part, options))
    return _parts_standing_for(mention, span, parts, taken, street, config)


def _parts_standing_for(
    mention: Mention,
    span: Span,
    parts: list[tuple[Mention, list[Candidate]]],
    taken: set[int],
    street: bool,
    config: PlacesSettings,
) -> list[Mention]:
    """Which places found inside a longer name stand for it, and on what condition.

    A subdivision or one of our places always does ("Otter Tail County Road 4", "Baghdad
    Green Zone"). A town does where the rest of the name is heads ("Musselburgh Racecourse",
    "West Edmonton") and the report's other places support it when small; a large town
    opening any other name only with that support ("Dubai World Trade Centre" in a report on
    Dubai, not "Kennedy" of "Kennedy Space Center" in Bogotá). A small town opening a name
    whose rest is no heads is never it ("Punta Islita").
    """
    # "Musselburgh Racecourse", "Chapel Hill Harvester Church": a site lies in its town.
    heads = _rest_is_heads(span, taken, name_word_roles()) or usage.is_site_name(span.text)
    standing = []
    for part, options in parts:
        town = _small(options, config.min_population_big)
        small = _small(options, config.min_population_untagged)
        if town and not heads:
            continue  # "Anand Jain", "Punta Islita": the first word is no other place
        # A town opening a site's name needs the report's support: "Trafalgar Studios" in a
        # report on London is no town in Indiana; unsupported, the site lies in the report's
        # town (see facilities.py).
        site = usage.is_site_name(span.text)
        standing.append(replace(part, needs_support=town and (small or not heads or site)))
    if not standing:
        return [mention]
    if (
        len(standing) == 1
        and not street
        and (
            any(t.i not in taken and t.text[:1].isupper() and t.is_alpha for t in span)
            or usage.is_site_name(span.text)  # "Croydon university hospital"
        )
    ):
        # "Musselburgh Racecourse", "West Edmonton": the town stands for the whole name.
        only = standing[0]
        standing = [replace(only, start=mention.start, end=mention.end, text=mention.text)]
    return sorted(standing, key=lambda m: m.start)


def _dateline_mention(record: Report, opener: int) -> tuple[Mention | None, list[str]]:
    """The dateline's place, with its span in the text where it is there, and its qualifier."""
    dateline = record.meta.dateline
    if not dateline:
        return None, []
    name, _, qualifier = dateline.partition(",")
    name = name.strip()
    head = record.text[: max(opener, len(name))]
    at = head.lower().find(name.lower())
    start, end = (at, at + len(name)) if at >= 0 else (-1, -1)
    mention = Mention(start, end, name, lookup_keys(name), "dateline")
    return mention, [qualifier.strip()] if qualifier.strip() else []


def _recorded_furniture(record: Report) -> list[tuple[int, int]]:
    """Furniture spans the meta stage records (`meta.furniture`), where it does."""
    spans = getattr(record.meta, "furniture", None) or []
    return [(int(a), int(b)) for a, b in spans]


def recognise(
    doc: Doc, record: Report, config: PlacesSettings, opener: int
) -> tuple[list[Mention], dict[str, list[Candidate]]]:
    """Place mentions of the text (dateline excluded) and the candidates of their keys."""
    text = doc_text(doc)
    blocked = _person_spans(record) + furniture_spans(text, _recorded_furniture(record))
    skip = opener if record.meta.dateline else 0
    if skip:
        blocked.append((0, skip))
    tagged = tagger_mentions(doc, blocked)
    tagged += organisation_sites(doc, blocked + [(m.start, m.end) for m in tagged])
    tagged = _with_lowercase_sites(tagged, lowercase_sites(doc, blocked))
    taken = {t.i for m in tagged if (s := doc.char_span(m.start, m.end)) for t in s}
    for token in doc:  # the dateline's tokens, in text order
        if token.idx >= skip:
            break
        taken.add(token.i)
    untagged = [
        (span, lookup_keys(span_text(span)))  # keys only for the stretches worth looking up
        for span in gazetteer_spans(doc, taken, config.max_name_tokens)
        if plausible_untagged(span)
        and not any(span.start_char < b and a < span.end_char for a, b in blocked)
    ]
    wanted = {k for m in tagged for k in m.keys} | {k for _, keys in untagged for k in keys}
    for m in tagged:
        span = doc.char_span(m.start, m.end)
        if span is not None and len(span) > 1:
            wanted.update(k for sub in _sub_spans(span) for k in lookup_keys(sub.text))
    found = candidates(wanted)
    mentions = [part for m in tagged for part in _split_tagged(m, doc, found, config)]
    mentions = [_before_admin_word(m, doc, found) for m in mentions]
    mentions += _untagged_mentions(untagged, found, config)
    suffixed = _suffixed_mentions(doc, taken, blocked, config)
    found.update(candidates([k for m in suffixed for k in m.keys if k not in found]))
    mentions += suffixed
    person_words = _person_words(doc, record)
    mentions = [
        m for m in mentions if not _is_persons(m, doc, _options(m.keys, found), person_words)
    ]
    return sorted(mentions, key=lambda m: m.start), found


def _with_lowercase_sites(tagged: list[Mention], sites: list[Mention]) -> list[Mention]:
    """Sites with a lowercase head ("Sandilands junction") replace the tagger's names inside
    them unless one of those is a place of the gazetteer ("at Baghdad airport" is Baghdad)."""
    wanted = {k for m in tagged for k in m.keys}
    known = candidates(wanted)
    kept_sites = []
    for site in sites:
        inside = [m for m in tagged if site.start <= m.start and m.end <= site.end]
        overlapping = [m for m in tagged if m.start < site.end and site.start < m.end]
        if len(inside) != len(overlapping):
            continue
        if any(_options(m.keys, known) and not _never(m) for m in inside):
            continue
        kept_sites.append(site)
    dropped = {id(m) for s in kept_sites for m in tagged if s.start <= m.start and m.end <= s.end}
    return [m for m in tagged if id(m) not in dropped] + kept_sites


def _never(mention: Mention) -> bool:
    return bool(usage.never_names().get(place_key(mention.text)))


def _untagged_mentions(
    spans: list[tuple[Span, tuple[str, ...]]],
    found: dict[str, list[Candidate]],
    config: PlacesSettings,
) -> list[Mention]:
    """Gazetteer names the tagger missed: longest first, each token in one name at most.
    Bare, they need positive evidence or the support of the report's places (see _judged);
    inside a longer name, see _in_longer_name."""
    taken: set[int] = set()
    mentions = []
    for span, keys in spans:
        if any(t.i in taken for t in span):
            continue
        options = _options(keys, found)
        tagged_as = next((t.ent_type_ for t in span if t.ent_type_), "")
        doubtful = not credible(options, tagged_as, config)
        if doubtful and _qualified_by_name(span, options, found):
            doubtful = False  # "Greer, South Carolina": the qualifier settles it
        elif doubtful and not _small_town_in_place(span, options):
            continue
        taken.update(t.i for t in span)
        mention = Mention(
            span.start_char, span.end_char, span.text, keys, "gazetteer", needs_support=doubtful
        )
        if usage.inside_longer_name(span):
            # "The Washington Post": a mention of Washington only beside Washington itself.
            mention = _in_longer_name(mention, span, options, config) or replace(
                mention, figurative=True
            )
        mentions.append(mention)
    return mentions


_SUFFIXED = re.compile(r"^([A-Z][\w.']*(?:[ -][A-Z][\w.']*)*)(-(?:based|born|bred|raised|area))$")


def _suffixed_mentions(
    doc: Doc, taken: set[int], blocked: list[tuple[int, int]], config: PlacesSettings
) -> list[Mention]:
    """ "U.S.-based", "Paris-born" where the tokenizer kept them one word: the name before the
    suffix is where someone or something is, when it is a country's, a subdivision's or a
    town's large enough to believe."""
    mentions = []
    for i, lower in enumerate(doc_lowers(doc)):
        if "-" not in lower:  # the suffix's hyphen: most words are skipped unread
            continue
        token = doc[i]
        match = _SUFFIXED.match(token.text)
        if i in taken or match is None:
            continue
        name = match.group(1)
        start, end = token.idx, token.idx + len(name)
        if any(start < b and a < end for a, b in blocked):
            continue
        keys = lookup_keys(name)
        if credible(_options(keys, candidates(keys)), "", config):
            mentions.append(Mention(start, end, name, keys, "gazetteer"))
    return mentions


def _qualified_by_name(span: Span, options: list[Candidate], found: FoundMap) -> bool:
    """ "Greer, South Carolina", "Adrian, Mich.": a town's own name right before a state or
    country that holds one of its namesakes."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text not in (",", "("):
        return False
    towns = [c for c in options if c.own and c.kind == "city"]
    for end in range(span.end + 2, min(span.end + 5, len(doc)) + 1):
        qualifier = doc[span.end + 1 : end]
        if not qualifier[0].text[:1].isupper():
            return False
        areas = [
            c
            for k in lookup_keys(qualifier.text)
            for c in found.get(k, [])
            if c.kind in ("country", "admin1")
        ]
        if any(_contains(area, town) for area in areas for town in towns):
            return True
    return False


def _contains(area: Candidate, town: Candidate) -> bool:
    if area.kind == "country":
        return town.country == area.country
    return town.country == area.country and town.admin1 == area.admin1


def _small_town_in_place(span: Span, options: list[Candidate]) -> bool:
    """ "in Tooting", "of Grovetown": a town too small to believe on its name alone, named
    where a locative says it is a place; it still needs the report's other places."""
    if not any(c.own and c.kind == "city" for c in options) or usage.first_name(span):
        return False
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in ("'s", "’s"):
        return False  # "the nearby Simpson's", "owner of Macy's": a business
    return usage.after_locative(span) or usage.before_place_suffix(span)


def _in_longer_name(
    mention: Mention, span: Span, options: list[Candidate], config: PlacesSettings
) -> Mention | None:
    """A place's name inside a longer name the tagger did not call a place's.

    It stays a place where the longer name is an authority's or a facility's of that place
    ("Fargo Police Department", "Douglas County Sheriff's Office": they are there). It is
    no place of its own (None; the caller keeps it figurative, see _attach_figurative)
    inside a newspaper's, a firm's or a team's name ("The Washington Post", "Jupiter
    Research", "Manchester United"), a person's or a work's, nor where it is a small town, a
    first name, a firm or a planet ("Punta" of "Punta Islita", "Kennedy" of "Kennedy Space
    Center"): such words never stand for another place.
    """
    whole = usage.longer_name(span)
    roles = name_word_roles()
    if usage.thing_name(whole, roles) or usage.never_a_place_around(span, whole):
        return None  # "The Washington Post", "Taco Bell"
    if usage.titled_name(whole):
        return None  # "The Chicago Film Critics Association", "The Woman in White"
    if _on_street(whole, roles) and _small(options, config.min_population_big):
        return None  # "Hot Springs Drive" is a street, not the town
    if usage.first_name(span) and _small(options, config.first_name_max_population):
        return None  # "Theresa" of "Theresa May"
    if _small(options, config.min_population_untagged):
        return None
    if span.start == whole.start and usage.is_site_name(whole.text):
        # "Trafalgar Studios", "Musselburgh Racecourse": the site, in the town it opens with
        # where the report supports that town; else the site alone (see facilities.py).
        site = Mention(
            whole.start_char, whole.end_char, whole.text, lookup_keys(whole.text), "gazetteer"
        )
        return replace(
            mention,
            end=whole.end_char,
            text=whole.text,
            needs_support=_small(options, config.min_population_big),
            whole=site,
        )
    return mention


def _before_admin_word(mention: Mention, doc: Doc, found: FoundMap) -> Mention:
    """ "Balkh province", "Benue state": the name stands for the subdivision, where the
    gazetteer has one (the word stays out of the mention: the name is "Balkh")."""
    span = doc.char_span(mention.start, mention.end)
    if span is None or span.end >= len(doc) or doc[span.end].lower_ not in ADMIN_WORDS:
        return mention
    kinds = usage.admin_kinds(doc[span.end].text)
    if not any(c.kind in kinds for c in _options(mention.keys, found)):
        return mention
    return replace(mention, kinds=kinds)


def mention_options(mention: Mention, found: dict[str, list[Candidate]]) -> list[Candidate]:
    options = _options(mention.keys, found)
    if mention.kinds is not None:
        options = [c for c in options if c.kind in mention.kinds]
    return options


def _group_key(mention: Mention) -> str:
    key = mention.keys[-1] if mention.keys else mention.text.lower()
    return f"{key}|{','.join(sorted(mention.kinds))}" if mention.kinds else key


def _qualifiers(mentions: list[Mention], text: str) -> dict[int, list[Mention]]:
    """For each mention (by position), the mentions right after it that qualify it."""
    found: dict[int, list[Mention]] = {}
    for i, mention in enumerate(mentions[:-1]):
        following = mentions[i + 1]
        if _QUALIFIER_GAP.match(text[mention.end : following.start]):
            found[i] = [following]
    return found


def _is_qualified(i: int, qualifiers: dict[int, list[Mention]], found: FoundMap) -> bool:
    """ "Jupiter, Florida", "Adrian, Mich.": a state or country right after the name."""
    return any(
        c.kind in ("country", "admin1", "admin2")
        for q in qualifiers.get(i, [])
        for c in mention_options(q, found)
    )


def _small(options: list[Candidate], minimum: int) -> bool:
    """Only towns, all below the size the setting names: countries, subdivisions, counties
    and our curated places are never small."""
    if any(c.kind != "city" or c.origin == "curated" for c in options):
        return False
    largest = max((c.population for c in options if c.own), default=0)
    return largest < minimum


def _nation(options: list[Candidate]) -> bool:
    """A country: the names news uses as adjectives of allegiance ("US forces"). A state's
    or a town's name before an office is where that office is ("Minnesota Governor", "Fargo
    Mayor"): the geoparsing gold standards count those as places, and so do we."""
    kinds = {c.kind for c in options}
    return "country" in kinds and "admin1" not in kinds  # "Georgia residents": the state's


def _seat(options: list[Candidate]) -> bool:
    """A capital or a landmark: what may stand for a government or an institution."""
    return any(c.capital or c.kind == "landmark" for c in options) and not any(
        c.kind == "country" for c in options
    )


def _team_name(options: list[Candidate]) -> bool:
    """A country or a town: what teams are named by ("England", "Liverpool"). A name that
    reads only as a state, a county or a region is the place even in a sport report ("3,500
    Tennessee senior athletes", "all of Scott County")."""
    return any(c.kind in ("country", "city") for c in options)


def _towns_only(options: list[Candidate]) -> bool:
    """Only towns of the packages: no country, subdivision or place of our own tables."""
    return all(c.kind == "city" and c.origin != "curated" for c in options)


def _verdict(
    mention: Mention, span: Span, options: list[Candidate], sport: bool, config: PlacesSettings
) -> Mention | None:
    """The mention as a place (needing support or not), or None where its words say it is
    no place here. See stages/places/usage.py for each rule's words."""
    evidence = usage.positive_evidence(span)
    if usage.organisation_abbreviation(span):
        return None  # "U.N.", "MoD"
    if usage.never_a_place(span) and _towns_only(options) and not usage.place_apposition(span):
        return None  # a planet, a firm, an organisation named like a town
    if usage.person_context(span):
        return None  # "S Orlando", "girlfriend Olivia"
    # Uses of a place for its team, its government or its nation: no place of their own, a
    # mention of the place where the report names it plainly (see _attach_figurative).
    if (
        usage.team_by_role(span)  # "Wales captain", "England have lost"
        or (sport and _team_name(options) and not usage.sport_locative(span))  # "beat England"
        or (_seat(options) and usage.metonym(span))  # "Moscow denies", "Pentagon officials"
        or (_nation(options) and usage.modifier(span))  # "US forces", "a UK managing director"
        or (_nation(options) and usage.leads_a_body(span))  # "Germany leads the Nato mission"
        or usage.occupation_modifier(span)  # "Hollywood star", "the New York tycoon"
    ):
        return replace(mention, figurative=True)
    if (
        usage.first_name(span)
        and _small(options, config.first_name_max_population)
        and not evidence
    ):
        return replace(mention, needs_support=True)  # "Adrian" alone
    if (
        mention.found_by == "gazetteer"
        and not evidence
        and _small(options, config.min_population_big)
    ):
        return replace(mention, needs_support=True)  # a town the tagger missed, bare
    return mention


def _judged(
    mentions: list[Mention], doc: Doc, found: FoundMap, config: PlacesSettings
) -> list[Mention]:
    """Mentions used as places; a qualifier ("Jupiter, Florida") settles any doubt."""
    qualifiers = _qualifiers(mentions, doc_text(doc))
    sport = usage.sport_report(doc, config.sport_cues)
    kept = []
    for i, mention in enumerate(mentions):
        span = doc.char_span(mention.start, mention.end)
        if span is None or _is_qualified(i, qualifiers, found):
            kept.append(replace(mention, needs_support=False))
            continue
        judged = _verdict(mention, span, mention_options(mention, found), sport, config)
        if judged is not None:
            kept.append(judged)
    return kept


def _groups(
    mentions: list[Mention],
    dateline: Mention | None,
    dateline_qualifiers: list[str],
    found: FoundMap,
    text: str,
) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    qualifiers = _qualifiers(mentions, text)
    for i, mention in enumerate(mentions):
        key = _group_key(mention)
        group = groups.setdefault(key, Group(key, mention_options(mention, found)))
        for q in qualifiers.get(i, []):
            group.qualifiers.append(mention_options(q, found))
    if dateline is not None:
        key = _group_key(dateline)
        group = groups.setdefault(key, Group(key, _options(dateline.keys, found)))
        group.is_dateline = True
        for name in dateline_qualifiers:
            group.qualifiers.append(_options(lookup_keys(name), found))
    return groups


def fits(
    candidate: Candidate, others: Iterable[Candidate], countries: set[str], config: PlacesSettings
) -> bool:
    """Whether a reading fits the report's other places: within `support_km` of one, inside
    a country (`countries`: named, or the dateline's) or state the report names, or an area
    holding one of them."""
    limit = config.support_km
    if candidate.country in countries:
        return True  # "Turkey fired on Qamishli": a town of a country the report names
    for other in others:
        if other.pid == candidate.pid or other.country != candidate.country:
            continue
        if candidate.kind == "country":
            return True
        areas = {candidate.kind, other.kind} & {"admin1", "admin2"}
        if areas and candidate.admin1 and candidate.admin1 == other.admin1:
            return True  # a town and its state or county
        if None not in (candidate.lat, candidate.lon, other.lat, other.lon):
            km = distance_km(candidate.lat or 0, candidate.lon or 0, other.lat or 0, other.lon or 0)
            if km <= limit:
                return True
    return False


def _anchors(groups: dict[str, Group], chosen: Chosen, doubtful: set[str]) -> dict[str, Candidate]:
    """The resolved places the report vouches for: named without doubt, or the dateline."""
    return {
        key: place
        for key, place in chosen.items()
        if place is not None and (key not in doubtful or groups[key].is_dateline)
    }


def _drop_unsupported(
    mentions: list[Mention], groups: dict[str, Group], chosen: Chosen, config: PlacesSettings
) -> list[Mention]:
    """Mentions needing support keep it only where their reading fits an anchor; a part cut
    from a longer name gives that name back, unresolved."""
    doubtful = {
        key
        for key in groups
        if all(m.needs_support for m in mentions if _group_key(m) == key)
        and not groups[key].qualifiers
    }
    anchors = _anchors(groups, chosen, doubtful)
    countries = _established_countries(groups, anchors)
    kept: list[Mention] = []
    for mention in mentions:
        key = _group_key(mention)
        place = chosen.get(key)
        if (
            key not in doubtful
            or groups[key].is_dateline
            or (place is not None and fits(place, _others(anchors, key), countries, config))
        ):
            kept.append(mention)
        elif mention.whole is not None and mention.whole not in kept:
            kept.append(mention.whole)
    return sorted(kept, key=lambda m: m.start)


def _others(anchors: dict[str, Candidate], key: str) -> list[Candidate]:
    return [place for k, place in anchors.items() if k != key]


def _established_countries(
    groups: dict[str, Group], chosen: Chosen | dict[str, Candidate]
) -> set[str]:
    """Countries the report names (or names a province of), and the dateline's."""
    countries = {
        p.country
        for k, p in chosen.items()
        if p is not None
        and p.kind in ("country", "admin1")
        and not usage.is_vague_region(k.split("|")[0])
    }
    countries |= {p.country for k, p in chosen.items() if p is not None and groups[k].is_dateline}
    return {c for c in countries if c}


def _settle_vague(groups: dict[str, Group], chosen: Chosen, config: PlacesSettings) -> Chosen:
    """ "The South", "the region": only a place of a country the report establishes."""
    countries = _established_countries(groups, chosen)
    settled = dict(chosen)
    for key, group in groups.items():
        place = chosen.get(key)
        if place is None or not usage.is_vague_region(key.split("|")[0]):
            continue
        inside = [c for c in group.candidates if c.country in countries]
        settled[key] = max(inside, key=lambda c: prior(c, config)) if inside else None
    return settled


def _settle_namesakes(groups: dict[str, Group], chosen: Chosen, config: PlacesSettings) -> Chosen:
    """A small town, or a town known by an alternate name, named bare with nothing else of
    the report near it is more likely a namesake of something else ("Judea" is not the
    village in New Zealand): unresolved unless the report's other places support it."""
    minimum = config.small_town_population
    untagged = config.min_population_untagged
    settled = dict(chosen)
    anchors = [p for p in chosen.values() if p is not None]
    countries = _established_countries(groups, chosen)
    for key, group in groups.items():
        place = chosen.get(key)
        if place is None or place.kind not in ("city", "admin2") or group.qualifiers:
            continue
        if place.kind == "admin2" and place.own:
            continue  # "Douglas County": counties are named so only for themselves
        if group.is_dateline:
            continue
        if place.kind == "city" and place.population >= (minimum if place.own else untagged):
            continue
        if not fits(place, anchors, countries, config):
            settled[key] = None
    return settled


def geoparse(doc: Doc, record: Report, config: PlacesSettings, opener: int) -> list[Place]:
    """The places of the report; `opener` is where its wire opener (the dateline) ends."""
    text = doc_text(doc)
    mentions, found = recognise(doc, record, config, opener)
    dateline, dateline_qualifiers = _dateline_mention(record, opener)
    extra = [k for name in dateline_qualifiers for k in lookup_keys(name)]
    if dateline is not None:
        extra += list(dateline.keys)
    if extra:
        found.update(candidates(extra))
    mentions = _judged(mentions, doc, found, config)
    figurative = [m for m in mentions if m.figurative]
    mentions = [m for m in mentions if not m.figurative]
    groups = _groups(mentions, dateline, dateline_qualifiers, found, text)
    chosen = resolve(list(groups.values()), config)
    supported = _drop_unsupported(mentions, groups, chosen, config)
    if supported != mentions:
        mentions = [replace(m, needs_support=False) for m in supported]
        groups = _groups(mentions, dateline, dateline_qualifiers, found, text)
        chosen = resolve(list(groups.values()), config)
    chosen = _settle_namesakes(groups, _settle_vague(groups, chosen, config), config)
    mentions += _attach_figurative(figurative, chosen, found)
    home = chosen.get(_group_key(dateline)) if dateline is not None else None
    key_of = {id(m): _group_key(m) for m in mentions}
    options = {key: group.candidates for key, group in groups.items()}
    chosen = situate(mentions, chosen, options, key_of, text, home, config.support_km)
    all_mentions = mentions + ([dateline] if dateline is not None else [])
    return build_places(all_mentions, chosen)


def _attach_figurative(figurative: list[Mention], chosen: Chosen, found: FoundMap) -> list[Mention]:
    """Figurative uses ("US forces", "Moscow denies", "Liverpool have won") never resolve on
    their own: each joins the place the report names plainly by that name, where it does
    ("US troops" in a report on fighting in the US), and is no place otherwise (`chosen`
    gains its key)."""
    plain = {p.pid: p for p in chosen.values() if p is not None}
    kept = []
    for mention in figurative:
        key = _group_key(mention)
        if key in chosen:
            place = chosen[key]
        else:
            place = next(
                (plain[c.pid] for c in mention_options(mention, found) if c.pid in plain), None
            )
        if place is not None:
            chosen[key] = place
            kept.append(mention)
    return kept


def build_places(mentions: list[Mention], chosen: dict[str, Candidate | None]) -> list[Place]:
    """One place per resolved place (or per unresolved name), mentions in text order."""
    places: dict[object, Place] = {}
    for mention in sorted(mentions, key=lambda m: (m.start < 0, m.start)):
        place = chosen.get(_group_key(mention))
        identity: object = place.pid if place is not None else ("name", _group_key(mention))
        entry = places.get(identity)
        if entry is None:
            entry = places[identity] = _place(f"p{len(places) + 1}", mention, place)
        if mention.start >= 0:
            entry.mentions.append((mention.start, mention.end))
    return list(places.values())


def _place(pid: str, mention: Mention, place: Candidate | None) -> Place:
    if place is None:
        return Place(id=pid, name=mention.text, kind="other")
    return Place(
        id=pid,
        name=place.name,
        kind=place.kind,
        geonameid=place.geonameid,
        lat=place.lat,
        lon=place.lon,
        country=place.country,
        admin1=place.admin1,
    )
