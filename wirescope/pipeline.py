"""Parse each document once, run the stages in order, build the record.

Documents stream through in batches: each batch's English texts go through spaCy's
`nlp.pipe` together (the fast path), then every document runs the stages alone. A document
that fails comes out as a DocumentError in its place; the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from time import perf_counter

from wirescope.ingest.document import Document, DocumentError
from wirescope.ingest.validate import valid_document
from wirescope.language import ENGLISH, detect_language
from wirescope.nlp import english
from wirescope.parsed import Parsed
from wirescope.record import Report
from wirescope.settings import setting
from wirescope.stages import STAGES
from wirescope.stages.furniture import RepeatedLines, blanked, furniture_of, only_furniture
from wirescope.stages.outside_furniture import keep_out_of_furniture

Item = Document | DocumentError
Result = Report | DocumentError
# Seconds spent per step ("language", "parse", then each stage's name), summed over documents:
# callers that measure (the engine, the bench) pass one in; everyone else leaves it out.
Timings = dict[str, float]


def _add_time(timings: Timings | None, step: str, began: float) -> None:
    if timings is not None:
        timings[step] = timings.get(step, 0.0) + perf_counter() - began


def build_record(parsed: Parsed, timings: Timings | None = None) -> Report:
    """Run every stage over one parsed document."""
    source = parsed.source
    record = Report(id=source.id, text=source.text)
    # A text of page furniture alone reports nothing: its record keeps the meta only.
    stages = STAGES[:1] if only_furniture(source.text, parsed.furniture) else STAGES
    for name, stage in stages:
        began = perf_counter()
        try:
            stage(parsed, record)
        except Exception as error:  # one document's failure must not stop the batch
            raise DocumentError(source.origin, f"{name} stage failed: {error!r}") from error
        finally:
            _add_time(timings, name, began)
    keep_out_of_furniture(record, parsed.furniture)
    record.warnings = list(source.warnings)
    if stages is not STAGES:
        record.warnings.append("the text is page furniture only: nothing extracted")
    if parsed.language != ENGLISH:
        record.warnings.append(
            f"language is {parsed.language!r}, not English: entities, events and statements skipped"
        )
    return record


def parse_batch(
    documents: list[Document],
    timings: Timings | None = None,
    repeated: RepeatedLines | None = None,
) -> list[Parsed]:
    """Identify each document's language and parse the English ones in one nlp.pipe call.

    Page furniture is found first (with `repeated`, what the batch so far teaches) and
    blanked in the parsed text, offsets kept: no stage reads it, no sentence joins it to prose."""
    began = perf_counter()
    furniture = furniture_of(documents, repeated)
    _add_time(timings, "furniture", began)
    began = perf_counter()
    languages = [detect_language(doc.text) for doc in documents]
    _add_time(timings, "language", began)
    english_docs = [
        (doc, spans)
        for doc, spans, lang in zip(documents, furniture, languages, strict=True)
        if lang == ENGLISH
    ]
    began = perf_counter()
    spacy_docs = iter(list(english().pipe(blanked(doc.text, spans) for doc, spans in english_docs)))
    # Headlines are parsed in the same way, in one batch: they name the main event.
    titles = [doc.title for doc, _ in english_docs if doc.title]
    title_docs = iter(list(english().pipe(titles)))
    _add_time(timings, "parse", began)
    parsed = []
    for doc, lang, spans in zip(documents, languages, furniture, strict=True):
        english_text = lang == ENGLISH
        spacy_doc = next(spacy_docs) if english_text else None
        title_doc = next(title_docs) if english_text and doc.title else None
        parsed.append(
            Parsed(source=doc, doc=spacy_doc, language=lang, title_doc=title_doc, furniture=spans)
        )
    return parsed


def _checked(item: Item) -> Item:
    """Every document is validated before any stage sees it, whoever built it (a reader, the
    service, a library caller): one that cannot be made safe becomes its own error."""
    if isinstance(item, DocumentError):
        return item
    try:
        return valid_document(item)
    except DocumentError as error:
        return error


def extract(
    items: Iterable[Item], batch_size: int | None = None, timings: Timings | None = None
) -> Iterator[Result]:
    """Records for documents, errors passed through, all in input order."""
    size = batch_size or int(setting("nlp", "batch_size"))
    repeated = RepeatedLines()  # lines one publisher repeats, learned over this batch
    stream = map(_checked, items)
    while batch := list(islice(stream, size)):
        documents = [item for item in batch if isinstance(item, Document)]
        parsed = iter(parse_batch(documents, timings, repeated))
        for item in batch:
            if isinstance(item, DocumentError):
                yield item
                continue
            try:
                yield build_record(next(parsed), timings)
            except DocumentError as error:
                yield error


def extract_text(
    text: str, *, doc_id: str = "text", published: str | None = None, title: str | None = None
) -> Report:
    """One record from one text: the library's shortest path (tests, notebooks)."""
    document = Document(id=doc_id, text=text, title=title, published=published, origin=doc_id)
    result = next(extract([document]))
    if isinstance(result, DocumentError):
        raise result
    return result
