"""The Dask engine: documents in partitions, each extracted by a Dask worker into a Parquet shard.

Without a scheduler address a LocalCluster of `workers` processes is started (one thread
each: spaCy's parse holds the GIL) and the shards go to a temporary folder. With an address,
the workers of that cluster do the work, and the shards go to a location that the workers
and this process can both reach (--shards: a shared folder or an object store URL). The
records are read back from the shards and come out in input order, as with the local engine.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import count
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING

import dask
from distributed import Client, Future, LocalCluster

from wirescope.engine.errors import EngineError
from wirescope.engine.ordering import in_order, merged
from wirescope.engine.shards import ShardWritten, read_shard, shard_location, write_shard
from wirescope.engine.stats import EngineStats
from wirescope.engine.tasks import start_worker
from wirescope.ingest.document import Document
from wirescope.settings import EngineSettings, Settings

if TYPE_CHECKING:  # the pipeline (spaCy) is loaded by the workers that extract, not here
    from wirescope.pipeline import Item, Result

# Seconds to wait for a scheduler given by address before saying it cannot be reached.
CONNECT_TIMEOUT = 20


# distributed has no complete type information: its constructors are untyped calls for mypy.
def quiet_worker_config(config: EngineSettings) -> dict[str, object]:
    """Dask settings that keep a worker's event loop from waking every few milliseconds.

    A worker's task thread holds the GIL while spaCy parses; the loop's 20 ms tick, its
    system monitor and its profiler each take the GIL back. Measured on 500 BBC articles
    with 2 workers (make bench --limit 500): Dask was 22 % slower than local processes with
    Dask's defaults, 12 % with these."""
    return {
        "distributed.admin.tick.interval": config.dask_tick_interval,
        "distributed.admin.system-monitor.interval": config.dask_monitor_interval,
        "distributed.worker.profile.enabled": False,
    }


def _local_cluster(workers: int, config: EngineSettings) -> LocalCluster:
    # Workers are spawned inside LocalCluster(): the nanny hands them this configuration.
    with dask.config.set(quiet_worker_config(config)):
        return LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit=config.worker_memory,
            silence_logs=logging.ERROR,
        )


def connect(
    stack: ExitStack, scheduler: str | None, workers: int, config: EngineSettings
) -> Client:
    """A client of the cluster at `scheduler`, or of a LocalCluster started here."""
    if scheduler is None:
        cluster = stack.enter_context(_local_cluster(workers, config))
        client: Client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        return client
    try:
        client = stack.enter_context(
            Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        )
    except (OSError, TimeoutError) as error:
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    return client


def _worker_count(client: Client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def run_dask(
    items: Iterable[Item],
    *,
    workers: int,
    scheduler: str | None,
    shards: str | None,
    stats: EngineStats,
    settings: Settings,
) -> Iterator[Result]:
    """Records in input order, extracted on the Dask cluster and passed through Parquet shards."""
    if scheduler is not None and shards is None:
        raise EngineError(
            "--scheduler needs --shards: a folder or URL (s3://...) that the cluster's "
            "workers and this machine both reach"
        )
    with ExitStack() as stack:
        client = connect(stack, scheduler, workers, settings.engine)
        folder = shards or stack.enter_context(TemporaryDirectory(prefix="wirescope-shards-"))
        client.run(start_worker, settings)  # every worker builds its pipeline before the first task
        numbers = count()

        def submit(documents: list[Document]) -> Future[ShardWritten]:
            location = shard_location(folder, next(numbers))
            return client.submit(write_shard, documents, location, settings, pure=False)

        window = _worker_count(client) * (1 + settings.engine.tasks_ahead)
        size = settings.engine.partition_documents
        for batch, future in in_order(items, size, window, submit):
            if future is None:
                yield from merged(batch, [])
                continue
            written: ShardWritten = future.result()
            stats.add(written.usage)
            yield from merged(batch, read_shard(written.location))
