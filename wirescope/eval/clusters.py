"""Consolidation scores on news-story gold (articles grouped by the story they report), as
../shared/tools/score.py computes them: ingest every article into a fresh SQLite store, list
the consolidated events, put each article in the largest consolidated event that lists it, and
score B-cubed precision, recall and F1 against the gold story.
"""

from __future__ import annotations

import ast
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wirescope.ingest import Document, DocumentError
from wirescope.ingest.readers import normalise_published
from wirescope.store import EventFilter, Store
from wirescope.store.commands import ingest_items


def _story(data: dict[str, Any]) -> Any:
    cluster = data.get("newsCluster")
    if cluster:
        parsed = ast.literal_eval(cluster) if isinstance(cluster, str) else cluster
        return parsed["EventId"]
    return data.get("category")


def _document(data: dict[str, Any], origin: str) -> Document:
    """The article as score.py hands it to `wirescope ingest` (title cut from the text)."""
    title, text = data.get("title") or "", data.get("text") or ""
    if text.startswith(title):
        text = text[len(title) :].lstrip()
    published = (data.get("date_publish") or "")[:10] or None
    doc = Document(id=str(data["dId"]), text=text, title=title or None, origin=origin)
    doc.url = data.get("url") or None
    if published:
        try:
            doc.published = normalise_published(published)
        except ValueError:
            doc.warnings.append(f"published date {published!r} is not ISO 8601; ignored")
    return doc


def load(data: Path, limit: int | None = None) -> tuple[list[Document], dict[str, Any]]:
    documents, gold = [], {}
    for path in sorted(data.glob("*.json"))[:limit]:
        article = json.loads(path.read_text(encoding="utf-8"))
        gold[str(article["dId"])] = _story(article)
        documents.append(_document(article, path.name))
    return documents, gold


def bcubed(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    by_pred: dict[Any, set[str]] = defaultdict(set)
    by_gold: dict[Any, set[str]] = defaultdict(set)
    for article in gold:
        by_pred[pred[article]].add(article)
        by_gold[gold[article]].add(article)
    n = len(gold)
    shared = {a: len(by_pred[pred[a]] & by_gold[gold[a]]) for a in gold}
    p = sum(shared[a] / len(by_pred[pred[a]]) for a in gold) / n
    r = sum(shared[a] / len(by_gold[gold[a]]) for a in gold) / n
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "articles": n,
        "gold_clusters": len(by_gold),
        "pred_clusters": len(by_pred),
        "bcubed_p": round(p, 3),
        "bcubed_r": round(r, 3),
        "bcubed_f1": round(f1, 3),
    }


def largest_event(events: list[dict[str, Any]]) -> dict[str, int]:
    """Each report's consolidated event: the largest one that lists it (first on ties)."""
    best: dict[str, int] = {}
    for index, event in enumerate(events):
        for report in map(str, event.get("reports") or []):
            if report not in best or len(event["reports"]) > len(events[best[report]]["reports"]):
                best[report] = index
    return best


def _items(documents: list[Document]) -> Iterator[Document | DocumentError]:
    yield from documents


def score(data: Path, limit: int | None = None) -> dict[str, Any]:
    documents, gold = load(data, limit)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/w.db")
        try:
            ingest_items(store, _items(documents), lambda error: None)
            events = list(store.all_events(EventFilter()))
        finally:
            store.close()
    best = largest_event(events)
    pred: dict[str, Any] = {a: best.get(a, f"alone-{a}") for a in gold}
    return bcubed(pred, gold)
