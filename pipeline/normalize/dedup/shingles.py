"""CRC-32 of the 3-word shingles of many bodies at once, from the CRC of each distinct word.

``zlib.crc32(b"a b c")`` is ``crc(b"a")`` moved over the bytes of ``b" b c"``, XOR
``crc(b" b")`` moved over ``b" c"``, XOR ``crc(b" c")``: CRC-32 is linear, and moving a CRC
over n bytes is feeding it n zero bytes (what zlib's ``crc32_combine`` does). A move is one
table lookup per byte of the CRC, with a table for every n up to :data:`_MAX_MOVE`, so numpy
hashes a batch's shingles from the CRCs of its distinct words: one zlib call per distinct word
instead of a string, an encoding and a zlib call per shingle. The values are zlib's.

A body whose letters and digits are ASCII (nearly all; punctuation may be anything) skips the
words altogether when ``native/ascii_shingles.pyx`` is built: the same CRCs from the string's
characters in C (:func:`ascii_scan`), six times faster.
"""

from __future__ import annotations

import functools
import itertools
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from pipeline.normalize._compiled import pure_python, runs_compiled

AsciiScan = Callable[[str, int, int], "np.ndarray | None"]
"""``(text, max_words, min_words)``: the shingles' CRCs of a body's first ``max_words`` words
(none under ``min_words``), or ``None`` for a text with a letter or digit that is not ASCII
(or not a string), which the numpy path then reads."""

# Bytes of the last two words of a shingle ("  b c") the tables cover; longer ones (a rare long
# token) are hashed by zlib one by one.
_MAX_MOVE = 96
_SPACE = zlib.crc32(b" ")


@functools.cache
def _tables() -> np.ndarray:
    """Flat (moves x 4 bytes x 256) uint32: entry ``(n, k, v)`` is byte ``k`` of a CRC holding
    ``v``, moved over ``n`` zero bytes; XOR the four entries of a CRC to move all of it."""
    byte_table = np.arange(256, dtype=np.uint32)
    for _ in range(8):  # the reflected CRC-32 table of zlib's polynomial
        byte_table = np.where(byte_table & 1, (byte_table >> 1) ^ np.uint32(0xEDB88320),
                              byte_table >> 1).astype(np.uint32)
    bits = np.empty((_MAX_MOVE + 1, 32), dtype=np.uint32)  # where each single bit moves to
    bits[0] = np.uint32(1) << np.arange(32, dtype=np.uint32)
    for n in range(1, _MAX_MOVE + 1):
        bits[n] = byte_table[bits[n - 1] & 0xFF] ^ (bits[n - 1] >> 8)
    set_bits = ((np.arange(256)[:, None] >> np.arange(8)) & 1).astype(bool)  # (value, bit)
    tables = np.zeros((_MAX_MOVE + 1, 4, 256), dtype=np.uint32)
    for k in range(4):
        for j in range(8):
            tables[:, k, :] ^= np.where(set_bits[:, j], bits[:, 8 * k + j, None], np.uint32(0))
    return tables.reshape(-1)


def _moved(crcs: np.ndarray, n: np.ndarray) -> np.ndarray:
    """``crcs`` each moved over ``n`` zero bytes (``n`` at most ``_MAX_MOVE``)."""
    tables, c = _tables(), crcs.astype(np.int64)
    at = n.astype(np.int64) * 1024
    return (tables[at + (c & 255)] ^ tables[at + 256 + ((c >> 8) & 255)]
            ^ tables[at + 512 + ((c >> 16) & 255)] ^ tables[at + 768 + (c >> 24)])


def shingle_crcs(bodies: list[list[str]]) -> np.ndarray:
    """``zlib.crc32`` of every "a b c" of each body's words (``len - 2`` per body, each body
    at least 3 words), body after body, as uint32."""
    words = list(itertools.chain.from_iterable(bodies))
    index = {w: i for i, w in enumerate(dict.fromkeys(words))}
    ids = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
    encoded = [w.encode() for w in index]
    alone = np.fromiter(map(zlib.crc32, encoded), dtype=np.uint32, count=len(encoded))
    spaced = np.fromiter((zlib.crc32(e, _SPACE) for e in encoded), dtype=np.uint32,
                         count=len(encoded))
    size = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)) + 1  # " word"
    lengths = np.fromiter(map(len, bodies), dtype=np.int64, count=len(bodies))
    counts = lengths - 2
    firsts = np.cumsum(lengths) - lengths  # each body's first word in ``ids``
    shingle_firsts = np.cumsum(counts) - counts
    starts = np.repeat(firsts - shingle_firsts, counts) + np.arange(int(counts.sum()))
    a, b, c = ids[starts], ids[starts + 1], ids[starts + 2]
    tail, last = size[b] + size[c], size[c]
    long = tail > _MAX_MOVE
    out = _moved(alone[a], np.minimum(tail, _MAX_MOVE)) ^ _moved(spaced[b], np.minimum(
        last, _MAX_MOVE)) ^ spaced[c]
    if long.any():
        vocab = list(index)
        for i in np.flatnonzero(long).tolist():
            out[i] = zlib.crc32(f"{vocab[a[i]]} {vocab[b[i]]} {vocab[c[i]]}".encode())
    return out.astype(np.uint32)


@functools.cache
def ascii_scan() -> AsciiScan | None:
    """The compiled scan of bodies (``pipeline/normalize/native/ascii_shingles.pyx``),
    when it is built after its source's last change and the plain modules were not asked for
    (``JOBPULSE_PURE_PYTHON=1``); else ``None``."""
    if pure_python():
        return None
    try:
        from pipeline.normalize.native import ascii_shingles
    except ImportError:  # not built: no compiler, or a plain install
        return None
    source = Path(ascii_shingles.__file__).with_name("ascii_shingles.pyx")
    if source.is_file() and not runs_compiled(source):
        return None
    ascii_shingles.use_tables(_tables())
    scan: AsciiScan = ascii_shingles.ascii_shingle_crcs
    return scan
