"""Streaming in input order: documents go out in tasks, results come back in the same order.

At most `window` tasks are outstanding at any time, so the records waiting to be written in
order, and the documents waiting to be sent, stay bounded whatever the corpus's size.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from wirescope.engine.tasks import Failure, Outcome
from wirescope.ingest.document import Document, DocumentError

if TYPE_CHECKING:  # the pipeline (spaCy) is loaded by the workers that extract, not here
    from wirescope.pipeline import Item, Result

Handle = TypeVar("Handle")


def documents_of(batch: list[Item]) -> list[Document]:
    return [item for item in batch if isinstance(item, Document)]


def in_order(
    items: Iterable[Item],
    size: int,
    window: int,
    submit: Callable[[list[Document]], Handle],
) -> Iterator[tuple[list[Item], Handle | None]]:
    """Each batch of items with the handle of its task (None: no document to send), in order.

    A batch is submitted only when fewer than `window` are outstanding: the consumer asks
    for the next pair after it has used the last one's results.
    """
    stream = iter(items)
    pending: deque[tuple[list[Item], Handle | None]] = deque()
    while batch := list(islice(stream, size)):
        documents = documents_of(batch)
        pending.append((batch, submit(documents) if documents else None))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


def merged(batch: list[Item], outcomes: list[Outcome]) -> Iterator[Result]:
    """The batch's results in its order: reader errors where they were, outcomes for documents."""
    documents = iter(outcomes)
    for item in batch:
        if isinstance(item, DocumentError):
            yield item
            continue
        outcome = next(documents)
        yield outcome.as_error() if isinstance(outcome, Failure) else outcome


def failed(batch: list[Item], reason: str) -> list[Outcome]:
    """Every document of a batch marked failed for the same reason (its worker died)."""
    return [Failure(doc.origin, reason) for doc in documents_of(batch)]
