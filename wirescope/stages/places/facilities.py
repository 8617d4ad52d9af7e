"""Buildings, streets and sites the gazetteer lacks: where the report says they lie.

"Trump Tower in New York", "Augusta's Highland Avenue", "Shettlestone Road, Glasgow", "Third
Avenue and Pike Street in Seattle": a named site (its last word a facility head,
places_facility_heads.tsv) that resolves to no place of its own lies in the town the report
places it in. It becomes a landmark of its own, with its name as written and that town's
point, country and subdivision: within a town's reach, which is what a report tells of it.
Where the words say nothing of where it lies, the report's own town does: the one town the
report names most and at least twice ("the Javits Center" in a report on New York), else the
dateline's. A report with no such town leaves the site unresolved, its mentions kept.

A name the tagger calls an organisation is a site only after a locative ("at the Mazar
Hotel", "outside Wellington Barracks"): "the Royal Opera House said" is the body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span

from wirescope.gazetteer.index import Candidate
from wirescope.geodesy import distance_km
from wirescope.nlp import doc_lowers
from wirescope.stages.places import usage
from wirescope.stages.places.recognize import Mention, lookup_keys
from wirescope.stages.places.usage import facility_heads, is_site_name

# Kinds of place a site may lie in: towns and the areas just above them, not countries.
CONTAINER_KINDS = frozenset({"city", "locality", "landmark", "admin2", "admin1"})
TOWN_KINDS = frozenset({"city", "locality"})
# Words between a site and the town it lies in: "in", "at", ", ", "in central", "near",
# "in the centre of", "on the outskirts of", "(".
_CONTAINING_GAP = re.compile(
    r"^\s*(?:[,(]\s*)?(?:(?:in|at|near|outside|off|on|of|inside|just|close|to|the|centre|"
    r"center|heart|outskirts|central|downtown|north|south|east|west|northern|southern|eastern|"
    r"western|north-west|north-east|south-west|south-east|northwest|northeast|southwest|"
    r"southeast|midtown)\s+)*$"
)
# A site joined to the next one ("Third Avenue and Pike Street in Seattle").
_JOINED_GAP = re.compile(r"^\s*(?:,|and|&|/|or)\s*$")
_POSSESSIVE_GAP = re.compile(r"^(?:'s|’s)\s+(?:the\s+)?$")
_MAX_GAP = 40


# Prepositions before a site on top of the locatives (places_locatives.tsv): streets and
# squares are "on", "along", "past" or "between" ("on Horse Guards Parade", "passes by St
# Pauls Cathedral", "between Reeves Corner and Addington Village").
SITE_PREPOSITIONS = frozenset({"on", "along", "past", "by", "between", "opposite", "beside"})


def _after_locative(span: Span) -> bool:
    """ "at the Mazar Hotel", "outside Wellington Barracks", "on Hot Springs Drive"."""
    start = span.start
    if start > 0 and span.doc[start - 1].lower_ == "the":
        start -= 1
    before = span.doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in SITE_PREPOSITIONS:
        return True
    return usage.after_locative(span.doc[start : span.end])


def organisation_sites(doc: Doc, blocked: list[tuple[int, int]]) -> list[Mention]:
    """Sites the tagger calls organisations, where a locative says they are places."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
            start += 1
        span = doc[start:end]
        if len(span) < 2 or not span[-1].text[:1].isupper() or not is_site_name(span.text):
            continue
        if any(span.start_char < b and a < span.end_char for a, b in blocked):
            continue
        if not _after_locative(span):
            continue
        found.append(
            Mention(
                span.start_char, span.end_char, span.text, lookup_keys(span.text), "tagger", "ORG"
            )
        )
    return found


# Lowercase words between a site's name and its head: "Croydon university hospital".
SITE_QUALIFIERS = frozenset({"university", "general", "teaching", "district", "community"})


def _name_before(doc: Doc, head: int) -> Span | None:
    """The capitalised words right before a lowercase site head, after any possessor:
    "Sandilands" of "near to Sandilands junction", "Hilton" of "London's Hilton hotel"."""
    start = head
    if start > 0 and doc[start - 1].lower_ in SITE_QUALIFIERS:
        start -= 1  # "St George's university hospital"
    while start > 0:
        token = doc[start - 1]
        if token.text in ("'s", "’s") and start - 1 > 0 and start < head:
            if doc[start].text[:1].isupper():
                break  # "London's Hilton": London is the possessor, not part of the name
            start -= 1  # "St George's university hospital"
            continue
        if not (token.text[:1].isupper() and (token.is_alpha or token.text.endswith("."))):
            break
        start -= 1
        if token.is_sent_start:
            break
    return doc[start:head] if start < head else None


def lowercase_sites(doc: Doc, blocked: list[tuple[int, int]]) -> list[Mention]:
    """ "near to Sandilands junction", "taken to Croydon University hospital", "at London's
    Hilton hotel": a name and the lowercase head of a site after it, where a locative or a
    preposition of sites (or "to") comes before them, are one site."""
    found = []
    heads = facility_heads()
    for i in (i for i, lower in enumerate(doc_lowers(doc)) if lower in heads):
        token = doc[i]
        if not token.is_lower:
            continue
        name = _name_before(doc, token.i)
        if name is None or not name[0].text[:1].isupper():
            continue
        if any(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "NORP") for t in name):
            continue  # "a British theatre", "Sunday hospital"
        span = doc[name.start : token.i + 1]
        if any(token.idx < b and a < token.idx + len(token) for a, b in blocked):
            continue
        before = _preposition_before(doc, name)
        if before is None:
            continue
        found.append(
            Mention(span.start_char, span.end_char, span.text, lookup_keys(span.text), "tagger")
        )
    return found


def _preposition_before(doc: Doc, name: Span) -> str | None:
    """The locative or site preposition before a name (past "the" and a possessor)."""
    i = name.start - 1
    if i >= 1 and doc[i].text in ("'s", "’s"):
        i -= 2  # "London's Hilton hotel"
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 0:
        return None
    word = doc[i].lower_
    if word in SITE_PREPOSITIONS or word == "to" or word in usage.locatives():
        return word
    return None


def _home_town(
    placed: list[tuple[Mention, Candidate]], dateline: Candidate | None
) -> Candidate | None:
    """The report's own town: the town it names most, at least twice and more often than any
    other, else the dateline's. A dateline says where the story was filed: "KUNDUZ,
    Afghanistan -- Taliban insurgents struck ... in Mazar-i-Sharif" puts the Mazar Hotel in
    the town the report keeps naming, not in Kunduz."""
    counts = Counter(place.pid for _, place in placed if place.kind in TOWN_KINDS)
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        best = ranked[0][0]
        return next(place for _, place in placed if place.pid == best)
    if dateline is not None and dateline.kind in TOWN_KINDS:
        return dateline
    return None


def _container(
    site: Mention,
    placed: list[tuple[Mention, Candidate]],
    text: str,
) -> Candidate | None:
    """The place the words right around a site put it in: after it ("in Seattle", ",
    Glasgow") or before it as a possessor ("Augusta's")."""
    for mention, place in placed:
        if mention.start >= site.end:
            gap = text[site.end : mention.start]
            if len(gap) <= _MAX_GAP and _CONTAINING_GAP.match(gap):
                return place
            break
    for mention, place in reversed(placed):
        if mention.end <= site.start:
            gap = text[mention.end : site.start]
            if _POSSESSIVE_GAP.match(gap):
                return place
            break
    return None


def _as_town(place: Candidate, options: list[Candidate]) -> Candidate:
    """A site "in New York" lies in the city, not at the middle of the state: where a
    state's name is also the name of a town of it, the largest such town."""
    if place.kind != "admin1":
        return place
    towns = [
        c
        for c in options
        if c.kind in TOWN_KINDS and c.country == place.country and c.admin1 == place.admin1
    ]
    return max(towns, key=lambda c: c.population) if towns else place


def _far(place: Candidate, container: Candidate, support_km: float) -> bool:
    if None in (place.lat, place.lon, container.lat, container.lon):
        return place.country != container.country
    km = distance_km(place.lat or 0, place.lon or 0, container.lat or 0, container.lon or 0)
    return km > support_km


def situate(
    mentions: list[Mention],
    chosen: dict[str, Candidate | None],
    options: dict[str, list[Candidate]],
    key_of: dict[int, str],
    text: str,
    dateline: Candidate | None,
    support_km: float,
) -> dict[str, Candidate | None]:
    """Each unresolved site's place: a landmark of its own at its town's point.

    `options` gives each group key's candidates, `key_of` each mention's group key (by id);
    `chosen` gains the sites' places."""
    ordered = sorted(mentions, key=lambda m: m.start)
    placed = [
        (m, _as_town(place, options.get(key_of[id(m)], [])))
        for m in ordered
        if (place := chosen.get(key_of[id(m)])) is not None and place.kind in CONTAINER_KINDS
    ]
    home = _home_town(placed, dateline)
    sites = [m for m in ordered if m.start >= 0 and is_site_name(m.text)]
    settled = dict(chosen)
    containers: dict[str, Candidate] = {}
    # Right to left: "Third Avenue and Pike Street in Seattle" passes Seattle leftwards.
    following: tuple[Mention, Candidate] | None = None
    for site in reversed(sites):
        key = key_of[id(site)]
        container = _container(site, placed, text)
        if container is None and following is not None:
            gap = text[site.end : following[0].start]
            if _JOINED_GAP.match(gap):
                container = following[1]
        if container is not None:
            containers[key] = container
            following = (site, container)
        else:
            following = None
    for index, site in enumerate(sites):
        key = key_of[id(site)]
        current = settled.get(key)
        if current is not None:
            # A site read through a town of its name lies where the words put it, when that
            # reading is far from there ("London's King Cross station" is not in Canada).
            container = containers.get(key)
            if container is None or not _far(current, container, support_km):
                continue
        else:
            container = containers.get(key) or home
            if container is None:
                continue
        settled[key] = replace(
            container,
            pid=-1 - index,  # index pids are positive: a site is a place of its own
            name=site.text,
            kind="landmark",
            geonameid=None,
            population=0,
            capital=False,
            origin="situated",
        )
    return settled
