"""Exact keys and text signatures before the speed-ups: no memo of the normalized company,
title and location, and one Python list per body's signature."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence

import numpy as np

from pipeline.normalize.dedup.keys import (
    WORDS,
    _location_key,
    normalize_company,
    normalize_title,
)
from pipeline.normalize.dedup.minhash import (
    _BATCH_SHINGLES,
    _MAX_WORDS,
    _MIN_WORDS,
    _fmix32,
    _permutations,
)


def exact_key(company: str | None, title: str | None, location: str | None) -> str | None:
    try:
        c = normalize_company(company)
        t = normalize_title(title)
        if c is None or t is None:
            return None
        raw = "\x1f".join((c, t, _location_key(location)))
        return hashlib.blake2b(raw.encode("utf-8"), digest_size=10).hexdigest()
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return None


def _shingle_hashes(text: str) -> list[int]:
    words = WORDS.findall(text.lower())[:_MAX_WORDS]
    if len(words) < _MIN_WORDS:
        return []
    return [zlib.crc32(f"{a} {b} {c}".encode())
            for a, b, c in zip(words, words[1:], words[2:], strict=False)]


def text_signatures(texts: Sequence[str | None]) -> list[list[int] | None]:
    """MinHash of each body's 3-word shingles (``NUM_PERM`` values below 2**32).

    ``None`` for bodies under 8 words: too little signal to call two postings the same.
    The loader stores it per posting so that finding duplicates never re-reads the text.
    Values equal datasketch's ``MinHash(num_perm=64, seed=1)`` (scheme affine32) over CRC32
    shingle hashes, computed for many bodies in one numpy step instead of one object each.
    """
    hashes = [_shingle_hashes(t) if isinstance(t, str) else [] for t in texts]
    out: list[list[int] | None] = [None] * len(texts)
    a, b = _permutations()
    start = 0
    while start < len(hashes):
        # Postings from start up to stop share one matrix; a huge body gets one to itself.
        stop, rows = start, 0
        while stop < len(hashes) and (rows == 0 or rows + len(hashes[stop]) <= _BATCH_SHINGLES):
            rows += len(hashes[stop])
            stop += 1
        signed = [i for i in range(start, stop) if hashes[i]]
        if signed:
            flat = np.fromiter((h for i in signed for h in hashes[i]), dtype=np.uint32, count=rows)
            offsets = np.cumsum([0] + [len(hashes[i]) for i in signed[:-1]])
            permuted = a * _fmix32(flat).reshape(1, -1)
            permuted += b
            mins = np.minimum.reduceat(permuted, offsets, axis=1)
            for i, values in zip(signed, mins.T.tolist(), strict=True):
                out[i] = values
        start = stop
    return out

