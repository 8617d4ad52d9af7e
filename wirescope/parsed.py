"""One document parsed once: what every stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from wirescope.ingest.document import Document
from wirescope.record import Span


@dataclass
class Parsed:
    """The input document and its single spaCy parse (None when the text is not English)."""

    source: Document
    doc: Doc | None
    # ISO 639-1 code of the text's language, as identified before parsing.
    language: str = "en"
    # The headline's own parse, when the document has a separate English title.
    title_doc: Doc | None = None
    # Spans of page furniture in the text (stages/furniture.py): blanked in `doc`, and no
    # field of the record may point into them.
    furniture: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.source.text
