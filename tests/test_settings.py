"""Typed settings (wirescope/settings.py): the packaged file, a user file over it, checked
at load, passed explicitly; the CLI refuses a bad file before reading any document."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from conftest import run_cli
from pydantic import ValidationError

from wirescope.settings import ENVIRONMENT_VARIABLE, SettingsError, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_packaged_settings_are_typed_and_frozen() -> None:
    settings = load_settings()
    assert isinstance(settings.places.support_km, float)
    assert isinstance(settings.events.recent_days, int)
    with pytest.raises(ValidationError):
        settings.events.recent_days = 30  # type: ignore[misc]


def test_a_user_file_overlays_only_the_values_it_names(tmp_path: Path) -> None:
    packaged = load_settings()
    mine = load_settings(write(tmp_path, "[events]\nrecent_days = 30\n"))
    assert mine.events.recent_days == 30
    assert mine.events.telling_sentences == packaged.events.telling_sentences
    assert mine.places == packaged.places


def test_the_environment_names_the_user_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(write(tmp_path, "[nlp]\nbatch_size = 4\n")))
    assert load_settings().nlp.batch_size == 4


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[events]\nrecent_dayz = 3\n", "[events] recent_dayz: unknown setting"),
        ("[places]\nsupport_km = 'far'\n", "[places] support_km = 'far'"),
        ("[store]\njoin_threshold = 1.5\n", "[store] join_threshold = 1.5"),
        ("[engine]\nworkers = 0\n", "[engine] workers = 0"),
        ("[eventz]\nrecent_days = 3\n", "unknown section [eventz]"),
        ("[events\n", "not TOML"),
    ],
)
def test_a_bad_file_is_one_error_naming_the_file_and_key(
    tmp_path: Path, text: str, named: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    assert str(path) in str(raised.value) and named in str(raised.value)


def test_changed_copies_are_checked_and_the_original_stays() -> None:
    settings = load_settings()
    smaller = settings.with_values("input", max_chars=1000)
    assert smaller.input.max_chars == 1000 and settings.input.max_chars != 1000
    with pytest.raises(SettingsError, match="max_chars"):
        settings.with_values("input", max_chars=-1)


def test_settings_travel_to_other_processes_as_they_are(tmp_path: Path) -> None:
    mine = load_settings(write(tmp_path, "[events]\nrecent_days = 30\n"))
    assert pickle.loads(pickle.dumps(mine)) == mine


def test_cli_refuses_a_bad_settings_file_before_any_document(tmp_path: Path) -> None:
    path = write(tmp_path, "[events]\nrecent_dayz = 3\n")
    report = tmp_path / "report.txt"
    report.write_text("Police said two people were killed in Kabul on Monday.", encoding="utf-8")
    done = run_cli("--settings", str(path), "extract", str(report))
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.strip().splitlines()
    assert "recent_dayz" in line and str(path) in line


def test_cli_names_a_settings_file_that_is_missing(tmp_path: Path) -> None:
    done = run_cli("--settings", str(tmp_path / "none.toml"), "schema")
    assert done.returncode == 2 and "none.toml" in done.stderr
