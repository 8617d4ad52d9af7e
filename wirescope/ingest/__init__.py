"""Documents in: readers for each input form, all yielding Document or DocumentError."""

from wirescope.ingest.document import Document, DocumentError
from wirescope.ingest.readers import read_inputs

__all__ = ["Document", "DocumentError", "read_inputs"]
