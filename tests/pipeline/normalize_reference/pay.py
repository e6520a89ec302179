"""Pay parsing before the speed-ups: no memo of short texts, the trap checks before the period
of a bare figure, the plain scans for figures, phone numbers and a period named before a
figure, and the currency tokens beside a figure read with the token regex. Helpers that did
not change come from the product."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from pipeline.normalize.pay.amounts import (
    _MULT_RE,
    _MULTIPLIERS,
    _SPACED_PLUS_RE,
    CRORE,
    LAKH,
    Amount,
    _is_glued,
    _multiplier_is_unit,
    _parse_number,
)
from pipeline.normalize.pay.choose import (
    _RUPEES,
    _counts_something,
    _Hints,
    _is_posting,
    _posting_evidence,
    _Verdict,
)
from pipeline.normalize.pay.cues import ir35_status, is_package, is_trap, line_left
from pipeline.normalize.pay.currencies import (
    _FAMILIES,
    _GAP_CHARS,
    _TOKEN_MAX_LEN,
    _TOKEN_RE,
    _TOKENS,
    THREE_DECIMALS,
    Currency,
    _token_boundaries_ok,
    shared_currency,
    token_iso,
)
from pipeline.normalize.pay.magnitudes import within_bounds
from pipeline.normalize.pay.model import Pay
from pipeline.normalize.pay.periods import (
    _PERIOD_BEFORE_RE,
    _PERIOD_WORDS,
    PERIOD_AFTER_RE,
    PERIODS,
    Period,
)
from pipeline.normalize.pay.ranges import Candidate, candidates, open_ends, range_values

_NUM_RE = re.compile(
    r"""
    (?<![\d.,'’])
    (?:
        \d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3}(?!\d))+(?:[.,]\d{1,2}(?!\d))?
      | \d+(?:[,.'’]\d+)*
      | \.\d+
    )
    """,
    re.VERBOSE,
)
_TOKEN_LENGTHS = tuple(sorted({len(t) for t in _TOKENS}))
_PHONE_RE = re.compile(r"\+?\(?\d{1,4}\)?(?:[ \-]\(?\d{2,4}\)?){2,5}(?![\d.,])")


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _PHONE_RE.finditer(text):
        digits = sum(c.isdigit() for c in m.group(0))
        if digits >= 9:
            spans.append(m.span())
    return spans


def _token_before(text: str, pos: int) -> tuple[str, int] | None:
    """Currency token ending right before ``pos`` (allowing one space or a colon)."""
    lo = max(0, pos - _TOKEN_MAX_LEN - 3)
    window = text[lo:pos]
    # Most figures have no currency before them. A match can only count if some token ends
    # where the allowed gap begins, so look for that with set lookups before trying the regex
    # at every offset of the window.
    ends = [len(window)]
    while len(ends) < 3 and ends[-1] > 0 and window[ends[-1] - 1] in _GAP_CHARS:
        ends.append(ends[-1] - 1)
    if not any(window[e - n : e] in _TOKENS for e in ends for n in _TOKEN_LENGTHS if n <= e):
        return None
    best: tuple[str, int] | None = None
    for i in range(len(window)):
        m = _TOKEN_RE.match(window, i)
        if not m:
            continue
        gap = window[m.end():]
        if len(gap) > 2 or gap.strip(_GAP_CHARS) != "":
            continue
        start = lo + i
        if not _token_boundaries_ok(text, start, lo + m.end()):
            continue
        best = (m.group(0), start)
        break
    return best


def _token_after(text: str, pos: int) -> tuple[str, int] | None:
    """Currency token starting right after ``pos`` (allowing one space)."""
    i = pos
    if i < len(text) and text[i] in " \u00a0":
        i += 1
    m = _TOKEN_RE.match(text, i)
    if not m:
        return None
    if not _token_boundaries_ok(text, i, m.end()):
        return None
    return m.group(0), m.end()


def currency_beside(text: str, start: int, end: int) -> tuple[str | None, bool, int, int]:
    """The currency token written next to the figure at ``start:end``.

    Returns (token, before, start, end): ``before`` is True when the token precedes the figure;
    the span is widened to cover the token, and a code beside an ambiguous sign.
    """
    before = _token_before(text, start)
    if before is not None:
        token, start = before
    else:
        after = _token_after(text, end)
        if after is None:
            return None, False, start, end
        token, end = after
    is_before = before is not None
    family = _FAMILIES.get(token)
    if family is None:
        return token, is_before, start, end
    # "NZD $100", "$1,190.00 AUD", "$150k USD": a code beside an ambiguous sign wins.
    outer = _token_before(text, start) if is_before else _token_after(text, end)
    if outer is not None and token_iso(outer[0]) in family:
        if is_before:
            start = outer[1]
        else:
            end = outer[1]
        return outer[0], is_before, start, end
    if is_before:
        after_code = _token_after(text, end)
        if after_code is not None and token_iso(after_code[0]) in family:
            token, end = after_code
    return token, is_before, start, end


def _read_amount(
    text: str, blob: str, ns: int, ne: int, phones: list[tuple[int, int]]
) -> Amount | None:
    end = ne
    # Multiplier, possibly after a currency token written between ("12 € k" is not a thing,
    # but "$120k" and "120k €" are).
    mult: Decimal | None = None
    mm = _MULT_RE.match(text[ne : ne + 12])
    if mm and (mm.lastgroup == "l" or not _multiplier_is_unit(text, ne + mm.end())):
        mult = _MULTIPLIERS[mm.lastgroup or "k"]
        end = ne + mm.end()
    token, token_before, start, end = currency_beside(text, ns, end)
    if token == "R" and not token_before:
        token = None
        end = ne if mult is None else end
    three = token_iso(token) in THREE_DECIMALS if token else False
    number = _parse_number(blob, three_decimals=three, has_mult=mult is not None)
    if number is None:
        return None
    glued = _is_glued(text, blob, ns, ne, end, token_before, mult) or (
        token is None and any(a <= ns < b for a, b in phones)
    )
    # Dates and versions: "15.08.2017" is rejected by _parse_number; "2019-2024" here.
    yearlike = (
        blob.isdigit() and len(blob) == 4 and 1900 <= int(blob) <= 2100 and mult is None
        and token is None
    )
    plus = end < len(text) and text[end] == "+" and not (
        end + 1 < len(text) and text[end + 1].isalnum()
    )
    plus_end = end + 1 if plus else end
    spaced = None if plus else _SPACED_PLUS_RE.match(text, end)
    if spaced is not None:
        plus, plus_end = True, end + 2
    rest = text[end : end + 3].lstrip(" \u00a0")
    percent = rest.startswith("%") or text[end : end + 8].lower().lstrip().startswith("percent")
    return Amount(
        start=start, end=end, num_start=ns, num_end=ne, number=number, mult=mult,
        token=token, token_before=token_before, plus=plus, plus_end=plus_end, percent=percent,
        glued=glued, yearlike=yearlike, lakh_letter=mm is not None and mm.lastgroup == "lk",
    )


def find_amounts(text: str) -> Iterator[Amount]:
    phones = _phone_spans(text)
    for m in _NUM_RE.finditer(text):
        amount = _read_amount(text, m.group(0), m.start(), m.end(), phones)
        if amount is not None:
            yield amount


def could_have_period(text: str, left: str, end: int) -> bool:
    near = (left[-45:] + text[end : end + 40]).lower()
    return any(w in near for w in _PERIOD_WORDS)


def stated_period(
    text: str, left: str, start: int, end: int, plus_end: int
) -> tuple[Period | None, int, int]:
    after = PERIOD_AFTER_RE.match(text, max(end, plus_end))
    if after is not None and after.lastgroup in PERIODS:
        return after.lastgroup, start, after.end()  # type: ignore[return-value]
    window = left[-45:]
    before = _PERIOD_BEFORE_RE.search(window)
    if before is not None and before.lastgroup in PERIODS:
        return before.lastgroup, start - (len(window) - before.start()), end  # type: ignore[return-value]
    return None, start, end


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
    hints = _Hints.of(currency_hint, country)
    found = _first_pay(text, hints)
    if found is None:
        return None
    status = ir35_status(text) if "35" in text else None
    return attrs.evolve(found, ir35=status) if status else found


def _first_pay(text: str, hints: _Hints) -> Pay | None:
    """The first figure or range that is pay; a total package only when no base is stated."""
    posting = _is_posting(text)
    amounts = list(find_amounts(text))
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
    if posting and not cand.tokens and not cand.has_mult and not could_have_period(
        text, left, last.end
    ):
        return None  # a bare number in a posting: skip the costlier checks below
    if is_trap(text, left, start, end):
        return None
    period, start, end = stated_period(text, left, start, end, last.plus_end)
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

