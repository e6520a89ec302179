"""Page details users asked for: pay type in the URL, one pay panel per pay type, inferred
pay periods flagged, contract against permanent hiring."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipeline.config import Settings
from tests.conftest import ROOT, write_seed_landing
from tests.dashboard.test_pages import (  # noqa: F401  (db: fixture)
    charts,
    clear_caches,
    db,
    open_page,
)


def test_pay_type_goes_into_the_url_and_back(db: Path) -> None:  # noqa: F811
    at = open_page("pay")
    assert at.query_params["pay"] in ("salary", ["salary"])
    at.radio(key="pay_type").set_value("Day rate").run()
    assert not at.exception
    assert at.query_params["pay"] in ("day", ["day"])
    # A new session opened on a URL with ?pay=hour starts on the hourly rate.
    fresh = AppTest.from_file(str(ROOT / "dashboard" / "screens" / "pay.py"), default_timeout=60)
    fresh.query_params["pay"] = "hour"
    fresh.run()
    assert not fresh.exception, [e.value for e in fresh.exception]
    assert fresh.radio(key="pay_type").value == "Hourly rate"


def test_skill_explorer_draws_one_pay_panel_per_pay_type(db: Path) -> None:  # noqa: F811
    at = open_page("skill_explorer")
    captions = "\n".join(c.value for c in at.caption)
    assert "each on its own axis" in captions
    # The seed states salaries only: one panel, and no empty rate panels.
    # Movers too: the seed's six months compare the last quarter with the one before.
    assert charts(at) == 4  # trend, one pay panel, markets, companions


def test_pay_flags_inferred_periods_and_can_leave_them_out(db: Path) -> None:  # noqa: F811
    # Every seeded salary ("€60k-80k") names no period: the year is inferred.
    at = open_page("pay")
    at.toggle(key="pay_tables").set_value(True).run()
    table = at.dataframe[0].value
    assert (table["period_inferred"] == table["postings"]).all()
    at.toggle(key="pay_stated").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("No annual salary stated" in i.value for i in at.info)
    # With a sidebar filter the same switch goes through the filtered queries.
    at.toggle(key="pay_stated").set_value(False).run()
    at.sidebar.multiselect(key="f_seniority").set_value(["senior"]).run()
    filtered = at.dataframe[0].value
    assert (filtered["period_inferred"] == filtered["postings"]).all()
    at.toggle(key="pay_stated").set_value(True).run()
    assert any("No annual salary stated" in i.value for i in at.info)


@pytest.fixture
def hiring_db(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The seeded warehouse plus contract and permanent postings in the UK."""
    from pipeline.ingest.loader import load_warehouse

    write_seed_landing(settings)
    folder = settings.landing_dir / "remoteok"
    folder.mkdir(parents=True)
    started = datetime.now(UTC) - timedelta(minutes=2)
    lines = []
    for n in range(40):
        contract = n % 2 == 0
        lines.append(json.dumps({
            "source": "remoteok", "source_id": str(n), "url": f"https://example.test/{n}",
            "fetched_at": started.isoformat(), "crawl_run": "hire",
            "jobTitle": "Backend Engineer", "datePublished": f"2026-0{1 + n % 6}-05T12:00:00Z",
            "hiringOrganization": {"name": f"Firm {n}"}, "jobLocation": {"raw": "London, UK"},
            "employmentType": "Contract" if contract else "Full-time",
            "baseSalary": {"raw": "£550 per day" if contract else "£80,000 per year"},
            "description": "Go and PostgreSQL." if contract else "Java and Oracle.",
        }))
    (folder / "hire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "hire.run.json").write_text(json.dumps({
        "run_id": "hire", "source": "remoteok", "finish_reason": "finished", "pages": 1,
        "items": len(lines), "errors": {}, "started_at": started.isoformat(),
        "finished_at": (started + timedelta(minutes=1)).isoformat()}))
    assert not load_warehouse(settings).failed
    monkeypatch.setenv("JOBPULSE_DB", str(settings.db_path))
    clear_caches()
    yield settings.db_path
    clear_caches()


def test_markets_compare_contract_with_permanent(hiring_db: Path) -> None:
    at = open_page("markets")
    at.button(key="markets_contract").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert set(at.multiselect(key="markets_chosen").value) == {"contract", "permanent"}
    summary = at.dataframe[0].value
    by_market = {row["market"]: row for row in summary.to_dict("records")}
    assert by_market["contract"]["postings"] == by_market["permanent"]["postings"] == 20
    assert by_market["contract"]["rate_hourly_usd_typical"] > 0
    assert by_market["permanent"]["salary_annual_usd_typical"] > 0
    assert charts(at) >= 5  # demand, salary, rate, remote share, top skills
    # The same comparison through the filtered queries.
    at.sidebar.multiselect(key="f_countries").set_value(["GB"]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert set(at.dataframe[0].value["market"]) == {"contract", "permanent"}


def test_bar_labels_are_whole_and_every_mover_is_labelled() -> None:
    import polars as pl

    from dashboard import charts as chart_lib

    kinds = pl.DataFrame({"kind": ["downloader/exception_type_count/twisted.internet.error."
                                   "TimeoutError", "format_changed"], "errors": [3, 1]})
    spec = chart_lib.bar_chart(kinds, x="errors", y="kind", x_title="errors").to_dict()
    axis = spec["encoding"]["y"]["axis"]
    assert axis["labelLimit"] == 0 and axis["labelOverlap"] is False
    movers = pl.DataFrame({"skill": [f"S{i}" for i in range(12)],
                           "change_pp": [float(i - 6) or 0.5 for i in range(12)],
                           "ci_low_pp": [0.0] * 12, "ci_high_pp": [1.0] * 12,
                           "recent_postings": [1] * 12, "past_postings": [1] * 12,
                           "direction": ["rising"] * 12})
    layered = chart_lib.movers_chart(movers).to_dict()
    assert layered["height"] == {"step": 34}
    bars, _, labels = layered["layer"]
    assert bars["encoding"]["y"]["axis"]["labelOverlap"] is False
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "label"
