"""From a parsed report to its places: recognise the names, look them up, resolve, group.

The dateline ("BAGHDAD (AP) —", `record.meta.dateline`) is resolved too and counts as a place
of the report, with its span where it lies in the text. A name the gazetteer lacks is kept as
a place with no coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc, Span

from wirescope.gazetteer.index import Candidate, candidates
from wirescope.gazetteer.recognize import (
    Mention,
    gazetteer_spans,
    lookup_keys,
    plausible_untagged,
    tagger_mentions,
)
from wirescope.gazetteer.resolve import Group, resolve
from wirescope.lexicon import table
from wirescope.nlp import doc_text
from wirescope.record import Place, Report
from wirescope.record import Span as TextSpan
from wirescope.settings import setting
from wirescope.stages.entities.words import place_heads
from wirescope.stages.meta import dateline_end

STRONG_KINDS = frozenset({"country", "admin1", "admin2", "region"})
# What lies between a name and the name that qualifies it: "Alexandria, Louisiana",
# "Alexandria, La.", "Gainesville (Ga.)".
_QUALIFIER_GAP = re.compile(r"^\s*[,(]\s*$")


def _person_spans(record: Report) -> list[TextSpan]:
    return [span for e in record.entities if e.kind == "person" for span in e.mentions]


def believable_names(options: list[Candidate]) -> list[Candidate]:
    """Candidates matched by their own name, or by an alternate name of a town whose own name
    is several words long: such alternate names are loose one word long ("Bank", "Hall") but
    specific beyond. A county's bare name ("Nassau") is too loose to find a place by."""
    return [c for c in options if c.own or (" " in c.name and c.kind == "city")]


def credible(options: list[Candidate], tagged_as: str) -> bool:
    """Whether a name the tagger did not call a place names a place worth believing.

    Countries, regions, subdivisions and our curated places are believed on their name alone;
    a town's own name (not one of its alternate names) when the town is large enough: larger
    still where the tagger saw an organisation or a work in it ("Toyota", "Honda").
    """
    own = believable_names(options)
    if any(c.kind in STRONG_KINDS or c.origin == "curated" for c in own):
        return True
    minimum = int(setting("places", "min_population_untagged"))
    # Organisations are often named after their town ("Gainesville Police Department").
    if tagged_as not in ("", "PERSON", "GPE", "LOC", "FAC", "ORG"):
        minimum = int(setting("places", "min_population_over_person"))
    return any(c.population >= minimum for c in own)


def _person_words(doc: Doc, record: Report) -> frozenset[str]:
    """Words of people's full names ("Ripley" of "Dan Ripley"): alone, they are those people."""
    names = [doc_text(doc)[a:b] for a, b in _person_spans(record)]
    names += [ent.text for ent in doc.ents if ent.label_ == "PERSON"]
    return frozenset(w.lower() for name in names if " " in name for w in name.split())


def _is_persons(mention: Mention, options: list[Candidate], person_words: frozenset[str]) -> bool:
    if " " in mention.text or mention.text.lower() not in person_words:
        return False
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


@cache
def name_word_roles() -> dict[str, str]:
    """Words that make a place's name inside a longer name another place ("feature") or a
    street ("street"): see places_name_words.tsv."""
    return {word: role for word, role in table("places_name_words.tsv")}


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


def _credible_part(options: list[Candidate]) -> bool:
    """A place inside a name the tagger called a place: towns count from a lower size."""
    minimum = int(setting("places", "min_population_in_tagged"))
    own = believable_names(options)
    return credible(options, "") or any(c.population >= minimum for c in own)


def _split_tagged(mention: Mention, doc: Doc, found: dict[str, list[Candidate]]) -> list[Mention]:
    """A tagged name the gazetteer lacks as a whole, cut into the credible names it holds.

    "Baghdad Green Zone" gives Baghdad and Green Zone, "Cottonport Fire Station" Cottonport,
    "Otter Tail County Road 4" Otter Tail County; "Royal Street", "Washington Drive" and "Lake
    Vermont" stay whole (and unresolved): their words name no place of their own.
    """
    if _options(mention.keys, found):
        return [mention]
    span = doc.char_span(mention.start, mention.end)
    if span is None or len(span) < 2:
        return [mention]
    roles = name_word_roles()
    street = _on_street(span, roles)
    parts: list[Mention] = []
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
        if street and not any(c.kind in ("admin1", "admin2") for c in options):
            continue
        if _credible_part(options):
            taken.update(t.i for t in sub)
            parts.append(
                Mention(sub.start_char, sub.end_char, sub.text, keys, "tagger", mention.label)
            )
    return sorted(parts, key=lambda m: m.start) or [mention]


def _dateline_mention(record: Report) -> tuple[Mention | None, list[str]]:
    """The dateline's place, with its span in the text where it is there, and its qualifier."""
    dateline = record.meta.dateline
    if not dateline:
        return None, []
    name, _, qualifier = dateline.partition(",")
    name = name.strip()
    head = record.text[: max(dateline_end(record.text), len(name))]
    at = head.lower().find(name.lower())
    start, end = (at, at + len(name)) if at >= 0 else (-1, -1)
    mention = Mention(start, end, name, lookup_keys(name), "dateline")
    return mention, [qualifier.strip()] if qualifier.strip() else []


def recognise(doc: Doc, record: Report) -> tuple[list[Mention], dict[str, list[Candidate]]]:
    """Place mentions of the text (dateline excluded) and the candidates of their keys."""
    text = doc_text(doc)
    blocked = _person_spans(record)
    skip = dateline_end(text) if record.meta.dateline else 0
    if skip:
        blocked.append((0, skip))
    tagged = tagger_mentions(doc, blocked)
    taken = {t.i for m in tagged if (s := doc.char_span(m.start, m.end)) for t in s}
    taken.update(t.i for t in doc if t.idx < skip)
    untagged = [
        (span, keys)
        for span, keys in gazetteer_spans(doc, taken)
        if plausible_untagged(span)
        and not any(span.start_char < b and a < span.end_char for a, b in blocked)
    ]
    wanted = {k for m in tagged for k in m.keys} | {k for _, keys in untagged for k in keys}
    for m in tagged:
        span = doc.char_span(m.start, m.end)
        if span is not None and len(span) > 1:
            wanted.update(k for sub in _sub_spans(span) for k in lookup_keys(sub.text))
    found = candidates(wanted)
    mentions = [part for m in tagged for part in _split_tagged(m, doc, found)]
    mentions += _untagged_mentions(untagged, found)
    person_words = _person_words(doc, record)
    mentions = [m for m in mentions if not _is_persons(m, _options(m.keys, found), person_words)]
    return sorted(mentions, key=lambda m: m.start), found


def _untagged_mentions(
    spans: list[tuple[Span, tuple[str, ...]]], found: dict[str, list[Candidate]]
) -> list[Mention]:
    """Gazetteer names the tagger missed: longest first, each token in one name at most."""
    taken: set[int] = set()
    mentions = []
    for span, keys in spans:
        if any(t.i in taken for t in span):
            continue
        tagged_as = next((t.ent_type_ for t in span if t.ent_type_), "")
        if not credible(_options(keys, found), tagged_as):
            continue
        taken.update(t.i for t in span)
        mentions.append(Mention(span.start_char, span.end_char, span.text, keys, "gazetteer"))
    return mentions


def _group_key(mention: Mention) -> str:
    return mention.keys[-1] if mention.keys else mention.text.lower()


def _qualifiers(mentions: list[Mention], text: str) -> dict[int, list[Mention]]:
    """For each mention (by position), the mentions right after it that qualify it."""
    found: dict[int, list[Mention]] = {}
    for i, mention in enumerate(mentions[:-1]):
        following = mentions[i + 1]
        if _QUALIFIER_GAP.match(text[mention.end : following.start]):
            found[i] = [following]
    return found


def geoparse(doc: Doc, record: Report) -> list[Place]:
    text = doc_text(doc)
    mentions, found = recognise(doc, record)
    dateline, dateline_qualifiers = _dateline_mention(record)
    extra = [k for name in dateline_qualifiers for k in lookup_keys(name)]
    if dateline is not None:
        extra += list(dateline.keys)
    if extra:
        found.update(candidates(extra))
    groups: dict[str, Group] = {}
    qualifiers = _qualifiers(mentions, text)
    for i, mention in enumerate(mentions):
        group = groups.setdefault(
            _group_key(mention), Group(_group_key(mention), _options(mention.keys, found))
        )
        for q in qualifiers.get(i, []):
            group.qualifiers.append(_options(q.keys, found))
    if dateline is not None:
        group = groups.setdefault(
            _group_key(dateline), Group(_group_key(dateline), _options(dateline.keys, found))
        )
        group.is_dateline = True
        for name in dateline_qualifiers:
            group.qualifiers.append(_options(lookup_keys(name), found))
    chosen = resolve(list(groups.values()))
    all_mentions = mentions + ([dateline] if dateline is not None else [])
    return build_places(all_mentions, chosen)


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
