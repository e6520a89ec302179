"""The compiled shingle scan (``pipeline/normalize/native/ascii_shingles.pyx``) against the
numpy path it speeds up: the same CRCs for every body it takes, and ``None`` only for a body
with a letter or digit that is not ASCII; signatures equal with it and without it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize._compiled import runs_compiled
from pipeline.normalize.dedup import minhash
from pipeline.normalize.dedup.minhash import _MAX_WORDS, _MIN_WORDS, _body_words
from pipeline.normalize.dedup.shingles import ascii_scan, shingle_crcs

EXAMPLES = int(os.environ.get("JOBPULSE_FUZZ_EXAMPLES", "500"))
HERE = Path(minhash.__file__).parent
scan = ascii_scan()
needs_scan = pytest.mark.skipif(scan is None, reason="ascii_shingles is not built")


def _reference(text: str) -> np.ndarray:
    words = _body_words(text)
    return shingle_crcs([words]) if words else np.empty(0, dtype=np.uint32)


def _has_other_alnum(text: str) -> bool:
    return any(not c.isascii() and c.isalnum() for c in text)


def _check(text: str) -> None:
    assert scan is not None
    got = scan(text, _MAX_WORDS, _MIN_WORDS)
    if got is None:
        assert _has_other_alnum(text)
    else:
        assert not _has_other_alnum(text)
        assert got.dtype == np.uint32
        assert got.tolist() == _reference(text).tolist()


def test_the_scan_is_built_with_the_other_extensions() -> None:
    # A build that compiled the normalizers compiled the scan too, so the tests below ran.
    if runs_compiled(HERE / "minhash.py"):
        assert scan is not None


EDGES = [
    "", "   ", "one two three", "a b c d e f g", "a b c d e f g h",
    "Senior Backend Engineer (Go/Kafka) – remote, €90k…“hybrid” • 5 days",
    "x" * 40 + " " + "y" * 60 + " " + "z" * 37 + " and four more words here",  # 98-byte tail
    "x" * 40 + " " + "y" * 60 + " " + "z" * 36 + " and four more words here",  # 97 bytes
    "x" * 200 + " short words after a very long one indeed",
    "İstanbul office, hiring Python engineers for our platform team now",  # lower() grows
    "Kelvin sign \u212a and more words to make eight of them",
    "Ⓐ circled letters are symbols, not letters: words split here and there",
    "Roman Ⅻ numerals are numbers to str.isalnum, so this goes the regex way",
    "digits ² and ٣ count as alphanumeric for Python strings too, it seems",
    "combining e\u0301 accents break words where they stand in this sentence",
    "emoji 😀 split words 😀 too, and they do so in every single body of text",
    "CJK 日本語 are letters, so the regular expression reads this whole body",
    "under_scores and-dashes/slashes.dots split words in all of these bodies",
    " ".join(f"w{i}" for i in range(_MAX_WORDS + 50)),
    " ".join(f"w{i}" for i in range(_MAX_WORDS + 50)) + " naïve",
    "tabs\tand\nnewlines\r\nand\x0bvertical\x0cfeeds\x1cand\x85next lines split",
    "a lone\ud800surrogate breaks words as any other character that is not one",
]


@needs_scan
@pytest.mark.parametrize("text", EDGES)
def test_edge_bodies_give_the_numpy_paths_values(text: str) -> None:
    _check(text)


_ALPHABET = st.sampled_from(
    list("abcXYZ019 .,-_/\t\n") + ["’", "“", "”", "–", "—", "•", "…", "€", "£", "\xa0",
                                     "é", "İ", "ß", "²", "٣", "Ⓐ", "Ⅻ", "\u0301", "😀", "日",
                                     "\u212a", "\x85", "\u2028"])
_WORD = st.text(_ALPHABET, min_size=1, max_size=12)


@needs_scan
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.one_of(_WORD, st.text(st.sampled_from("ab"), min_size=30, max_size=60)),
                max_size=40).map(" ".join))
def test_generated_bodies_give_the_numpy_paths_values(text: str) -> None:
    _check(text)


@needs_scan
@settings(max_examples=EXAMPLES // 5, deadline=None)
@given(st.lists(st.one_of(st.none(), st.lists(_WORD, max_size=30).map(" ".join)), max_size=12))
def test_signatures_are_the_same_with_the_scan_and_without(texts: list[str | None]) -> None:
    with_scan = minhash.signature_matrix(texts)
    original = minhash.ascii_scan
    minhash.ascii_scan = lambda: None  # type: ignore[assignment]
    try:
        without = minhash.signature_matrix(texts)
    finally:
        minhash.ascii_scan = original
    assert with_scan[0].tolist() == without[0].tolist()
    assert with_scan[1].tolist() == without[1].tolist()


@needs_scan
def test_a_string_subclass_reads_as_a_string_and_anything_else_goes_the_numpy_way() -> None:
    class Text(str):
        pass

    body = Text("a subclass of str reads as the string it is, word by word here")
    _check(body)
    assert scan is not None
    assert scan(b"bytes are not a body", _MAX_WORDS, _MIN_WORDS) is None
    assert scan(None, _MAX_WORDS, _MIN_WORDS) is None
    texts = [body, None, "x" * 100_000]
    assert minhash.signature_matrix(texts)[1].tolist() == [True, False, False]


def test_the_plain_modules_do_not_use_the_scan() -> None:
    code = ("from pipeline.normalize.dedup.shingles import ascii_scan; "
            "print(ascii_scan() is None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "JOBPULSE_PURE_PYTHON": "1"}, check=True)
    assert out.stdout.strip() == "True"
