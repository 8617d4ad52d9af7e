"""Which language a text is in (py3langid: its model ships inside the package)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from wirescope.settings import setting

ENGLISH = "en"


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text; English when the text is too short or the guess unsure."""
    sample = text[: int(setting("language", "sample_chars"))]
    if len(sample.strip()) < int(setting("language", "min_chars")):
        return ENGLISH
    code, probability = _identifier().classify(sample)
    if probability < float(setting("language", "min_probability")):
        return ENGLISH
    return str(code)
