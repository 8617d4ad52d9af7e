"""wirescope: news reports in, records of what happened and who said what out.

    >>> from wirescope import extract_text
    >>> record = extract_text("Gunmen killed three villagers in Zamfara on Monday.",
    ...                       published="2021-11-10")
    >>> record.events[0].type
    'Violence against civilians'

`extract(documents)` streams records (or a `DocumentError` in a failed document's place) for
an iterable of `Document`s, in input order. For settings of your own, build a `Pipeline` once
and call it:

    >>> from wirescope import Pipeline, load_settings
    >>> pipeline = Pipeline(load_settings("my-settings.toml"))   # checked here, or SettingsError
    >>> records = list(pipeline(documents))

The names load on first use: importing the package, or its store and service, does not load
the extraction stack (spaCy).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "Document",
    "DocumentError",
    "Pipeline",
    "Report",
    "Settings",
    "SettingsError",
    "__version__",
    "extract",
    "extract_text",
    "load_settings",
]

# Where each public name lives.
_HOMES = {
    "Document": "wirescope.ingest.document",
    "DocumentError": "wirescope.ingest.document",
    "Report": "wirescope.record",
    "extract": "wirescope.pipeline",
    "extract_text": "wirescope.pipeline",
    "Pipeline": "wirescope.pipeline",
    "Settings": "wirescope.settings",
    "SettingsError": "wirescope.settings",
    "load_settings": "wirescope.settings",
}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wirescope")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _version()
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'wirescope' has no attribute {name!r}")
    return getattr(import_module(home), name)
