"""Consolidated events written out: JSON Lines, CSV, GeoJSON, ACLED-style CSV, Parquet.

The ACLED-style CSV uses ACLED's column names and meanings; a value the reports do not give
stays empty, never imputed. Our own columns follow: injured, reports, conflicting.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import pycountry

FORMATS = ("jsonl", "csv", "geojson", "acled-csv", "parquet")
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source",
    "notes",
    "fatalities",
    "injured",
    "reports",
    "conflicting",
)
CSV_COLUMNS = (
    "id",
    "date",
    "type",
    "subtype",
    "place",
    "country",
    "admin1",
    "lat",
    "lon",
    "killed",
    "injured",
    "conflicting",
    "reports",
    "first_seen",
    "last_updated",
    "summary",
)
ACTING = ("perpetrator", "actor")
ACTED_ON = ("target", "victim", "counterpart")


def figure(event: dict[str, Any], kind: str) -> int | None:
    """The reports' figure of a kind: the lowest exact count (ACLED codes the conservative
    figure), else the highest "at least"; None when no report gives one."""
    exact = [
        c["count"] for c in event["casualties"] if c["kind"] == kind and c["count"] is not None
    ]
    if exact:
        return int(min(exact))
    floors = [c["min"] for c in event["casualties"] if c["kind"] == kind and c["min"] is not None]
    return int(max(floors)) if floors else None


def _actors(event: dict[str, Any], roles: tuple[str, ...]) -> list[str]:
    """Names in the roles, resolved entities first, the most reported first."""
    chosen = [p for p in event["participants"] if p["role"] in roles]
    chosen.sort(key=lambda p: (not p.get("resolved", True), -len(p["reports"])))
    names: list[str] = []
    for participant in chosen:
        if participant["name"] not in names:
            names.append(participant["name"])
    return names


def country_name(code: str | None) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code)
    return str(country.name) if country else code


def _blank(value: Any) -> Any:
    return "" if value is None else value


def acled_row(event: dict[str, Any], publishers: dict[str, str]) -> dict[str, Any]:
    place = event["place"] or {}
    acting, acted_on = _actors(event, ACTING), _actors(event, ACTED_ON)
    sources = []
    for report in event["reports"]:
        name = publishers.get(report) or report
        if name not in sources:
            sources.append(name)
    return {
        "event_id_cnty": event["id"],
        "event_date": _blank(event["date"]),
        "event_type": _blank(event["type"]),
        "sub_event_type": _blank(event["subtype"]),
        "actor1": acting[0] if acting else "",
        "assoc_actor_1": "; ".join(acting[1:]),
        "actor2": acted_on[0] if acted_on else "",
        "country": country_name(place.get("country")),
        "admin1": _blank(place.get("admin1")),
        "location": _blank(place.get("name")),
        "latitude": _blank(place.get("lat")),
        "longitude": _blank(place.get("lon")),
        "geo_precision": _blank(event.get("geo_precision")),
        "time_precision": _blank(event.get("time_precision")),
        "source": "; ".join(sources),
        "notes": _blank(event["summary"]),
        "fatalities": _blank(figure(event, "killed")),
        "injured": _blank(figure(event, "injured")),
        "reports": ";".join(event["reports"]),
        "conflicting": str(event["conflicting"]).lower(),
    }


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    place = event["place"] or {}
    return {
        "id": event["id"],
        "date": _blank(event["date"]),
        "type": _blank(event["type"]),
        "subtype": _blank(event["subtype"]),
        "place": _blank(place.get("name")),
        "country": _blank(place.get("country")),
        "admin1": _blank(place.get("admin1")),
        "lat": _blank(place.get("lat")),
        "lon": _blank(place.get("lon")),
        "killed": _blank(figure(event, "killed")),
        "injured": _blank(figure(event, "injured")),
        "conflicting": str(event["conflicting"]).lower(),
        "reports": ";".join(event["reports"]),
        "first_seen": event["first_seen"],
        "last_updated": event["last_updated"],
        "summary": _blank(event["summary"]),
    }


def feature(event: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature; an event without coordinates has a null geometry (valid GeoJSON)."""
    place = event["place"] or {}
    geometry = None
    if place.get("lat") is not None and place.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
    return {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": event}


def write_jsonl(events: Iterable[dict[str, Any]], sink: TextIO) -> int:
    written = 0
    for event in events:
        sink.write(json.dumps(event, ensure_ascii=False) + "\n")
        written += 1
    return written


def write_csv(rows: Iterator[dict[str, Any]], columns: tuple[str, ...], sink: TextIO) -> int:
    writer = csv.DictWriter(sink, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(row)
        written += 1
    return written


def write_geojson(events: Iterable[dict[str, Any]], sink: TextIO) -> int:
    """A FeatureCollection, written feature by feature (no need to hold them all)."""
    sink.write('{"type": "FeatureCollection", "features": [\n')
    written = 0
    for event in events:
        sink.write((",\n" if written else "") + json.dumps(feature(event), ensure_ascii=False))
        written += 1
    sink.write("\n]}\n")
    return written


def write_parquet(events: Iterable[dict[str, Any]], path: str) -> int:
    """Flat columns, nested parts (participants, casualties, reports) as JSON text."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    rows = []
    for event in events:
        row = flat_row(event)
        row["lat"], row["lon"] = (
            (event["place"] or {}).get("lat"),
            (event["place"] or {}).get("lon"),
        )
        row["reports"] = json.dumps(event["reports"])
        row["participants"] = json.dumps(event["participants"], ensure_ascii=False)
        row["casualties"] = json.dumps(event["casualties"], ensure_ascii=False)
        row["conflicting"] = event["conflicting"]
        for key in ("killed", "injured"):
            row[key] = figure(event, key)
        rows.append(row)
    pq.write_table(pa.Table.from_pylist(rows), path)
    return len(rows)
