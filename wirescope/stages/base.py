"""What a stage is: one step of the pipeline, built once with its settings and resources.

A stage is made the way spaCy makes a component: at construction it takes its settings and
builds what it reads on every document (lexicons, matchers over the model's vocabulary, the
gazetteer index, the actor dictionary); then it is called on one parsed document at a time.
Building everything first is what lets the pipeline run each batch inside the model's
memory zone: a matcher built during a zone would hold strings the zone frees.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import ClassVar

from spacy.language import Language

from wirescope.parsed import Parsed
from wirescope.record import Report
from wirescope.settings import Settings

# Fields of a record before any stage runs.
GIVEN = frozenset({"id", "text"})


class Stage:
    """One step: reads the record's `requires` fields, fills its `assigns` fields."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()
    # Modules whose lexicon loaders (functions cached without arguments) the stage reads.
    modules: ClassVar[tuple[ModuleType, ...]] = ()

    def __init__(self, settings: Settings, nlp: Language) -> None:
        self.settings = settings
        self.nlp = nlp
        for load in loaders(self.modules):
            load()
        self.load()

    def load(self) -> None:
        """Build the resources that take arguments (a matcher over the model's vocabulary)."""

    def __call__(self, parsed: Parsed, record: Report) -> None:
        raise NotImplementedError


def loaders(modules: Iterable[ModuleType]) -> list[Callable[[], object]]:
    """The cached loaders of the modules that take no argument: each reads a lexicon or
    builds an index once, and returns what every later call returns."""
    found = []
    for module in modules:
        for name, value in vars(module).items():
            own = getattr(value, "__module__", None) == module.__name__
            if (
                own
                and hasattr(value, "cache_info")
                and callable(value)
                and not name.startswith("__")
            ):
                parameters = inspect.signature(value).parameters.values()
                if all(p.default is not p.empty for p in parameters):
                    found.append(value)
    return found


def check_order(stages: Iterable[type[Stage] | Stage]) -> None:
    """Raise ValueError when a stage reads a field that no earlier stage fills."""
    filled = set(GIVEN)
    for stage in stages:
        missing = [field for field in stage.requires if field not in filled]
        if missing:
            raise ValueError(
                f"stage {stage.name} reads {', '.join(missing)} before any stage fills it"
            )
        filled.update(stage.assigns)
