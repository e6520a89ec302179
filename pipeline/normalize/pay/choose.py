"""Choosing the pay statement: weigh each figure or range and return the first that is pay."""

from __future__ import annotations

import datetime

import attrs

from .amounts import find_amounts
from .cues import has_salary_cue, is_trap, line_left
from .currencies import Currency, shared_currency
from .magnitudes import within_bounds
from .model import Pay
from .periods import Period, could_have_period, stated_period
from .ranges import Candidate, candidates, open_ends, range_values

_POSTING_MIN_LEN = 160


@attrs.frozen
class _Verdict:
    pay: Pay
    strong: bool  # currency written, multiplier or period: more than a bare number


def _is_posting(text: str) -> bool:
    """Long or multi-line text is a posting: its figures need evidence before they count as pay."""
    return len(text) > _POSTING_MIN_LEN or "\n" in text.strip() or text.count("|") >= 2


def parse_pay(
    text: str | None,
    *,
    currency_hint: str | None = None,
    date: datetime.date | None = None,
) -> Pay | None:
    """Return the pay stated in ``text``, or ``None`` when it states none (or we are unsure).

    ``currency_hint`` is an ISO code (e.g. the country's currency) or the text of a nearby element;
    it resolves ambiguous signs ("$" with ``AUD``, "kr" with ``SEK``) and applies when the text
    names no currency.  ``date`` is accepted for interface stability (conversion lives in
    :mod:`pipeline.normalize.money`); parsing itself does not depend on it.
    """
    del date  # parsing is date independent; callers pass it through for conversion
    if not text or not isinstance(text, str):
        return None
    posting = _is_posting(text)
    amounts = list(find_amounts(text))
    fallback: Pay | None = None
    for cand in candidates(text, amounts):
        verdict = _evaluate(text, cand, currency_hint, posting)
        if verdict is None:
            continue
        if posting or verdict.strong:
            return verdict.pay
        if fallback is None:
            fallback = verdict.pay
    return fallback


def _evaluate(text: str, cand: Candidate, hint: str | None, posting: bool) -> _Verdict | None:
    """The pay a figure or range states, or ``None`` when it is not (plausibly) pay."""
    if any(e.percent or e.glued or e.yearlike for e in cand.ends):
        return None
    currency = shared_currency(cand.tokens, hint)
    values = range_values(cand)
    if currency is None or values is None:
        return None
    first, last = cand.lo, cand.last
    start, end = first.start, last.end
    left = line_left(text, start, 60)
    if posting and not cand.tokens and not cand.has_mult and not could_have_period(
        text, left, last.end
    ):
        return None  # a bare number in a posting: skip the costlier checks below
    if is_trap(text, left, start, end):
        return None
    period, start, end = stated_period(text, left, start, end, last.plus)
    min_v, max_v, start, end = open_ends(text, cand, values, start, end, period is not None)
    if posting and not _posting_evidence(text, left, end, cand, currency, period):
        return None
    if not within_bounds(min_v, max_v, currency.iso, period, posting):
        return None
    pay = Pay(min=min_v, max=max_v, currency=currency.iso, period=period, raw=text[start:end])
    return _Verdict(pay=pay, strong=currency.written or cand.has_mult or period is not None)


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
