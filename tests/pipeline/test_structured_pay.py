"""Structured pay, per source: each spider's extraction of a fixture in the source's real 2026
shape (shared/sources/README.md §11), then :func:`enrich`; plus the one plausibility rule."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest

from crawlers.spiders import ashby, greenhouse, himalayas, lever, remoteok
from pipeline.normalize.enrich import enrich
from pipeline.normalize.pay import Pay
from pipeline.normalize.record import posting_row
from pipeline.normalize.structured import Checked, explicit_salary, plausible_pay
from tests.conftest import FIXTURE_SITES

COMMON = {"fetched_at": "2026-10-10T00:00:00Z", "crawl_run": "r1"}


def fixture(source: str, name: str) -> Any:
    return json.loads((FIXTURE_SITES / source / name).read_text("utf-8"))


def enriched(item: Any) -> dict[str, Any]:
    raw = json.loads(json.dumps(attrs.asdict(item), ensure_ascii=False))
    return enrich(posting_row(raw), raw)


def pay(out: dict[str, Any]) -> tuple[Any, ...] | None:
    if out["pay_min"] is None and out["pay_max"] is None:
        return None
    return (out["pay_min"], out["pay_max"], out["pay_currency"], out["pay_period"],
            out["pay_period_inferred"])


def D(value: str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


# --------------------------------------------------------------------------------------------
# The rule: plausible for the declared period, else re-read by magnitude, else dropped
# --------------------------------------------------------------------------------------------

RULE = [
    # (min, max, currency, declared) -> (period, inferred) or None (dropped)
    ("120000", "150000", "USD", "year", ("year", False)),
    ("80", "140", "USD", "year", ("hour", True)),          # Remote OK hourly-scale "salary"
    ("114", "225", "USD", "year", ("hour", True)),
    ("14", "20", "USD", "year", ("hour", True)),           # Himalayas "annual" hourly figures
    ("45", "60", "USD", "year", ("hour", True)),           # Ashby/Lever "1 YEAR" hourly figures
    ("120000", "150000", "USD", "hour", ("year", True)),   # a salary declared hourly
    ("6000", "8000", "USD", "year", ("year", False)),      # low, but within a year's bounds
    ("3", "4", "USD", "hour", None),                        # below any pay
    ("5000", "6500", "EUR", "month", ("month", False)),
    ("60", "75", "CAD", "hour", ("hour", False)),
    ("32.69", "45.00", "USD", None, ("hour", True)),       # no period field: magnitude
    ("85000", "85000", "EUR", None, ("year", True)),
    ("6000", "8000", "USD", None, None),
    ("5", "8", None, None, None),
    ("15000", "20000", "PLN", "month", ("month", False)),
    ("15000", "20000", "PLN", "year", None),                # too small a year, too big an hour
    ("3000000", "4000000", "INR", "year", ("year", False)),
    ("900000", "1200000", "USD", "month", ("year", True)),  # a year's figure, mislabelled
    ("5000000", "6000000", "USD", "month", None),           # revenue, not pay
]


@pytest.mark.parametrize(("low", "high", "currency", "declared", "expected"), RULE)
def test_plausibility_rule(low: str, high: str, currency: str | None, declared: str | None,
                           expected: tuple[str, bool] | None) -> None:
    given = Pay(min=Decimal(low), max=Decimal(high), currency=currency, period=declared,
                raw="")
    checked = plausible_pay(given)
    if expected is None:
        assert checked is None
        return
    assert isinstance(checked, Checked)
    assert (checked.pay.period, checked.inferred) == expected
    assert (checked.pay.min, checked.pay.max, checked.pay.currency) == (
        given.min, given.max, given.currency)


@pytest.mark.parametrize(("text", "expected"), [
    ("Salary: $150,000 - $180,000 per year", True),
    ("The base pay range for this role is $150,000 - $180,000 per year", True),
    ("Perks: $24,000 per year towards your housing", False),
    ("We cover premiums up to $30,000 per year per family", False),
])
def test_explicit_salary(text: str, expected: bool) -> None:
    from pipeline.normalize.pay import parse_pay

    found = parse_pay(text)
    # The text parser may already refuse a benefit cap as pay; then it is no salary either.
    assert (found is not None and explicit_salary(text, found)) is expected


# --------------------------------------------------------------------------------------------
# Per source
# --------------------------------------------------------------------------------------------

def greenhouse_items() -> dict[str, dict[str, Any]]:
    jobs = fixture("greenhouse", "brackenfield.json")["jobs"]
    return {str(j["id"]): enriched(greenhouse.extract_posting(
        j, board="brackenfield", board_name="Brackenfield", source="greenhouse", **COMMON))
        for j in jobs}


def test_greenhouse_metadata_pay_and_fields() -> None:
    out = greenhouse_items()
    # currency_range with string numbers, no period: hourly by magnitude, flagged inferred.
    assert pay(out["7400004001"]) == (D("32.69"), D("45"), "USD", "hour", True)
    assert out["7400004001"]["pay_source"] == "structured"
    assert out["7400004001"]["pay_kind"] == "rate"
    assert out["7400004001"]["employment_type"] == "contract"   # "Contingent worker"
    assert out["7400004001"]["seniority"] == "junior"           # "Entry-level"
    # currency {unit, amount}: one figure, yearly by magnitude.
    assert pay(out["7400004002"]) == (D("85000"), D("85000"), "EUR", "year", True)
    assert out["7400004002"]["employment_type"] == "full_time"  # "FTE - Regular"
    # number_range named as pay; the "Team Size" number_range is not pay.
    assert pay(out["7400004003"]) == (D("140000"), D("175000"), None, "year", True)
    assert pay(out["7400004004"]) is None
    # No metadata: the text's salary statement.
    assert pay(out["7400004005"]) == (D("150000"), D("180000"), "USD", "year", False)
    assert out["7400004005"]["pay_source"] == "text"
    # An amount no period fits is dropped, not stored with a guessed period.
    assert pay(out["7400004006"]) is None


def test_greenhouse_keeps_no_recruiter_in_metadata() -> None:
    job = fixture("greenhouse", "brackenfield.json")["jobs"][0]
    item = greenhouse.extract_posting(job, board="brackenfield", board_name="Brackenfield",
                                      source="greenhouse", **COMMON)
    assert "@" not in json.dumps(attrs.asdict(item))


def ashby_items() -> dict[str, dict[str, Any]]:
    jobs = fixture("ashby", "ferngate.json")["jobs"]
    return {j["title"]: enriched(ashby.extract_posting(
        j, board="ferngate", board_name="Ferngate", source="ashby", **COMMON)) for j in jobs}


def test_ashby_pay_intervals_currencies_and_hidden_pay() -> None:
    out = ashby_items()
    assert pay(out["Senior Backend Engineer"]) == (D("70000"), D("85000"), "GBP", "year", False)
    assert pay(out["Platform Engineer"]) == (D("5000"), D("6500"), "EUR", "month", False)
    assert pay(out["Contract API Developer"]) == (D("60"), D("75"), "CAD", "hour", False)
    # "1 YEAR" with hourly-scale figures: re-read as hourly, never a $45 salary.
    assert pay(out["Integrations Engineer"]) == (D("45"), D("60"), "USD", "hour", True)
    # Hidden pay (null summaries, empty arrays): benefit figures are not a salary ...
    assert pay(out["Backend Engineer"]) is None
    # ... but a figure the text names as the salary still counts.
    assert pay(out["Data Engineer"]) == (D("120000"), D("140000"), "CAD", "year", False)


def test_ashby_work_mode_and_employment_fields() -> None:
    out = ashby_items()
    # Hybrid with a secondary "Remote" location and isRemote true is hybrid.
    assert out["Senior Backend Engineer"]["work_mode"] == "hybrid"
    assert out["Senior Backend Engineer"]["remote_scope"] is None
    assert out["Platform Engineer"]["work_mode"] == "hybrid"
    assert out["Data Engineer"]["work_mode"] == "onsite"
    assert out["Backend Engineer"]["work_mode"] == "remote"
    assert out["Contract API Developer"]["employment_type"] == "contract"   # Temporary
    assert out["Senior Backend Engineer"]["employment_type"] == "full_time"


def test_lever_intervals_and_workplace_type() -> None:
    postings = fixture("lever", "marrowdale.json")
    out = {p["text"]: enriched(lever.extract_posting(
        p, site="marrowdale", site_name="Marrowdale", source="lever", **COMMON))
        for p in postings}
    assert pay(out["Backend Engineer"]) == (D("55"), D("70"), "USD", "hour", False)
    assert out["Backend Engineer"]["work_mode"] == "hybrid"   # despite "Remote" among locations
    assert pay(out["Platform Engineer"]) == (D("4500"), D("5500"), "EUR", "month", False)
    assert out["Platform Engineer"]["work_mode"] == "onsite"
    assert pay(out["Integrations Engineer"]) == (D("40"), D("55"), "USD", "hour", True)
    assert out["Integrations Engineer"]["work_mode"] == "remote"
    assert pay(out["Senior Backend Engineer"]) == (D("165000"), D("195000"), "USD", "year", False)


def test_remoteok_hourly_scale_and_stated_currency() -> None:
    records = [r for r in fixture("remoteok", "pay_shapes.json") if "id" in r]
    out = {r["id"]: enriched(remoteok.extract_posting(r, source="remoteok", **COMMON))
           for r in records}
    assert pay(out["1290001"]) == (D("80"), D("140"), "USD", "hour", True)
    assert out["1290001"]["pay_kind"] == "rate"
    # The same figures stated in another currency and period by the text.
    assert pay(out["1290002"]) == (D("15000"), D("20000"), "PLN", "month", False)
    assert pay(out["1290003"]) == (D("4000"), D("5000"), "EUR", "month", False)
    assert pay(out["1290004"]) == (D("120000"), D("150000"), "USD", "year", False)
    assert pay(out["1290005"]) is None
    # Other figures in another currency do not correct the salary.
    assert pay(out["1290006"]) == (D("70000"), D("90000"), "USD", "year", False)


def test_himalayas_salary_period() -> None:
    jobs = fixture("himalayas", "pay_shapes.json")["jobs"]
    out = {j["title"]: enriched(himalayas.extract_posting(j, source="himalayas", **COMMON))
           for j in jobs}
    assert pay(out["Backend Engineer"]) == (D("50"), D("80"), "USD", "hour", False)
    assert out["Backend Engineer"]["employment_type"] == "contract"
    assert pay(out["Platform Engineer"]) is None      # "annual" with no salary
    assert pay(out["Support Engineer"]) == (D("14"), D("20"), "USD", "hour", True)
    assert pay(out["Senior Backend Engineer"]) == (D("90000"), D("120000"), "USD", "year", False)
    assert pay(out["Data Engineer"]) == (D("59200.08"), D("74000"), "CAD", "year", False)
    assert out["Data Engineer"]["employment_type"] == "contract"   # Temporary


def test_when_is_posting_date() -> None:
    # Guard for the helper above: enrich needs a posting or fetch time.
    job = fixture("lever", "marrowdale.json")[0]
    raw = attrs.asdict(lever.extract_posting(job, site="marrowdale", site_name="Marrowdale",
                                             source="lever", **COMMON))
    assert isinstance(posting_row(raw)["fetched_at"], datetime)


def test_jobicy_goes_through_the_same_rule() -> None:
    from crawlers.spiders import jobicy

    def job(n: int, low: Any, high: Any, period: str) -> dict[str, Any]:
        return {"id": n, "url": f"https://jobicy.com/jobs/{n}-backend", "jobSlug": f"{n}-backend",
                "jobTitle": "Backend Engineer", "companyName": "Ostwick",
                "jobIndustry": ["Programming"], "jobType": ["Full-Time"], "jobGeo": "USA",
                "jobLevel": "Senior", "jobExcerpt": "APIs in Go.",
                "jobDescription": "<p>APIs in Go.</p>", "pubDate": "2026-09-30 10:00:00",
                "salaryMin": low, "salaryMax": high, "salaryCurrency": "USD",
                "salaryPeriod": period}

    out = {n: enriched(jobicy.extract_posting(job(n, lo, hi, per), source="jobicy", **COMMON))
           for n, lo, hi, per in [(1, 95, 120, "yearly"), (2, 130000, 160000, "yearly"),
                                  (3, 9, 9, "yearly")]}
    assert pay(out[1]) == (D("95"), D("120"), "USD", "hour", True)
    assert pay(out[2]) == (D("130000"), D("160000"), "USD", "year", False)
    assert pay(out[3]) is None


def test_jsonld_employment_list_and_implausible_unit() -> None:
    from crawlers.jsonld_extract import extract_jobposting

    posting = {
        "@context": "https://schema.org", "@type": "JobPosting", "title": "Backend Engineer",
        "description": "&lt;p&gt;Python services.&lt;/p&gt;",
        "datePosted": "2026-09-30T10:00:00.123456+00:00",
        "hiringOrganization": {"@type": "Organization", "name": "Wrenfield"},
        "employmentType": ["FULL_TIME", "CONTRACTOR"],
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
                                                      "addressLocality": "Denver",
                                                      "addressRegion": "CO",
                                                      "addressCountry": "US"}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                       "value": {"@type": "QuantitativeValue", "minValue": "62.50",
                                 "maxValue": "80", "unitText": "YEAR"}},
    }
    item = extract_jobposting(posting, page_url="https://careers.wrenfield.example/jobs/1",
                              index=0, count=1, source="jsonld", **COMMON)
    out = enriched(item)
    assert out["employment_types"] == ["full_time", "contract"]
    assert pay(out) == (D("62.50"), D("80"), "USD", "hour", True)
    single = enriched(extract_jobposting({**posting, "employmentType": "FULL_TIME"},
                                         page_url="https://careers.wrenfield.example/jobs/2",
                                         index=0, count=1, source="jsonld", **COMMON))
    assert single["employment_type"] == "full_time"
