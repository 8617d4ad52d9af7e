"""The local engine: the calling process alone, or a pool of worker processes on this machine.

Each worker process is started fresh (spawn: no threads or state inherited from the caller),
builds its pipeline once from the caller's settings, then takes task after task for the whole
run (the pipeline's memory zones keep it from growing). Results come back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from wirescope.engine.ordering import failed, in_order, merged
from wirescope.engine.stats import EngineStats
from wirescope.engine.tasks import TaskResult, extract_task, start_worker
from wirescope.ingest.document import Document
from wirescope.settings import Settings

if TYPE_CHECKING:  # the pipeline (spaCy) is loaded by the workers that extract, not here
    from wirescope.pipeline import Item, Result


def run_in_process(
    items: Iterable[Item], stats: EngineStats, settings: Settings
) -> Iterator[Result]:
    """One worker: this process, no copying of documents or records."""
    size = settings.engine.task_documents
    for batch, _ in in_order(items, size, 1, lambda documents: None):
        documents = [item for item in batch if isinstance(item, Document)]
        result = extract_task(documents, settings)
        stats.add(result.usage)
        yield from merged(batch, result.outcomes)


class _Pool:
    """A process pool that is replaced by a fresh one when one of its processes dies."""

    def __init__(self, workers: int, settings: Settings) -> None:
        self.workers = workers
        self.settings = settings
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=start_worker,
            initargs=(self.settings,),
        )

    def submit(self, documents: list[Document]) -> Future[TaskResult]:
        try:
            return self.executor.submit(extract_task, documents, self.settings)
        except BrokenProcessPool:
            self.restart()
            return self.executor.submit(extract_task, documents, self.settings)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def run_in_pool(
    items: Iterable[Item], workers: int, stats: EngineStats, settings: Settings
) -> Iterator[Result]:
    """`workers` processes; a task whose process dies fails its documents."""
    pool = _Pool(workers, settings)
    window = workers * (1 + settings.engine.tasks_ahead)
    size = settings.engine.task_documents
    try:
        for batch, future in in_order(items, size, window, pool.submit):
            if future is None:
                yield from merged(batch, [])
                continue
            try:
                result = future.result()
            except BrokenProcessPool as error:
                reason = f"worker process died ({error}); its documents were not extracted"
                yield from merged(batch, failed(batch, reason))
                continue
            stats.add(result.usage)
            yield from merged(batch, result.outcomes)
    finally:
        pool.close()


def run_local(
    items: Iterable[Item], workers: int, stats: EngineStats, settings: Settings
) -> Iterator[Result]:
    if workers == 1:
        return run_in_process(items, stats, settings)
    return run_in_pool(items, workers, stats, settings)
