"""Syndicated copies: the same wire story published by several outlets, found as one report.

MinHash LSH (datasketch) over word shingles proposes candidates in constant time per text;
an exact check then measures the true overlap of the two shingle sets, so the LSH's banding
never decides alone: a copy shares most of its shingles with the original (Jaccard), or is
a trimmed copy whose shingles nearly all appear in it (containment). A text identical to an
earlier one after normalisation (case, spacing, punctuation) is a copy at once.

The signature is compact and storable: the store keeps it beside a report, and hands it back
to `add` so that the MinHash need not be computed again.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]  # ships no types
from datasketch.lsh import _optimal_param  # type: ignore[import-untyped]

from wirescope.settings import IngestSettings, default_settings

_WORD = re.compile(r"\w+")
# Signature layout: magic, version, number of permutations, then the normalised text's
# digest (for the exact-duplicate test) and the MinHash values as little-endian uint32.
_MAGIC = b"WSCP"
_VERSION = 1
_HEADER = struct.Struct("<4sBH")
_DIGEST_BYTES = 16
_SEED = 1
# datasketch's 32-bit affine permutations: values fit the uint32 signature exactly.
_SCHEME = "affine32"
# (false positive, false negative) weights of the LSH banding.
_LSH_WEIGHTS = (0.1, 0.9)


def _identity(value: int) -> int:
    """Shingles are hashed once (crc32) before the MinHash sees them; it uses them as they are."""
    return value


def shingle_hashes(text: str, width: int) -> np.ndarray:
    """The distinct 32-bit hashes of the text's `width`-word shingles (lower case, words only).

    A text shorter than one shingle is a single shingle of all its words.
    """
    words = [word.lower() for word in _WORD.findall(text)]
    if not words:
        return np.empty(0, dtype=np.uint32)
    span = min(width, len(words))
    hashes = {
        zlib.crc32(" ".join(words[i : i + span]).encode("utf-8"))
        for i in range(len(words) - span + 1)
    }
    return np.fromiter(sorted(hashes), dtype=np.uint32, count=len(hashes))


def jaccard(left: np.ndarray, right: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted arrays of distinct shingle hashes."""
    if not len(left) and not len(right):
        return 1.0
    shared = len(np.intersect1d(left, right, assume_unique=True))
    return shared / (len(left) + len(right) - shared)


def overlap(left: np.ndarray, right: np.ndarray) -> tuple[float, float]:
    """Exact Jaccard similarity of two shingle sets, and the share of the smaller set's
    shingles found in the larger (containment)."""
    if not len(left) or not len(right):
        return (1.0, 1.0) if len(left) == len(right) else (0.0, 0.0)
    shared = len(np.intersect1d(left, right, assume_unique=True))
    return shared / (len(left) + len(right) - shared), shared / min(len(left), len(right))


def normalised_digest(text: str) -> bytes:
    """A digest that two texts share when they differ only in case, spacing or punctuation."""
    words = " ".join(word.lower() for word in _WORD.findall(text))
    return hashlib.blake2b(words.encode("utf-8"), digest_size=_DIGEST_BYTES).digest()


class CopyFinder:
    """Registers texts under keys; says which earlier text a new one is a copy of."""

    def __init__(
        self, threshold: float | None = None, config: IngestSettings | None = None
    ) -> None:
        config = config or default_settings().ingest
        self.threshold = float(threshold if threshold is not None else config.copy_threshold)
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"copy threshold {self.threshold} is not in (0, 1]")
        self.width = config.copy_shingle_words
        self.num_perm = config.copy_permutations
        # A trimmed copy (last paragraphs cut, one cut from the middle) keeps nearly all its
        # shingles in the original while its Jaccard similarity falls: containment counts.
        self.containment = config.copy_containment
        # The LSH proposes at a lower similarity than the exact check accepts, so that
        # trimmed copies and copies near the threshold are not lost to banding.
        lsh_threshold = min(self.threshold, config.copy_candidate)
        # Bands weighted to miss few copies: the exact check removes the false candidates.
        bands, rows = _optimal_param(lsh_threshold, self.num_perm, *_LSH_WEIGHTS)
        self._lsh = _Bands(bands, rows)
        self._shingles: dict[str, np.ndarray] = {}
        self._by_digest: dict[bytes, str] = {}
        # Each key's original (None for a first report), in registration order.
        self._original: dict[str, str | None] = {}
        self._order: dict[str, int] = {}
        self._template = MinHash(num_perm=self.num_perm, seed=_SEED, scheme=_SCHEME)

    def signature(self, text: str) -> bytes:
        """The text's storable signature: its normalised digest and its MinHash values."""
        minhash = self._minhash(shingle_hashes(text, self.width))
        return self._encode(normalised_digest(text), minhash)

    def add(self, key: str, text: str, signature: bytes | None = None) -> str | None:
        """Register the text; return the key of the earlier report it copies, else None.

        The key returned is the first report of the copy group (a copy of a copy names the
        original). Adding a key again changes nothing and gives the same answer.
        """
        if key in self._original:
            return self._original[key]
        shingles = shingle_hashes(text, self.width)
        digest, minhash = self._decode(signature) if signature else (None, None)
        if digest is None or minhash is None:
            digest, minhash = normalised_digest(text), self._minhash(shingles)
        match = self._by_digest.get(digest) or self._best_candidate(minhash, shingles)
        # A copy of a copy names the first report of the group.
        original = None if match is None else (self._original[match] or match)
        self._by_digest.setdefault(digest, key)
        self._shingles[key] = shingles
        self._lsh.insert(key, minhash.hashvalues)
        self._original[key] = original
        self._order[key] = len(self._order)
        return original

    def __len__(self) -> int:
        return len(self._original)

    def __contains__(self, key: object) -> bool:
        return key in self._original

    def _best_candidate(self, minhash: MinHash, shingles: np.ndarray) -> str | None:
        """The most similar registered text that passes the exact check (earliest on ties)."""
        best: tuple[float, int, str] | None = None
        for candidate in self._lsh.query(minhash.hashvalues):
            similarity, contained = overlap(shingles, self._shingles[candidate])
            if similarity < self.threshold and contained < self.containment:
                continue
            rank = (similarity, -self._order[candidate], candidate)
            if best is None or rank[:2] > best[:2]:
                best = rank
        return best[2] if best else None

    def _minhash(self, shingles: np.ndarray) -> MinHash:
        minhash = self._blank()
        if len(shingles):
            minhash.update_batch([int(value) for value in shingles])
        return minhash

    def _encode(self, digest: bytes, minhash: MinHash) -> bytes:
        values = np.asarray(minhash.hashvalues, dtype=np.uint64).astype("<u4")
        return _HEADER.pack(_MAGIC, _VERSION, self.num_perm) + digest + values.tobytes()

    def _decode(self, signature: bytes) -> tuple[bytes | None, MinHash | None]:
        """The digest and MinHash a signature holds; (None, None) for one made otherwise
        (another version or permutation count), which is then recomputed from the text."""
        size = _HEADER.size + _DIGEST_BYTES + 4 * self.num_perm
        if len(signature) != size:
            return None, None
        magic, version, num_perm = _HEADER.unpack_from(signature)
        if magic != _MAGIC or version != _VERSION or num_perm != self.num_perm:
            return None, None
        digest = signature[_HEADER.size : _HEADER.size + _DIGEST_BYTES]
        values = np.frombuffer(signature, dtype="<u4", offset=_HEADER.size + _DIGEST_BYTES)
        minhash = self._blank()
        minhash.hashvalues = values.astype(minhash.hashvalues.dtype)
        return digest, minhash

    def _blank(self) -> MinHash:
        """An empty MinHash sharing the template's permutations (computed once, not per text)."""
        return MinHash(
            num_perm=self.num_perm,
            seed=_SEED,
            hashfunc=_identity,
            permutations=self._template.permutations,
            scheme=_SCHEME,
        )


class _Bands:
    """MinHash LSH banding: texts whose MinHash values agree on every row of one band are
    candidates. datasketch's MinHashLSH keeps, per text and band, a bytes key, a set and an
    entry in a reverse index (about 8 KB a text: 8 of the finder's 11 KB, measured on the
    BBC set); here each band is one 64-bit hash of its rows, kept in blocks of an array
    (256 bytes a text), and a query compares a block at once. The candidates are the same
    (a hash collision only adds a candidate, which the exact check removes)."""

    BLOCK = 1024

    def __init__(self, bands: int, rows: int) -> None:
        self.bands, self.rows = bands, rows
        self._blocks: list[np.ndarray] = []
        self._keys: list[str] = []

    def _hashes(self, values: np.ndarray) -> np.ndarray:
        """One hash of each band's rows."""
        rows = np.asarray(values[: self.bands * self.rows], dtype=np.uint64)
        bands = rows.reshape(self.bands, self.rows)
        return np.fromiter((hash(band.tobytes()) for band in bands), np.int64, self.bands)

    def insert(self, key: str, values: np.ndarray) -> None:
        at = len(self._keys) % self.BLOCK
        if at == 0:
            self._blocks.append(np.zeros((self.BLOCK, self.bands), dtype=np.int64))
        self._blocks[-1][at] = self._hashes(values)
        self._keys.append(key)

    def query(self, values: np.ndarray) -> list[str]:
        """The keys of the texts that share a band with these MinHash values."""
        wanted = self._hashes(values)
        found = []
        for number, block in enumerate(self._blocks):
            rows = len(self._keys) - number * self.BLOCK
            matches = np.flatnonzero((block[:rows] == wanted).any(axis=1))
            found += [self._keys[number * self.BLOCK + i] for i in matches.tolist()]
        return found
