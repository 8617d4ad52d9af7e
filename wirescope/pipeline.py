"""Parse each document once, run the stages in order, build the record.

    from wirescope import Pipeline, load_settings
    pipeline = Pipeline(load_settings("my-settings.toml"))
    for result in pipeline(documents):      # Reports, and DocumentErrors in their place
        ...

A Pipeline is built once: its settings, the spaCy model and every stage's resources
(lexicons, matchers, the gazetteer index, the actor dictionary) are ready before the first
document. Documents stream through in batches: each batch's English texts go through
spaCy's `nlp.pipe` together (the fast path), then every document runs the stages alone.
Each batch runs inside the model's memory zone, so the strings of one batch's words are
freed with it: a long run's memory does not grow with the corpus's vocabulary.

A document that cannot be read comes out as a DocumentError in its place; the batch goes
on. An unexpected exception in a stage is a bug: a strict pipeline (the tests' default,
`--strict`) raises it; otherwise it is that document's failure, reported with the stage.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice
from time import perf_counter
from typing import Any

from spacy.language import Language

from wirescope.ingest.document import Document, DocumentError
from wirescope.ingest.validate import valid_document
from wirescope.language import ENGLISH, detect_language, identifier
from wirescope.nlp import english, parse_texts
from wirescope.parsed import Parsed
from wirescope.record import Report
from wirescope.settings import STRICT_VARIABLE, Settings, resolved
from wirescope.stages import Stage, build_stages
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


class Pipeline:
    """Settings, model and stages, built once; called on documents, it yields their records."""

    def __init__(
        self,
        settings: Settings | None = None,
        nlp: Language | None = None,
        *,
        strict: bool | None = None,
    ) -> None:
        self.settings = resolved(settings)
        self.nlp = nlp if nlp is not None else english()
        self.strict = os.environ.get(STRICT_VARIABLE) == "1" if strict is None else strict
        self.stages: tuple[Stage, ...] = build_stages(self.settings, self.nlp)
        identifier()  # the language identifier's model, loaded now too

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to a worker process as its settings: the worker builds its own model and stages.
        return (Pipeline, (self.settings, None), {"strict": self.strict})

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.strict = state["strict"]

    def __call__(
        self, items: Iterable[Item], batch_size: int | None = None, timings: Timings | None = None
    ) -> Iterator[Result]:
        """Records for documents, errors passed through, all in input order."""
        size = batch_size or self.settings.nlp.batch_size
        repeated = RepeatedLines(self.settings)  # lines one publisher repeats, learned here
        stream = map(_checked, items)
        while batch := list(islice(stream, size)):
            # The batch's records are plain data: they outlive the zone that frees its words.
            with self.nlp.memory_zone():
                results = list(self._batch(batch, timings, repeated))
            yield from results

    def _batch(
        self, batch: list[Item], timings: Timings | None, repeated: RepeatedLines
    ) -> Iterator[Result]:
        documents = [item for item in batch if isinstance(item, Document)]
        parsed = iter(self.parse_batch(documents, timings, repeated))
        for item in batch:
            if isinstance(item, DocumentError):
                yield item
                continue
            try:
                yield self.build_record(next(parsed), timings)
            except DocumentError as error:
                yield error

    def parse_batch(
        self,
        documents: list[Document],
        timings: Timings | None = None,
        repeated: RepeatedLines | None = None,
    ) -> list[Parsed]:
        """Identify each document's language and parse the English ones in one nlp.pipe call.

        Page furniture is found first (with `repeated`, what the batch so far teaches) and
        blanked in the parsed text, offsets kept: no stage reads it, no sentence joins it to
        prose."""
        began = perf_counter()
        furniture = furniture_of(documents, repeated, self.settings)
        _add_time(timings, "furniture", began)
        began = perf_counter()
        languages = [detect_language(doc.text, self.settings.language) for doc in documents]
        _add_time(timings, "language", began)
        english_docs = [
            (doc, spans)
            for doc, spans, lang in zip(documents, furniture, languages, strict=True)
            if lang == ENGLISH
        ]
        began = perf_counter()
        texts = [blanked(doc.text, spans) for doc, spans in english_docs]
        spacy_docs = iter(parse_texts(self.nlp, texts))
        # Headlines are parsed in the same way, in one batch: they name the main event.
        titles = [doc.title for doc, _ in english_docs if doc.title]
        title_docs = iter(parse_texts(self.nlp, titles))
        _add_time(timings, "parse", began)
        parsed = []
        for doc, lang, spans in zip(documents, languages, furniture, strict=True):
            english_text = lang == ENGLISH
            spacy_doc = next(spacy_docs) if english_text else None
            title_doc = next(title_docs) if english_text and doc.title else None
            parsed.append(
                Parsed(
                    source=doc, doc=spacy_doc, language=lang, title_doc=title_doc, furniture=spans
                )
            )
        return parsed

    def build_record(self, parsed: Parsed, timings: Timings | None = None) -> Report:
        """Run every stage over one parsed document."""
        source = parsed.source
        record = Report(id=source.id, text=source.text)
        # A text of page furniture alone reports nothing: its record keeps the meta only.
        furniture_only = only_furniture(source.text, parsed.furniture)
        for stage in self.stages[:1] if furniture_only else self.stages:
            began = perf_counter()
            try:
                stage(parsed, record)
            except Exception as error:
                if self.strict:
                    raise
                # One document's failure must not stop the batch.
                raise DocumentError(
                    source.origin, f"{stage.name} stage failed: {error!r}"
                ) from error
            finally:
                _add_time(timings, stage.name, began)
        keep_out_of_furniture(record, parsed.furniture)
        record.warnings = list(source.warnings)
        if furniture_only:
            record.warnings.append("the text is page furniture only: nothing extracted")
        if parsed.language != ENGLISH:
            record.warnings.append(
                f"language is {parsed.language!r}, not English: entities, events and statements"
                " skipped"
            )
        return record

    def extract_text(
        self,
        text: str,
        *,
        doc_id: str = "text",
        published: str | None = None,
        title: str | None = None,
    ) -> Report:
        """One record from one text: the library's shortest path (tests, notebooks)."""
        document = Document(id=doc_id, text=text, title=title, published=published, origin=doc_id)
        result = next(self([document]))
        if isinstance(result, DocumentError):
            raise result
        return result


def _checked(item: Item) -> Item:
    """Every document is validated before any stage sees it, whoever built it (a reader, the
    service, a library caller): one that cannot be made safe becomes its own error."""
    if isinstance(item, DocumentError):
        return item
    try:
        return valid_document(item)
    except DocumentError as error:
        return error


@cache
def _pipeline_for(settings: Settings) -> Pipeline:
    return Pipeline(settings)


def default_pipeline(settings: Settings | None = None) -> Pipeline:
    """One pipeline a process for each settings: the library functions below share it."""
    return _pipeline_for(resolved(settings))


def extract(
    items: Iterable[Item],
    batch_size: int | None = None,
    timings: Timings | None = None,
    settings: Settings | None = None,
) -> Iterator[Result]:
    """Records for documents, errors passed through, all in input order."""
    return default_pipeline(settings)(items, batch_size, timings)


def extract_text(
    text: str,
    *,
    doc_id: str = "text",
    published: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Report:
    """One record from one text: the library's shortest path (tests, notebooks)."""
    return default_pipeline(settings).extract_text(
        text, doc_id=doc_id, published=published, title=title
    )
