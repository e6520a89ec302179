# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The CRC-32 of every 3-word shingle of a body whose letters and digits are ASCII, in C.

Most bodies are ASCII but for punctuation (curly quotes, dashes, bullets), and for them the
words and their shingles' CRCs come straight from the string's characters: no word objects, no
dict of distinct words, no Python call per word (``dedup.shingles.ascii_scan``). The words are
those of ``dedup.minhash._words`` (runs of ASCII letters and digits, lower-cased; any other
character breaks words there too) and each value is ``zlib.crc32(b"a b c")``, found as
``dedup.shingles.shingle_crcs`` finds it: from each word's CRC and the shift tables it builds
(:func:`use_tables`), byte by byte for a shingle whose last two words pass the tables' reach.
Built by ``setup.py``; without it the numpy path gives the same values
(tests/pipeline/test_shingle_scan.py compares them).
"""

from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND
from libc.stdint cimport uint32_t
from libc.stdlib cimport free, malloc

import numpy as np


cdef extern from "Python.h":
    # Plain reads of a string's buffer and the character database: no GIL needed.
    Py_UCS4 PyUnicode_READ(int kind, const void* data, Py_ssize_t index) nogil
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch) nogil

cdef enum:
    MAX_MOVE = 96  # shingles._MAX_MOVE: the longest "  b c" the shift tables cover

cdef uint32_t CRC[256]
cdef uint32_t MOVE[MAX_MOVE + 1][4][256]
cdef uint32_t SPACE = 0
cdef bint READY = False


def use_tables(tables) -> None:
    """Take ``shingles._tables()`` (moves x 4 bytes x 256, flat)."""
    global READY, SPACE
    cdef const uint32_t[::1] flat = np.ascontiguousarray(tables, dtype=np.uint32)
    if flat.shape[0] != (MAX_MOVE + 1) * 4 * 256:
        raise ValueError(f"expected shift tables for moves up to {MAX_MOVE} bytes")
    cdef int k, n, v
    for n in range(MAX_MOVE + 1):
        for k in range(4):
            for v in range(256):
                MOVE[n][k][v] = flat[(n * 4 + k) * 256 + v]
    # zlib's byte table is a lone low byte moved over one zero byte: the same tables' entries.
    for v in range(256):
        CRC[v] = MOVE[1][0][v]
    SPACE = _crc_space(0)
    READY = True


cdef inline uint32_t _crc(uint32_t crc, int kind, const void* text, Py_ssize_t start,
                          Py_ssize_t n) noexcept nogil:
    """``zlib.crc32(bytes, crc)`` of the ``n`` ASCII characters from ``start``, lower-cased."""
    cdef Py_ssize_t i
    cdef uint32_t c = ~crc
    cdef uint32_t b
    for i in range(start, start + n):
        b = <uint32_t> PyUnicode_READ(kind, text, i)
        if 65 <= b <= 90:
            b += 32
        c = CRC[(c ^ b) & 0xFF] ^ (c >> 8)
    return ~c


cdef inline uint32_t _crc_space(uint32_t crc) noexcept nogil:
    cdef uint32_t c = ~crc
    c = CRC[(c ^ 32) & 0xFF] ^ (c >> 8)
    return ~c


cdef inline uint32_t _moved(uint32_t c, uint32_t n) noexcept nogil:
    """``c`` moved over ``n`` zero bytes."""
    return (MOVE[n][0][c & 0xFF] ^ MOVE[n][1][(c >> 8) & 0xFF]
            ^ MOVE[n][2][(c >> 16) & 0xFF] ^ MOVE[n][3][c >> 24])


cdef inline bint _alnum(uint32_t b) noexcept nogil:
    return (48 <= b <= 57) or (65 <= b <= 90) or (97 <= b <= 122)


cdef void _shingles(uint32_t* out, int kind, const void* text, const Py_ssize_t* starts,
                    const uint32_t* alone, const uint32_t* spaced, const uint32_t* sizes,
                    Py_ssize_t words) noexcept nogil:
    # sizes: a word's bytes plus the space before it, as in shingles.shingle_crcs.
    cdef Py_ssize_t j
    cdef uint32_t tail, c
    for j in range(words - 2):
        tail = sizes[j + 1] + sizes[j + 2]
        if tail <= MAX_MOVE:
            out[j] = (_moved(alone[j], tail) ^ _moved(spaced[j + 1], sizes[j + 2])
                      ^ spaced[j + 2])
        else:
            c = _crc(_crc_space(alone[j]), kind, text, starts[j + 1], sizes[j + 1] - 1)
            out[j] = _crc(_crc_space(c), kind, text, starts[j + 2], sizes[j + 2] - 1)


def ascii_shingle_crcs(object text, Py_ssize_t max_words, Py_ssize_t min_words):
    """The shingles' CRCs of the body's first ``max_words`` words (uint32, one fewer than two
    per word), none under ``min_words`` words; ``None`` for a text with a letter or digit
    that is not ASCII (``minhash._words`` reads those with its regular expression), or for
    anything but a string."""
    if not READY:
        raise RuntimeError("ascii_shingles.use_tables() was not called")
    if not isinstance(text, str):
        return None
    cdef Py_ssize_t size = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t i
    cdef Py_UCS4 ch
    if not text.isascii():
        with nogil:
            for i in range(size):
                ch = PyUnicode_READ(kind, data, i)
                if ch >= 128 and Py_UNICODE_ISALNUM(ch):
                    break
            else:
                i = -1
        if i >= 0:
            return None
    if max_words < 3 or max_words < min_words:
        return np.empty(0, dtype=np.uint32)
    cdef Py_ssize_t cap = max(min(size // 2 + 1, max_words), 1)  # a word and a break at least
    cdef Py_ssize_t* starts = <Py_ssize_t*> malloc(cap * sizeof(Py_ssize_t))
    cdef uint32_t* alone = <uint32_t*> malloc(3 * cap * sizeof(uint32_t))
    if starts == NULL or alone == NULL:
        free(starts)
        free(alone)
        raise MemoryError()
    cdef uint32_t* spaced = alone + cap
    cdef uint32_t* sizes = spaced + cap
    cdef Py_ssize_t start, words = 0
    cdef uint32_t[::1] view
    i = 0
    try:
        with nogil:
            # Every character but an ASCII letter or digit breaks words (no other is one now).
            while words < cap:
                while i < size and not _alnum(<uint32_t> PyUnicode_READ(kind, data, i)):
                    i += 1
                if i >= size:
                    break
                start = i
                while i < size and _alnum(<uint32_t> PyUnicode_READ(kind, data, i)):
                    i += 1
                starts[words] = start
                alone[words] = _crc(0, kind, data, start, i - start)
                spaced[words] = _crc(SPACE, kind, data, start, i - start)
                sizes[words] = <uint32_t>(i - start + 1)
                words += 1
        if words < min_words or words < 3:
            return np.empty(0, dtype=np.uint32)
        out = np.empty(words - 2, dtype=np.uint32)
        view = out
        _shingles(&view[0], kind, data, starts, alone, spaced, sizes, words)
        return out
    finally:
        free(starts)
        free(alone)
