"""The one error an engine raises: the run cannot start (bad options, unreachable cluster)."""

from __future__ import annotations


class EngineError(Exception):
    """A message for the user, one line, naming what is wrong."""
