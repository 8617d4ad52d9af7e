"""The entities stage: one canonical entity per actor, gathering every mention.

The order of work:
1. name mentions: the actor dictionary (patterns as data) first, then the tagger's names;
   the tagger's label is a hint ("Kataib Hezbollah" is a militia whatever it says) and
   channels (Twitter, Telegram…) are never actors;
2. clusters: one per actor: dictionary id, person names by their name parts ("Kadhimi",
   "al-Kadhimi", "Mustafa Al-Kadhimi"), organisations by name and acronym;
3. titles, country and affiliation from the words around a name ("Iraq's Prime Minister X",
   "X, a State Department spokesman", "Iran's top security official, X", and a description
   in one sentence followed by a new name in the next);
4. titles used as names ("the Prime Minister") and pronouns, resolved by news-prose rules;
5. the record's entities, in order of first mention.
"""

from __future__ import annotations

from wirescope.parsed import Parsed
from wirescope.record import Report
from wirescope.stages.entities.clusters import build_entities, cluster_mentions, is_credible
from wirescope.stages.entities.mentions import name_mentions
from wirescope.stages.entities.pronouns import resolve_pronouns
from wirescope.stages.entities.titles import attach_titles, resolve_titles_as_names
from wirescope.stages.meta import credit_form


def run(parsed: Parsed, record: Report) -> None:
    doc = parsed.doc
    if doc is None:
        return
    reporters = {name for name in record.meta.credits if credit_form(name) is None}
    mentions = name_mentions(doc, reporters, parsed.dateline_end)
    clusters = cluster_mentions(mentions)
    attach_titles(doc, clusters)
    clusters = [cluster for cluster in clusters if is_credible(cluster)]
    clusters = resolve_titles_as_names(doc, clusters)
    resolve_pronouns(doc, clusters, parsed.quotes)
    record.entities = build_entities(clusters)
