"""What a run of the engine cost, summed over its workers (the bench reports it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wirescope.engine.tasks import Usage

if TYPE_CHECKING:  # the pipeline (spaCy) is loaded by the workers that extract, not here
    from wirescope.pipeline import Timings


@dataclass
class EngineStats:
    """Documents done, seconds per step over all workers, and each worker's peak memory."""

    documents: int = 0
    tasks: int = 0
    timings: Timings = field(default_factory=dict)
    # Worker (host:pid) -> its peak resident set size in bytes.
    peak_rss: dict[str, int] = field(default_factory=dict)
    # CPU seconds of the tasks, summed over the workers.
    cpu_seconds: float = 0.0

    def add(self, usage: Usage) -> None:
        self.documents += usage.documents
        self.tasks += 1
        self.cpu_seconds += usage.cpu_seconds
        for step, seconds in usage.timings.items():
            self.timings[step] = self.timings.get(step, 0.0) + seconds
        self.peak_rss[usage.worker] = max(usage.peak_rss, self.peak_rss.get(usage.worker, 0))

    @property
    def max_peak_rss(self) -> int:
        return max(self.peak_rss.values(), default=0)
