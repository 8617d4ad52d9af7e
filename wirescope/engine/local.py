"""The local engine: the calling process alone, or a pool of worker processes on this machine.

Each worker process is started fresh (spawn: no threads or state inherited from the caller),
loads the model once, then takes task after task. Results come back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from wirescope.engine.ordering import failed, in_order, merged
from wirescope.engine.stats import EngineStats
from wirescope.engine.tasks import TaskResult, extract_task, warm_up
from wirescope.ingest.document import Document
from wirescope.pipeline import Item, Result
from wirescope.settings import setting


def task_documents() -> int:
    return int(setting("engine", "task_documents"))


def tasks_ahead() -> int:
    return int(setting("engine", "tasks_ahead"))


def run_in_process(items: Iterable[Item], stats: EngineStats) -> Iterator[Result]:
    """One worker: this process, no copying of documents or records."""
    for batch, _ in in_order(items, task_documents(), 1, lambda documents: None):
        documents = [item for item in batch if isinstance(item, Document)]
        result = extract_task(documents)
        stats.add(result.usage)
        yield from merged(batch, result.outcomes)


class _Pool:
    """A process pool that is replaced by a fresh one when one of its processes dies."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=warm_up,
            max_tasks_per_child=int(setting("engine", "worker_tasks")),
        )

    def submit(self, documents: list[Document]) -> Future[TaskResult]:
        try:
            return self.executor.submit(extract_task, documents)
        except BrokenProcessPool:
            self.restart()
            return self.executor.submit(extract_task, documents)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def run_in_pool(items: Iterable[Item], workers: int, stats: EngineStats) -> Iterator[Result]:
    """`workers` processes; a task whose process dies fails its documents."""
    pool = _Pool(workers)
    window = workers * (1 + tasks_ahead())
    try:
        for batch, future in in_order(items, task_documents(), window, pool.submit):
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


def run_local(items: Iterable[Item], workers: int, stats: EngineStats) -> Iterator[Result]:
    if workers == 1:
        return run_in_process(items, stats)
    return run_in_pool(items, workers, stats)
