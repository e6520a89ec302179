"""Every dashboard page under Streamlit's AppTest on the seeded warehouse.

The seed has one source (hn), postings in Germany marked remote, half "Senior" and half
"Junior" titles, euro salaries, and six months of skills.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from handoff.landing import file_digest
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")
PAGES = ["trends", "pay", "markets", "skill_explorer", "companies", "your_stack", "postings",
         "sql", "data_health"]


def clear_caches() -> None:
    from dashboard.data import query

    query.clear()


@pytest.fixture
def db(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("JOBPULSE_DB", str(seeded_db))
    clear_caches()
    yield seeded_db
    clear_caches()


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    if page != "trends":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> int:
    return len(at.get("vega_lite_chart")) + len(at.get("arrow_vega_lite_chart"))


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_errors(db: Path, page: str) -> None:
    at = open_page(page)
    assert not at.error, [e.value for e in at.error]
    assert at.title, "each page has a title"
    # The shared filters are in the sidebar on every page.
    assert at.sidebar.multiselect(key="f_sources").options == ["hn"]


def test_trends_shows_the_default_skills_as_a_band_chart(db: Path) -> None:
    at = open_page("trends")
    chosen = at.multiselect(key="trend_skills").value
    assert {"AWS", "Azure", "Google Cloud"} <= set(chosen)
    assert "Python" in chosen
    assert charts(at) >= 1
    assert any(b.label == "Download CSV" for b in at.get("download_button"))


def test_trends_choosing_skills_and_presets_changes_the_data(db: Path) -> None:
    at = open_page("trends")
    at.multiselect(key="trend_skills").set_value(["Rust"]).run()
    assert not at.exception
    assert not at.dataframe, "the table is drawn only when asked for"
    at.toggle(key="trend_table").set_value(True).run()
    assert set(at.dataframe[0].value["skill"]) == {"Rust"}
    at.selectbox(key="trend_preset").set_value("Databases").run()
    assert set(at.multiselect(key="trend_skills").value) == {"PostgreSQL", "MongoDB"}
    at.radio(key="trend_basis").set_value("active").run()
    assert not at.exception
    at.multiselect(key="trend_skills").set_value([]).run()
    assert any("Choose one or more skills" in i.value for i in at.info)


def test_a_filter_changes_the_numbers_and_goes_into_the_url(db: Path) -> None:
    at = open_page("trends")
    assert "120 postings" in captions(at)
    at.sidebar.multiselect(key="f_seniority").set_value(["senior"]).run()
    assert not at.exception
    assert "60 postings" in captions(at)
    assert charts(at) >= 1, "the filtered query draws the chart too"
    assert at.query_params["seniority"] in ("senior", ["senior"])


def test_filters_are_read_back_from_the_url(db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["seniority"] = "entry"
    at.query_params["source"] = ["hn", "no-such-source"]
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_seniority").value == ["entry"]
    assert at.sidebar.multiselect(key="f_sources").value == ["hn"]
    assert "60 postings" in captions(at)


def test_filters_persist_across_pages(db: Path) -> None:
    at = open_page("trends")
    at.sidebar.multiselect(key="f_seniority").set_value(["entry"]).run()
    at.switch_page("screens/postings.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_seniority").value == ["entry"]
    assert "**60** postings match" in markdown(at)


def test_pay_shows_salaries_and_rates_apart_with_counts(db: Path) -> None:
    at = open_page("pay")
    assert charts(at) >= 3  # per skill, by market, by seniority
    assert not at.dataframe, "the tables are drawn only when asked for"
    at.toggle(key="pay_tables").set_value(True).run()
    assert len(at.dataframe) == 3
    frame = at.dataframe[0].value
    assert "postings" in frame.columns and (frame["postings"] > 0).all()
    usd_median = frame["median"].max()
    at.radio(key="pay_money").set_value("Original").run()
    assert at.selectbox(key="pay_currency").value == "EUR"
    assert at.dataframe[0].value["median"].max() < usd_median  # euros, not dollars
    at.radio(key="pay_type").set_value("Hourly rate").run()
    assert not at.exception
    assert any("No hourly rate stated" in i.value for i in at.info)


def test_pay_filter_changes_the_counts(db: Path) -> None:
    at = open_page("pay")
    at.toggle(key="pay_tables").set_value(True).run()
    before = int(at.dataframe[0].value["postings"].sum())
    at.sidebar.multiselect(key="f_seniority").set_value(["senior"]).run()
    assert not at.exception
    assert 0 < int(at.dataframe[0].value["postings"].sum()) < before


def test_markets_compares_markets(db: Path) -> None:
    at = open_page("markets")
    assert set(at.multiselect(key="markets_chosen").value) == {"DE", "remote"}
    assert charts(at) >= 3
    summary = at.dataframe[0].value
    assert set(summary["market"]) == {"DE", "remote"}
    assert summary["postings"].max() == 120


def test_skill_explorer_shows_trend_pay_markets_and_companions(db: Path) -> None:
    at = open_page("skill_explorer")
    assert at.selectbox(key="explorer_skill").value == "Python"
    assert charts(at) >= 3
    at.selectbox(key="explorer_skill").set_value("AWS").run()
    assert not at.exception
    assert at.query_params["skill"] in ("AWS", ["AWS"])
    at.sidebar.multiselect(key="f_sources").set_value(["hn"]).run()
    assert not at.exception
    assert charts(at) >= 3


def test_postings_filters_search_and_pages(db: Path) -> None:
    at = open_page("postings")
    assert "**120** postings match" in markdown(at)
    frame = at.dataframe[0].value
    assert len(frame) == 100 and {"title", "url", "skills"} <= set(frame.columns)
    at.selectbox(key="postings_skill").set_value("Rust").run()
    rust = int(markdown(at).split("**")[1])
    assert 0 < rust < 120
    at.text_input(key="postings_search").set_value("junior").run()
    assert set(at.dataframe[0].value["title"]) == {"Junior Backend Engineer"}
    at.selectbox(key="postings_skill").set_value(None).run()
    at.text_input(key="postings_search").set_value("").run()
    at.number_input(key="postings_page").set_value(2).run()
    assert len(at.dataframe[0].value) == 20


def test_sql_runs_an_example_and_rejects_a_write(db: Path) -> None:
    at = open_page("sql")
    at.selectbox(key="sql_example").set_value("Monthly share of Python, Go and Rust").run()
    submit = next(b for b in at.button if b.label == "Run")
    submit.click().run()
    assert not at.exception and not at.error
    result = at.dataframe[0].value
    assert set(result["skill"]) <= {"Python", "Go", "Rust"} and len(result) > 0
    at.text_area(key="sql_text").set_value("create table x(i int)")
    next(b for b in at.button if b.label == "Run").click().run()
    assert not at.exception
    assert "only SELECT" in at.error[0].value


def test_sql_rejects_file_access_and_keeps_the_row_limit(db: Path) -> None:
    at = open_page("sql")
    at.text_area(key="sql_text").set_value("select * from read_csv('/etc/passwd')")
    next(b for b in at.button if b.label == "Run").click().run()
    assert at.error and "read-only" in at.error[0].value
    at.text_area(key="sql_text").set_value("select * from range(50)")
    at.number_input(key="sql_limit").set_value(7)
    next(b for b in at.button if b.label == "Run").click().run()
    assert len(at.dataframe[0].value) == 7
    assert "more rows exist" in captions(at)


def test_data_health_lists_sources_and_runs(db: Path) -> None:
    from pipeline.ops.sources import SOURCES

    at = open_page("data_health")
    sources = at.dataframe[0].value
    # Every registered source (from the schedule), whether or not it has run.
    assert set(sources["source"]) == set(SOURCES)
    hn = sources[sources["source"] == "hn"].iloc[0]
    assert hn["last status"] == "ok" and hn["last items"] == 120
    assert hn["freshness"] == "fresh"
    # The bundled schedule leaves jsonld off until career pages are listed: no next run.
    enabled = sources["schedule (cron)"] != "disabled"
    assert list(sources[~enabled]["source"]) == ["jsonld"]
    assert sources[enabled]["next run"].notna().all()
    runs = at.dataframe[1].value
    assert list(runs["run_id"]) == ["seed"]
    at.sidebar.multiselect(key="f_sources").set_value(["hn"]).run()
    assert len(at.dataframe[0].value) == 1


def test_missing_warehouse_is_a_clear_error(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBPULSE_DB", str(tmp_path / "none.duckdb"))
    clear_caches()
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "no warehouse" in at.error[0].value


def test_data_health_shows_a_source_that_reached_nothing_as_not_fresh(
        seeded_db: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # A crawl of remoteok that reached nothing, as the run manifest records it, then loaded.
    folder = settings.landing_dir / "remoteok"
    folder.mkdir(parents=True)
    (folder / "r-failed.jsonl").write_bytes(b"")
    (folder / "r-failed.run.json").write_text(json.dumps({
        "run_id": "r-failed", "source": "remoteok", "finish_reason": "finished",
        "status": "failed", "failure": "no items from 0 page(s); errors: "
        "download_DownloadConnectionRefusedError=1", "pages": 0, "items": 0,
        "errors": {"download_DownloadConnectionRefusedError": 1},
        "started_at": "2026-12-01T00:00:00+00:00", "finished_at": "2026-12-01T00:00:05+00:00",
        "landing": file_digest(b"")}))
    assert not load_warehouse(settings).failed
    monkeypatch.setenv("JOBPULSE_DB", str(seeded_db))
    clear_caches()
    at = open_page("data_health")
    sources = at.dataframe[0].value.set_index("source")
    assert sources.loc["remoteok", "freshness"] == "never good"
    assert sources.loc["remoteok", "last status"] == "failed"
    assert sources.loc["hn", "freshness"] == "fresh"
    assert sources.loc["lever", "freshness"] == "never run"
    # The latest runs name why it failed.
    runs = at.dataframe[1].value.set_index("run_id")
    assert runs.loc["r-failed", "failure"].startswith("no items from 0 page(s); errors: ")
    clear_caches()


def test_data_health_shows_each_sources_coverage_window(db: Path) -> None:
    at = open_page("data_health")
    assert "Coverage windows" in [h.value for h in at.subheader]
    coverage = at.dataframe[2].value.set_index("source")
    # The seed is one Hacker News run with threads from January to June 2026: a thread source
    # covers its thread months and counts every posting as demand.
    hn = coverage.loc["hn"]
    assert hn["kind"] == "thread"
    assert str(hn["first_month"])[:10] == "2026-01-01"
    assert str(hn["last_month"])[:10] == "2026-06-01"
    assert hn["months_covered"] == 6 and hn["runs"] == 1
    assert hn["counted as demand"] == 120 and hn["survivors (not counted)"] == 0
