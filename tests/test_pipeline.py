"""The Pipeline object (wirescope/pipeline.py): built once with settings and resources, stages
in a checked order, batches in spaCy's memory zone, bugs raised under strict."""

from __future__ import annotations

import pickle
from typing import ClassVar

import pytest

from wirescope.ingest import Document, DocumentError
from wirescope.parsed import Parsed
from wirescope.pipeline import Pipeline, default_pipeline
from wirescope.record import Report
from wirescope.settings import load_settings
from wirescope.stages import STAGES, Stage, check_order
from wirescope.stages.base import loaders

REPORT = (
    "Gunmen killed three police officers at a checkpoint in Kandahar on Monday, officials said."
)


def test_every_stage_reads_only_what_earlier_stages_fill() -> None:
    check_order(STAGES)
    with pytest.raises(ValueError, match="events"):
        check_order(reversed(STAGES))


def test_the_stages_resources_are_built_with_the_pipeline() -> None:
    pipeline = default_pipeline()
    for stage in pipeline.stages:
        for load in loaders(stage.modules):
            assert load.cache_info().currsize >= 1, f"{stage.name}: {load.__qualname__}"  # type: ignore[attr-defined]


def test_a_batch_leaves_no_new_words_in_the_vocabulary() -> None:
    pipeline = default_pipeline()
    pipeline.extract_text(REPORT)
    before = len(pipeline.nlp.vocab.strings)
    unseen = " ".join(f"Zorblax{n}qua" for n in range(200))
    record = pipeline.extract_text(f"{REPORT} The Zorblax group said {unseen}.")
    assert record.events
    assert len(pipeline.nlp.vocab.strings) == before


class Broken(Stage):
    """A stage with a bug."""

    name = "broken"
    requires: ClassVar[tuple[str, ...]] = ("meta",)

    def __call__(self, parsed: Parsed, record: Report) -> None:
        raise ZeroDivisionError("a bug")


def _with_broken_stage(strict: bool) -> Pipeline:
    pipeline = Pipeline(load_settings(), strict=strict)
    pipeline.stages = (*pipeline.stages[:2], Broken(pipeline.settings, pipeline.nlp))
    return pipeline


def test_a_stage_bug_is_raised_when_strict() -> None:
    with pytest.raises(ZeroDivisionError):
        _with_broken_stage(strict=True).extract_text(REPORT)


def test_a_stage_bug_fails_only_its_document_otherwise() -> None:
    documents = [Document(id=name, text=REPORT, origin=name) for name in ("a", "b")]
    results = list(_with_broken_stage(strict=False)(documents))
    assert [type(r) for r in results] == [DocumentError, DocumentError]
    assert all("broken stage failed: ZeroDivisionError" in r.reason for r in results)  # type: ignore[union-attr]


def test_a_pipeline_travels_as_its_settings() -> None:
    mine = load_settings().with_values("events", recent_days=30)
    pipeline = Pipeline(mine, strict=True)
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy.settings == mine and copy.strict
