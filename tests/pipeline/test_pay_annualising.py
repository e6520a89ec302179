"""Pay class 10: one model of a year of work for every period, and inferred periods flagged.

$100 an hour, $800 a day, $4,000 a week and $176,000 a year are the same pay under the default
year of 220 days of 8 hours; the settings change the model for every period at once.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipeline.config import Settings
from pipeline.normalize.enrich import enrich
from pipeline.normalize.money import WorkYear


def _row(pay_raw: str) -> dict:
    when = datetime(2026, 3, 2, tzinfo=UTC)
    return {"posting_id": "t:1", "source": "remoteok", "title": "Backend Engineer",
            "company": "Acme", "location_raw": "New York, NY", "remote_raw": None,
            "employment_raw": None, "pay_raw": pay_raw, "description": "", "posted_at": when,
            "fetched_at": when, "tags": []}


@pytest.mark.parametrize("pay_raw", ["$100/hour", "$800 per day", "$4,000 a week",
                                     "$176,000 per year"])
def test_every_period_lands_on_the_same_scale(pay_raw: str) -> None:
    out = enrich(_row(pay_raw), {})
    assert out["pay_period_inferred"] is False
    assert out["pay_annual_usd_min"] == Decimal("176000.00")
    assert out["pay_hourly_usd_min"] == Decimal("100.00")


def test_rate_and_salary_kinds_stay_apart() -> None:
    assert enrich(_row("$800 per day"), {})["pay_kind"] == "rate"
    assert enrich(_row("$176,000 per year"), {})["pay_kind"] == "salary"


def test_the_settings_move_every_period_together() -> None:
    year = WorkYear(hours_per_year=1950, billable_days_per_year=200)  # 7.5-hour days
    hour = enrich(_row("$100/hour"), {}, year)
    day = enrich(_row("$750 per day"), {}, year)
    assert hour["pay_annual_usd_min"] == day["pay_annual_usd_min"] == Decimal("150000.00")
    assert hour["pay_hourly_usd_min"] == day["pay_hourly_usd_min"] == Decimal("100.00")


def test_an_unstated_period_is_inferred_and_flagged() -> None:
    out = enrich(_row("$150k-190k"), {})
    assert (out["pay_period"], out["pay_period_inferred"]) == ("year", True)
    assert out["pay_annual_usd_min"] == Decimal("150000.00")


def _landing(settings: Settings, pays: list[str]) -> None:
    folder = settings.landing_dir / "remoteok"
    folder.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC) - timedelta(minutes=2)
    lines = [json.dumps({
        "source": "remoteok", "source_id": str(n), "url": f"https://example.test/{n}",
        "fetched_at": started.isoformat(), "crawl_run": "pay", "jobTitle": "Backend Engineer",
        "datePublished": "2026-03-02T12:00:00Z", "hiringOrganization": {"name": f"Co {n}"},
        "jobLocation": {"raw": "New York, NY"}, "baseSalary": {"raw": pay},
        "description": f"Python and PostgreSQL. Posting {n}.",
    }) for n, pay in enumerate(pays)]
    (folder / "pay.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "pay.run.json").write_text(json.dumps({
        "run_id": "pay", "source": "remoteok", "finish_reason": "finished", "pages": 1,
        "items": len(lines), "errors": {}, "started_at": started.isoformat(),
        "finished_at": (started + timedelta(minutes=1)).isoformat(),
    }))


def _load(settings: Settings, pays: list[str]) -> Path:
    from pipeline.ingest.loader import load_warehouse

    _landing(settings, pays)
    assert not load_warehouse(settings).failed
    return settings.db_path


def test_pay_views_count_inferred_periods_and_a_query_leaves_them_out(settings: Settings) -> None:
    db = _load(settings, ["$150,000 per year", "$160,000 a year", "$170k"])
    con = duckdb.connect(str(db), read_only=True)
    postings, inferred = con.execute(
        "select postings, period_inferred_postings from pay_by_skill where skill = 'Python' "
        "and pay_period = 'year' and market = 'all' and employment_type = 'all' "
        "and currency = 'all'").fetchone()
    assert (postings, inferred) == (3, 1)
    stated = con.execute("select count(*) from postings_dedup where pay_kind is not null "
                         "and not coalesce(pay_period_inferred, false)").fetchone()
    assert stated == (2,)


def test_the_loader_reads_the_year_from_settings(tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing",
                        hours_per_year=1950, billable_days_per_year=200)
    db = _load(settings, ["$100/hour"])
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select pay_annual_usd_min, pay_hourly_usd_min from postings"
                       ).fetchone() == (Decimal("150000.00"), Decimal("100.00"))
