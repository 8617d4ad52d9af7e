"""Who said it: statements against a hand-written gold of single statements.

The gold (tests/fixtures/statements_gold.jsonl, written by reading each article) holds, per
statement, the article's id and the character span of what was said (or of the cue, for a
statement without content) in the article's text, never the text itself; then the speaker
(the full name the report gives, a list of acceptable names, or null when the report never
names them), `anonymous`, the stance (a value of the record format, a list of acceptable
values, or null when not scored) and the channel (a value or a list).

The texts are read from the development data (`--data ../shared/data`): records/docs.jsonl,
else giveme5w1h/<hash>.json for an id `g5w1h/<hash>`, the text as it stands in the JSON.

Each gold statement is paired with at most one predicted statement, the pairs taken by the
largest overlap of the gold span with the statement's content (and its cue) first. Per field,
the share of gold statements right end to end (a statement not found is wrong in every field)
and among those found:
- found: a predicted statement overlaps the gold span;
- speaker: gold name: the speaker's entity name or one of its aliases (the forms the report
  writes it in: the actor dictionary's name may differ, "Syrian Arab Army" for "the Syrian
  army"), else the speaker as written, and the gold name hold one another as whole words;
  gold null: a speaker is given, with no entity;
- anonymous: the flag equals the gold;
- stance: the first stance's type is one of the gold values;
- channel: the channel is one of the gold values.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from wirescope.ingest.document import Document
from wirescope.pipeline import extract
from wirescope.record import Report

Json = dict[str, Any]
FIELDS = ("speaker", "anonymous", "stance", "channel")
GOLD = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "statements_gold.jsonl"


def load_gold(path: Path = GOLD) -> list[Json]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_documents(data: Path, ids: list[str]) -> dict[str, Document]:
    """The gold's articles from the development data folder (../shared/data)."""
    docs: dict[str, Document] = {}
    records = data / "records" / "docs.jsonl"
    if records.is_file():
        for line in records.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row["id"] in ids:
                docs[row["id"]] = _document(row)
    for wanted in ids:
        if wanted in docs or not wanted.startswith("g5w1h/"):
            continue
        path = data / "giveme5w1h" / f"{wanted.removeprefix('g5w1h/')}.json"
        if path.is_file():
            article = json.loads(path.read_text(encoding="utf-8"))
            published = article.get("date_publish")
            docs[wanted] = _document(
                {
                    "id": wanted,
                    "text": article.get("text") or "",
                    "title": article.get("title"),
                    "published": published[:10] if published and published != "None" else None,
                    "publisher": article.get("publisher"),
                }
            )
    return docs


def _document(row: Json) -> Document:
    return Document(
        id=str(row["id"]),
        text=row["text"],
        title=row.get("title"),
        published=row.get("published"),
        publisher=row.get("publisher"),
        origin=str(row["id"]),
    )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _statement_spans(statement: Json) -> list[tuple[int, int]]:
    spans = [(a, b) for a, b in statement.get("content") or []]
    cue = (statement.get("cue") or {}).get("span")
    if cue:
        spans.append((cue[0], cue[1]))
    return spans


def match(golds: list[Json], statements: list[Json]) -> dict[int, int]:
    """Gold index -> statement index, one to one, the largest overlaps paired first; on a tie
    the statement with less text outside the gold span ("X said Y, Reuters reported": Y is X's
    statement, nested in Reuters'), then the earlier gold, the earlier statement."""
    pairs = []
    for g, gold in enumerate(golds):
        span = (gold["span"][0], gold["span"][1])
        for s, statement in enumerate(statements):
            spans = _statement_spans(statement)
            shared = sum(_overlap(span, other) for other in spans)
            if shared:
                outside = sum(b - a for a, b in spans) - shared
                pairs.append((-shared, outside, g, s))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, g, s in sorted(pairs):
        if g not in matched and s not in used:
            matched[g] = s
            used.add(s)
    return matched


def normalised(text: str | None) -> str:
    """Lowercase ASCII words, without "the" and "of"."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9_ ]+", " ", ascii_text.lower().replace(".", "")).split()
    return " ".join(w for w in words if w not in {"the", "of"})


def names_match(one: str | None, other: str | None) -> bool:
    a, b = normalised(one), normalised(other)
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _accepted(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def judge(gold: Json, statement: Json | None, entities: dict[str, Json]) -> dict[str, bool]:
    """Which fields of one gold statement the predicted one gets right (None: not found)."""
    if statement is None:
        return {"found": False, **{field: False for field in FIELDS}}
    speaker = statement.get("speaker") or {}
    entity = entities.get(speaker.get("entity") or "")
    if gold.get("speaker") is None:
        speaker_ok = speaker.get("span") is not None and entity is None
    else:
        written = [entity["name"], *entity.get("aliases", [])] if entity else [speaker.get("text")]
        speaker_ok = any(
            names_match(name, form) for name in _accepted(gold["speaker"]) for form in written
        )
    stances = statement.get("stance") or []
    stance = stances[0].get("type") if stances else None
    return {
        "found": True,
        "speaker": speaker_ok,
        "anonymous": bool(speaker.get("anonymous")) == bool(gold.get("anonymous")),
        "stance": gold.get("stance") is None or stance in _accepted(gold["stance"]),
        "channel": statement.get("channel") in _accepted(gold.get("channel")),
    }


def judged(
    golds: list[Json], records: dict[str, Json]
) -> list[tuple[Json, Json | None, dict[str, bool]]]:
    """Each gold statement with the statement paired to it and the fields it gets right."""
    out: list[tuple[Json, Json | None, dict[str, bool]]] = []
    by_article: dict[str, list[Json]] = {}
    for gold in golds:
        by_article.setdefault(gold["id"], []).append(gold)
    for article, wanted in by_article.items():
        record = records.get(article) or {}
        statements = record.get("statements") or []
        entities = {e["id"]: e for e in record.get("entities") or []}
        pairs = match(wanted, statements)
        for g, gold in enumerate(wanted):
            statement = statements[pairs[g]] if g in pairs else None
            out.append((gold, statement, judge(gold, statement, entities)))
    return out


def figures(rows: list[tuple[Json, Json | None, dict[str, bool]]]) -> dict[str, Any]:
    right: Counter[str] = Counter()
    for _, _, fields in rows:
        right.update(field for field, ok in fields.items() if ok)
    found = right["found"]
    out: dict[str, Any] = {"gold": len(rows), "found": round(found / max(len(rows), 1), 3)}
    for field in FIELDS:
        out[field] = round(right[field] / max(len(rows), 1), 3)
    for field in FIELDS:
        out[f"{field}_on_found"] = round(right[field] / max(found, 1), 3)
    return out


def extract_records(docs: list[Document]) -> dict[str, Json]:
    return {
        str(r.id): json.loads(r.to_json()) for r in extract(iter(docs)) if isinstance(r, Report)
    }


def score(data: Path, limit: int | None = None, gold: Path = GOLD) -> dict[str, Any]:
    """`data`: the development data folder (../shared/data), or the gold file itself beside
    it (its texts then read from ../shared/data of this checkout)."""
    if data.is_file():
        data, gold = GOLD.parents[3] / "shared" / "data", data
    golds = load_gold(gold)
    articles = list(dict.fromkeys(g["id"] for g in golds))[:limit]
    docs = load_documents(data, articles)
    golds = [g for g in golds if g["id"] in docs]
    return figures(judged(golds, extract_records([docs[a] for a in articles if a in docs])))
