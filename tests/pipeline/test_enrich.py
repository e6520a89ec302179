"""Composition of the normalizers into a posting's normalized columns."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pipeline.normalize.enrich import ENRICHED_COLUMNS, enrich, structured_pay

WHEN = datetime(2025, 6, 2, 15, 0, tzinfo=UTC)


def row(**fields: Any) -> dict[str, Any]:
    base = {"title": "Senior Backend Engineer", "company": "Acme", "location_raw": "Berlin",
            "remote_raw": None, "employment_raw": "Full-time", "pay_raw": None,
            "description": "We use Go.", "posted_at": WHEN, "fetched_at": WHEN}
    return {**base, **fields}


def test_every_column_is_present() -> None:
    assert set(enrich(row(), {})) == set(ENRICHED_COLUMNS)


def test_structured_pay_wins_over_text() -> None:
    item = {"baseSalary": {"raw": "120000-150000 USD/yr", "valueMin": "120000",
                           "valueMax": "150000", "currency": "USD", "rateType": "year"}}
    out = enrich(row(pay_raw="€10-20k"), item)
    assert (out["pay_min"], out["pay_max"], out["pay_currency"], out["pay_period"]) == (
        Decimal("120000.00"), Decimal("150000.00"), "USD", "year")
    assert out["pay_source"] == "structured" and out["pay_kind"] == "salary"
    assert out["usd_rate"] == Decimal(1)


def test_text_pay_in_euros_is_converted_with_the_ecb_rate_of_the_posting_date() -> None:
    out = enrich(row(pay_raw="€70-90k"), {})
    assert (out["pay_min"], out["pay_max"], out["pay_currency"]) == (
        Decimal("70000.00"), Decimal("90000.00"), "EUR")
    assert out["pay_period"] == "year" and out["pay_period_inferred"] is True
    assert out["usd_rate_date"] == date(2025, 6, 2)
    assert out["usd_rate_source"].startswith("ECB")
    assert out["pay_usd_min"] == (Decimal(70000) * out["usd_rate"]).quantize(Decimal("0.01"))
    assert out["pay_annual_usd_max"] == out["pay_usd_max"]


def test_hourly_rate_stays_a_rate() -> None:
    out = enrich(row(pay_raw="$110/hr", employment_raw="Contract"), {})
    assert out["pay_period"] == "hour" and out["pay_period_inferred"] is False
    assert out["pay_kind"] == "rate"
    assert out["pay_annual_usd_min"] == Decimal("193600.00")  # 220 days of 8 hours
    assert out["pay_hourly_usd_min"] == Decimal("110.00")
    assert out["employment_type"] == "contract"


def test_no_pay_is_no_pay() -> None:
    out = enrich(row(pay_raw="competitive", description="We raised $40M and have 500 people."),
                 {})
    assert out["pay_min"] is None and out["pay_kind"] is None and out["usd_rate"] is None


def test_places_roles_and_dedup_key() -> None:
    out = enrich(row(location_raw="Berlin, Germany", remote_raw="REMOTE (EU)"), {})
    assert out["country"] == "DE" and out["city"] == "Berlin"
    assert out["work_mode"] == "remote"
    assert out["seniority"] == "senior" and out["seniority_band"] == "senior"
    assert out["dedup_key"]


def test_structured_pay_tolerates_junk() -> None:
    assert structured_pay({"valueMin": "negotiable", "valueMax": 0}) is None
    pay = structured_pay({"valueMin": "90", "valueMax": "60", "currency": "usd",
                          "rateType": "hour"})
    assert pay is not None and (pay.min, pay.max, pay.currency) == (60, 90, "USD")


def test_assumptions_are_configurable() -> None:
    from pipeline.normalize.money import WorkYear

    out = enrich(row(pay_raw="€600/day"), {}, WorkYear(hours_per_year=1800,
                                                        billable_days_per_year=200))
    assert out["pay_period"] == "day" and out["pay_kind"] == "rate"
    assert out["pay_annual_usd_min"] == (out["pay_usd_min"] * 200).quantize(Decimal("0.01"))


def test_settings_read_assumptions_from_the_environment(monkeypatch) -> None:
    import pytest

    from pipeline.config import Settings
    from pipeline.errors import JobpulseError

    monkeypatch.setenv("JOBPULSE_BILLABLE_DAYS_PER_YEAR", "200")
    assert Settings.from_env().billable_days_per_year == 200
    monkeypatch.setenv("JOBPULSE_HOURS_PER_YEAR", "lots")
    with pytest.raises(JobpulseError, match="JOBPULSE_HOURS_PER_YEAR"):
        Settings.from_env()
