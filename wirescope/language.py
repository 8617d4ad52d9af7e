"""Which language a text is in (py3langid: its model ships inside the package)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from wirescope.settings import LanguageSettings

ENGLISH = "en"


@cache
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, config: LanguageSettings) -> str:
    """ISO 639-1 code of the text; English when the text is too short or the guess unsure."""
    sample = text[: config.sample_chars]
    if len(sample.strip()) < config.min_chars:
        return ENGLISH
    code, probability = identifier().classify(sample)
    if probability < config.min_probability:
        return ENGLISH
    return str(code)
