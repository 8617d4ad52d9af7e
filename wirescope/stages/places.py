"""The places stage: every place the report names, resolved against the offline gazetteer.

Recognition, lookup and resolution live in wirescope/gazetteer/ (geoparse.py); this stage
only hands them the parse and the record so far (the entities stage's people, the meta
stage's dateline).
"""

from __future__ import annotations

from wirescope.gazetteer.geoparse import geoparse
from wirescope.parsed import Parsed
from wirescope.record import Report


def run(parsed: Parsed, record: Report) -> None:
    if parsed.doc is None:
        return  # not English: no parse to read names from
    record.places = geoparse(parsed.doc, record)
