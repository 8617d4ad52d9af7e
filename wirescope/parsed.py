"""One document parsed once: what every stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc

from wirescope.ingest.document import Document
from wirescope.nlp import doc_text
from wirescope.quotes import QuoteIndex
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

    @cached_property
    def dateline_end(self) -> int:
        """Where the wire opener ends ("BAGHDAD (AP) —", bylines before it): 0 without one.
        Read by the places stage (the dateline is no place of the story), the events stage
        and the statements stage, found once."""
        from wirescope.stages.meta import dateline_end  # the meta stage owns its patterns

        return dateline_end(self.text)

    @cached_property
    def quotes(self) -> QuoteIndex:
        """Where the parsed text's quotations open and close: read by the entities stage
        (a pronoun inside a quote) and the statements stage, found once."""
        return QuoteIndex(doc_text(self.doc) if self.doc is not None else "")
