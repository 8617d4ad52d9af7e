"""A statement being read, before it becomes a record Statement."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from wirescope.nlp import doc_text


@dataclass
class Draft:
    """A statement being read, in token and character terms."""

    cue: Token | None
    content: list[tuple[int, int]]
    speaker: Span | None
    quoted: bool
    unquoted: bool
    cue_text: tuple[int, int] | None = None
    used: set[int] = field(default_factory=set)


def draft_text(doc: Doc, draft: Draft) -> str:
    text = doc_text(doc)
    return " … ".join(text[a:b] for a, b in draft.content)
