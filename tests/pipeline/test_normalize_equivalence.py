"""The faster normalizers give exactly what the reference gives (tests/pipeline/
normalize_reference: the modules as they were before): pay, employment types, seniority, exact
keys, text signatures, and the frames of ``normalize_rows`` as a whole.

Inputs: the seeded bench postings, the demo corpus of every source, the labelled pay strings
and real HN postings of the evaluation set (read where they are, skipped when absent), and
generated text made of the parsers' own vocabulary, currency signs, figures and the characters
where ``re.I`` and ``str.lower()`` part ways.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_normalize import make_postings
from pipeline.demo.corpus import DEMO_END, corpus_writer
from pipeline.demo.hn_corpus import write_hn_corpus
from pipeline.ingest.pool import normalize_rows
from pipeline.normalize import roles
from pipeline.normalize.dedup import exact_key, text_signatures
from pipeline.normalize.money import DEFAULT_WORK_YEAR, WorkYear
from pipeline.normalize.pay import amounts as pay_amounts
from pipeline.normalize.pay import cues as pay_cues
from pipeline.normalize.pay import currencies as pay_currencies
from pipeline.normalize.pay import parse_pay
from pipeline.normalize.pay import periods as pay_periods
from pipeline.normalize.pay import ranges as pay_ranges
from pipeline.normalize.record import posting_row
from pipeline.normalize.skills import SkillExtractor, load_taxonomy
from tests.pipeline.normalize_reference import dedup as ref_dedup
from tests.pipeline.normalize_reference import pay as ref_pay
from tests.pipeline.normalize_reference import pool as ref_pool
from tests.pipeline.normalize_reference import roles as ref_roles
from tests.pipeline.test_role_family_equivalence import _SOURCES, _postings

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
_COUNTRIES = (None, "US", "GB", "DE", "IN", "AU", "CH", "MX")
_LOCATIONS = ("Berlin, Germany", "Remote (US only)", "London, UK", "NYC, NY", "Bangalore",
              "Remote", "Sydney, Australia", "Zürich | Remote (EU)", None)
_TYPES = ("Full-time", "FULL_TIME, CONTRACTOR", "Contract", "Part-time | Temporary", None)


def _same_pay(text: str, hint: str | None = None, country: str | None = None) -> None:
    got = parse_pay(text, currency_hint=hint, country=country)
    assert got == ref_pay.parse_pay(text, currency_hint=hint, country=country), (text, hint,
                                                                                   country)


def _same_roles(title: str | None, text: str | None) -> None:
    hints = [h for h in (title, "Senior", "full time") if h]
    for args, kwargs in (((title, text), {}), ((text,), {}), ((title, text), {"hints": hints})):
        assert roles.parse_seniority(*args, **kwargs) == ref_roles.parse_seniority(
            *args, **kwargs), (args, kwargs)
    for arg in (title, text, (text or "")[:600]):
        for hints in ((), ["freelance"], [f for f in (arg or "").split(",") if f.strip()]):
            assert roles.parse_employment_types(arg, hints=hints) == \
                ref_roles.parse_employment_types(arg, hints=hints), (arg, hints)


def _same_keys(company: str | None, title: str | None, location: str | None) -> None:
    assert exact_key(company, title, location) == ref_dedup.exact_key(company, title, location)


def _items(pairs: list[tuple[str | None, str]]) -> Iterator[dict[str, Any]]:
    """Raw items around (title, text) pairs, cycling through what changes the columns:
    locations, employment fields, pay fields and structured pay, remote flags, thread kinds."""
    day = datetime.date(2025, 1, 1)
    for i, (title, text) in enumerate(pairs):
        pay_line = next((ln for ln in text.splitlines() if any(c.isdigit() for c in ln)), None)
        item: dict[str, Any] = {
            "source": "eq", "source_id": str(i), "fetched_at": "2026-11-01T00:00:00Z",
            "jobTitle": title, "description": text,
            "datePublished": f"{day + datetime.timedelta(days=i % 700)}T12:00:00Z",
            "hiringOrganization": {"name": ("Acme GmbH", "ACME, Inc.", "Globex", None)[i % 4]},
            "jobLocation": {"raw": _LOCATIONS[i % len(_LOCATIONS)]},
            "employmentType": _TYPES[i % len(_TYPES)],
        }
        if i % 3 == 0 and pay_line:
            item["baseSalary"] = {"raw": pay_line[:120]}
        elif i % 5 == 1:
            item["baseSalary"] = {"currency": ("USD", "EUR", "GBP", None)[i % 4],
                                  "valueMin": 40 + i % 200_000, "valueMax": 90 + i % 300_000,
                                  "rateType": ("year", "hour", None)[i % 3], "raw": pay_line}
        if i % 7 == 2:
            item["remoteStatus"] = True
        if i % 11 == 3:
            item["extra"] = {"kind": "freelance_demand", "seniority_hints": ["lead", 3],
                             "work_mode_field": "hybrid"}
        yield item


def _rows(items: Iterator[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        row = posting_row(item)
        row["raw_item"] = item
        rows.append(row)
    return rows


def _same_frames(rows: list[dict[str, Any]], extractor: SkillExtractor,
                 year: WorkYear = DEFAULT_WORK_YEAR) -> None:
    got = normalize_rows(rows, extractor, year)
    want = ref_pool.normalize_rows(rows, extractor, year)
    for name in ("enriched", "skills", "signatures"):
        assert getattr(got, name).equals(getattr(want, name)), name
        assert getattr(got, name).schema == getattr(want, name).schema, name
    assert got.enriched.height == len(rows)


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return SkillExtractor(load_taxonomy())


@pytest.fixture(scope="module")
def demo_postings(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str | None, str]]:
    root = tmp_path_factory.mktemp("demo-corpus")
    write_hn_corpus(root, seed=12, months=2, end=DEMO_END)
    for slug in _SOURCES:
        writer = corpus_writer(slug)
        assert writer is not None, slug
        writer(root, seed=12, months=2, end=DEMO_END)
    return list(_postings(root))


def _bench_pairs(n: int) -> list[tuple[str | None, str]]:
    return [(title, f"{company} | {title} | {loc}\n\n{body}")
            for _n, company, title, loc, body, _d in make_postings(n, 7)]


def test_bench_and_demo_postings_normalize_as_the_reference(
        demo_postings: list[tuple[str | None, str]], extractor: SkillExtractor) -> None:
    pairs = _bench_pairs(1500) + demo_postings
    assert len(pairs) > 2500
    rows = _rows(_items(pairs))
    _same_frames(rows, extractor)
    _same_frames(rows[:1], extractor)
    _same_frames(rows[:500], extractor, WorkYear(hours_per_year=1950, billable_days_per_year=210))
    got, want = normalize_rows([], extractor), ref_pool.normalize_rows([], extractor)
    for name in ("enriched", "skills", "signatures"):
        assert getattr(got, name).equals(getattr(want, name)), name
        assert getattr(got, name).schema == getattr(want, name).schema, name


def test_demo_texts_parse_as_the_reference(demo_postings: list[tuple[str | None, str]]) -> None:
    for i, (title, text) in enumerate(demo_postings):
        country = _COUNTRIES[i % len(_COUNTRIES)]
        _same_pay(text, country=country)
        for line in text.splitlines()[:40]:
            if any(c.isdigit() for c in line):
                _same_pay(line, country=country)
                _same_pay(line, "EUR" if i % 2 else None)
        _same_roles(title, text)
        _same_keys(title and title[:20], title, _LOCATIONS[i % len(_LOCATIONS)])
    texts = [text for _t, text in demo_postings]
    assert text_signatures(texts) == ref_dedup.text_signatures(texts)


def _eval_lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("name", ["edwardjross_au_odd", "price_parser"])
def test_labelled_pay_strings_parse_as_the_reference(name: str) -> None:
    items = _eval_lines(EVAL / "pay" / f"{name}.jsonl")
    assert len(items) > 30
    for item in items:
        hint = (item.get("hints") or {}).get("currency")
        for h, country in ((hint, None), (None, None), (None, "AU"), (None, "IN")):
            _same_pay(item["text"], h, country)
            _same_pay(f"Acme | Engineer | {item['text']} | Remote\n\nWe build things.", h,
                      country)


def test_real_hn_postings_normalize_as_the_reference(extractor: SkillExtractor) -> None:
    posts = _eval_lines(EVAL / "corpus" / "hn_2026_jan_mar.jsonl")
    assert len(posts) > 900
    for i, post in enumerate(posts):
        text = post["text"]
        header = text.split("\n", 1)[0]
        _same_pay(text, country=_COUNTRIES[i % len(_COUNTRIES)])
        _same_pay(header, country="US")
        for line in text.splitlines():
            if any(c.isdigit() for c in line):
                _same_pay(line)
        _same_roles(header, text)
        fields = header.split("|")
        _same_keys(fields[0], fields[1] if len(fields) > 1 else None, header)
    pairs = [(p["text"].split("|")[1] if "|" in p["text"] else None, p["text"]) for p in posts]
    _same_frames(_rows(_items(pairs)), extractor)


# The parsers' vocabulary: currency signs and codes, multipliers, period and trap words, the
# employment and seniority words, with figures, separators and the characters where re.I and
# str.lower() part ways.
_VOCAB = ["$", "€", "£", "¥", "₹", "kr", "CHF", "USD", "usd", "EUR", "AUD", "NZD $", "R", "Rs.",
          "k", "K", "M", "mm", "L", "LPA", "lakh", "crore", "thousand", "/hr", "/h", "per hour",
          "an hour", "hourly", "p.a.", "pa", "per annum", "a year", "/yr", "yearly", "annual",
          "salary", "Salary:", "day rate", "daily", "per day", "/day", "weekly", "monthly", "pcm",
          "p/m", "rate", "base", "OTE", "total package", "up to", "from", "between", "and", "to",
          "-", "–", "+", "equity", "options", "bonus", "raised", "Series B", "ARR", "employees",
          "years of experience", "5+ years", "yrs", "Ref", "team of", "401k", "IR35",
          "outside IR35", "full-time", "Full Time", "FT", "PT", "(PT)", "part-time", "contract",
          "contractor", "Contract-to-hire", "C2H", "1099", "B2B", "temporary role", "freelance",
          "intern", "internship", "co-op", "smart contract", "Senior", "Sr.", "Staff", "Lead",
          "Junior", "Engineer II", "L5", "Head of", "Mid-level", "Praktikum", "Stundensatz",
          "Jahresgehalt", "brutto", "Engineer", "GmbH", "(m/w/d)"]
# ... and the literal words of every pattern of the modules made faster.
_VOCAB += sorted({w for module in (roles, pay_periods, pay_cues, pay_ranges, pay_amounts)
                  for rx in vars(module).values() if isinstance(rx, re.Pattern)
                  for w in re.findall(r"[a-zA-Z0-9äöü#.&/+-]{2,}", rx.pattern)})
_NOISE = ["|", ",", " | ", "\n", "\n\n", ".", ":", "(", ")", ";", "/", "İ", "ı", "ſ", "K",
          "ß", "é", "😀", "\u00a0", "\u202f", "  ", "%", "#", "x"]
_FIGURE = st.one_of(st.integers(0, 3_000_000).map(str),
                    st.from_regex(r"\d{1,3}([,. ']\d{3}){0,2}([.,]\d{1,2})?", fullmatch=True),
                    st.from_regex(r"\d{1,3}(\.\d)?[kKmM]?", fullmatch=True))
_WORD = st.one_of(st.sampled_from(_VOCAB), st.sampled_from(_NOISE), _FIGURE, _FIGURE,
                  st.text(alphabet=st.characters(codec="utf-8"), max_size=5))
_CASED = st.tuples(_WORD, st.sampled_from([str, str.upper, str.title, str.lower])).map(
    lambda wc: wc[1](wc[0]))
_GLUE = st.sampled_from([" ", "", "-", " ", "\n", ", ", ".", " "])
_TEXT = st.lists(st.tuples(_CASED, _GLUE), max_size=50).map(
    lambda ws: "".join(w + g for w, g in ws))
# Fields and titles: a few words.
_SHORT = st.lists(st.tuples(_CASED, _GLUE), max_size=4).map(
    lambda ws: "".join(w + g for w, g in ws))
# Pay-shaped statements: words, a figure with its currency and multiplier, maybe a second
# one, words; each part drawn from the vocabulary, cased as a whole.
_TOKENS = sorted(pay_currencies._TOKENS)
_SIGN = st.one_of(st.sampled_from(["", "", "$", "€", "£", "USD ", "kr ", "₹", "CHF ", "R", "A$"]),
                  st.tuples(st.sampled_from(_TOKENS), st.sampled_from(["", " ", ":"])).map(
                      "".join))
_AFTER = st.one_of(st.sampled_from(["", "", "", " EUR", " USD", " kr", "€", " CAD"]),
                   st.sampled_from(_TOKENS).map(" ".__add__), st.sampled_from(_TOKENS))
_MULT = st.sampled_from(["", "", "k", "K", "M", " thousand", "L", " lakh", "+"])
_AMOUNT = st.tuples(_SIGN, _FIGURE, _MULT, _AFTER).map("".join)
_WORDS = st.lists(st.sampled_from(_VOCAB + _NOISE), max_size=3).map(" ".join)
_LINK = st.sampled_from(["", " - ", "-", " to ", " and ", "–", " / "])
_STATEMENT = st.tuples(_WORDS, st.sampled_from(["", " ", ": "]), _AMOUNT, _LINK,
                       st.one_of(st.just(""), _AMOUNT), st.sampled_from(["", " ", "/"]),
                       _WORDS, st.sampled_from([str, str, str.upper, str.lower])).map(
    lambda parts: parts[-1]("".join(parts[:-1])))
_PAY_TEXT = st.lists(_STATEMENT, min_size=1, max_size=3).map(" | ".join)


# `make test` runs 500; `make fuzz` (JOBPULSE_FUZZ_EXAMPLES=10000) twenty times more.
EXAMPLES = int(os.environ.get("JOBPULSE_FUZZ_EXAMPLES", "500"))


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.one_of(_TEXT, _PAY_TEXT, _PAY_TEXT),
       hint=st.sampled_from([None, "USD", "AUD", "SEK", "INR", "Price £"]),
       country=st.sampled_from(_COUNTRIES))
def test_generated_text_parses_pay_as_the_reference(text: str, hint: str | None,
                                                    country: str | None) -> None:
    _same_pay(text, hint, country)
    _same_pay("We are hiring.\n" + text, hint, country)  # the same figures as a posting


@settings(max_examples=EXAMPLES // 2, deadline=None)
@given(title=st.one_of(st.none(), _SHORT, _TEXT), text=st.one_of(st.none(), _SHORT, _TEXT))
def test_generated_text_reads_roles_and_keys_as_the_reference(title: str | None,
                                                              text: str | None) -> None:
    _same_roles(title, text)
    _same_keys(text, title, text)
    texts = [text, title, f"{title} {text} " * 3]
    assert text_signatures(texts) == ref_dedup.text_signatures(texts)


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=_TEXT)
def test_the_employment_gates_open_wherever_a_pattern_matches(text: str) -> None:
    """The gate may open where no pattern matches, never the other way round: a pattern it
    kept shut would lose that employment type."""
    cleaned = roles._TZ_PAREN.sub(" ", roles._NOT_CONTRACT.sub(" ", text))
    present = roles._groups_present(text.lower())
    for group, (_words, pattern, kind) in enumerate(roles._TEXT_TYPES):
        if pattern.search(cleaned):
            assert group in present, (kind, text)
    fields = [f.strip(" .:!*[]{}\"'") for f in roles._FIELD_SPLIT.split(cleaned[:2000])]
    if any(roles._ONLY_CONTRACT_FIELD.match(f) for f in fields):
        assert len(roles._TEXT_TYPES) in present, text


def test_a_gate_word_inside_another_word_opens_no_gate() -> None:
    assert roles._groups_present("we ship often, after lunch; compare it yourself") == set()
    assert roles._groups_present("fte, part-time or self-employed") == {0, 1, 3}


def test_the_memos_do_not_leak_between_inputs() -> None:
    # The same text with another hint or country, and hints of other types, after a memo hit.
    for text, country in itertools.product(("$120k-150k", "€70-90k", "120k-150k"), _COUNTRIES):
        _same_pay(text, country=country)
        _same_pay(text, "AUD", country)
    _same_pay("120k-150k", None, "US")
    assert parse_pay("120k-150k", currency_hint=None, country="US").currency == "USD"
    assert parse_pay("120k-150k", currency_hint=None, country="GB").currency == "GBP"
    assert roles.parse_employment_types("Contract", hints=["full time"]) == (
        "full_time", "contract")
    assert roles.parse_employment_types("Contract") == ("contract",)


def test_every_vocabulary_word_reads_as_the_reference() -> None:
    # Each word alone, as a header field and around a figure: rare words that random text
    # seldom places where they count.
    for word in _VOCAB:
        for cased in {word, word.upper(), word.title()}:
            for text in (cased, f"Acme | {cased} | Remote", f"{cased} 500", f"{cased} $120k",
                         f"$120k {cased}", f"90 - 110 {cased}", f"{cased}: €5,000 {cased}"):
                _same_roles(text, text)
                _same_pay(text)
                _same_pay(f"Acme | Engineer\n{text}", "GBP")


def test_every_currency_token_reads_as_the_reference() -> None:
    for token in _TOKENS:
        for text in (f"{token}100", f"{token} 120k", f"100 {token}", f"90-110k{token}",
                     f"NZD {token}100", f"{token}120,000 - {token}150,000 AUD", f"x{token}5",
                     f"Salary: {token}: 5,000/month", f"{token}{token} 70k"):
            _same_pay(text)
            _same_pay(text, "SEK", "US")
            _same_pay(f"Acme | Engineer | {text}\nWe pay well.", None, "AU")


def test_long_and_unicode_words_sign_as_the_reference() -> None:
    # Shingles whose last two words pass the lengths the shift tables cover, and words whose
    # UTF-8 bytes outnumber their characters.
    words = ["a", "bb", "x" * 47, "y" * 48, "z" * 95, "日本語", "naïve", "😀" * 30, "ß" * 40]
    texts = [" ".join(words[(i * 7 + j) % len(words)] for j in range(12 + i % 5))
             for i in range(60)]
    assert text_signatures(texts) == ref_dedup.text_signatures(texts)
