"""Issue 19, item 6: the event dates cost a long report linear time, with the same results.

`date_expressions` once asked spaCy's `Span.ents` for each trigger's sentence, which rebuilds
every entity of the document per call: quadratic over a long report. It now reads the
document's DATE and TIME entities once (`_entities_within`). Here, on a real parse, that must
give exactly the sentence's own DATE and TIME entities, sentence by sentence and for spans
that cut across sentences; which of them date an event is the stage's own rule.
(The time itself is measured by `scripts/load.py long-report`, not by a test.)
"""

from __future__ import annotations

from spacy.tokens import Span

from wirescope.nlp import english
from wirescope.stages.events import dates

TEXT = (
    "Gunmen attacked a checkpoint near Mosul early Sunday, killing three soldiers, officials "
    "said on Monday. The army said the attack began at 10:45 pm and lasted until midnight. "
    "Last month's elections were calm. Since 2019 the town has seen dozens of raids; in "
    "March 2021 a bomb killed 12 people. Residents said the Sunday edition of the paper "
    "reported the clashes for three weeks. On Nov. 5, 2023, drones struck the airport at "
    "dawn, and on Friday another strike followed."
)


def _own_time_entities(span: Span) -> list[tuple[int, int]]:
    """What the old code read: the span's own entities (`Span.ents`), DATE and TIME, those that
    name a time (not an age or a span: "three weeks")."""
    return [
        (ent.start, ent.end)
        for ent in span.ents
        if ent.label_ in ("DATE", "TIME") and dates._anchored(ent.text)
    ]


def test_time_entities_read_once_are_each_sentences_own() -> None:
    doc = english()(TEXT * 3)
    found = 0
    for sentence in doc.sents:
        expected = _own_time_entities(sentence)
        assert [(e.start, e.end) for e in dates._entities_within(sentence)] == expected
        found += len(expected)
    assert found >= 3 * 6  # the text names at least six dates and times
    for start in range(0, len(doc), 5):
        window = doc[start : start + 17]
        expected = _own_time_entities(window)
        assert [(e.start, e.end) for e in dates._entities_within(window)] == expected
