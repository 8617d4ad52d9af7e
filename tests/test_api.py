"""The package's public names: what a notebook or another program imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import wirescope


def test_the_public_names_extract_a_record() -> None:
    record = wirescope.extract_text(
        "Gunmen killed three villagers in Zamfara on Monday.", published="2021-11-10"
    )
    assert isinstance(record, wirescope.Report)
    assert record.events[0].type == "Violence against civilians"


def test_extract_streams_records_and_errors_in_input_order() -> None:
    documents = [
        wirescope.Document(id="a", text="Police arrested a protester in Paris.", origin="a"),
        wirescope.Document(id="b", text="Rebels shelled a village in Idlib.", origin="b"),
    ]
    assert [r.id for r in wirescope.extract(documents)] == ["a", "b"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = wirescope.no_such_name  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "module", ["wirescope", "wirescope.store", "wirescope.cli", "wirescope.service.app"]
)
def test_importing_the_package_its_store_or_service_loads_no_extraction_stack(module: str) -> None:
    """`wirescope serve` starts without spaCy, trafilatura or MinHash (answers in about 1 s)."""
    heavy = ("spacy", "trafilatura", "datasketch")
    code = f"import sys, {module}; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_pipeline_with_settings_of_ones_own(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text("[language]\nmin_chars = 100000\n", encoding="utf-8")
    pipeline = wirescope.Pipeline(wirescope.load_settings(mine))
    record = pipeline.extract_text("Le gouvernement a annoncé mardi de nouvelles mesures.")
    assert record.meta.language == "en"  # too short to identify under these settings
    assert wirescope.__version__ != "0+unknown"
