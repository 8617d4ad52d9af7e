"""The pipeline's stages, in order: each built once with its settings, then called on the
parsed document and the record so far.

A stage reads `Parsed` (the spaCy Doc and the input document) and the record's fields its
`requires` names, and fills those its `assigns` names. Stages never touch the store, the
service or the CLI.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from spacy.language import Language

from wirescope import actors, countries, numbers
from wirescope.gazetteer import index as gazetteer_index
from wirescope.parsed import Parsed
from wirescope.record import Report
from wirescope.settings import Settings
from wirescope.stages import entities, events, meta, places, sources, statements
from wirescope.stages.base import Stage, check_order
from wirescope.stages.events import cite
from wirescope.stages.events.typing_lexicon import matcher


def package(root: ModuleType) -> tuple[ModuleType, ...]:
    """A stage's package and every module in it."""
    names = [info.name for info in pkgutil.iter_modules(root.__path__, f"{root.__name__}.")]
    return (root, *(importlib.import_module(name) for name in names))


class Meta(Stage):
    name = "meta"
    assigns = ("meta",)
    modules = (meta,)

    def __call__(self, parsed: Parsed, record: Report) -> None:
        meta.run(parsed, record)


class Entities(Stage):
    name = "entities"
    requires = ("meta",)
    assigns = ("entities",)
    modules = (*package(entities), actors)

    def __call__(self, parsed: Parsed, record: Report) -> None:
        entities.run(parsed, record)


class Places(Stage):
    name = "places"
    requires = ("meta", "entities")
    assigns = ("places",)
    modules = (*package(places), gazetteer_index, countries)

    def __call__(self, parsed: Parsed, record: Report) -> None:
        places.run(parsed, record, self.settings.places)


class Events(Stage):
    name = "events"
    requires = ("meta", "entities", "places")
    assigns = ("events",)
    modules = (*package(events), numbers)

    def load(self) -> None:
        matcher(self.nlp.vocab)  # the event lexicon over the model's vocabulary

    def __call__(self, parsed: Parsed, record: Report) -> None:
        events.run(parsed, record, self.settings)


class Statements(Stage):
    name = "statements"
    requires = ("entities", "events")
    assigns = ("statements",)
    modules = package(statements)

    def __call__(self, parsed: Parsed, record: Report) -> None:
        statements.run(parsed, record)


class Sources(Stage):
    name = "sources"
    requires = ("entities", "statements")
    assigns = ("sources",)
    modules = (sources,)

    def __call__(self, parsed: Parsed, record: Report) -> None:
        sources.run(parsed, record)


class Citations(Stage):
    """Which statements and sources back each event's participants and figures."""

    name = "citations"
    requires = ("entities", "events", "statements", "sources")
    assigns = ("events",)

    def __call__(self, parsed: Parsed, record: Report) -> None:
        cite.run(parsed, record)


STAGES: tuple[type[Stage], ...] = (Meta, Entities, Places, Events, Statements, Sources, Citations)
check_order(STAGES)


def build_stages(settings: Settings, nlp: Language) -> tuple[Stage, ...]:
    """Every stage, built with its settings and resources, in order."""
    return tuple(stage(settings, nlp) for stage in STAGES)


__all__ = ["STAGES", "Stage", "build_stages", "check_order"]
