"""The ``jobicy`` spider: pure extraction (absent salary keys, periods, escapes) and crawls."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from crawlers.spiders.jobicy import clean_geo, extract_posting, unescape_list
from pipeline.config import Settings
from pipeline.demo.jobicy_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

DEV = {"160001", "160002", "160003", "160004"}


def envelope() -> dict:
    return json.loads((FIXTURE_SITES / "jobicy" / "remote-jobs.json").read_text(encoding="utf-8"))


def crawl(replay: ReplayServer, settings: Settings, **args: str) -> CrawlResult:
    return run_crawl("jobicy", landing_dir=settings.landing_dir, base_url=replay.base("jobicy"),
                     args=args)


def extract(record: dict):
    return extract_posting(record, source="jobicy", fetched_at="2026-10-01T00:00:00Z",
                           crawl_run="r1")


def test_extract_posting_field_by_field() -> None:
    item = extract(envelope()["jobs"][0])
    assert item.source == "jobicy"
    assert item.source_id == "160001"
    assert item.url == "https://jobicy.com/jobs/160001-senior-backend-developer-python"
    assert item.jobTitle == "Senior Backend Developer (Python)"
    assert item.hiringOrganization == {"name": "Larkspur Logistics",
                                       "nameRaw": "Larkspur Logistics"}
    assert item.datePublished == "2026-09-30T11:22:33Z"
    assert item.datePublishedRaw == "2026-09-30T11:22:33+00:00"
    assert item.jobLocation == {"raw": "LATAM, Canada, USA"}  # double spaces collapsed
    assert item.remoteStatus == "Remote"
    assert item.employmentType == "Full-Time"
    assert item.baseSalary == {
        "raw": "USD 120000 - 150000 per year", "valueMin": "120000", "valueMax": "150000",
        "currency": "USD", "currencyRaw": "USD", "rateType": "year", "source": "structured",
    }
    assert item.tags == ["Programming"]
    assert item.description == ("Larkspur Logistics is looking for a Senior Backend Developer "
                                "(Python).\n\nDesign and run services")
    assert item.extra is not None
    assert item.extra["job_level"] == "Senior"
    assert item.extra["seniority_hints"] == ["Senior"]
    assert item.extra["geo_raw"] == "LATAM,  Canada,  USA"


@pytest.mark.parametrize(("index", "rate", "low", "high", "currency"), [
    (1, "month", "6000", "7500", "EUR"),
    (2, "hour", "45", "70", "USD"),
])
def test_salary_periods(index: int, rate: str, low: str, high: str, currency: str) -> None:
    salary = extract(envelope()["jobs"][index]).baseSalary
    assert salary is not None
    assert (salary["rateType"], salary["valueMin"], salary["valueMax"], salary["currency"]) == (
        rate, low, high, currency)


def test_absent_salary_keys_give_no_base_salary() -> None:
    record = envelope()["jobs"][3]
    assert not {"salaryMin", "salaryMax", "salaryCurrency", "salaryPeriod"} & record.keys()
    assert extract(record).baseSalary is None


def test_old_date_format_is_utc() -> None:
    item = extract(envelope()["jobs"][2])
    assert item.datePublishedRaw == "2026-09-28 17:45:10"
    assert item.datePublished == "2026-09-28T17:45:10Z"
    assert item.extra is not None and item.extra["seniority_hints"] == []  # "Any"
    assert item.employmentType == "Part-Time, Contract"


def test_escaped_industry() -> None:
    item = extract(envelope()["jobs"][4])
    assert item.tags == ["Design & Multimedia"]
    assert unescape_list(["Product &amp; Operations"]) == ["Product & Operations"]
    assert clean_geo("UK,  Europe") == "UK, Europe" and clean_geo(None) is None


def test_full_crawl_default_industry(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings)
    assert result.ok, result.log_file.read_text()
    ids = [i["source_id"] for i in landed(result)]
    assert len(ids) == 4 and set(ids) == DEV
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True
    assert result.manifest["args"]["industry"] == "dev"


def test_filters(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, industry="dev,marketing", geo="europe")
    assert {i["source_id"] for i in landed(result)} == {"160002", "160004"}
    result = crawl(replay, settings, tag="python")
    assert {i["source_id"] for i in landed(result)} == {"160001"}


def test_full_answer_is_not_a_complete_listing(replay: ReplayServer,
                                               settings: Settings) -> None:
    result = crawl(replay, settings, count="2")
    assert len(landed(result)) == 2
    assert result.manifest["complete_listing"] is False


def test_empty_listing(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, industry="hr")
    assert result.ok and landed(result) == []
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True


def test_malformed_record_is_dropped_and_counted(replay: ReplayServer,
                                                 settings: Settings) -> None:
    data = envelope()
    data["jobs"][1] = {**data["jobs"][1], "url": None}
    data["jobs"].append({"id": None, "jobIndustry": ["Programming"]})
    (replay.root / "jobicy" / "remote-jobs.json").write_text(json.dumps(data))
    result = crawl(replay, settings)
    assert {i["source_id"] for i in landed(result)} == DEV - {"160002"}
    # The job without a url has an id: a missing field, so format_changed (not bad_record).
    assert result.manifest["errors"] == {"bad_record": 1, "format_changed": 1}


def test_malformed_page_is_counted(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/jobicy/api/v2/remote-jobs?count=100&industry=dev": {"body": "[1, 2"},
                       "/jobicy/api/v2/remote-jobs?count=100&industry=engineering": {
                           "body": '{"success": true}'}})
    result = crawl(replay, settings, industry="dev,engineering,marketing")
    assert {i["source_id"] for i in landed(result)} == {"160006"}
    assert result.manifest["errors"] == {"bad_json": 1, "format_changed": 1}


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/jobicy/api/v2/remote-jobs": {"status": 429, "times": 1,
                                                      "headers": {"Retry-After": "1"}}})
    result = crawl(replay, settings)
    assert {i["source_id"] for i in landed(result)} == DEV
    assert result.manifest["errors"] == {}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()


def test_bad_argument_fails_cleanly(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, count="500")
    assert not result.ok
    assert "count" in result.manifest["finish_reason"]


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "corpus"
    made = write_corpus(root, seed=3, months=6, end=date(2026, 11, 1))
    assert made.postings >= 100
    server = ReplayServer(root)
    try:
        result = run_crawl("jobicy", landing_dir=settings.landing_dir,
                           base_url=server.base("jobicy"), args=made.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert len(items) == made.postings
    assert len({i["source_id"] for i in items}) == made.postings
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True
    assert any(i["baseSalary"] and i["baseSalary"]["rateType"] == "hour" for i in items)
