"""Lookup keys of place names: one form for every way news writes a name.

"São Paulo", "Sao Paulo" and "SAO PAULO" meet; so do "Khan Younis" and "Khan-Younis",
"U.S." and "US", "Baghdad's" and "Baghdad".
"""

from __future__ import annotations

import unicodedata

from wirescope.actors import name_key


def fold_accents(text: str) -> str:
    """Latin letters without their diacritics: "Nīnawá" -> "Ninawa"."""
    if text.isascii():
        return text  # most names: nothing to decompose
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def place_key(text: str) -> str:
    """The lookup key of a place name (see name_key), accents folded."""
    return name_key(fold_accents(text).replace("\u2018", "'").replace("`", "'"))


def is_latin(text: str) -> bool:
    """True when a name is written in Latin letters (after folding): English text uses those."""
    return fold_accents(text).isascii()
