"""Batch engines: the same extraction on this process, on local worker processes, or on Dask.

    from wirescope.engine import run
    for result in run(documents, workers=2):               # local processes
        ...
    for result in run(documents, engine="dask", workers=2):  # a Dask LocalCluster
        ...

Every engine streams: documents are read as they are needed, records come out in input
order, and memory stays bounded whatever the corpus's size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from wirescope.engine.errors import EngineError
from wirescope.engine.local import run_local
from wirescope.engine.stats import EngineStats
from wirescope.engine.tasks import trim_heap
from wirescope.settings import Settings, resolved

if TYPE_CHECKING:  # the pipeline (spaCy) is loaded by the workers that extract, not here
    from wirescope.pipeline import Item, Result

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "dask")

__all__ = ["ENGINES", "Engine", "EngineError", "EngineStats", "check", "run", "trim_heap"]


def check(engine: str, workers: int | None, scheduler: str | None, shards: str | None) -> None:
    """Raise EngineError for options that do not go together."""
    if engine not in ENGINES:
        raise EngineError(f"engine {engine!r}: one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise EngineError(f"--workers {workers}: at least 1")
    if engine == "local" and (scheduler is not None or shards is not None):
        raise EngineError("--scheduler and --shards go with --engine dask")


def run(
    items: Iterable[Item],
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    shards: str | None = None,
    stats: EngineStats | None = None,
    settings: Settings | None = None,
) -> Iterator[Result]:
    """Records (or errors) for the items, in input order, from the chosen engine; the
    settings go with every task to the workers."""
    check(engine, workers, scheduler, shards)
    settings = resolved(settings)
    count = workers or settings.engine.workers
    totals = stats if stats is not None else EngineStats()
    if engine == "dask":
        from wirescope.engine.cluster import run_dask  # Dask is imported only when used

        return run_dask(
            items,
            workers=count,
            scheduler=scheduler,
            shards=shards,
            stats=totals,
            settings=settings,
        )
    return run_local(items, count, totals, settings)
