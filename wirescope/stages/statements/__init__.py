"""The statements stage: who said what, with which cue, through which channel.

Three readings over the one parse, in this order, each leaving the words it used:
1. a reporting verb (lexicons/cue_verbs.tsv) with a clause for its complement: "X said
   (that) …", "…, sources said", "“…,” he said" — indirect, direct or mixed by the quotes
   inside the clause;
2. "according to X, …";
3. quotations left over: the nearest reporting verb of the paragraph gives the cue and the
   speaker, else the quote continues the previous speaker's ("He added, “…” “…”").
A reporting verb of the `act` family with no content is a statement of kind `none`
("addressed the nation on television").
"""

from __future__ import annotations

from wirescope.nlp import doc_text
from wirescope.parsed import Parsed
from wirescope.record import Report
from wirescope.stages.statements.build import build_statements
from wirescope.stages.statements.clauses import (
    according_to_statements,
    complement_statements,
    contentless_acts,
)
from wirescope.stages.statements.draft import Draft
from wirescope.stages.statements.quotations import quotation_statements, transcript_statements


def run(parsed: Parsed, record: Report) -> None:
    doc = parsed.doc
    if doc is None:
        return
    quotes = parsed.quotes
    drafts = complement_statements(doc, quotes)
    taken = {i for draft in drafts for i in draft.used}
    drafts += according_to_statements(doc, taken)
    drafts += transcript_statements(doc, taken)
    taken = {i for draft in drafts for i in draft.used}
    drafts += quotation_statements(doc, quotes, taken, drafts)
    drafts += contentless_acts(doc, drafts)
    opener = parsed.dateline_end
    if opener:
        drafts = [kept for draft in drafts if (kept := _past_opener(doc_text(doc), draft, opener))]
    record.statements = build_statements(doc, record, drafts)


def _past_opener(text: str, draft: Draft, opener: int) -> Draft | None:
    """The draft without the wire opener ("BEIJING, Dec. 29 (Xinhua) --", "By Jane Doe | AP"):
    its content starts past it, and none whose speaker or cue lies in it, or whose content
    was all opener, is a statement."""
    if draft.cue is not None and draft.cue.idx < opener:
        return None
    if draft.speaker is not None and draft.speaker.start_char < opener:
        # "BEIRUT (AP) — A Kurdish militia spokesman says": the parser may hang the opener on
        # the speaker; the words past it are the speaker.
        past = [t for t in draft.speaker if t.idx >= opener and not t.is_punct]
        if not past or draft.speaker.end_char <= opener:
            return None
        draft.speaker = draft.speaker.doc[past[0].i : draft.speaker.end]
    content = []
    for start, end in draft.content:
        if start < opener:
            start = opener + len(text[opener:end]) - len(text[opener:end].lstrip())
        if start < end:
            content.append((start, end))
    if draft.content and not content:
        return None
    draft.content = content
    return draft
