"""From drafts to the record's statements: speaker, cue, channel, relay, stance; then the
passes over neighbouring statements (channel carried, "it said", stance carried)."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from wirescope.actors import demonyms
from wirescope.lexicon import words
from wirescope.nlp import doc_text, sentence_of
from wirescope.numbers import number_value
from wirescope.record import Cue, Entity, Report, Speaker, Stance, Statement
from wirescope.stages.entities.titles import is_subordinate
from wirescope.stages.entities.words import titles_by_class
from wirescope.stages.statements.draft import Draft, draft_text
from wirescope.stages.statements.syntax import can_speak, is_person_noun, subject_of
from wirescope.stages.statements.words import (
    channel_in,
    content_stance,
    cue_families,
    cue_nouns,
    cue_shapes,
    is_cue,
    makes_request,
    nominal_speakers,
    refuses_comment,
)

# Cues that go on with what the speaker said before, through the same channel.
CONTINUING_CUES = {"added", "adds", "continued", "continues", "went on"}
# How far (in characters) a description may stand from the statement that names its holder.
NAMING_REACH = 600
# How many words before a name may hold its title ("Liberal Democrat leader Charles Kennedy").
TITLE_WORDS = 5
# Words before a title that do not say whose it is ("a senior official").
GENERAL_MODIFIERS = {"top", "senior", "chief", "former", "new", "local"}


def _entity_at(record: Report, span: Span) -> str | None:
    """The entity one of whose mentions overlaps the speaker's head word, or its apposition
    ("Iran's top security official, Ali Shamkhani,"); a relative pronoun stands for the noun
    it hangs from ("Ms. Lee, who said …")."""
    head = span.root
    if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        head = head.head.head
    heads = [head]
    # "Iran's top security official, Ali Shamkhani": an apposition names the holder; a book's
    # or a report's ("a new book, Brown's Britain") is its title, no speaker.
    lemma = head.lemma_.lower()
    if lemma not in words("titled_works.tsv") | words("document_words.tsv"):
        heads += [child for child in head.children if child.dep_ == "appos"]
    # "Former welfare minister Frank Field MP": a title after the name heads it (a person's
    # name only: the body in "Pentagon officials" is whom they speak for).
    named_before = []
    if head.lower_ in titles_by_class() or lemma in titles_by_class():
        named_before = [child for child in head.children if child.dep_ == "compound"]
    if is_person_noun(head):
        # "The head of the Israeli Labor Party, Yitzhak Herzog": the parser hangs the name on
        # the body; the title's holder is still the name.
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at", "with"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    heads += [c for c in pobj.children if c.dep_ == "appos"]
    for word in heads:
        for entity in record.entities:
            if any(start <= word.idx < end for start, end in entity.mentions):
                return entity.id
    for word in named_before:
        for entity in record.entities:
            if entity.kind == "person" and any(a <= word.idx < b for a, b in entity.mentions):
                return entity.id
    return None


def _title_class(span: Span) -> str | None:
    """The class of the longest title that ends a description ("the prime minister": office;
    "the minister": role)."""
    words = [t.lower_ for t in span if t.dep_ not in ("det", "poss") and t.i <= span.root.i]
    for start in range(len(words)):
        found = titles_by_class().get(" ".join(words[start:]))
        if found is not None:
            return found
    return None


def _speaker(record: Report, span: Span | None) -> Speaker:
    if span is None:
        return Speaker()
    entity = _entity_at(record, span)
    # "the president" holds an office with one holder: someone the report could name, not an
    # anonymous source.
    office = span[0].lower_ == "the" and _title_class(span) == "office"
    anonymous = entity is None and is_person_noun(span.root) and not office
    count = None
    if anonymous:
        numbers = [number_value(t.text) for t in span if t.dep_ == "nummod" and t.head == span.root]
        count = next((n for n in numbers if n is not None), None)
        if count is None and span.root.tag_ == "NN":
            count = 1
    words = [t.text for t in span if t.dep_ not in ("det", "nummod")]
    return Speaker(
        entity=entity,
        text=span.text,
        span=(span.start_char, span.end_char),
        anonymous=anonymous,
        count=count,
        description=" ".join(words) if anonymous else None,
    )


def _media_at(record: Report, token: Token) -> str | None:
    """The name of the news outlet one of whose mentions holds this word."""
    for entity in record.entities:
        if entity.category == "media" and any(a <= token.idx < b for a, b in entity.mentions):
            return entity.name
    return None


def _outlets_told(record: Report, drafts: list[Draft]) -> None:
    """ "the mayor told Le Parisien that …": a body a speaker tells what was said, with no
    kind of its own yet, is a news outlet ("told reporters" and "told the court" name none)."""
    for draft in drafts:
        if draft.cue is None or draft.cue.lemma_ != "tell" or not draft.content:
            continue
        told = [c for c in draft.cue.children if c.dep_ in ("dobj", "dative")]
        for entity in record.entities:
            if entity.kind != "organization" or entity.category is not None:
                continue
            if any(a <= c.idx < b for c in told for a, b in entity.mentions):
                entity.category = "media"


def _relay(record: Report, draft: Draft) -> Span | None:
    """ "…, Saudi-owned Al-Arabiya TV reported": an outlet that relays the statement, being
    the subject of another reporting verb of the sentence."""
    if draft.cue is None:
        return None
    for token in sentence_of(draft.cue):
        if token == draft.cue or not is_cue(token):
            continue
        if any(a <= token.idx < b for a, b in draft.content):
            continue
        subject = subject_of(token)
        if subject is not None and subject != draft.speaker and _media_at(record, subject.root):
            return subject
    return None


_PUNCTUATION = re.compile(r"[,.:;!?\"“”()]")


def _channel(record: Report, draft: Draft, relay: Span | None) -> str:
    """The channel named in the words around the statement, outside its content and its relay."""
    if draft.cue is None:
        return "unknown"
    sentence = sentence_of(draft.cue)
    begin, finish = sentence.start_char, sentence.end_char
    outside = doc_text(sentence.doc)[begin:finish].lower()
    masked = [*draft.content, *([(relay.start_char, relay.end_char)] if relay is not None else [])]
    for start, end in masked:
        start, end = max(start, begin) - begin, min(end, finish) - begin
        if start < end:
            outside = outside[:start] + " " * (end - start) + outside[end:]
    # "Gaga tweeted:": punctuation beside a word does not hide it.
    channel = channel_in(_PUNCTUATION.sub(" ", outside).split())
    if channel is not None:
        return channel
    # "told The Associated Press": an interview with the outlet.
    if draft.cue.lemma_ == "tell" and any(
        _media_at(record, t)
        for c in draft.cue.children
        if c.dep_ in ("dobj", "dative")
        for t in c.subtree
    ):
        return "interview"
    return "unknown"


class EventIndex:
    """The record's events, their triggers and evidence sorted by offset once, so that each
    statement finds the events its words hold by bisection, not by reading every event."""

    def __init__(self, record: Report) -> None:
        self.record = record
        # ACLED-typed events come before the reactions around them (diplomacy, attribution).
        self.ranked = sorted(record.events, key=lambda event: event.type == "Non-conflict")
        self.rank = {event.id: n for n, event in enumerate(self.ranked)}
        self.conflict = {event.id for event in self.ranked if event.type != "Non-conflict"}
        self.triggers = _SpanIndex(
            [(*event.trigger.span, event.id) for event in self.ranked if event.trigger]
        )
        self.evidence = _SpanIndex(
            [(a, b, event.id) for event in self.ranked for a, b in event.evidence]
        )

    def event_of(self, content: list[tuple[int, int]]) -> str | None:
        """The event a statement is about: the one whose trigger its words hold, else the main
        armed event when its words refer back to an attack ("condemned the attack"), else one
        read from the same sentences, else the report's main event (None before any event)."""
        if not self.ranked:
            return None
        hits = self.triggers.overlapping(content)
        conflict = hits & self.conflict
        if conflict:
            return min(conflict, key=self.rank.__getitem__)
        said = " ".join(self.record.text[a:b] for a, b in content).lower()
        if self.ranked[0].id in self.conflict and set(re.findall(r"[a-z]+", said)) & words(
            "event_references.tsv"
        ):
            return self.ranked[0].id
        if hits:
            return min(hits, key=self.rank.__getitem__)
        evidence = self.evidence.overlapping(content)
        if evidence:
            return min(evidence, key=self.rank.__getitem__)
        return self.record.events[0].id


class _SpanIndex:
    """Character spans with an id, sorted by start: those overlapping a range by bisection."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _, _ in self.spans]
        self.longest = max((end - start for start, end, _ in self.spans), default=0)

    def overlapping(self, ranges: list[tuple[int, int]]) -> set[str]:
        found = set()
        for a, b in ranges:
            at = bisect_left(self.starts, a - self.longest)
            while at < len(self.spans) and self.spans[at][0] < b:
                start, end, key = self.spans[at]
                if a < end and start < b:
                    found.add(key)
                at += 1
        return found


def _statement(
    doc: Doc, record: Report, draft: Draft, number: int, events: EventIndex
) -> Statement:
    relay = _relay(record, draft)
    if not draft.content:
        kind = "none"
    elif draft.quoted and draft.unquoted:
        kind = "mixed"
    elif draft.quoted:
        kind = "direct"
    else:
        kind = "indirect"
    cue = None
    if draft.cue is not None:
        start, end = draft.cue_text or (draft.cue.idx, draft.cue.idx + len(draft.cue.text))
        cue = Cue(text=doc_text(doc)[start:end], span=(start, end))
    family = "say"
    if draft.cue is not None:
        lemma = draft.cue.lemma_.lower()
        family = (
            cue_nouns().get(lemma, "say")
            if draft.cue.pos_ == "NOUN"
            else cue_families().get(lemma, "say")
        )
        if cue_shapes().get(lemma) == "request" and not makes_request(draft.cue):
            family = "say"  # "called the plan a disaster", "called his mother"
    if draft.cue is not None and any(c.dep_ == "neg" for c in draft.cue.children):
        family = "say"  # "did not threaten new sanctions": no threat, whatever the verb
    if refuses_comment(draft.cue):
        family = "say"  # "declined to comment": a refusal to speak denies nothing
    stance_type = family if family not in ("say", "act") else content_stance(draft_text(doc, draft))
    if draft.speaker is not None and not can_speak(draft.speaker):
        # "a problem that demands a response", "rules that promise to transform": a thing
        # takes no stance (PolNeAR still counts such a clause as an attribution).
        stance_type = "neutral"
    stance = [Stance(event=events.event_of(draft.content), type=stance_type)]
    return Statement(
        id=f"s{number}",
        kind=kind,
        content=draft.content,
        text=draft_text(doc, draft),
        speaker=_speaker(record, draft.speaker),
        cue=cue,
        channel=_channel(record, draft, relay),
        via=relay.text if relay is not None else None,
        stance=stance,
    )


def _carry_channels(statements: list[Statement]) -> None:
    """ "He added, …" goes on through the channel of the speaker's statement just before."""
    for before, after in pairwise(statements):
        speaker = after.speaker.entity
        same_speaker = speaker is not None and speaker == before.speaker.entity
        continuing = after.cue is None or after.cue.text.lower() in CONTINUING_CUES
        if after.channel == "unknown" and same_speaker and continuing:
            after.channel = before.channel


def _resolve_it_and_they(doc: Doc, record: Report, statements: list[Statement]) -> None:
    """ "The statement released by state media said … . “…,” it said": "it" and "they" speak
    for the body, document or group that spoke just before, within two sentences; "they" for
    a plural or a body ("The army has said … . They deny …")."""
    kinds = {e.id: e.kind for e in record.entities}
    for before, after in pairwise(statements):
        speaker = after.speaker
        if speaker.span is None or (speaker.text or "").lower() not in ("it", "they"):
            continue
        if before.speaker.span is None or speaker.entity is not None:
            continue
        previous = doc.char_span(*before.speaker.span, alignment_mode="expand")
        current = doc.char_span(*speaker.span, alignment_mode="expand")
        if previous is None or current is None or previous.root.pos_ == "PRON":
            continue
        kind = kinds.get(before.speaker.entity or "")
        body = kind in ("organization", "group", "state")
        plural = previous.root.tag_ in ("NNS", "NNPS")
        if (speaker.text or "").lower() == "they" and not (plural or body):
            continue
        sentences_apart = len({sentence_of(t).start for t in doc[previous.start : current.end]}) - 1
        person = kind == "person" if kind else previous.root.ent_type_ == "PERSON"
        if sentences_apart <= 2 and not person:
            speaker.entity = before.speaker.entity
            speaker.anonymous = before.speaker.anonymous
            speaker.count = before.speaker.count
            speaker.description = before.speaker.description or before.speaker.text


def _unnamed_pronouns(doc: Doc, statements: list[Statement]) -> None:
    """ "A foreign ministry spokesman said … . '…,' he said": "he" or "she" with no named
    antecedent stands for the unnamed person who spoke just before (within two sentences),
    and is as anonymous."""
    for before, after in pairwise(statements):
        speaker, previous = after.speaker, before.speaker
        if (speaker.text or "").lower() not in ("he", "she") or speaker.entity is not None:
            continue
        if not previous.anonymous or previous.count != 1 or previous.span is None:
            continue
        if speaker.span is None:
            continue
        between = doc.char_span(previous.span[0], speaker.span[1], alignment_mode="expand")
        if between is None or len({sentence_of(t).start for t in between}) - 1 > 2:
            continue
        speaker.anonymous, speaker.count = True, 1
        speaker.description = previous.description


def _carry_stances(record: Report, statements: list[Statement]) -> None:
    """ "A KH official dismissed suggestions that … ." then "“…,” Abu Ali Al-Askari said":
    a quotation that follows its gist, from the same speaker (or a person first named right
    after an unnamed description), shares the gist's stance when its own words show none."""
    first_mention = {e.id: min(a for a, _ in e.mentions) for e in record.entities if e.mentions}
    for before, after in pairwise(statements):
        if after.kind not in ("direct", "mixed") or not before.stance or not after.stance:
            continue
        if after.stance[0].type != "neutral":
            continue
        if before.stance[0].type == "neutral" or before.speaker.span is None:
            continue
        speaker = after.speaker.entity
        same = speaker is not None and speaker == before.speaker.entity
        introduced = (
            speaker is not None
            and before.speaker.anonymous
            and (before.speaker.text or "").lower().startswith(("a ", "an "))
            and first_mention.get(speaker, 0) > before.speaker.span[1]
        )
        if same or introduced:
            after.stance = [Stance(event=s.event, type=s.type) for s in before.stance]


def _paragraphs_apart(text: str, a: int, b: int) -> int:
    """How many paragraph breaks (one or more newlines) lie between two offsets."""
    return len(re.findall(r"\n+", text[min(a, b) : max(a, b)]))


def _holds_a_name(record: Report, speaker: Speaker) -> bool:
    """ "The spokesman, Ali Hassan": the speaker as written, or its apposition right after it,
    gives its entity's name, not a title only ("the spokesman")."""
    entity = next((e for e in record.entities if e.id == speaker.entity), None)
    if entity is None or speaker.span is None:
        return False
    start, end = speaker.span
    return any(
        start <= a
        and (b <= end or record.text[end:a].strip() == ",")
        and record.text[a].isupper()
        and not record.text[a:b].startswith("The ")
        for a, b in entity.mentions
    )


def _modifier_tokens(span: Span) -> list[Token]:
    """The words that narrow a title ("Nato", "Taliban", "government" spokesman; a spokesman
    "for the German command")."""
    found: list[Token] = []
    for child in span.root.children:
        if child.dep_ in ("compound", "amod", "poss"):
            words = [child]
        elif child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
            words = [t for t in child.subtree if t.dep_ != "prep"]
        else:
            continue
        found += [
            t
            for t in words
            if t.pos_ in ("PROPN", "NOUN", "ADJ") and t.lower_ not in GENERAL_MODIFIERS
        ]
    return found


def _modifiers(span: Span) -> set[str]:
    return {t.lower_ for t in _modifier_tokens(span)}


def _country_word(token: Token) -> str | None:
    """The country a demonym names, two-word forms first ("North Korean" -> KP)."""
    if token.i > 0:
        pair = f"{token.doc[token.i - 1].text} {token.text}"
        if pair in demonyms():
            return demonyms()[pair]
    return demonyms().get(token.text)


def _fits_narrowing(doc: Doc, entity: Entity, span: Span) -> bool:
    """ "the North Korean leader" fits Kim Jong Un (of KP), "the Liberal Democrat leader" fits
    the one written "Liberal Democrat leader Charles Kennedy": each narrowing word is in the
    holder's titles or names, in the words just before one of its names, or a demonym of its
    country."""
    known = set(" ".join([*entity.titles, *entity.aliases, entity.name]).lower().split())
    for start, _ in entity.mentions:
        before = doc.char_span(max(0, start - 60), start, alignment_mode="contract")
        if before is not None:
            known |= {t.lower_ for t in before[-TITLE_WORDS:]}
    return all(
        t.lower_ in known or (entity.country is not None and _country_word(t) == entity.country)
        for t in _modifier_tokens(span)
    )


def _modifiers_differ(doc: Doc, span: Span, other: tuple[int, int] | None) -> bool:
    """ "the Nato spokesman" is not "Taliban spokesman Zabihullah Mujahid"."""
    named = doc.char_span(*other, alignment_mode="expand") if other is not None else None
    if named is None:
        return True
    mine, theirs = _modifiers(span), {t.lower_ for t in named}
    return bool(mine and _modifiers(named) and not mine & theirs)


def _titled_nearby(
    doc: Doc, record: Report, people: list[Entity], span: Span, title: str
) -> list[Entity]:
    """ "A government spokesman said …" then "Ali Hassan, the government spokesman, has …":
    the people given that title (its narrowing words fitting) whose name is written within
    reach, no more than a paragraph away."""
    at = span.start_char
    written = " ".join(t.lower_ for t in span if t.dep_ not in ("det", "poss"))
    found = []
    for entity in people:
        if not any(
            t.lower().split()[-1:] == [title] and not is_subordinate(t, written)
            for t in entity.titles
        ):
            continue
        near = any(
            abs(a - at) <= NAMING_REACH
            and record.text[a].isupper()
            and _paragraphs_apart(record.text, a, at) <= 1
            for a, _ in entity.mentions
        )
        if near and _fits_narrowing(doc, entity, span):
            found.append(entity)
    return found


def _previous_subject(doc: Doc, record: Report, people: list[Entity], span: Span) -> str | None:
    """ "Tony Blair has dismissed reports … . '…,' the prime minister told …": an office no one
    in the report is given stands for the person who was the subject of the sentence before,
    when that person holds no title of their own ("Mr" aside)."""
    sentence = span.sent
    if sentence.start == 0:
        return None
    before = sentence_of(doc[sentence.start - 1])
    subjects = [t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head == before.root]
    for subject in subjects:
        for entity in people:
            untitled = all(titles_by_class().get(t.lower()) == "honorific" for t in entity.titles)
            if untitled and any(a <= subject.idx < b for a, b in entity.mentions):
                return entity.id
    return None


def _name_descriptions(doc: Doc, record: Report, statements: list[Statement]) -> None:
    """An unnamed person's description that the report names: "A government spokesman said …"
    then "The spokesman, Ali Hassan, said …" (the nearest statement within a paragraph either
    way whose speaker holds the same title and a name); else "the North Korean leader" when one
    person of the report holds that title. Such a speaker is no anonymous source. Generic
    titles ("official") and speakers granted anonymity are left unnamed."""
    text = record.text
    people = [e for e in record.entities if e.kind == "person"]
    for statement in statements:
        speaker = statement.speaker
        if speaker.entity is not None or speaker.span is None:
            continue
        span = doc.char_span(*speaker.span, alignment_mode="expand")
        if span is None:
            continue
        # An office ("the prime minister", which the tagger may take for a name) is no
        # anonymous source, but still has its holder.
        office = span[0].lower_ == "the" and _title_class(span) == "office"
        if not office and (span.root.tag_ != "NN" or not speaker.anonymous):
            continue
        title = span.root.lower_
        # "official", "source": unnamed sources by their nature, never named by the title alone.
        if titles_by_class().get(title) == "generic" or "anonymity" in span.sent.text.lower():
            continue
        named = [
            other.speaker
            for other in statements
            if other.speaker.entity is not None
            and other.speaker.span is not None
            # The distance first: counting paragraphs between far-apart speakers would read
            # the text between every pair of a long report's statements.
            and abs(other.speaker.span[0] - speaker.span[0]) <= NAMING_REACH
            and _paragraphs_apart(text, other.speaker.span[0], speaker.span[0]) <= 1
            and _holds_a_name(record, other.speaker)
            and re.search(rf"\b{re.escape(title)}\b", (other.speaker.text or "").lower())
            and not _modifiers_differ(doc, span, other.speaker.span)
            and any(e.id == other.speaker.entity for e in people)
        ]
        entity = None
        nearby = [] if named else _titled_nearby(doc, record, people, span, title)
        if named:
            at = speaker.span[0]
            entity = min(named, key=lambda o: abs((o.span or (0, 0))[0] - at)).entity
        elif len(nearby) == 1:
            entity = nearby[0].id
        elif span[0].lower_ == "the":
            # "the prime minister" is not the deputy prime minister.
            written = " ".join(t.lower_ for t in span if t.dep_ not in ("det", "poss"))
            holders = [
                e
                for e in people
                if any(
                    t.lower().endswith(title) and not is_subordinate(t, written) for t in e.titles
                )
            ]
            # "the Nato spokesman" is not the Taliban's: a narrowed title needs its words.
            holders = [e for e in holders if _fits_narrowing(doc, e, span)]
            entity = holders[0].id if len(holders) == 1 else None
            if not holders and _title_class(span) == "office":
                entity = _previous_subject(doc, record, people, span)
        if entity is not None:
            speaker.entity, speaker.anonymous = entity, False
            speaker.count = speaker.description = None


def _is_subject(doc: Doc, at: int) -> bool:
    """Whether the name at this offset is (part of) a clause's subject: "German telecoms firm
    Deutsche Telekom saw …", not "an analyst at Dresdner Kleinwort"."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ in ("compound", "appos", "amod", "poss", "conj") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _nominal_noun(span: Span) -> Token | None:
    """The noun that names the body: "the company"; "the army statement": a document of the
    body ("army")."""
    root = span.root
    if root.lemma_.lower() in words("document_words.tsv"):
        owners = [c for c in root.children if c.dep_ in ("compound", "poss") and c.pos_ == "NOUN"]
        return owners[-1] if owners else None
    return root if root.tag_ in ("NN", "NNS") else None


def _described_as(doc: Doc, record: Report, noun: Token, at: int) -> tuple[str | None, str | None]:
    """ "called in administrators David Rubin & Partners" … "the administrator said": the
    body (not a person) the report introduces with the same noun: the nearest before the
    speaker, and the first after it ("The administrators told …" … "called in administrators
    X")."""
    lemma = noun.lemma_.lower()
    found: list[tuple[int, str]] = []
    for entity in record.entities:
        if entity.kind == "person":
            continue
        for start, end in entity.mentions:
            mention = doc.char_span(start, end, alignment_mode="expand")
            if mention is None or mention.start_char <= at < mention.end_char:
                continue
            root = mention.root
            previous = doc[mention.start - 1] if mention.start else None
            related = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                related.append(root.head)
            # "administrators David Rubin", "chipmaker Qualcomm"; "Contrack, the firm".
            if (previous is not None and previous.lemma_.lower() == lemma) or any(
                c.lemma_.lower() == lemma for c in related
            ):
                found.append((start, entity.id))
    before = [f for f in found if f[0] < at]
    after = [f for f in found if f[0] > at]
    return (max(before)[1] if before else None), (min(after)[1] if after else None)


def _nominal_speakers(doc: Doc, record: Report, statements: list[Statement]) -> None:
    """ "the company said", "the group said": of the bodies of the kind the noun names, the one
    the report is about so far (named most before, a mention as a clause's subject counting
    twice; the earliest on a tie); else the first named after, within two sentences; else the
    one the report introduces later with that noun. A body the report introduced with the
    noun itself ("administrators X", "X, the firm") comes first."""
    for statement in statements:
        speaker = statement.speaker
        if speaker.entity is not None or speaker.span is None:
            continue
        span = doc.char_span(*speaker.span, alignment_mode="expand")
        if span is None or span[0].lower_ != "the":
            continue
        noun = _nominal_noun(span)
        if noun is None:
            continue
        described, introduced_later = _described_as(doc, record, noun, speaker.span[0])
        if described is not None:
            speaker.entity = described
            speaker.anonymous, speaker.count, speaker.description = False, None, None
            continue
        allowed = nominal_speakers().get(noun.lemma_.lower())
        if allowed is None or noun.tag_ != "NN":
            if introduced_later is not None:
                speaker.entity = introduced_later
                speaker.anonymous, speaker.count, speaker.description = False, None, None
            continue
        kinds, categories = allowed
        # "The German firm", "the US firm": only a body the report places in that country.
        named = [t for t in noun.children if t.dep_ in ("amod", "compound", "poss")]
        capitalised = [t for t in named if t.text[:1].isupper()]
        countries = {demonyms()[t.text] for t in capitalised if t.text in demonyms()}
        fitting = [
            e
            for e in record.entities
            if e.kind in kinds
            and (not categories or e.category in (None, *categories))
            and (not capitalised or e.country in countries)
        ]
        if categories and any(e.category in categories for e in fitting):
            fitting = [e for e in fitting if e.category in categories]
        at = speaker.span[0]
        before = [(a, e.id) for e in fitting for a, _ in e.mentions if a < at]
        sentence = span.sent
        limit = doc[sentence.end :].sent.end_char if sentence.end < len(doc) else sentence.end_char
        after = [(a, e.id) for e in fitting for a, _ in e.mentions if at <= a < limit]
        # The body the report is about: the one it names most, the earliest on a tie.
        if before:
            # Each mention counts once, and once more as a clause's subject.
            weights: dict[str, int] = {}
            for a, e in before:
                weights[e] = weights.get(e, 0) + 1 + _is_subject(doc, a)
            firsts = {e: min(a for a, x in before if x == e) for e in weights}
            speaker.entity = min(weights, key=lambda e: (-weights[e], firsts[e]))
        elif after:
            speaker.entity = min(after)[1]
        else:
            speaker.entity = introduced_later
        if speaker.entity is not None:
            speaker.anonymous, speaker.count, speaker.description = False, None, None


def build_statements(doc: Doc, record: Report, drafts: list[Draft]) -> list[Statement]:
    """The record's statements from the drafts, in text order, numbered s1…; then what
    neighbouring statements tell of each other."""
    drafts = sorted(
        drafts, key=lambda d: d.content[0][0] if d.content else (d.cue.idx if d.cue else 0)
    )
    _outlets_told(record, drafts)
    events = EventIndex(record)
    statements = [
        _statement(doc, record, d, number, events) for number, d in enumerate(drafts, start=1)
    ]
    _carry_channels(statements)
    _carry_stances(record, statements)
    _name_descriptions(doc, record, statements)
    _nominal_speakers(doc, record, statements)
    _resolve_it_and_they(doc, record, statements)
    _unnamed_pronouns(doc, statements)
    return statements
