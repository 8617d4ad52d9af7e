"""The annotated view of one report: its text with every extracted field highlighted.

One rendering serves two readers: the page's event view (an HTML fragment from
`GET /api/reports/{id}/annotated`, bound by the page's script) and `wirescope extract --html`
(the same fragment wrapped into a self-contained file an analyst can mail, its style and
script inlined). Every piece of report text goes through `html.escape`: reports carry markup.

Each field of the record (an entity, a place, an event's trigger or casualty figure, a
statement's words, speaker and cue, a source) becomes a button in the side panel; the text is
cut at every span boundary into runs, each run a `<mark>` naming the fields that cover it
(`data-f="f3 f7"`). Clicking a field lights up its words; clicking words lights up their fields.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from pathlib import Path

from wirescope.record import Entity, Event, Report, Span, Statement

STATIC = Path(__file__).with_name("static")

# Which colour a run takes when several fields cover it: the narrowest, most specific first.
KIND_PRIORITY = (
    "cue",
    "speaker",
    "trigger",
    "casualty",
    "entity",
    "place",
    "source",
    "statement",
    "evidence",
)

SECTIONS = ("Events", "Entities", "Places", "Statements", "Sources")


@dataclass(frozen=True)
class Field:
    """One extracted field and the spans of text it was read from."""

    section: str
    kind: str
    label: str
    detail: str
    spans: tuple[Span, ...]
    # The record's id of what this field shows ("s3", "e1"), so the page can point at it.
    ref: str = ""


def _valid(spans: Iterable[Span | None], length: int) -> tuple[Span, ...]:
    """Spans inside the text, in order; anything else cannot be shown and is left out."""
    kept = {(s[0], s[1]) for s in spans if s is not None and 0 <= s[0] < s[1] <= length}
    return tuple(sorted(kept))


def _figure(count: int | None, low: int | None, high: int | None) -> str:
    if count is not None:
        return str(count)
    if low is not None and high is not None:
        return f"{low}-{high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else "some"


def _event_fields(event: Event, entities: dict[str, Entity], length: int) -> Iterator[Field]:
    title = f"{event.id} {event.subtype}"
    place = f" · {event.date}" if event.date else ""
    trigger = (event.trigger.span,) if event.trigger else ()
    yield Field(
        "Events",
        "trigger",
        title,
        (event.summary or event.type) + place,
        _valid(trigger, length),
        event.id,
    )
    for casualty in event.casualties:
        figure = _figure(casualty.count, casualty.min, casualty.max)
        who = f" ({casualty.who})" if casualty.who else ""
        per = f" per {', '.join(casualty.per)}" if casualty.per else ""
        yield Field(
            "Events",
            "casualty",
            f"{figure} {casualty.kind}{who}",
            f"{event.id}{per}",
            _valid([casualty.span], length),
        )
    for participant in event.participants:
        entity = entities.get(participant.entity or "")
        spans = entity.mentions if entity else []
        yield Field(
            "Events",
            "entity",
            f"{participant.role}: {participant.text}",
            f"{event.id} · {participant.certainty}",
            _valid(spans, length),
        )
    if event.evidence:
        yield Field(
            "Events",
            "evidence",
            f"{event.id} evidence",
            f"{len(event.evidence)} sentence(s)",
            _valid(event.evidence, length),
        )


def _statement_fields(statement: Statement, length: int) -> Iterator[Field]:
    speaker = statement.speaker
    who = speaker.text or speaker.description or "unknown speaker"
    stance = ", ".join(s.type for s in statement.stance)
    detail = " · ".join(x for x in (statement.kind, statement.channel, stance) if x)
    yield Field(
        "Statements",
        "statement",
        f"{statement.id} {who}",
        detail,
        _valid(statement.content, length),
        statement.id,
    )
    if speaker.span is not None:
        anonymous = " (anonymous)" if speaker.anonymous else ""
        yield Field(
            "Statements",
            "speaker",
            f"{statement.id} speaker: {who}{anonymous}",
            speaker.description or "",
            _valid([speaker.span], length),
        )
    if statement.cue is not None:
        yield Field(
            "Statements",
            "cue",
            f"{statement.id} cue: {statement.cue.text}",
            f"via {statement.via}" if statement.via else "",
            _valid([statement.cue.span], length),
        )


def fields_of(record: Report) -> list[Field]:
    """Every field of the record that points into the text, grouped by section."""
    length = len(record.text)
    entities = {entity.id: entity for entity in record.entities}
    fields: list[Field] = []
    for event in record.events:
        fields.extend(_event_fields(event, entities, length))
    for entity in record.entities:
        kind = entity.category or entity.kind
        fields.append(
            Field(
                "Entities", "entity", entity.name, kind, _valid(entity.mentions, length), entity.id
            )
        )
    for place in record.places:
        where = ", ".join(x for x in (place.admin1, place.country) if x)
        fields.append(
            Field(
                "Places",
                "place",
                place.name,
                f"{place.kind} {where}".strip(),
                _valid(place.mentions, length),
                place.id,
            )
        )
    for statement in record.statements:
        fields.extend(_statement_fields(statement, length))
    for source in record.sources:
        anonymous = "anonymous " if source.anonymous else ""
        fields.append(
            Field(
                "Sources",
                "source",
                source.text,
                f"{anonymous}{source.kind.replace('_', ' ')}",
                _valid([source.span], length),
                source.id,
            )
        )
    return fields


@dataclass(frozen=True)
class Run:
    """A stretch of text covered by the same set of fields (indices into the field list)."""

    start: int
    end: int
    fields: tuple[int, ...]


def runs_of(length: int, fields: list[Field]) -> list[Run]:
    """Cut the text at every span boundary; each piece knows which fields cover it."""
    opens: dict[int, list[int]] = defaultdict(list)
    closes: dict[int, list[int]] = defaultdict(list)
    for index, field in enumerate(fields):
        for start, end in field.spans:
            opens[start].append(index)
            closes[end].append(index)
    cuts = sorted({0, length, *opens, *closes})
    active: dict[int, int] = defaultdict(int)
    runs = []
    for start, end in pairwise(cuts):
        for index in closes.get(start, ()):
            active[index] -= 1
        for index in opens.get(start, ()):
            active[index] += 1
        covering = tuple(sorted(i for i, n in active.items() if n > 0))
        runs.append(Run(start, end, covering))
    return runs


def _top_kind(kinds: set[str]) -> str:
    return next(kind for kind in KIND_PRIORITY if kind in kinds)


def _render_text(text: str, fields: list[Field]) -> str:
    parts = []
    for run in runs_of(len(text), fields):
        words = escape(text[run.start : run.end])
        if not run.fields:
            parts.append(words)
            continue
        kinds = {fields[i].kind for i in run.fields}
        classes = " ".join(f"ws-k-{kind}" for kind in sorted(kinds))
        tokens = " ".join(f"f{i}" for i in run.fields)
        parts.append(
            f'<mark class="ws-hl ws-top-{_top_kind(kinds)} {classes}" data-f="{tokens}">'
            f"{words}</mark>"
        )
    return "".join(parts)


def _render_field(index: int, field: Field, text: str) -> str:
    quoted = "".join(f"<q>{escape(text[s:e])}</q>" for s, e in field.spans)
    words = quoted or '<span class="ws-none">no words in the text</span>'
    return (
        f'<li><button type="button" class="ws-field ws-k-{field.kind}" data-f="f{index}"'
        f' data-ref="{escape(field.ref)}">'
        f'<span class="ws-label">{escape(field.label)}</span> '
        f'<span class="ws-detail">{escape(field.detail)}</span></button>'
        f'<div class="ws-words" data-for="f{index}" hidden>{words}</div></li>'
    )


def _render_panel(fields: list[Field], text: str) -> str:
    sections = []
    for section in SECTIONS:
        items = [_render_field(i, f, text) for i, f in enumerate(fields) if f.section == section]
        if items:
            sections.append(f"<section><h3>{section}</h3><ul>{''.join(items)}</ul></section>")
    return "".join(sections)


def _render_header(record: Report) -> str:
    meta = record.meta
    facts = [
        ("published", meta.published),
        ("publisher", meta.publisher),
        ("filed from", meta.dateline),
        ("credits", ", ".join(meta.credits) or None),
        ("url", meta.url),
    ]
    items = "".join(f"<dt>{label}</dt><dd>{escape(value)}</dd>" for label, value in facts if value)
    return f"<header><h2>{escape(meta.title or record.id)}</h2><dl>{items}</dl></header>"


def fragment(record: Report) -> str:
    """The annotated view as an HTML fragment: header, highlighted text, the field panel."""
    fields = fields_of(record)
    return (
        f'<div class="ws-annotated" data-report="{escape(record.id)}">'
        f"{_render_header(record)}"
        f'<div class="ws-layout"><article class="ws-text">{_render_text(record.text, fields)}'
        f'</article><aside class="ws-panel">{_render_panel(fields, record.text)}</aside></div>'
        "</div>"
    )


def standalone(record: Report) -> str:
    """A self-contained HTML file of the annotated view: no network, style and script inlined."""
    style = (STATIC / "annotated.css").read_text(encoding="utf-8")
    script = (STATIC / "annotated.js").read_text(encoding="utf-8")
    title = escape(record.meta.title or record.id)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}'
        f"</title><style>{style}</style></head><body>{fragment(record)}"
        f"<script>{script}\nWirescopeAnnotated.bind(document);</script></body></html>\n"
    )
