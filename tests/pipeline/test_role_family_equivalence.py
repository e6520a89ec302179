"""classify_role gives exactly what the plain-regex reference gives (family and evidence).

The reference (tests/pipeline/role_family_reference.py) is the module as it was before its
regexes were run through pipeline.normalize.regex_scan; both must agree on every input: the
demo corpus of every source, the labelled titles, and generated text.
"""

from __future__ import annotations

import csv
import html
import itertools
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.demo.corpus import DEMO_END, corpus_writer
from pipeline.demo.hn_corpus import write_hn_corpus
from pipeline.normalize import regex_scan
from pipeline.normalize import role_family as rf
from pipeline.normalize.role_family import classify_role
from tests.pipeline import role_family_reference as ref

_SOURCES = sorted(p.stem.removesuffix("_corpus")
                  for p in Path(rf.__file__).parent.parent.joinpath("demo").glob("*_corpus.py")
                  if p.stem != "hn_corpus")
_TITLE_KEYS = ("title", "name", "position", "text")
_TEXT_KEYS = ("description", "descriptionPlain", "content", "body", "text", "jobDescription")


def _same(title: str | None, text: str | None) -> None:
    got, want = classify_role(title, text), ref.classify_role(title, text)
    assert (got.family, got.evidence) == (want.family, want.evidence), (title, text)


def _walk(value: object) -> Iterator[tuple[str | None, str]]:
    """(title, text) pairs of a JSON document: a record's title with its text, and every long
    string on its own."""
    if isinstance(value, dict):
        title = next((v for k in _TITLE_KEYS if isinstance(v := value.get(k), str)), None)
        for k in _TEXT_KEYS:
            if isinstance(text := value.get(k), str) and text != title:
                yield title, text
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)
    elif isinstance(value, str) and len(value) > 200:
        yield None, value


PER_SOURCE = 180
"""Texts taken from each source's corpus: every shape, at a cost that does not grow with the
number of sources."""


def _postings(root: Path) -> Iterator[tuple[str | None, str]]:
    for source in sorted(p for p in root.iterdir() if p.is_dir()):
        yield from itertools.islice(_source_postings(source), PER_SOURCE)


def _source_postings(root: Path) -> Iterator[tuple[str | None, str]]:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix in (".json", ".jsonl"):
            for line in [raw] if path.suffix == ".json" else raw.splitlines():
                yield from _walk(json.loads(line)) if line.strip() else ()
        else:  # HTML and RSS: the text without tags, both as it is and as plain text
            yield None, raw[:6000]
            plain = html.unescape(re.sub(r"<[^>]+>", "\n", raw))
            for i in range(0, min(len(plain), 60_000), 3000):
                yield None, plain[i:i + 3000]


@pytest.fixture(scope="module")
def demo_postings(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str | None, str]]:
    root = tmp_path_factory.mktemp("demo-corpus")
    write_hn_corpus(root, seed=11, months=2, end=DEMO_END)
    for slug in _SOURCES:
        writer = corpus_writer(slug)
        assert writer is not None, slug
        writer(root, seed=11, months=2, end=DEMO_END)
    return list(_postings(root))


def test_the_demo_corpus_of_every_source_classifies_as_the_reference(
        demo_postings: list[tuple[str | None, str]]) -> None:
    assert len(demo_postings) > 1000
    assert sum(t is None for t, _ in demo_postings) > 200
    for title, text in demo_postings:
        _same(title, text)
        _same(None, text)
        if title:
            _same(title, None)


def test_the_labelled_titles_classify_as_the_reference() -> None:
    path = Path(__file__).parent / "data" / "role_titles.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) > 500
    for row in rows:
        _same(row["title"], row.get("description") or None)
        _same(None, row["title"])
        _same(None, f"Acme | {row['title']} | Remote\n\n{row.get('description') or ''}")


# The module's own vocabulary (the literal words of its patterns), with the characters where
# re.I and str.lower() part ways, separators, URLs and noise.
_VOCAB = sorted({w for rx in vars(rf).values() if isinstance(rx, re.Pattern)
                 for w in re.findall(r"[a-zA-Zäöü#.&/+-]{2,}", rx.pattern)})
_NOISE = ["|", ",", " - ", " / ", "\n", "\n\n", "(m/w/d)", "Senior", "II", ".", ":", "(", ")",
          "https://acme.dev/jobs", "www.acme.io", "acme.com/x", "İ", "ı", "ſ", "K", "ß", "_",
          "é", "😀", "\t", "  ", "Ä", "Ü", "Σ", "FE", "BE", "IT"]
_WORD = st.one_of(st.sampled_from(_VOCAB), st.sampled_from(_NOISE),
                  st.text(alphabet=st.characters(codec="utf-8"), max_size=6))
_CASED = st.tuples(_WORD, st.sampled_from([str, str.upper, str.title, str.lower])).map(
    lambda wc: wc[1](wc[0]))
_GLUE = st.sampled_from([" ", "", "-", " ", "\n", ", ", "."])
_TEXT = st.lists(st.tuples(_CASED, _GLUE), max_size=60).map(
    lambda ws: "".join(w + g for w, g in ws))


# `make test` runs 500; `make fuzz` (JOBPULSE_FUZZ_EXAMPLES=10000) twenty times more.
EXAMPLES = int(os.environ.get("JOBPULSE_FUZZ_EXAMPLES", "500"))


@settings(max_examples=EXAMPLES, deadline=None)
@given(title=st.one_of(st.none(), _TEXT), text=st.one_of(st.none(), _TEXT))
def test_generated_text_classifies_as_the_reference(title: str | None, text: str | None) -> None:
    _same(title, text)
    _same(None, f"{title} | {text}\n{text}")


@settings(max_examples=EXAMPLES // 2, deadline=None)
@given(text=_TEXT)
def test_every_scan_matches_as_the_plain_regex(text: str) -> None:
    for rx in (p for p in vars(rf).values() if isinstance(p, re.Pattern)):
        assert [m.span() for m in regex_scan.finditer(rx, text)] == [
            m.span() for m in rx.finditer(text)], rx.pattern[:60]
        assert regex_scan.sub(rx, " ", text) == rx.sub(" ", text)


def test_every_pattern_of_the_module_has_literal_starts() -> None:
    # Else the plain regex runs: right, but as slow as before.
    patterns = [p for p in vars(rf).values() if isinstance(p, re.Pattern)]
    patterns += [rx for _f, rx in rf._ROLE_RX + rf._TECH_RX]
    for rx in patterns:
        if rx not in (rf._HEADER_SPLIT, rf._PROSE_STOP, rf._SEPARATOR):
            assert regex_scan._automaton((rx,)) is not None, rx.pattern[:60]


@pytest.mark.skipif(sys.maxunicode < 0x10FFFF, reason="narrow build")
def test_folding_keeps_every_character_re_i_matches_to_a_literal() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    chars = {c for rx in vars(rf).values() if isinstance(rx, re.Pattern)
             for c in re.findall(r"[^\W\d_]", rx.pattern)}
    for c in chars:
        for other in re.findall(re.escape(c), everything, re.I):
            assert regex_scan.fold(other) == regex_scan.fold(c), (c, other)
    assert len(regex_scan.fold(everything)) == len(everything)
