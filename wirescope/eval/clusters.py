"""Consolidation scores on news-story gold (articles grouped by the story they report), as
../shared/tools/score.py computes them: ingest every article into a fresh SQLite store, list
the consolidated events, put each article (a report, or a syndicated copy filed under one) in
the largest consolidated event that lists it, and score B-cubed against two golds:
- events: one gold cluster per real-world event, a story cut where its articles' publication
  days leave a gap of more than `GAP_DAYS` (a proxy for "reports of one event");
- stories: the gold stories as given; consolidated events joined through their `related`
  links count as one story.
"""

from __future__ import annotations

import ast
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from wirescope.ingest import Document, DocumentError
from wirescope.ingest.validate import plausible_published
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
    published = str(data.get("date_publish") or "")[:10] or None
    doc = Document(id=str(data["dId"]), text=text, title=title or None, origin=origin)
    doc.url = data.get("url") or None
    # As the JSON Lines reader takes score.py's "published": no date ("None") or an
    # impossible one is none, with a warning.
    doc.published = plausible_published(published, "published", doc.warnings)
    return doc


# Reports of one event are published within this many days of each other (the event gold).
GAP_DAYS = 3


def load(
    data: Path, limit: int | None = None
) -> tuple[list[Document], dict[str, Any], dict[str, str | None]]:
    """The articles, their gold story, and their publication day (as score.py reads it)."""
    documents, gold, days = [], {}, {}
    for path in sorted(data.glob("*.json"))[:limit]:
        article = json.loads(path.read_text(encoding="utf-8"))
        gold[str(article["dId"])] = _story(article)
        days[str(article["dId"])] = _day(article.get("date_publish"))
        documents.append(_document(article, path.name))
    return documents, gold, days


def _day(published: Any) -> str | None:
    """The publication day, None when missing or not a date (one dev article has "None",
    on which score.py stops)."""
    day = str(published or "")[:10]
    try:
        date.fromisoformat(day)
    except ValueError:
        return None
    return day


def event_gold(story: dict[str, Any], days: dict[str, str | None]) -> dict[str, str]:
    """Each story cut into events where its articles' days leave a gap over GAP_DAYS."""
    by_story: dict[Any, list[tuple[str, str]]] = defaultdict(list)
    for article, name in story.items():
        by_story[name].append((days.get(article) or "", article))
    gold = {}
    for name, items in by_story.items():
        part, previous = 0, None
        for day, article in sorted(items):
            current = date.fromisoformat(day) if day else None
            if previous and current and (current - previous).days > GAP_DAYS:
                part += 1
            gold[article], previous = f"{name}#{part}", current or previous
    return gold


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


def _members(event: dict[str, Any]) -> list[str]:
    """The reports an event lists and the syndicated copies filed under them."""
    members = [str(r) for r in event.get("reports") or []]
    for copies in (event.get("copies") or {}).values():
        members += [str(c) for c in (copies if isinstance(copies, list) else [copies])]
    return members


def largest_event(events: list[dict[str, Any]]) -> dict[str, int]:
    """Each report's (or copy's) consolidated event: the largest one that lists it (first on
    ties)."""
    best: dict[str, int] = {}
    for index, event in enumerate(events):
        for report in _members(event):
            if report not in best or len(event["reports"]) > len(events[best[report]]["reports"]):
                best[report] = index
    return best


def stories(events: list[dict[str, Any]]) -> list[int]:
    """Each event's story: events joined through their `related` links (union-find)."""
    index = {event.get("id"): i for i, event in enumerate(events)}
    root = list(range(len(events)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for i, event in enumerate(events):
        for link in event.get("related") or []:
            j = index.get(link.get("id") if isinstance(link, dict) else link)
            if j is not None:
                root[find(i)] = find(j)
    return [find(i) for i in range(len(events))]


def _items(documents: list[Document]) -> Iterator[Document | DocumentError]:
    yield from documents


def score(data: Path, limit: int | None = None) -> dict[str, Any]:
    documents, gold, days = load(data, limit)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/w.db")
        try:
            ingest_items(store, _items(documents), lambda error: None)
            events = list(store.all_events(EventFilter()))
        finally:
            store.close()
    best = largest_event(events)
    pred: dict[str, Any] = {a: best.get(a, f"alone-{a}") for a in gold}
    story_of = stories(events)
    told = {a: story_of[p] if isinstance(p, int) else p for a, p in pred.items()}
    by_event = bcubed(pred, event_gold(gold, days))
    by_story = bcubed(told, gold)
    return {
        **by_event,
        "story_clusters": by_story["gold_clusters"],
        "story_bcubed_p": by_story["bcubed_p"],
        "story_bcubed_r": by_story["bcubed_r"],
        "story_bcubed_f1": by_story["bcubed_f1"],
        "has_related_title": bool(events)
        and all("related" in event and "title" in event for event in events),
    }
