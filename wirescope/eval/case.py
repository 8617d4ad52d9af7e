"""Event typing scores on CASE 2021 task 2-style gold (TSV `id, EventSnippet, SubType`), as
score.py computes them.

Each snippet goes through extraction as score.py sends it (a JSON Lines object with `id` and
`text`); the record's first event is the prediction. Its subtype maps to the gold set's codes
(`ATTACK`, `PEACE_PROTEST`...; Non-conflict subtypes to `ORG_CRIME`, `DIPLO`...). Snippets
whose gold is one of the 25 ACLED codes are scored by F1 per code, weighted by the code's
gold count, and by accuracy; the others (crime, disasters, diplomacy, attribution) by the
share kept out of the ACLED codes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wirescope.eval import f1
from wirescope.ingest.document import DocumentError
from wirescope.ingest.readers import read_jsonl_lines
from wirescope.pipeline import extract
from wirescope.record import NON_CONFLICT, Event, Report

# The gold set's code of each ACLED subtype (CASE 2021 task 2 names).
ACLED_CODES = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}
NON_CONFLICT_CODES = {
    "Organized crime": "ORG_CRIME",
    "Natural disaster": "NATURAL_DISASTER",
    "Man-made disaster": "MAN_MADE_DISASTER",
    "Diplomatic event": "DIPLO",
}


def code_of(event: Event | None) -> str:
    """The gold set's code for a predicted event (NONE without one)."""
    if event is None:
        return "NONE"
    if event.type == NON_CONFLICT:
        return NON_CONFLICT_CODES.get(event.subtype or "", "NONCONFLICT")
    return ACLED_CODES.get(event.subtype or "", "UNKNOWN")


def load(data: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, snippet, gold code) rows; lines without exactly three cells are skipped."""
    lines = data.read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line.count("\t") == 2]
    return [(row[0], row[1], row[2]) for row in rows][:limit]


def _documents(rows: list[tuple[str, str, str]]) -> Iterator[Any]:
    """The snippets as the JSON Lines objects score.py hands to `wirescope extract`."""
    lines = (json.dumps({"id": f"case-{i}", "text": text}) for i, text, _ in rows)
    return read_jsonl_lines(lines, "case")


def weightedf1(pairs: list[tuple[str, str]]) -> float:
    """F1 of each gold code, weighted by its share of the (gold, predicted) pairs."""
    total, score = len(pairs), 0.0
    for code, count in Counter(gold for gold, _ in pairs).items():
        tp = sum(1 for gold, pred in pairs if gold == code and pred == code)
        fp = sum(1 for gold, pred in pairs if gold != code and pred == code)
        score += count / total * f1(tp / max(tp + fp, 1), tp / count)
    return score


def score(data: Path, limit: int | None = None) -> dict[str, Any]:
    rows = load(data, limit)
    records = {r.id: r for r in extract(_documents(rows)) if not isinstance(r, DocumentError)}
    acled = set(ACLED_CODES.values())
    pairs: list[tuple[str, str]] = []
    kept = others = 0
    for number, _, gold in rows:
        record: Report | None = records.get(f"case-{number}")
        predicted = code_of(record.events[0] if record and record.events else None)
        if gold in acled:
            pairs.append((gold, predicted))
        else:
            others += 1
            kept += predicted not in acled
    total = len(pairs)
    return {
        "seen_snippets": total,
        "weighted_f1": round(weightedf1(pairs), 3),
        "accuracy": round(sum(g == p for g, p in pairs) / max(total, 1), 3),
        "unseen_snippets": others,
        "unseen_kept_out_of_acled": round(kept / max(others, 1), 3),
    }
