"""Text signatures: MinHash over 3-word shingles, banded for locality-sensitive hashing.

Two bodies are near-duplicates when the estimated Jaccard similarity of their shingle sets
reaches :data:`THRESHOLD`. Signatures are computed in bulk with numpy and equal datasketch's,
so stored ones stay valid; :func:`lsh_pairs` finds candidate pairs in bulk through
:data:`LSH_BANDS` bands of :data:`LSH_ROWS` values.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar, cast

import numpy as np

from pipeline.normalize.dedup.keys import WORDS
from pipeline.normalize.dedup.shingles import ascii_scan, shingle_crcs

MAX_CANDIDATES = 200
THRESHOLD = 0.8
NUM_PERM = 64
# datasketch's MinHashLSH optimum for a 0.8 threshold at 64 permutations: 5 bands of 11 rows.
LSH_BANDS, LSH_ROWS = 5, 11
_MIN_WORDS = 8
_MAX_WORDS = 1500  # bodies beyond this add boilerplate, not signal


# Every ASCII character that is not a letter or a digit: what separates WORDS' words.
_ASCII_BREAKS = {i: " " for i in range(128) if not chr(i).isalnum()}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _words(text: str) -> list[str]:
    """``WORDS.findall(text.lower())``; for ASCII text a translation and a split, which cost
    a quarter of the regex. Most other postings are ASCII but for punctuation (curly quotes,
    dashes, bullets, currency signs): those become spaces first, where the regex splits too
    (its words are runs of characters for which ``str.isalnum`` holds)."""
    low = text.lower()
    if not low.isascii():
        for ch in set(_NON_ASCII.findall(low)):
            if not ch.isalnum():
                low = low.replace(ch, " ")
        if not low.isascii():
            return WORDS.findall(low)
    return low.translate(_ASCII_BREAKS).split()


def _body_words(text: str | None) -> list[str]:
    """The words a body's shingles are made of; none under ``_MIN_WORDS``."""
    words = _words(text)[:_MAX_WORDS] if isinstance(text, str) else []
    return words if len(words) >= _MIN_WORDS else []


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The affine maps ``h -> a * h + b`` (mod 2**32) of datasketch's ``MinHash(num_perm=64,
    seed=1)``, scheme affine32: the same draws from numpy's legacy ``RandomState``, whose
    stream numpy keeps fixed, so stored signatures stay valid. Drawn here rather than taken
    from a datasketch object, whose import (scipy's integrators, redis) cost every load
    process 0.13 s; ``tests/pipeline/test_dedup.py`` checks them against datasketch's."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a.reshape(-1, 1), b.reshape(-1, 1)


def _fmix32(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's finalizer, the pre-mix of datasketch's affine32 scheme (uint32 wraps).
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


# Columns of the (NUM_PERM x shingles) uint32 matrix per step: 12.8 MB stays in cache, and
# reducing along contiguous rows is 5x faster than down the columns of its transpose.
_BATCH_SHINGLES = 50_000


def text_signatures(texts: Sequence[str | None]) -> list[list[int] | None]:
    """MinHash of each body's 3-word shingles (``NUM_PERM`` values below 2**32).

    ``None`` for bodies under 8 words: too little signal to call two postings the same.
    The loader stores it per posting so that finding duplicates never re-reads the text.
    Values equal datasketch's ``MinHash(num_perm=64, seed=1)`` (scheme affine32) over CRC32
    shingle hashes, computed for many bodies in one numpy step instead of one object each.
    """
    matrix, signed = signature_matrix(texts)
    return [row if ok else None for row, ok in zip(matrix.tolist(), signed.tolist(),
                                                   strict=True)]


def _shingle_rows(texts: Sequence[str | None]) -> list[np.ndarray]:
    """Each body's shingle CRCs (uint32; none for a body under ``_MIN_WORDS`` words): bodies
    whose letters and digits are ASCII through the compiled scan when it is built, the others
    from their words, a batch of about ``_BATCH_SHINGLES`` shingles per numpy pass."""
    scan = ascii_scan()
    # The scan gives None for what it does not take (not a string, a non-ASCII letter).
    rows: list[np.ndarray | None] = ([None] * len(texts) if scan is None
                                     else [scan(t, _MAX_WORDS, _MIN_WORDS) for t in texts])
    batch: list[tuple[int, list[str]]] = []
    shingles = 0
    for i, row in enumerate(rows):
        if row is not None:
            continue
        words = _body_words(texts[i])
        rows[i] = _NO_SHINGLES
        if words:
            batch.append((i, words))
            shingles += len(words) - 2
        if shingles >= _BATCH_SHINGLES:
            _split_into(rows, batch)
            batch, shingles = [], 0
    _split_into(rows, batch)
    return cast(list[np.ndarray], rows)  # every row was filled above


_NO_SHINGLES = np.empty(0, dtype=np.uint32)


def _split_into(rows: list[np.ndarray | None], batch: list[tuple[int, list[str]]]) -> None:
    """Hash the batch's bodies in one pass and put each body's CRCs in its row."""
    if batch:
        flat = shingle_crcs([words for _, words in batch])
        cuts = np.cumsum([len(words) - 2 for _, words in batch])[:-1]
        for (i, _), part in zip(batch, np.split(flat, cuts), strict=True):
            rows[i] = part


def signature_matrix(texts: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`text_signatures` as a (bodies x ``NUM_PERM``) uint32 matrix, and the mask of the
    bodies that have one (the other rows hold zeros): no Python list per body."""
    rows = _shingle_rows(texts)
    counts = [row.size for row in rows]
    out = np.zeros((len(texts), NUM_PERM), dtype=np.uint32)
    a, b = _permutations()
    start = 0
    while start < len(rows):
        # Postings from start up to stop share one matrix; a huge body gets one to itself.
        stop, total = start, 0
        while stop < len(rows) and (total == 0 or total + counts[stop] <= _BATCH_SHINGLES):
            total += counts[stop]
            stop += 1
        signed = [i for i in range(start, stop) if counts[i]]
        if signed:
            flat = np.concatenate([rows[i] for i in signed])
            offsets = np.cumsum([0] + [counts[i] for i in signed[:-1]])
            permuted = a * _fmix32(flat).reshape(1, -1)
            permuted += b
            out[signed] = np.minimum.reduceat(permuted, offsets, axis=1).T
        start = stop
    return out, np.fromiter(map(bool, counts), dtype=bool, count=len(counts))


# Odd 64-bit multipliers that spread a band's values over a 64-bit bucket key; a collision only
# adds a candidate, which the similarity check then rejects.
_BAND_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9,
     0x8CB92BA72F3D8DD7, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB],
    dtype=np.uint64,
)
_DAY_BITS = 22  # 11,000 years of days


_KEY_BLOCK = 4096
"""Rows of signatures whose band keys are computed together: a block's values, turned
column-major, stay in the cache while its 55 columns are folded in (the whole matrix's
columns at once are strided reads, each a cache miss: 1.07 s for 1M rows, 0.19 s so)."""


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """(rows x ``LSH_BANDS``) bucket keys: one 64-bit key per band of ``LSH_ROWS`` values."""
    rows = signatures.shape[0]
    keys = np.empty((rows, LSH_BANDS), dtype=np.uint64)
    for lo in range(0, rows, _KEY_BLOCK):
        block = np.ascontiguousarray(signatures[lo:lo + _KEY_BLOCK, :LSH_BANDS * LSH_ROWS].T
                                     ).astype(np.uint64)
        for band in range(LSH_BANDS):
            key = np.zeros(block.shape[1], dtype=np.uint64)
            for column, multiplier in zip(block[band * LSH_ROWS:(band + 1) * LSH_ROWS],
                                          _BAND_MULTIPLIERS, strict=False):
                key = (key ^ column) * multiplier
            keys[lo:lo + _KEY_BLOCK, band] = key ^ (key >> np.uint64(29))
    return keys


def _starts_run(sorted_values: np.ndarray) -> np.ndarray:
    """True where a value differs from the one before it."""
    starts = np.ones(sorted_values.size, dtype=bool)
    starts[1:] = sorted_values[1:] != sorted_values[:-1]
    return starts


def lsh_pairs(days: np.ndarray, signatures: np.ndarray, *, window_days: int,
              threshold: float = THRESHOLD, max_candidates: int = MAX_CANDIDATES,
              laters: np.ndarray | None = None, keys: np.ndarray | None = None,
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Near-duplicate pairs by MinHash LSH, in bulk: ``(earlier, later, similarity)`` arrays.

    Rows are postings sorted by ``(day, posting_id)``: ``days`` holds day numbers and
    ``signatures`` the (postings x ``NUM_PERM``) values. Two postings are candidates when they
    share one of ``LSH_BANDS`` bands and their days are at most ``window_days`` apart; each
    posting is checked against its first ``max_candidates`` earlier candidates in row order,
    and a pair is kept when the share of equal values reaches ``threshold``. Pairs come out
    ordered by ``later``, then ``earlier`` (row numbers). With ``laters`` (a mask over rows)
    only the pairs whose later row it marks are found. ``keys`` are the rows' :func:`band_keys`
    when the caller has them already.
    """
    n = len(days)
    if signatures.shape != (n, NUM_PERM):
        raise ValueError(f"expected {n} signatures of {NUM_PERM} values, got {signatures.shape}")
    if n == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float64)
    # Shifted so that a window's start never reaches below its bucket's first day.
    days = days.astype(np.int64) - int(days.min()) + window_days
    if days.max() >= 1 << _DAY_BITS:
        raise ValueError("postings span too many days to pair")
    rows = np.arange(n, dtype=np.int64)
    if keys is None:
        keys = band_keys(signatures)

    def band_codes(band: int) -> np.ndarray:
        # Stable sort: within a bucket rows stay in (day, posting_id) order.
        perm = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[perm, band]
        bucket = np.cumsum(_starts_run(sorted_keys)) - 1
        position = (bucket << _DAY_BITS) | days[perm]
        # A later row's candidates in this band are the contiguous run from the first row of
        # its bucket within the window up to itself; the union's first ``max_candidates``
        # over all bands lie within each band's first ``max_candidates``.
        first = np.searchsorted(position, position - window_days, side="left")
        count = np.minimum(rows - first, max_candidates)
        if laters is not None:
            count[~laters[perm]] = 0
        later = np.repeat(rows, count)
        start = np.repeat(first - np.concatenate(([0], np.cumsum(count)[:-1])), count)
        earlier = start + np.arange(later.size, dtype=np.int64)
        return perm[later] * n + perm[earlier]

    threads = _threads(n)
    # Sort and drop repeats (pairs sharing several bands): np.unique hashes, 4x slower here.
    code = np.concatenate(_each(band_codes, range(LSH_BANDS), threads))
    code.sort()
    code = code[_starts_run(code)]
    later, earlier = np.divmod(code, n)
    # Keep each later row's first max_candidates earlier rows (row order = date order).
    group_start = np.flatnonzero(_starts_run(later))
    rank = np.arange(code.size) - np.repeat(group_start, np.diff(np.append(group_start,
                                                                           code.size)))
    keep = rank < max_candidates
    later, earlier = later[keep], earlier[keep]
    similarity = np.empty(later.size, dtype=np.float64)
    step = 1 << 17

    def check(lo: int) -> None:
        hi = lo + step
        equal = signatures[later[lo:hi]] == signatures[earlier[lo:hi]]
        similarity[lo:hi] = equal.sum(axis=1) / NUM_PERM

    _each(check, range(0, later.size, step), threads)
    kept = similarity >= threshold
    return earlier[kept], later[kept], similarity[kept]


_T = TypeVar("_T")
_R = TypeVar("_R")
_PARALLEL_ROWS = 100_000
"""Postings from which :func:`lsh_pairs` spreads its bands and its similarity checks over a
thread per core: numpy's sorts, gathers and comparisons let go of the interpreter lock, and a
load's full duplicate pass otherwise runs them on one core while the other waits (the bench's
1M postings on two cores: 3.1-3.7 -> 1.6-1.8 s, the same pairs). Below it, starting threads
costs more than it saves."""


def _threads(rows: int) -> int:
    return min(LSH_BANDS, os.cpu_count() or 1) if rows >= _PARALLEL_ROWS else 1


def _each(work: Callable[[_T], _R], items: Iterable[_T], threads: int) -> list[_R]:
    """``work`` over ``items`` in order, on ``threads`` threads."""
    if threads <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(threads, thread_name_prefix="lsh") as pool:
        return list(pool.map(work, items))


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two text signatures."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / NUM_PERM


def bands(sig: Sequence[int]) -> list[tuple[int, ...]]:
    """The ``LSH_BANDS`` bands of one signature, as the one-at-a-time bucket keys."""
    return [tuple(sig[b * LSH_ROWS : (b + 1) * LSH_ROWS]) for b in range(LSH_BANDS)]
