"""One task of a worker: extract a list of documents, and measure what that cost.

Every engine (the calling process, a pool of local processes, Dask workers) runs documents
through `extract_task`, so the records are the same whichever engine produced them. Tasks carry
the caller's settings; a worker process builds one Pipeline for them (model, stages and their
resources) on its first task, or at its start, and keeps it for every later task.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from wirescope.ingest.document import Document, DocumentError
from wirescope.record import Report
from wirescope.settings import Settings

if TYPE_CHECKING:  # the pipeline (spaCy) is loaded by the workers that extract, not here
    from wirescope.pipeline import Result, Timings


@dataclass(frozen=True)
class Failure:
    """A document's error as it crosses from a worker to the caller.

    DocumentError cannot be pickled as it is (its constructor takes two arguments, pickle
    passes one), so workers send its origin and reason and the caller raises it again.
    """

    origin: str
    reason: str

    def as_error(self) -> DocumentError:
        return DocumentError(self.origin, self.reason)


Outcome = Report | Failure


@dataclass
class Usage:
    """What one task cost the worker that ran it."""

    worker: str
    documents: int
    # The worker process's peak resident memory so far, in bytes.
    peak_rss: int
    timings: Timings = field(default_factory=dict)
    # CPU seconds the task took (a machine shared with other jobs slows the wall clock only).
    cpu_seconds: float = 0.0


@dataclass
class TaskResult:
    """One outcome per document of the task, in its order, and the task's cost."""

    outcomes: list[Outcome]
    usage: Usage


def worker_name() -> str:
    """host:pid, unique among the workers of one cluster."""
    return f"{socket.gethostname()}:{os.getpid()}"


STATUS = Path("/proc/self/status")


def peak_rss() -> int:
    """This process's peak resident set size in bytes.

    On Linux, VmHWM of /proc/self/status: getrusage's ru_maxrss would carry over the peak of
    the process that forked this one (a spawned worker would report its parent's memory).
    """
    if STATUS.exists():
        for line in STATUS.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
        return trim
    except (OSError, AttributeError):  # not glibc: its allocator keeps or returns pages itself
        return None


def trim_heap() -> None:
    """Hand the heap pages freed since back to the system (glibc's malloc_trim).

    A batch of long reports takes the parse tens of MB up; glibc keeps the freed pages for
    later, so without this a long run's RSS climbs towards its worst batch and stays there
    (2,225 BBC articles in one process: 538 MB after the 1,000th, 680 MB after the last;
    trimmed after every batch, about 360 MB throughout). It costs a few milliseconds."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def portable(result: Result) -> Outcome:
    if isinstance(result, DocumentError):
        return Failure(result.origin, result.reason)
    return result


def start_worker(settings: Settings) -> None:
    """Build the worker's pipeline at its start, not in its first task."""
    from wirescope.pipeline import default_pipeline

    default_pipeline(settings)


def extract_task(documents: list[Document], settings: Settings) -> TaskResult:
    """Records (or failures) for the documents, in their order, and the time each step took.

    The pipeline runs each batch in spaCy's memory zone: a worker's vocabulary does not grow
    with the corpus, so workers live for the whole run."""
    from wirescope.pipeline import default_pipeline

    timings: Timings = {}
    began = time.process_time()
    pipeline = default_pipeline(settings)
    size = settings.engine.parse_documents
    outcomes = [portable(r) for r in pipeline(documents, batch_size=size, timings=timings)]
    trim_heap()
    cpu = time.process_time() - began
    usage = Usage(worker_name(), len(documents), peak_rss(), timings, cpu)
    return TaskResult(outcomes, usage)
