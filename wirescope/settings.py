"""Tunable thresholds, read once from settings.toml (one file, each value with its reason)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

SETTINGS_PATH = Path(__file__).with_name("settings.toml")


@cache
def settings() -> dict[str, Any]:
    with SETTINGS_PATH.open("rb") as handle:
        return tomllib.load(handle)


def setting(section: str, key: str) -> Any:
    return settings()[section][key]
