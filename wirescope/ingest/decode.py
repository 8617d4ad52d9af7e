"""Bytes to text: UTF-8 first, then the encoding charset-normalizer detects; binary refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from wirescope.settings import Settings, resolved

# Control characters that ordinary text never holds (tab, newline, carriage return,
# form feed and escape-free text excluded).
_TEXT_CONTROLS = {9, 10, 12, 13}
# Windows-1252, which WHATWG also reads for "latin-1": Western European news before UTF-8.
PREFERRED_LEGACY_ENCODING = "cp1252"


class BinaryData(ValueError):
    """The bytes are not text in any encoding."""


def looks_binary(data: bytes, *, settings: Settings | None = None) -> bool:
    """True for data with NUL bytes or many control characters (images, archives, PDFs)."""
    if not data:
        return False
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls / len(sample) > resolved(settings).input.binary_control_share


# Byte-order marks and their encodings; UTF-32's before UTF-16's, which begin the same.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


def _decode_marked(data: bytes) -> tuple[str, str] | None:
    """Text whose byte-order mark names UTF-16 or UTF-32 (half or three quarters of its
    bytes are NUL: without the mark it would look binary)."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError:
                raise BinaryData(f"invalid {name} after its byte-order mark") from None
    return None


def decode_bytes(data: bytes, *, settings: Settings | None = None) -> tuple[str, str]:
    """Decode input bytes; return the text and the encoding used. Raises BinaryData."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    marked = _decode_marked(data)
    if marked is not None:
        return marked
    if looks_binary(data, settings=settings):
        raise BinaryData("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise BinaryData("undecodable bytes: no text encoding fits")
    # Short Latin-script texts fit several single-byte encodings equally well ("São" is
    # "Săo" in cp1250); among equals, the web's most common legacy encoding wins.
    for match in matches:
        equal = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if equal and PREFERRED_LEGACY_ENCODING in match.could_be_from_charset:
            return str(match), PREFERRED_LEGACY_ENCODING
    return str(best), best.encoding
