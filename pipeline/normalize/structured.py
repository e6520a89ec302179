"""A source's own pay fields: read them, check they are plausible, and know when pay is hidden.

Sources state pay in fields (``baseSalary`` of the raw item), but the fields lie in known ways:
Remote OK and Himalayas put hourly rates in "annual" slots, Greenhouse gives no period at all,
and some postings say pay is hidden while their description carries other figures (benefit caps,
stipends). :func:`plausible_pay` is the ONE rule every source's structured pay goes through;
:func:`explicit_salary` says whether a text figure is stated as pay in so many words.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from pipeline.normalize.pay import PERIODS, Pay, infer_period, parse_pay, period_bounds


@attrs.frozen
class Checked:
    """Pay after :func:`plausible_pay`; ``inferred`` when its period is not the one declared."""

    pay: Pay
    inferred: bool


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() and number > 0 else None


def structured_pay(salary: Any) -> Pay | None:
    """The source's own pay fields (``baseSalary.valueMin`` ...) as a Pay, if usable."""
    if not isinstance(salary, dict):
        return None
    low, high = _decimal(salary.get("valueMin")), _decimal(salary.get("valueMax"))
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    period = salary.get("rateType")
    currency = salary.get("currency")
    return Pay(
        min=low, max=high,
        currency=currency.upper() if isinstance(currency, str) and len(currency) == 3 else None,
        period=period if period in PERIODS else None,
        raw=str(salary.get("raw") or ""),
    )


def _fits(pay: Pay, period: str) -> bool:
    low, high = period_bounds(period, pay.currency)  # type: ignore[arg-type]
    values = [v for v in (pay.min, pay.max) if v is not None]
    return bool(values) and all(low <= v <= high for v in values)


def plausible_pay(pay: Pay) -> Checked | None:
    """The structured ``pay`` with a period its amounts can be, or ``None`` to drop it.

    * a declared period the amounts fit is kept;
    * no declared period: the period the magnitude gives (flagged as inferred); when it gives
      none (a figure between hourly and yearly scale could be a day, week or month), dropped;
    * a declared period the amounts cannot be (``35`` "a year", ``120000`` "an hour") is re-read
      as the period the magnitude gives, flagged as inferred; when the magnitude gives none
      either, the amount is dropped: an implausible figure is never stored as is.
    """
    if pay.period is None:
        period = infer_period(pay.min, pay.max, pay.currency)
        if period is None or not _fits(pay, period):
            return None
        return Checked(attrs.evolve(pay, period=period), True)
    if _fits(pay, pay.period):
        return Checked(pay, False)
    period = infer_period(pay.min, pay.max, pay.currency)
    if period is not None and period != pay.period and _fits(pay, period):
        return Checked(attrs.evolve(pay, period=period), True)
    return None


# Words that make a figure pay in so many words. Benefit caps, stipends and allowances are not.
_SALARY_WORDS = re.compile(
    r"\b(?:salary|salaries|base\s+pay|pay\s+(?:range|band|rate|scale)|compensation\s+(?:range|"
    r"band)|hourly\s+rate|wage|wages|annual\s+base|base\s+compensation|OTE)\b",
    re.IGNORECASE,
)
_NOT_SALARY = re.compile(
    r"\b(?:stipend|allowance|reimburse\w*|budget|bonus|equity|insurance|401\s?k|match|perk|"
    r"benefit|learning|wellness|relocation|home\s+office)\b",
    re.IGNORECASE,
)


def explicit_salary(text: str, pay: Pay) -> bool:
    """True when the text names the figure of ``pay`` as a salary or wage ("Salary: $120k")."""
    where = text.find(pay.raw) if pay.raw else -1
    if where < 0:
        return False
    # Words of the same line only: a benefits heading above must not veto the salary below it.
    before = text[max(0, where - 60):where].rsplit("\n", 1)[-1]
    after = text[where + len(pay.raw):where + len(pay.raw) + 25]
    near = before + " " + after
    return bool(_SALARY_WORDS.search(near)) and not _NOT_SALARY.search(near)


def explicit_salary_pay(text: str, currency_hint: str | None = None,
                        tries: int = 5) -> Pay | None:
    """The first pay statement of ``text`` that :func:`explicit_salary` accepts, looking past up
    to ``tries`` other figures (a stipend stated before the salary)."""
    start = 0
    for _ in range(tries):
        rest = text[start:]
        found = parse_pay(rest, currency_hint=currency_hint)
        if found is None:
            return None
        if explicit_salary(rest, found):
            return found
        where = rest.find(found.raw) if found.raw else -1
        if where < 0:
            return None
        start += where + len(found.raw)
    return None


def restated(pay: Pay, text: str | None) -> Pay:
    """``pay`` in the currency (and period) the text states for the same figures.

    For sources whose currency is an assumption, not a field (Remote OK's numbers are "USD a
    year" by convention, yet some listings write "15 000 - 20 000 PLN / month"). Only the same
    figures count: a different amount in the text is another statement, not a correction.
    """
    found = parse_pay(text) if text else None
    if found is None or found.currency is None or found.currency == pay.currency:
        return pay
    ours = {v for v in (pay.min, pay.max) if v is not None}
    theirs = {v for v in (found.min, found.max) if v is not None}
    if not theirs or not theirs <= ours:
        return pay
    return attrs.evolve(pay, currency=found.currency, period=found.period or pay.period)


def currency_assumed(item: dict[str, Any]) -> bool:
    """True when the spider filled in the currency because the source has no currency field."""
    extra = item.get("extra")
    return isinstance(extra, dict) and extra.get("pay_currency_assumed") is True


def pay_hidden(item: dict[str, Any]) -> bool:
    """True when the source's own field says the posting's pay is hidden or not given."""
    extra = item.get("extra")
    return isinstance(extra, dict) and extra.get("pay_hidden") is True
