"""Article extraction on benchmark pages (raw HTML with the gold article body), scored as
the benchmark and score.py score it.

Each page goes through the reader `wirescope extract` uses for a JSON Lines `html` field, so
the text scored is the text a record carries. The metric: 4-token shingles of \\w+ tokens; per
page, precision and recall of the shingle multisets (a page whose both sides are empty
counts as perfect); precision and recall averaged over pages; F1 of the two averages.
Speed is pages per second of HTML to text (ingestion alone, no language analysis).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from wirescope.eval import f1
from wirescope.ingest.document import DocumentError
from wirescope.ingest.readers import jsonl_document

_TOKEN = re.compile(r"\w+")
SHINGLE_TOKENS = 4


def shingles(text: str, width: int = SHINGLE_TOKENS) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    count = max(1, len(tokens) - width + 1)
    return Counter(tuple(tokens[i : i + width]) for i in range(count) if tokens[i : i + width])


def page_scores(gold: str, predicted: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the page has no such figure."""
    truth, found = shingles(gold), shingles(predicted)
    shared = sum((truth & found).values())
    false_pos, false_neg = sum(found.values()) - shared, sum(truth.values()) - shared
    if false_pos == false_neg == 0:
        return 1.0, 1.0
    precision = shared / (shared + false_pos) if shared + false_pos else None
    recall = shared / (shared + false_neg) if shared + false_neg else None
    return precision, recall


def _page_line(data: Path, key: str, url: str | None) -> str:
    """The page as score.py hands it to `wirescope extract`: one JSON Lines object."""
    html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()).decode(
        "utf-8", "replace"
    )
    return json.dumps({"id": key, "html": html, "url": url}, ensure_ascii=False)


def extracted_text(line: str, key: str) -> str:
    """The text a record of this page carries ("" when the page gives no document)."""
    try:
        return jsonl_document(line, key).text
    except DocumentError:
        return ""


def score(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Body-text precision, recall and F1 over the benchmark's pages, and pages per second."""
    with (data / "ground-truth.json").open(encoding="utf-8") as handle:
        truth: dict[str, dict[str, Any]] = json.load(handle)
    keys = sorted(truth)[:limit]
    lines = {key: _page_line(data, key, truth[key].get("url")) for key in keys}
    precisions: list[float] = []
    recalls: list[float] = []
    started = time.perf_counter()
    texts = {key: extracted_text(lines[key], key) for key in keys}
    elapsed = time.perf_counter() - started
    for key in keys:
        precision, recall = page_scores(truth[key].get("articleBody", ""), texts[key])
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
    mean_p = sum(precisions) / max(len(precisions), 1)
    mean_r = sum(recalls) / max(len(recalls), 1)
    return {
        "pages": len(keys),
        "f1": round(f1(mean_p, mean_r), 3),
        "precision": round(mean_p, 3),
        "recall": round(mean_r, 3),
        "pages_per_s": round(len(keys) / elapsed, 1) if elapsed else None,
    }
