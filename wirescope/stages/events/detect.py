"""Event detection and ACLED typing: trigger candidates of one document, most salient first.

Placeholder until the trigger lexicon lands: finds no candidate.
"""

from __future__ import annotations

from spacy.tokens import Doc

from wirescope.stages.events.candidate import Candidate


def candidates(doc: Doc, title_end: int = 0) -> list[Candidate]:
    """Typed trigger candidates, most salient first. `title_end` is the character offset
    where the title ends when the title is part of the text (0 when it is not)."""
    return []
