"""The reporting verbs (lexicons/cue_verbs.tsv), read in one place for every stage.

The statements stage reads a verb's family (the stance it carries) and its shape (what its
content can be); the entities stage knows a speaker as the subject of one; the events stage
knows that "officials said on Friday" dates the words, not the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from wirescope.lexicon import table

CUE_VERBS = "cue_verbs.tsv"


@dataclass(frozen=True)
class ReportingVerb:
    # The stance the verb carries: say (neutral), condemn, deny, accuse, claim, …, act.
    family: str
    # What its content can be besides a clause: object, request, clause, or "" (see the file).
    shape: str


@cache
def reporting_verbs() -> dict[str, ReportingVerb]:
    """Lemma -> the verb's family and shape."""
    return {
        row[0].lower(): ReportingVerb(
            family=row[1] if len(row) > 1 else "say", shape=row[2] if len(row) > 2 else ""
        )
        for row in table(CUE_VERBS)
    }


def is_reporting_verb(lemma: str) -> bool:
    return lemma.lower() in reporting_verbs()


def says(lemma: str) -> bool:
    """A plain saying verb ("said", "told"), of no stance."""
    verb = reporting_verbs().get(lemma.lower())
    return verb is not None and verb.family == "say"
