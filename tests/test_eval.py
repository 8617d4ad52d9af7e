"""`wirescope eval` agrees with the project's scorer (../shared/tools/score.py) on the dev sets."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, SHARED, run_cli


@pytest.mark.parametrize("task", ["polnear"])
def test_eval_agrees_with_score_py(task: str) -> None:
    data = SHARED / "data" / "polnear" / "dev"
    scorer = SHARED / "tools" / "score.py"
    if not data.is_dir() or not scorer.is_file():
        pytest.skip("../shared/data or ../shared/tools is absent")
    ours = run_cli("eval", task, "--data", str(data), "--limit", "6")
    assert ours.returncode == 0, ours.stderr
    theirs = subprocess.run(
        [
            sys.executable,
            str(scorer),
            task,
            "--data",
            str(data),
            "--limit",
            "6",
            "--cli",
            str(REPO / ".venv" / "bin" / "wirescope"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=True,
    )
    assert json.loads(ours.stdout) == json.loads(theirs.stdout.strip().splitlines()[-1])
