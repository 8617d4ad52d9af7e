"""`wirescope eval` agrees with the project's scorer (../shared/tools/score.py) on the dev sets:
for each gold set, the first few documents scored both ways give the same figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SHARED, run_cli

# Gold set, its path under ../shared/data, and how many documents to score: enough to
# exercise the scorer, few enough to keep the suite short.
GOLD_SETS = [
    ("polnear", "polnear/dev", 6),
    ("case", "case2021/dev.tsv", 25),
    ("geo", "geo/gwn-dev.xml", 4),
    ("aeb", "aeb", 6),
    ("clusters", "giveme5w1h", 12),
    ("records", "records", 30),
]


@pytest.mark.parametrize(("task", "path", "limit"), GOLD_SETS)
def test_eval_agrees_with_score_py(task: str, path: str, limit: int) -> None:
    data = SHARED / "data" / path
    scorer = SHARED / "tools" / "score.py"
    if not data.exists() or not scorer.is_file():
        pytest.skip("../shared/data or ../shared/tools is absent")
    ours = run_cli("eval", task, "--data", str(data), "--limit", str(limit))
    assert ours.returncode == 0, ours.stderr
    cli = str(REPO / ".venv" / "bin" / "wirescope")
    command = [sys.executable, str(scorer), task, "--data", str(data), "--limit", str(limit)]
    theirs = subprocess.run(
        [*command, "--cli", cli],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=900,
        check=True,
    )
    assert accuracy(json.loads(ours.stdout)) == accuracy(
        json.loads(theirs.stdout.strip().splitlines()[-1])
    )


def accuracy(figures: dict[str, object]) -> dict[str, object]:
    """The figures without speed ("pages_per_s"), which no two runs share."""
    return {key: value for key, value in figures.items() if not key.endswith("_per_s")}


def test_attribution_offsets_count_in_the_gold_text_when_reading_cleans_it(
    tmp_path: Path,
) -> None:
    """A control character that reading removes shifts the record's offsets by one: the
    scorer maps them back onto the gold's text, as score.py does (PolNeAR dev has one)."""
    from wirescope.eval import attribution

    text = 'Update\x83 at noon.\n\nThe minister said "the bridge will reopen on Monday."\n'
    content = text.index("the bridge")
    content_end = text.index('."') + 1
    source, cue = text.index("The minister"), text.index("said")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "a_1.ann").write_text(
        f"T1\tContent {content} {content_end}\tx\n"
        f"T2\tSource {source} {source + 12}\tThe minister\n"
        f"T3\tCue {cue} {cue + 4}\tsaid\n"
        "E1\tAttribution:T3 Source:T2 Cue:T3 Content:T1\n",
        encoding="utf-8",
    )
    figures = attribution.score(tmp_path)
    assert figures["content_exact_f1"] == 1.0
    assert figures["speaker_acc_on_matched"] == 1.0 and figures["cue_acc_on_matched"] == 1.0
