"""Fuzz the pure normalizers: no exception, no hang, and their output invariants, on any text.

Posting text is written by strangers, so ``parse_pay``, ``SkillExtractor.extract``,
``parse_locations``, ``parse_seniority`` and ``parse_employment_types`` get arbitrary text and
text built from the fragments they look for (currency signs and amounts, taxonomy aliases, place
and remote words). Each example is timed: one input over ``MAX_SECONDS`` fails the test as a
hang (catastrophic regex backtracking, quadratic scans), which hypothesis' own deadline would
report as flaky instead.

``JOBPULSE_FUZZ_EXAMPLES`` sets the examples per test: 200 in the normal suite, 10,000 for
``make fuzz`` (``JOBPULSE_FUZZ_EXAMPLES=10000 pytest tests/fuzz -q``).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from typing import Any, get_args

import pycountry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalize.pay import Period, parse_pay
from pipeline.normalize.places import WorkMode, parse_locations
from pipeline.normalize.roles import (
    EmploymentType,
    Seniority,
    parse_employment_types,
    parse_seniority,
)
from pipeline.normalize.skills import SkillExtractor, Taxonomy, load_taxonomy

EXAMPLES = int(os.environ.get("JOBPULSE_FUZZ_EXAMPLES", "200"))
MAX_SECONDS = float(os.environ.get("JOBPULSE_FUZZ_MAX_SECONDS", "1.0"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # timed by hand below: a slow example must fail, not be retried as flaky
    database=None,  # the suite must not depend on (or write) a local example database
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
)

PERIODS = set(get_args(Period))
WORK_MODES = set(get_args(WorkMode))
SENIORITIES = set(get_args(Seniority))
EMPLOYMENT_TYPES = set(get_args(EmploymentType))
CURRENCY = re.compile(r"^[A-Z]{3}$")
ALPHA_2 = {c.alpha_2 for c in pycountry.countries}


@cache
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@cache
def extractor() -> SkillExtractor:
    return SkillExtractor(taxonomy())


@cache
def aliases() -> tuple[str, ...]:
    forms = {form for s in taxonomy().skills.values() for form in (s.name, *s.aliases)}
    return tuple(sorted(forms))


@cache
def warm_up() -> None:
    """Load each normalizer's reference data (cities, taxonomy) before any example is timed."""
    parse_pay("$100k")
    extractor().extract("Python")
    parse_locations("Berlin, Germany")
    parse_seniority("Senior Engineer", "5+ years")
    parse_employment_types("Full-time")


@contextmanager
def hang_guard(what: str, value: Any) -> Iterator[None]:
    started = time.perf_counter()
    yield
    took = time.perf_counter() - started
    assert took <= MAX_SECONDS, f"{what} took {took:.2f}s on {value!r:.300}"


def timed(what: str, call: Callable[[], Any], value: Any) -> Any:
    """``call()``, failing if it takes over ``MAX_SECONDS`` twice in a row on the same input.

    One slow call can be the machine (another process, a GC pause, a lazily built index); a
    hang is the input's, so it is slow again.
    """
    warm_up()
    started = time.perf_counter()
    result = call()
    if time.perf_counter() - started > MAX_SECONDS:
        with hang_guard(what, value):
            result = call()
    return result


# --- strategies --------------------------------------------------------------------------------

# Arbitrary text: every code point class, surrogates excluded (not valid in a posting's UTF-8).
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=2000)


def joined(fragments: st.SearchStrategy[str], max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(fragments, max_size=max_size).map("".join)


PAY_FRAGMENTS = st.one_of(
    st.sampled_from(["$", "€", "£", "¥", "₹", "₽", "kr", "zł", "CHF", "USD", "EUR", "GBP",
                     "usd", "eur", "C$", "A$", "US$", "R$", "Fr.", "PLN", "SEK"]),
    st.integers(min_value=0, max_value=10**12).map(str),
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False).map(str),
    st.sampled_from([",", ".", " ", "'", "\u00a0", "\u202f", "-", "–", "—", "~", "to", "/",
                     "+", "(", ")", ":", "\n", "k", "K", "M", "m", "mm", "bn", "000", ",000"]),
    st.sampled_from(["per hour", "/hr", "/h", "hourly", "a day", "/day", "daily", "per week",
                     "/month", "monthly", "per year", "/yr", "p.a.", "annual", "salary",
                     "Salary:", "compensation", "OTE", "equity", "DOE", "up to", "from",
                     "between", "and", "gross", "net", "TC", "base"]),
    st.text(max_size=5),
)
PAY_TEXT = joined(PAY_FRAGMENTS)

PUNCT = st.sampled_from([" ", ", ", "/", ".", "-", "(", ")", "+", "#", "&", "|", "\n", "'",
                         ":", ";", "*", "_", "@", "`"])


@st.composite
def skill_text(draw: st.DrawFn) -> str:
    forms = st.sampled_from(aliases())
    cased = st.one_of(forms, forms.map(str.upper), forms.map(str.lower), forms.map(str.title))
    return draw(joined(st.one_of(cased, PUNCT, st.text(max_size=4)), max_size=60))


PLACE_FRAGMENTS = st.one_of(
    st.sampled_from(["Remote", "remote", "REMOTE", "Hybrid", "Onsite", "On-site", "in office",
                     "US", "USA", "UK", "EU", "EMEA", "Americas", "APAC", "Europe", "Worldwide",
                     "anywhere", "only", "timezone", "UTC", "UTC+2", "GMT-5", "CET", "PST", "±3h",
                     "Berlin", "London", "New York", "NYC", "SF", "San Francisco", "Paris",
                     "Zürich", "São Paulo", "Bengaluru", "CA", "NY", "TX", "Bavaria", "Ontario",
                     "Germany", "Deutschland", "United States", "Canada", "India", "Georgia",
                     "Jersey", "Washington", "Paris, TX", "or", "and", "/", ",", ";", "|", "(",
                     ")", " ", "-", "+"]),
    st.text(max_size=4),
)
PLACE_TEXT = joined(PLACE_FRAGMENTS)

ROLE_FRAGMENTS = st.one_of(
    st.sampled_from(["Senior", "Sr.", "Junior", "Jr", "Staff", "Principal", "Lead", "Head of",
                     "Manager", "Intern", "Internship", "Mid-level", "II", "III", "Engineer",
                     "Developer", "Backend", "years", "yrs", "5+", "3-5", "10+ years",
                     "experience", "Full-time", "full time", "Part-time", "Contract", "C2H",
                     "Freelance", "Contractor", "Permanent", "FTE", "W2", "1099", "B2B", "/",
                     ",", "(", ")", " ", "|", "-", "&"]),
    st.text(max_size=4),
)
ROLE_TEXT = joined(ROLE_FRAGMENTS)


# --- invariants --------------------------------------------------------------------------------

def check_pay(text: str) -> None:
    pay = timed("parse_pay", lambda: parse_pay(text), text)
    if pay is None:
        return
    for value in (pay.min, pay.max):
        assert value is None or (isinstance(value, Decimal) and value.is_finite()
                                 and value >= 0), pay
    if pay.min is not None and pay.max is not None:
        assert pay.min <= pay.max, pay
    assert pay.currency is None or CURRENCY.match(pay.currency), pay
    assert pay.period is None or pay.period in PERIODS, pay
    assert isinstance(pay.raw, str)


def check_skills(text: str, title: str | None = None) -> None:
    found = timed("SkillExtractor.extract", lambda: extractor().extract(text, title=title),
                  text)
    assert isinstance(found, tuple)
    assert list(found) == sorted(set(found)), found
    assert set(found) <= set(taxonomy().skills), set(found) - set(taxonomy().skills)


def check_places(text: str) -> None:
    loc = timed("parse_locations", lambda: parse_locations(text), text)
    assert loc.work_mode is None or loc.work_mode in WORK_MODES, loc
    for place in loc.places:
        assert place.country is None or place.country in ALPHA_2, place
    assert loc.remote_scope is None or isinstance(loc.remote_scope, str)


def check_roles(text: str, body: str) -> None:
    seniority = timed("parse_seniority", lambda: parse_seniority(text, body), text)
    assert seniority is None or seniority in SENIORITIES, seniority
    types = timed("parse_employment_types", lambda: parse_employment_types(body), body)
    assert isinstance(types, tuple) and set(types) <= EMPLOYMENT_TYPES, types
    assert len(types) == len(set(types)), types


# --- tests -------------------------------------------------------------------------------------

@FUZZ
@given(ANY_TEXT)
def test_pay_on_any_text(text: str) -> None:
    check_pay(text)


@FUZZ
@given(PAY_TEXT)
def test_pay_on_pay_like_text(text: str) -> None:
    check_pay(text)


@FUZZ
@given(ANY_TEXT, st.one_of(st.none(), ANY_TEXT.map(lambda t: t[:200])))
def test_skills_on_any_text(text: str, title: str | None) -> None:
    check_skills(text, title)


@FUZZ
@given(skill_text())
def test_skills_on_alias_text(text: str) -> None:
    check_skills(text)


@FUZZ
@given(st.one_of(ANY_TEXT, PLACE_TEXT))
def test_places(text: str) -> None:
    check_places(text)


@FUZZ
@given(st.one_of(ANY_TEXT, ROLE_TEXT), st.one_of(ANY_TEXT, ROLE_TEXT))
def test_seniority_and_employment_types(title: str, body: str) -> None:
    check_roles(title, body)
