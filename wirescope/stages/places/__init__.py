"""The places stage: every place the report names, resolved against the offline gazetteer.

The stage's parts: recognize.py (names and lookup keys), usage.py (whether the words are
used as a place), facilities.py (buildings and streets the gazetteer lacks), resolve.py (which
place of a name), geoparse.py (the whole, over one parse and the record so far: the entities
stage's people, the meta stage's dateline). The index they read lives in wirescope/gazetteer/.
"""

from __future__ import annotations

from wirescope.parsed import Parsed
from wirescope.record import Report
from wirescope.settings import PlacesSettings
from wirescope.stages.places.geoparse import geoparse


def run(parsed: Parsed, record: Report, config: PlacesSettings) -> None:
    if parsed.doc is None:
        return  # not English: no parse to read names from
    record.places = geoparse(parsed.doc, record, config, parsed.dateline_end)
