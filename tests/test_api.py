"""The package's public names: what a notebook or another program imports."""

from __future__ import annotations

import subprocess
import sys

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


@pytest.mark.parametrize("module", ["wirescope", "wirescope.store"])
def test_importing_the_package_or_its_store_loads_no_extraction_stack(module: str) -> None:
    heavy = ("spacy", "trafilatura", "datasketch")
    code = f"import sys, {module}; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
