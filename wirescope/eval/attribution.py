"""Attribution scores on PolNeAR-style gold (brat standoff), as score.py computes them.

Gold attributions pair with predicted statements one to one, by largest content overlap.
overlap F1: a pair counts when the contents overlap at all. exact F1: contents equal after
trimming quote marks, punctuation, whitespace and a leading "that". speaker accuracy (on
matched pairs with a gold source): the statement's speaker span, or any mention of its
resolved speaker entity, overlaps the gold source span. cue accuracy likewise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wirescope.eval import aligner, f1
from wirescope.ingest.document import Document
from wirescope.pipeline import extract
from wirescope.record import Report, Span, Statement

TRIM = " \t\n\"'“”‘’,.;:—–-"


def trimmed(text: str, spans: list[Span]) -> str:
    joined = " ".join(text[a:b] for a, b in spans).strip(TRIM)
    joined = re.sub(r"^that\s+", "", joined)
    return re.sub(r"\s+", " ", joined).strip(TRIM).lower()


def read_ann(path: Path) -> list[dict[str, list[Span]]]:
    """Attributions of one annotator's file: content, source and cue spans."""
    bounds: dict[str, list[Span]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _label, _, ranges = parts[1].partition(" ")
            bounds[parts[0]] = [
                (int(a), int(b)) for a, b in (seg.split() for seg in ranges.split(";"))
            ]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    gold = []
    for event in events:
        roles = {
            role.lower(): bounds[event[role]]
            for role in ("Content", "Source", "Cue")
            if event.get(role) in bounds
        }
        if "content" in roles:
            gold.append(roles)
    return gold


def _mapped(spans: list[Span], where: Callable[[int], int]) -> list[Span]:
    return [(where(a), where(b)) for a, b in spans]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaker_spans(record: Report, statement: Statement) -> list[Span]:
    spans = [statement.speaker.span] if statement.speaker.span else []
    for entity in record.entities:
        if statement.speaker.entity and entity.id == statement.speaker.entity:
            spans += entity.mentions
    return spans


Gold = list[dict[str, list[Span]]]


def load(data: Path, limit: int | None = None) -> list[tuple[Document, str, Gold]]:
    """Each article as a document, its text as the gold's offsets count it (reading may clean
    the document's text: a stray control character), and its attributions."""
    articles = sorted(path.stem for path in (data / "text").glob("*.txt"))[:limit]
    loaded = []
    for article in articles:
        anns = sorted((data / "attributions").glob(f"{article}_*.ann"))
        if anns:
            text = (data / "text" / f"{article}.txt").read_text(encoding="utf-8")
            document = Document(id=article, text=text, origin=article)
            loaded.append((document, text, read_ann(anns[0])))
    return loaded


def score(data: Path, limit: int | None = None) -> dict[str, Any]:
    loaded = load(data, limit)
    records = {r.id: r for r in extract(doc for doc, _, _ in loaded) if isinstance(r, Report)}
    tp_overlap = n_pred = n_gold = tp_exact = speaker_ok = cue_ok = n_source = n_cue = 0
    for doc, text, golds in loaded:
        record = records.get(doc.id)
        # The record's offsets count in its own text: mapped onto the gold's, as score.py does.
        where = aligner(text, record.text if record else text)

        predicted = [s for s in record.statements if s.content] if record else []
        n_pred += len(predicted)
        n_gold += len(golds)
        used: set[int] = set()
        pairs = []
        for gold in golds:
            best, best_index = 0, None
            for index, statement in enumerate(predicted):
                if index in used:
                    continue
                content = _mapped(statement.content, where)
                shared = sum(_overlap(x, y) for x in content for y in gold["content"])
                if shared > best:
                    best, best_index = shared, index
            if best_index is not None:
                used.add(best_index)
                pairs.append((gold, predicted[best_index]))
        tp_overlap += len(pairs)
        for gold, statement in pairs:
            tp_exact += trimmed(text, _mapped(statement.content, where)) == trimmed(
                text, gold["content"]
            )
            n_source += bool(gold.get("source"))
            n_cue += bool(gold.get("cue"))
            spans = _mapped(_speaker_spans(record, statement), where) if record else []
            if gold.get("source") and any(_overlap(x, y) for x in spans for y in gold["source"]):
                speaker_ok += 1
            cue = _mapped([statement.cue.span], where)[0] if statement.cue else None
            if gold.get("cue") and cue and any(_overlap(cue, y) for y in gold["cue"]):
                cue_ok += 1
    p_overlap, r_overlap = tp_overlap / max(n_pred, 1), tp_overlap / max(n_gold, 1)
    p_exact, r_exact = tp_exact / max(n_pred, 1), tp_exact / max(n_gold, 1)
    return {
        "articles": len(loaded),
        "gold": n_gold,
        "pred": n_pred,
        "content_overlap_f1": round(f1(p_overlap, r_overlap), 3),
        "overlap_p": round(p_overlap, 3),
        "overlap_r": round(r_overlap, 3),
        "content_exact_f1": round(f1(p_exact, r_exact), 3),
        "speaker_acc_on_matched": round(speaker_ok / max(n_source, 1), 3),
        "cue_acc_on_matched": round(cue_ok / max(n_cue, 1), 3),
    }
