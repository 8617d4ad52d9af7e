"""Place scores on toponym gold sets (GeoWebNews-, LGL- and TR-News-style XML), as score.py
computes them.

Gold toponyms with coordinates, each span once, demonyms and adjectives resolved to a
country or continent left out. found: some place mention overlaps the span. end to end: found
and the mention's coordinates within 161 km of the gold. resolution: the same among found.
precision: place mentions that overlap any gold toponym.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirescope.eval import aligner
from wirescope.geodesy import distance_km
from wirescope.ingest.document import Document
from wirescope.pipeline import extract
from wirescope.record import Place, Report, Span

# The scorer's test for a demonym or adjective ("Iraqi", "Russian"): such gold is not scored.
DEMONYM = re.compile(r"[A-Z][a-z]+(an|ans|ian|ians|ish|ese|i|is|ic|ch|ean|eans)")
MODIFIER = {"Non_Literal_Modifier", "Literal_Modifier", "Mixed", "Embedded_Non_Lit", "Demonym"}
WITHIN_KM = 161


@dataclass
class Toponym:
    span: Span
    lat: float | None
    lon: float | None
    demonym: bool
    nonlocational: bool


def _toponym(node: ET.Element, text: str) -> Toponym | None:
    start, end = node.findtext("start"), node.findtext("end")
    if start is None or end is None:
        return None
    lat = node.findtext("latitude") or node.findtext("gaztag/lat")
    lon = node.findtext("longitude") or node.findtext("gaztag/lon")
    level = node.findtext("gaztag/fcode") or ""
    demonym = bool(DEMONYM.fullmatch(text[int(start) : int(end)])) and (
        node.findtext("type") in MODIFIER
        or level.startswith("PCL")
        or level in ("CONT", "RGN", "ADM1")
    )
    return Toponym(
        span=(int(start), int(end)),
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        demonym=demonym,
        nonlocational=(node.findtext("nonLocational") or "No") == "Yes",
    )


def read_gold(path: Path) -> list[tuple[str, str, list[Toponym]]]:
    """(article id, text, toponyms) of each article of the XML file."""
    articles = []
    for article in ET.parse(path).getroot():
        text = article.findtext("text") or ""
        toponyms = [t for node in article.iter("toponym") if (t := _toponym(node, text))]
        articles.append((article.get("file") or article.get("docid") or "", text, toponyms))
    return articles


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(data: Path, limit: int | None = None) -> dict[str, Any]:
    articles = read_gold(data)[:limit]
    documents = [
        Document(id=f"{data.stem}-{i}", text=text, origin=f"{data.stem}-{i}")
        for i, text, _ in articles
    ]
    records = {r.id: r for r in extract(documents) if isinstance(r, Report)}
    gold_n = found = correct = pred_n = pred_hit = 0
    for i, text, toponyms in articles:
        record = records.get(f"{data.stem}-{i}")
        where = aligner(text, record.text if record else text)
        mentions: list[tuple[Span, Place]] = [
            ((where(a), where(b)), place)
            for place in (record.places if record else [])
            for a, b in place.mentions
        ]
        pred_n += len(mentions)
        pred_hit += sum(1 for span, _ in mentions if any(_overlap(span, t.span) for t in toponyms))
        coords: dict[Span, list[tuple[float, float]]] = defaultdict(list)
        for t in toponyms:
            if t.lat is not None and t.lon is not None and not t.nonlocational and not t.demonym:
                coords[t.span].append((t.lat, t.lon))
        for span, points in coords.items():
            gold_n += 1
            hits = sorted(
                ((_overlap(m, span), p) for m, p in mentions if _overlap(m, span)),
                key=lambda h: (h[1].lat is None, -h[0]),
            )
            if not hits:
                continue
            found += 1
            place = hits[0][1]
            if (
                place.lat is not None
                and place.lon is not None
                and any(distance_km(place.lat, place.lon, la, lo) <= WITHIN_KM for la, lo in points)
            ):
                correct += 1
    return {
        "gold": gold_n,
        "recall_found": round(found / max(gold_n, 1), 3),
        "precision_mentions": round(pred_hit / max(pred_n, 1), 3),
        "acc161_end_to_end": round(correct / max(gold_n, 1), 3),
        "acc161_resolution": round(correct / max(found, 1), 3),
    }
