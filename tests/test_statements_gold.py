"""The hand-written statements gold (tests/fixtures/statements_gold.jsonl) and its scorer
(`wirescope eval statements`): the fixture's shape, the pairing of gold and predicted
statements on made-up spans, and the figures on the development data when it is present."""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest
from conftest import SHARED, run_cli

from wirescope.eval.statements import GOLD, judge, load_documents, load_gold, match, names_match
from wirescope.record import Channel, StanceType

DATA = SHARED / "data"
CHANNELS = set(get_args(Channel))
STANCES = set(get_args(StanceType))


def test_fixture_holds_ids_and_spans_only() -> None:
    golds = load_gold()
    assert len(golds) == 60
    for gold in golds:
        assert set(gold) <= {"id", "span", "cue", "speaker", "anonymous", "stance", "channel"} | {
            "case"
        }
        start, end = gold["span"]
        assert 0 <= start < end
        assert isinstance(gold["anonymous"], bool)
        assert gold["anonymous"] is False or gold["speaker"] is None
        stances = gold["stance"] if isinstance(gold["stance"], list) else [gold["stance"]]
        assert all(s is None or s in STANCES for s in stances)
        channels = gold["channel"] if isinstance(gold["channel"], list) else [gold["channel"]]
        assert all(c in CHANNELS for c in channels)


def test_pairs_by_largest_overlap_one_to_one() -> None:
    golds = [{"span": [10, 30]}, {"span": [40, 60]}, {"span": [100, 110]}]
    statements: list[dict[str, Any]] = [
        {"content": [[0, 12]]},  # 2 characters of the first
        {"content": [[15, 45]]},  # 15 of the first, 5 of the second
        {"content": [[50, 70]]},  # 10 of the second
        {"content": [], "cue": {"span": [104, 108]}},  # no content: its cue
    ]
    assert match(golds, statements) == {0: 1, 1: 2, 2: 3}
    assert match([{"span": [10, 30]}], [{"content": [[40, 50]]}]) == {}
    # A nested statement ("X said Y, Reuters reported") wins over the one around it.
    nested = [{"content": [[0, 100]]}, {"content": [[20, 60]]}]
    assert match([{"span": [30, 50]}], nested) == {0: 1}


def test_judges_each_field() -> None:
    entities = {"e1": {"id": "e1", "name": "Tony Blair"}}
    gold = {
        "speaker": "Tony Blair",
        "anonymous": False,
        "stance": ["deny", "claim"],
        "channel": "television",
    }
    said = {
        "speaker": {"entity": "e1", "text": "the prime minister", "span": [0, 18]},
        "stance": [{"event": None, "type": "deny"}],
        "channel": "television",
    }
    assert all(judge(gold, said, entities).values())
    unnamed = {"speaker": {"text": "he", "span": [0, 2]}, "stance": [], "channel": "unknown"}
    fields = judge(gold, unnamed, entities)
    assert fields["found"] and not fields["speaker"] and not fields["stance"]
    assert fields["anonymous"] and not fields["channel"]
    assert not any(judge(gold, None, entities).values())
    # An unnamed source: a speaker with no entity is right, anonymous as the gold says.
    anonymous = {"speaker": None, "anonymous": True, "stance": None, "channel": "unknown"}
    officials = {"speaker": {"text": "officials", "span": [0, 9], "anonymous": True}}
    assert all(judge(anonymous, {**officials, "channel": "unknown"}, {}).values())
    assert names_match("Gov. Brown", "Brown") and not names_match("Gov. Brown", "Jerry Brown")


def test_gold_spans_lie_in_their_articles() -> None:
    if not DATA.is_dir():
        pytest.skip("../shared/data is absent")
    golds = load_gold()
    docs = load_documents(DATA, [g["id"] for g in golds])
    assert set(docs) == {g["id"] for g in golds}
    for gold in golds:
        text = docs[gold["id"]].text
        start, end = gold["span"]
        assert end <= len(text) and text[start:end].strip() == text[start:end]
        if gold["cue"]:
            assert gold["cue"] in text


def test_eval_statements_on_the_fixture() -> None:
    if not DATA.is_dir():
        pytest.skip("../shared/data is absent")
    result = run_cli("eval", "statements", "--data", str(DATA))
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["gold"] == len(load_gold(GOLD))
    # Floors a little under the figures measured (before the issue 16 fixes: found 0.917,
    # speaker 0.767, anonymous 0.867, stance 0.55, channel 0.9; after: 0.95, 0.9, 0.933, 0.8,
    # 0.95).
    assert figures["found"] >= 0.93
    assert figures["speaker"] >= 0.87
    assert figures["anonymous"] >= 0.9
    assert figures["stance"] >= 0.77
    assert figures["channel"] >= 0.93
