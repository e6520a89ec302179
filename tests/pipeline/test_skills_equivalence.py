"""The skill extractor gives exactly what the reference gives, and so does `skills extract`.

The reference (tests/pipeline/skills_reference/) is the extractor as it was before its scan
moved to a Rust automaton keyed by boundary class, its regexes were tried only where their
first words are, and the command read and wrote JSON Lines in bulk. Both must agree on every
input: the demo corpus of every source, the evaluation files and the real HN postings (read
from ../shared/eval when present, never copied here), and generated text.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import skills_batch
from pipeline.cli.skills import skills
from pipeline.demo.corpus import DEMO_END, corpus_writer
from pipeline.demo.hn_corpus import write_hn_corpus
from pipeline.jsonl import JsonLinesError, bad_line, read_postings
from pipeline.normalize.skills import SkillExtractor, employer, load_taxonomy, perks
from pipeline.normalize.skills.matcher import LEFT_BOUNDARY, RIGHT_BOUNDARY, _forms
from tests.pipeline.skills_reference.extractor import SkillExtractor as ReferenceExtractor

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
_SOURCES = sorted(p.stem.removesuffix("_corpus")
                  for p in (Path(__file__).resolve().parents[2] / "pipeline" / "demo")
                  .glob("*_corpus.py") if p.stem != "hn_corpus")
_TITLE_KEYS = ("title", "name", "position", "text")
_TEXT_KEYS = ("description", "descriptionPlain", "content", "body", "text", "jobDescription")

_taxonomy = load_taxonomy()
NEW = SkillExtractor(_taxonomy)
REF = ReferenceExtractor(_taxonomy)


def _same(text: str, title: str | None = None, tags: tuple[str, ...] = (),
          company: str | None = None) -> tuple[str, ...]:
    got = NEW.extract(text, title=title, tags=tags, company=company)
    want = REF.extract(text, title=title, tags=tags, company=company)
    assert got == want, (text[:300], title, company)
    return got


def _hits(text: str) -> list[tuple[Any, ...]]:
    return [(a, b, c, tuple((f.kind, f.skill, f.cased, f.gate) for f in fl))
            for a, b, c, fl in NEW.matcher.scan(text)]


def _reference_hits(text: str) -> list[tuple[Any, ...]]:
    return [(a, b, c, tuple((f.kind, f.skill, f.cased, f.gate) for f in fl))
            for a, b, c, fl in REF.matcher.scan(text)]


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


def _documents(root: Path) -> Iterator[tuple[str | None, str]]:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix in (".json", ".jsonl"):
            for line in [raw] if path.suffix == ".json" else raw.splitlines():
                yield from _walk(json.loads(line)) if line.strip() else ()
        else:  # HTML and RSS: as it is, and as plain text
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
    return list(_documents(root))


def test_the_demo_corpus_of_every_source_extracts_as_the_reference(
        demo_postings: list[tuple[str | None, str]]) -> None:
    assert len(demo_postings) > 1000
    found = 0
    for title, text in demo_postings:
        found += bool(_same(text, title=title))
        # The HN header's first field is the company, whose own name is masked.
        _same(text, company=text.split("|", 1)[0].strip()[:60] or None)
        assert _hits(text) == _reference_hits(text)
    assert found > len(demo_postings) // 2


def _eval_files() -> list[Path]:
    files = sorted((EVAL / "skills").glob("*.jsonl")) + [EVAL / "corpus" / "hn_2026_jan_mar.jsonl"]
    return [f for f in files if f.is_file()]


@pytest.mark.skipif(not _eval_files(), reason="../shared/eval is not here")
@pytest.mark.parametrize("path", _eval_files(), ids=lambda p: p.name)
def test_the_evaluation_texts_extract_as_the_reference(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert rows
    for row in rows:
        text = row["text"]
        _same(text)
        first = text.split("\n", 1)[0]
        _same(text, title=first, company=first.split("|", 1)[0].strip() or None)
        assert _hits(text) == _reference_hits(text)


# Generated text: the taxonomy's own forms (gated, case-sensitive and blockers included), cue
# words of the context, employer and equipment rules, boundary characters on both sides,
# characters whose case behaves oddly (İ ı ſ K), non-ASCII letters and lone surrogates.
_FORMS = sorted(_forms(_taxonomy))
_NAMES = sorted({n for s in _taxonomy.skills.values() for n in (s.name, *s.aliases)})
_VOCAB = sorted({*_taxonomy.cues, *_taxonomy.blockers, *perks.CUE_STARTS, "our product",
                 "Our platform 'Foo'", "our software, Kafka,", "Our own tool called Redis",
                 "laptop", "MacBook", "choice of OS", "written in", "developer", "engineers",
                 "ex-", "ex-Stripe", "https://go.dev/x", "www.rust-lang.org", "http ://a.io",
                 "python3", "html5", "java 8+", "node.js", ".net", "c++", "c#", "C-level"})
_ODD = ["İ", "ı", "ſ", "K", "ß", "é", "Σ", "😀", "\u00a0", "\u2022", "\u2019", "\u201c",
        "\ud800", "\x01", "\x02", "\x04", "\x05", "\x80", "_", "#", "+", "$", "3", "v2.1"]
_BOUNDARY = sorted(set(LEFT_BOUNDARY) | set(RIGHT_BOUNDARY))
_WORD = st.one_of(st.sampled_from(_FORMS), st.sampled_from(_NAMES), st.sampled_from(_VOCAB),
                  st.sampled_from(_ODD), st.text(max_size=4))
_CASED = st.tuples(_WORD, st.sampled_from([str, str.upper, str.title, str.lower])).map(
    lambda wc: wc[1](wc[0]))
_GLUE = st.one_of(st.sampled_from([" ", "", ", ", " and ", " / ", "\n", ". ", " (", ") "]),
                  st.sampled_from(_BOUNDARY), st.sampled_from(_ODD))
_TEXT = st.lists(st.tuples(_CASED, _GLUE), max_size=40).map(
    lambda ws: "".join(w + g for w, g in ws))


# `make test` runs 750; `make fuzz` (JOBPULSE_FUZZ_EXAMPLES=10000) more.
EXAMPLES = int(os.environ.get("JOBPULSE_FUZZ_EXAMPLES", "750"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, title=st.one_of(st.none(), _TEXT),
       company=st.one_of(st.none(), st.sampled_from(_NAMES), _TEXT),
       tags=st.lists(st.one_of(st.sampled_from(_NAMES), st.text(max_size=8)), max_size=3))
def test_generated_text_extracts_as_the_reference(text: str, title: str | None,
                                                  company: str | None, tags: list[str]) -> None:
    _same(text, title=title, tags=tuple(tags), company=company)
    assert _hits(text) == _reference_hits(text)


@settings(max_examples=500, deadline=None)
@given(text=_TEXT)
def test_the_regexes_are_tried_where_the_plain_ones_match(text: str) -> None:
    assert [m.span() for m in perks._cues(text, None)] == [
        m.span() for m in perks._CUE.finditer(text)]
    assert [m.span() for m in employer._own_products(text, None)] == [
        m.span() for m in employer._OWN_PRODUCT.finditer(text)]


def test_the_case_twins_are_every_non_ascii_character_re_folds_onto_a_letter() -> None:
    letters = re.compile(r"(?i)[a-z]")
    twins = {chr(c) for c in range(128, sys.maxunicode + 1) if letters.match(chr(c))}
    assert twins == set(perks._CASE_TWINS)


# `skills extract`: the reference is the command as it was, one json.loads, extract and
# json.dumps per line, stopping at the first bad line.
def _reference_command(data: bytes) -> tuple[str, str | None]:
    out: list[str] = []
    try:
        for lineno, obj in read_postings(data.splitlines(keepends=True), "-"):
            title = obj.get("title")
            if title is not None and not isinstance(title, str):
                raise bad_line("-", lineno, '"title" must be a string')
            tags = obj.get("tags") or []
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise bad_line("-", lineno, '"tags" must be a list of strings')
            company = obj.get("company")
            if company is not None and not isinstance(company, str):
                raise bad_line("-", lineno, '"company" must be a string')
            found = REF.extract(obj["text"] or "", title=title, tags=tags, company=company)
            out.append(json.dumps({"id": obj["id"], "skills": list(found)},
                                  ensure_ascii=False) + "\n")
    except JsonLinesError as exc:
        return "".join(out), str(exc)
    return "".join(out), None


def _command(data: bytes) -> tuple[str, str | None]:
    result = CliRunner().invoke(skills, ["extract", "-"], input=data)
    if result.exit_code == 0:
        return result.stdout, None
    assert result.exit_code == 1, result.output
    return result.stdout, result.stderr.strip().removeprefix("Error: ")


_GOOD = [
    b'{"id": "a1", "text": "Python/Django, PostgreSQL, AWS Lambda"}',
    b'{"id": 7, "text": "Go and Rust", "title": "Backend (Go)", "tags": ["k8s"]}',
    b'{"id": 123456789012345678901234567890, "text": "Kafka"}',
    b'{"id": -0.0, "text": null}',
    b'{"id": 1e5, "text": "C# and .NET"}',
    b'{"id": NaN, "text": "Java"}',
    b'{"id": "\\ud83d\\ude00 \\u00e9", "text": "R, SQL", "company": "Acme"}',
    b'{"id": ["x", {"y": null}], "text": "our product Redis runs on Linux laptops"}',
    b'{"id": "dup", "id": "dup2", "text": "Spring Boot"}',
    b'   ',
    b'',
    b'{"id": "sp", "text": "Kubernetes"}  \r',
    '{"id": "ü", "text": "Ruby on Rails • İstanbul • ſcala"}'.encode(),
]
_BAD = [
    b'{"id": "t", "text": "Go", "title": 3}',
    b'{"id": "g", "text": "Go", "tags": "go"}',
    b'{"id": "c", "text": "Go", "company": ["x"]}',
    b'{"text": "no id"}',
    b'{"id": 1, "text": 2}',
    b'[1, 2]',
    b'{"id": 1, "text": "x"',
    b'{"id": 1, "text": "\xff"}',
    b'{"id": "deep", "text": "x", "more": ' + b"[" * 3000 + b"]" * 3000 + b"}",
]


@pytest.mark.parametrize("batch", [60, 1 << 20], ids=["batches-in-processes", "one-batch"])
def test_the_command_writes_what_the_reference_wrote(
        batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(skills_batch, "BATCH", batch)
    good = b"\xef\xbb\xbf" + b"\n".join(_GOOD * 3) + b"\n"
    want = _reference_command(good)
    assert want[1] is None and want[0].count("\n") == 3 * (len(_GOOD) - 2)
    assert _command(good) == want
    # Each bad line is one more run of the command; the worker processes do not read lines,
    # so with batches only the first and last kinds of bad line are run again.
    for bad in _BAD if batch > len(_GOOD) * 3 else (_BAD[0], _BAD[-1]):
        data = b"\n".join(_GOOD + [bad] + _GOOD) + b"\n"
        want = _reference_command(data)
        assert want[1] is not None
        assert _command(data) == want, bad[:40]


def test_generated_postings_through_the_command_extract_as_the_reference(
        demo_postings: list[tuple[str | None, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(skills_batch, "BATCH", 20_000)
    lines = [json.dumps({"id": f"p{i}", "title": title, "text": text,
                         "company": text.split("|", 1)[0].strip()[:40] or None},
                        ensure_ascii=False).encode()
             for i, (title, text) in enumerate(demo_postings[:1500])]
    data = b"\n".join(lines) + b"\n"
    assert _command(data) == _reference_command(data)


def test_workers_that_are_not_forked_build_the_same_extractor(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A process running other threads does not fork: its workers load the taxonomy themselves.
    monkeypatch.setattr(skills_batch, "BATCH", 200)
    monkeypatch.setattr(skills_batch.threading, "active_count", lambda: 2)
    data = b"\n".join(_GOOD * 20) + b"\n"
    assert _command(data) == _reference_command(data)
