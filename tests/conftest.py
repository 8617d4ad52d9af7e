"""Shared test helpers: every record a test produces is validated against the JSON Schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from wirescope.settings import STRICT_VARIABLE

# A stage's unexpected exception is a bug: in tests it raises (here and in the CLI's and the
# workers' processes, which inherit the variable) instead of failing one document quietly.
os.environ[STRICT_VARIABLE] = "1"

from wirescope.pipeline import extract_text
from wirescope.record import Report, json_schema

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"

_VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def validated(data: dict[str, Any]) -> dict[str, Any]:
    """A record as JSON data, after checking it against the published schema and its spans."""
    _VALIDATOR.validate(data)
    length = len(data["text"])
    for entity in data["entities"]:
        for start, end in entity["mentions"]:
            assert 0 <= start < end <= length, f"span {start, end} outside the text"
    return data


def record_of(text: str, **kwargs: Any) -> Report:
    """Extract one text through the library and validate what comes out."""
    record = extract_text(text, **kwargs)
    validated(json.loads(record.to_json()))
    return record


@pytest.fixture
def extract_record() -> Callable[..., Report]:
    return record_of


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `wirescope` command; every record it prints is validated."""
    result = subprocess.run(
        [sys.executable, "-m", "wirescope.cli", *args],
        input=stdin.decode("utf-8", errors="replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    if args[:1] == ("extract",) and "--pretty" not in args:
        for line in result.stdout.splitlines():
            if line.strip():
                validated(json.loads(line))
    return result


@pytest.fixture
def shared_example() -> Path:
    folder = SHARED / "examples" / "kadhimi-drone"
    if not folder.is_dir():
        pytest.skip("../shared/examples is absent")
    return folder
