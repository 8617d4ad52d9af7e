"""What event detection hands to the rest of the events stage: typed trigger candidates."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass
class Candidate:
    """One mention of an event: a trigger phrase typed in ACLED's taxonomy.

    Detection (`detect.py`) finds them and orders them by salience (title and lead weigh
    most); the stage then merges candidates that describe the same event and fills the
    event's participants, instruments, casualties, date, place and modality.
    """

    type: str
    subtype: str
    # The word or phrase that names the event ("attack", "drone strike", "protests").
    trigger: Span
    # How strongly the text supports this typing and how central it is to the report: higher
    # first. Only comparable between candidates of one document.
    score: float
    # Whether the trigger's own words give its typing ("airstrike", "suicide bomber"), not a
    # coding rule or a nearby trigger ("the attack" in a sentence about an air raid).
    own: bool = True
    # The trigger's family in event_triggers.tsv ("air", "claim"); "" for the fallback.
    family: str = ""

    @property
    def sentence(self) -> Span:
        return self.trigger.sent
