"""Whole-record scores on hand-written record gold (docs.jsonl and gold.jsonl, written from
the articles alone by the guide in the set's GUIDE.md), as score.py computes them.

What a conflict analyst sees of a record, scored as a whole:
- relevance: the record reports a conflict event when its main event (`events[0]`) is of an
  ACLED type with modality actual or attempted; `false_alarm_rate` is the share of articles
  with no conflict event whose main event is such an event.
- conflict events: each such event matches at most one gold event of the same type, dates
  within a day (or the gold month) and the same country where both have them; a second
  report of one gold event counts against precision. Recall is over the gold news events.
- main event: on relevant articles, the record's first event against the gold main event:
  type, subtype, date, place, killed, injured, perpetrator; `main_all_right` needs them all.
  On the others, `nonconflict_main_subtype`: the first event is Non-conflict with the gold
  subtype.
- places: places with coordinates, by the words of their mentions, against the gold place
  names: precision, recall, country accuracy, and hits on words the gold lists as not places.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from wirescope.eval import f1
from wirescope.ingest.document import DocumentError
from wirescope.ingest.readers import read_jsonl_lines
from wirescope.pipeline import extract
from wirescope.record import ACLED_TYPES

Json = dict[str, Any]
MAIN_FIELDS = ("type", "subtype", "date", "place", "killed", "injured", "perpetrator")
# Words of a perpetrator's name that say nothing about who it was.
NAME_STOP_WORDS = frozenset({"the", "a", "an", "of", "and", "group", "forces", "people", "unknown"})


def normalised(text: str | None) -> str:
    """Lowercase ASCII words, without "the" and "of" (score.py's `_norm`)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9 ]+", " ", ascii_text.lower().replace(".", "")).split()
    return " ".join(w for w in words if w not in {"the", "of"})


def names_match(one: str, other: str) -> bool:
    a, b = normalised(one), normalised(other)
    return bool(a and b) and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def is_conflict(event: Json) -> bool:
    return event.get("type") in ACLED_TYPES and event.get("modality") in (
        None,
        "actual",
        "attempted",
    )


def date_matches(predicted: str | None, gold: str | None) -> bool:
    """Within a day of the gold date, or in the gold month."""
    if not gold:
        return True
    if not predicted:
        return False
    if len(gold) == 7:
        return predicted.startswith(gold)
    try:
        days = (date.fromisoformat(predicted[:10]) - date.fromisoformat(gold[:10])).days
    except ValueError:
        return False
    return abs(days) <= 1


def figure_matches(figures: list[Json], gold: Any) -> bool:
    """The gold figure (or bound) among the predicted ones; none when the gold has none."""
    if gold is None or gold == 0:
        return not any(f.get("count") or f.get("min") for f in figures)
    wanted = gold.get("min") if isinstance(gold, dict) else gold
    return any(f.get("count") == wanted or f.get("min") == wanted for f in figures)


def name_words(names: list[str]) -> set[str]:
    return {
        w
        for name in names
        for w in normalised(name).split()
        if w not in NAME_STOP_WORDS and len(w) > 2
    }


def _spans(value: Any) -> list[tuple[int, int]]:
    if not value:
        return []
    if isinstance(value[0], int):
        return [(value[0], value[1])]
    return [(span[0], span[1]) for span in value]


def load(data: Path, limit: int | None = None) -> tuple[list[Json], dict[str, Json]]:
    lines = (data / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()][:limit]
    gold_lines = (data / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = {g["id"]: g for g in (json.loads(line) for line in gold_lines if line.strip())}
    return [d for d in docs if d["id"] in gold], gold


def _records(docs: list[Json]) -> dict[str, Json]:
    """The documents through extraction, as score.py sends them, as the JSON it reads."""
    lines: Iterator[str] = (json.dumps(d, ensure_ascii=False) for d in docs)
    return {
        str(r.id): json.loads(r.to_json())
        for r in extract(read_jsonl_lines(lines, "records"))
        if not isinstance(r, DocumentError)
    }


class Tally:
    """Counts of one scoring run."""

    def __init__(self) -> None:
        self.relevance: Counter[str] = Counter()
        self.events: Counter[str] = Counter()
        self.main: Counter[str] = Counter()
        self.places: Counter[str] = Counter()

    def add(self, record: Json, gold: Json) -> None:
        events = record.get("events") or []
        predicted = bool(events) and is_conflict(events[0])
        relevant = bool(gold.get("relevant"))
        outcome = (
            "tp" if predicted and relevant else "fp" if predicted else "fn" if relevant else "tn"
        )
        self.relevance[outcome] += 1
        self._add_events(record, gold)
        main = next((e for e in gold.get("events") or [] if e.get("main")), None)
        if relevant and main:
            self._add_main(record, main)
        nonconflict = gold.get("main_nonconflict") if not relevant else None
        if nonconflict:
            self.main["nc_n"] += 1
            self.main["nc"] += bool(events) and (
                events[0].get("type"),
                events[0].get("subtype"),
            ) == (
                "Non-conflict",
                nonconflict.get("subtype"),
            )
        self._add_places(record, gold)

    def _add_events(self, record: Json, gold: Json) -> None:
        places = {p["id"]: p for p in record.get("places") or []}
        golds = gold.get("events") or []
        used: set[int] = set()
        for event in filter(is_conflict, record.get("events") or []):
            self.events["pred"] += 1
            country = (places.get(event.get("place")) or {}).get("country")
            for k, wanted in enumerate(golds):
                if k in used or wanted.get("type") != event.get("type"):
                    continue
                if event.get("date") and not date_matches(event.get("date"), wanted.get("date")):
                    continue
                gold_country = (wanted.get("place") or {}).get("country")
                if gold_country and country and gold_country != country:
                    continue
                used.add(k)
                self.events["match"] += 1
                break
        news = {k for k, wanted in enumerate(golds) if not wanted.get("background")}
        self.events["gold"] += len(news)
        self.events["found"] += len(used & news)

    def _add_main(self, record: Json, gold: Json) -> None:
        text = record.get("text") or ""
        events = record.get("events") or []
        event = events[0] if events else {}
        ok = {
            "type": event.get("type") == gold.get("type"),
            "subtype": event.get("subtype") == gold.get("subtype"),
        }
        if gold.get("date"):
            predicted = event.get("date") or ""
            ok["date"] = (
                bool(predicted)
                and date_matches(predicted, gold["date"])
                and (len(gold["date"]) == 7 or predicted[:10] == gold["date"])
            )
        if gold.get("place"):
            places = {p["id"]: p for p in record.get("places") or []}
            place = places.get(event.get("place")) or {}
            written = [place.get("name") or ""] + [
                text[a:b] for a, b in _spans(place.get("mentions"))
            ]
            ok["place"] = place.get("country") == gold["place"].get("country") and any(
                names_match(w, n) for w in written for n in gold["place"].get("names") or []
            )
        casualties = event.get("casualties") or []
        for kind in ("killed", "injured"):
            ok[kind] = figure_matches(
                [c for c in casualties if c.get("kind") == kind], gold.get(kind)
            )
        ok["perpetrator"] = _perpetrator_matches(record, event, gold)
        self.main["n"] += 1
        for field, right in ok.items():
            self.main[field + "_n"] += 1
            self.main[field] += right
        self.main["all"] += all(ok.values())

    def _add_places(self, record: Json, gold: Json) -> None:
        text = record.get("text") or ""
        golds = gold.get("places") or []
        not_places = {normalised(x) for x in gold.get("not_places") or []}
        found: set[int] = set()
        for place in record.get("places") or []:
            if place.get("lat") is None:
                continue
            self.places["pred"] += 1
            written = [text[a:b] for a, b in _spans(place.get("mentions"))] or [
                place.get("name") or ""
            ]
            hits = [
                k
                for k, wanted in enumerate(golds)
                if any(normalised(w) == normalised(wanted.get("text")) for w in written)
            ]
            if hits:
                self.places["right"] += 1
                found.update(hits)
                country = golds[hits[0]].get("country")
                if country:
                    self.places["country_n"] += 1
                    self.places["country_ok"] += place.get("country") == country
            elif any(normalised(w) in not_places for w in written):
                self.places["not_place_hits"] += 1
        self.places["gold"] += len(golds)
        self.places["found"] += len(found)

    def figures(self, articles: int) -> dict[str, Any]:
        rel, ev, main, pl = self.relevance, self.events, self.main, self.places
        rp = rel["tp"] / max(rel["tp"] + rel["fp"], 1)
        rr = rel["tp"] / max(rel["tp"] + rel["fn"], 1)
        ep, er = ev["match"] / max(ev["pred"], 1), ev["found"] / max(ev["gold"], 1)
        pp, pr = pl["right"] / max(pl["pred"], 1), pl["found"] / max(pl["gold"], 1)
        out: dict[str, Any] = {
            "articles": articles,
            "relevant": rel["tp"] + rel["fn"],
            "relevance_p": round(rp, 3),
            "relevance_r": round(rr, 3),
            "relevance_f1": round(f1(rp, rr), 3),
            "false_alarm_rate": round(rel["fp"] / max(rel["fp"] + rel["tn"], 1), 3),
            "conflict_events_pred": ev["pred"],
            "conflict_events_gold": ev["gold"],
            "event_p": round(ep, 3),
            "event_r": round(er, 3),
            "event_f1": round(f1(ep, er), 3),
            "main_events": main["n"],
            "main_all_right": round(main["all"] / max(main["n"], 1), 3),
        }
        for field in MAIN_FIELDS:
            out[f"main_{field}"] = round(main[field] / max(main[field + "_n"], 1), 3)
        out["nonconflict_main_subtype"] = round(main["nc"] / max(main["nc_n"], 1), 3)
        out.update(
            {
                "place_p": round(pp, 3),
                "place_r": round(pr, 3),
                "place_f1": round(f1(pp, pr), 3),
                "place_country_acc": round(pl["country_ok"] / max(pl["country_n"], 1), 3),
                "not_place_hits": pl["not_place_hits"],
            }
        )
        return out


def _perpetrator_matches(record: Json, event: Json, gold: Json) -> bool:
    """A word of the gold perpetrator's name in a predicted one's; with none in the gold, no
    confirmed or claimed perpetrator."""
    perpetrators = [p for p in event.get("participants") or [] if p.get("role") == "perpetrator"]
    wanted = [name for name in gold.get("perpetrators") or [] if name.lower() != "unknown"]
    if not wanted:
        return not any(p.get("certainty") in ("confirmed", "claimed") for p in perpetrators)
    entities = {e["id"]: e for e in record.get("entities") or []}
    names = [p.get("text") or "" for p in perpetrators] + [
        (entities.get(p.get("entity")) or {}).get("name") or "" for p in perpetrators
    ]
    return bool(name_words(wanted) & name_words(names))


def score(data: Path, limit: int | None = None) -> dict[str, Any]:
    docs, gold = load(data, limit)
    records = _records(docs)
    tally = Tally()
    for doc in docs:
        tally.add(records.get(str(doc["id"])) or {}, gold[doc["id"]])
    return tally.figures(len(docs))
