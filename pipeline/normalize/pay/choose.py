"""Choosing the pay statement: weigh each figure or range and return the first that is pay."""

from __future__ import annotations

import datetime
import functools
import re

import attrs

from .amounts import CRORE, LAKH, find_amounts
from .countries import country_currency
from .cues import has_salary_cue, ir35_status, is_package, is_trap, line_left
from .currencies import Currency, shared_currency
from .magnitudes import within_bounds
from .model import Pay
from .periods import Period, could_have_period, stated_period
from .ranges import Candidate, candidates, open_ends, range_values

_POSTING_MIN_LEN = 160
_DOLLAR_COUNTRIES = frozenset({"USD", "AUD", "CAD", "NZD", "SGD", "HKD"})
_RUPEES = frozenset({"INR", "PKR", "NPR", "LKR", "BDT"})
_WORD_AFTER_RE = re.compile(r"[ \u00a0]?[a-z]{2}|/\d")
_BARE_LABEL_RE = re.compile(
    r"""\b(?:team\s+of|grade|band|level|lvl|step|tier|ref(?:erence)?|job\s*(?:id|no|number)?|
        id|no\.|number|version|v|room|floor|suite|zone|phase|age|aged|size|rank|page|sku|model|
        code|(?:week|day|month|year|one|1)\s+in|x|nr)\s*[:#.]?\s*\Z""",
    re.VERBOSE | re.IGNORECASE,
)


@attrs.frozen
class _Verdict:
    pay: Pay
    strong: bool  # currency written, multiplier or period: more than a bare number
    package: bool  # called a total package: a base salary stated beside it wins


def _is_posting(text: str) -> bool:
    """Long or multi-line text is a posting: its figures need evidence before they count as pay."""
    return len(text) > _POSTING_MIN_LEN or "\n" in text.strip() or text.count("|") >= 2


def parse_pay(
    text: str | None,
    *,
    currency_hint: str | None = None,
    date: datetime.date | None = None,
    country: str | None = None,
) -> Pay | None:
    """Return the pay stated in ``text``, or ``None`` when it states none (or we are unsure).

    ``currency_hint`` is an ISO code (e.g. the country's currency) or the text of a nearby element;
    it resolves ambiguous signs ("$" with ``AUD``, "kr" with ``SEK``) and applies when the text
    names no currency.  ``country`` (ISO alpha-2, the posting's location) supplies the
    country's currency when there is no hint: "$" in an Australian posting is AUD and a bare
    "140k-180k" in a US one is USD (``currency_inferred``).  ``date`` is accepted for interface
    stability (conversion lives in :mod:`pipeline.normalize.money`); parsing itself does not
    depend on it.
    """
    del date  # parsing is date independent; callers pass it through for conversion
    if not text or not isinstance(text, str):
        return None
    if len(text) <= _MEMO_MAX_LEN and all(
        v is None or type(v) is str for v in (currency_hint, country)
    ):
        return _parse_short(text, currency_hint, country)
    return _parse(text, currency_hint, country)


# Pay fields ("$150k-190k", "€70-90k") repeat across a source's postings; whole postings do not.
_MEMO_MAX_LEN = 200


@functools.lru_cache(maxsize=1 << 14)
def _parse_short(text: str, currency_hint: str | None, country: str | None) -> Pay | None:
    return _parse(text, currency_hint, country)


def _parse(text: str, currency_hint: str | None, country: str | None) -> Pay | None:
    hints = _Hints.of(currency_hint, country)
    found = _first_pay(text, hints)
    if found is None:
        return None
    status = ir35_status(text) if "35" in text else None
    return attrs.evolve(found, ir35=status) if status else found


@attrs.frozen
class _Hints:
    """The caller's currency hint, or the posting country's currency."""

    currency: str | None
    dollar: str | None  # which dollar a bare "$" is

    @classmethod
    def of(cls, currency_hint: str | None, country: str | None) -> _Hints:
        if currency_hint:
            return cls(currency_hint, currency_hint)
        local = country_currency(country)
        # "$" follows the country only where the local money is a dollar: in Mexico or Chile a
        # bare "$" in a tech ad is as often US dollars as pesos, so it keeps the USD convention.
        return cls(local, local if local in _DOLLAR_COUNTRIES else None)

    def for_tokens(self, tokens: list[str]) -> str | None:
        return self.dollar if "$" in tokens else self.currency


def _first_pay(text: str, hints: _Hints) -> Pay | None:
    """The first figure or range that is pay; a total package only when no base is stated."""
    posting = _is_posting(text)
    amounts = find_amounts(text)  # read as the candidates are
    fallback: Pay | None = None
    package: Pay | None = None
    for cand in candidates(text, amounts):
        verdict = _evaluate(text, cand, hints.for_tokens(cand.tokens), posting)
        if verdict is None:
            continue
        if verdict.package and (posting or verdict.strong):
            package = package or verdict.pay
            continue
        if posting or verdict.strong:
            return verdict.pay
        if fallback is None:
            fallback = verdict.pay
    return package or fallback


def _evaluate(text: str, cand: Candidate, hint: str | None, posting: bool) -> _Verdict | None:
    """The pay a figure or range states, or ``None`` when it is not (plausibly) pay."""
    if any(e.percent or e.glued or e.yearlike for e in cand.ends):
        return None
    currency = shared_currency(cand.tokens, hint)
    if currency is not None and currency.iso is None and any(
        e.mult in (LAKH, CRORE) and not e.lakh_letter for e in cand.ends
    ):
        # Lakh and crore are Indian units: with no other currency, the rupee.
        currency = Currency(iso="INR", explicit=False, written=False)
    if any(e.lakh_letter for e in cand.ends) and (currency is None or currency.iso not in _RUPEES):
        return None  # "40L" is litres or a size unless a rupee is named
    values = range_values(cand)
    if currency is None or values is None:
        return None
    first, last = cand.lo, cand.last
    start, end = first.start, last.end
    left = line_left(text, start, 60)
    stated = None
    if posting and not cand.tokens and not cand.has_mult:
        # A bare number in a posting is pay only with a stated period (see _posting_evidence):
        # most are not, and the period is cheaper to look for than the traps.
        if not could_have_period(text, left, last.end):
            return None
        stated = stated_period(text, left, start, end, last.plus_end)
        if stated[0] is None:
            return None
    if is_trap(text, left, start, end):
        return None
    period, start, end = stated or stated_period(text, left, start, end, last.plus_end)
    if period is not None and is_trap(text, left, start, end):
        return None  # "up to $6,000 a year in education costs": the words after the period
    if period is None and _counts_something(text, left, cand):
        return None
    min_v, max_v, start, end = open_ends(text, cand, values, start, end, period is not None)
    if posting and not _posting_evidence(text, left, end, cand, currency, period):
        return None
    if not within_bounds(min_v, max_v, currency.iso, period, posting):
        return None
    pay = Pay(
        min=min_v, max=max_v, currency=currency.iso, period=period, raw=text[start:end],
        currency_inferred=currency.iso is not None and not currency.explicit,
    )
    return _Verdict(
        pay=pay, strong=currency.written or cand.has_mult or period is not None,
        package=is_package(text, left, last.end),
    )


def _counts_something(text: str, left: str, cand: Candidate) -> bool:
    """A bare number that counts or labels things, not money.

    Before a lower-case word ("4 day week", "15 engineers"), in a schedule ("24/7"), or after a
    label ("Team of 8", "Grade 7", "Job ref 12345").  A figure with a currency, a multiplier or a
    period is judged by the other rules.
    """
    if cand.tokens or cand.has_mult:
        return False
    return bool(
        _WORD_AFTER_RE.match(text, cand.last.plus_end) or _BARE_LABEL_RE.search(left[-25:])
    )


def _posting_evidence(
    text: str, left: str, end: int, cand: Candidate, currency: Currency, period: Period | None
) -> bool:
    """In a posting, a figure counts only with a currency, a period, or a multiplier plus a cue."""
    salary_cue = has_salary_cue(text, left, cand.lo.start, end)
    evidence = (
        (currency.written and currency.explicit) or period is not None
        or (cand.has_mult and salary_cue)
    )
    if not evidence:
        return False
    # Millions in a posting are funding or revenue unless a period says otherwise.
    return period is not None or not any(
        e.mult is not None and e.mult >= 1_000_000 for e in cand.ends
    )
