"""Period conversion before the counts of a year of work were kept per WorkYear."""

from __future__ import annotations

from decimal import Decimal

from pipeline.normalize.money import DAYS_PER_WEEK, DEFAULT_WORK_YEAR, MONTHS_PER_YEAR, WorkYear


def _per_year(year: WorkYear, period: str) -> Decimal:
    days = Decimal(year.billable_days_per_year)
    count = {"hour": year.hours_worked, "day": days, "week": days / DAYS_PER_WEEK,
             "month": Decimal(MONTHS_PER_YEAR), "year": Decimal(1)}
    if period not in count:
        raise ValueError(f"unknown period {period!r}")
    return count[period]


def annualize(amount: Decimal, period: str, year: WorkYear | None = None) -> Decimal:
    return amount * _per_year(year or DEFAULT_WORK_YEAR, period)


def hourly(amount: Decimal, period: str, year: WorkYear | None = None) -> Decimal:
    work = year or DEFAULT_WORK_YEAR
    return amount * _per_year(work, period) / work.hours_worked
