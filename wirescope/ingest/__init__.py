"""Documents in: readers for each input form, all yielding Document or DocumentError.

`read_inputs` loads on first use: the readers import trafilatura and feedparser, which the
store, the service and the CLI's other commands never need.
"""

from __future__ import annotations

from typing import Any

from wirescope.ingest.document import Document, DocumentError

__all__ = ["Document", "DocumentError", "read_inputs"]


def __getattr__(name: str) -> Any:
    if name == "read_inputs":
        from wirescope.ingest.readers import read_inputs

        return read_inputs
    raise AttributeError(f"module 'wirescope.ingest' has no attribute {name!r}")
