"""The ``lever`` spider: pure extraction, the replay endpoints, and real crawls with paging."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawlers.ats_boards import DEFAULT_BOARDS_FILE, read_boards_file
from crawlers.spiders.lever import LeverSpider, extract_posting, extract_salary
from pipeline.config import Settings
from pipeline.demo.lever_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from pipeline.ops.sources import SOURCES
from pipeline.replay.lever import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import crawl_demo_corpus, landed

SITE_PATH = "/lever/v0/postings/{site}"
COPPERLEAF = {f"a1c2e3f4-000{n}-4aaa-8bbb-00000000000{n}" for n in range(1, 6)}


def postings(site: str = "copperleaf") -> list[dict]:
    return json.loads((FIXTURE_SITES / "lever" / f"{site}.json").read_text("utf-8"))


def extract(posting: dict):
    return extract_posting(posting, site="copperleaf", site_name="Copperleaf",
                           source="lever", fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")


def crawl(replay: ReplayServer, settings: Settings, boards: str, **args: str) -> CrawlResult:
    return run_crawl("lever", landing_dir=settings.landing_dir, base_url=replay.base("lever"),
                     args={"boards": boards, **args})


def test_extract_posting_field_by_field() -> None:
    posting = postings()[0]
    item = extract(posting)
    assert item.source == "lever"
    assert item.source_id == "a1c2e3f4-0001-4aaa-8bbb-000000000001"
    assert item.url == "https://jobs.lever.co/copperleaf/a1c2e3f4-0001-4aaa-8bbb-000000000001"
    assert (item.fetched_at, item.crawl_run) == ("2026-11-01T00:00:00Z", "r1")
    assert item.jobTitle == "Staff Backend Engineer"
    assert item.datePublished == "2026-09-24T10:00:00Z"
    assert item.datePublishedRaw == 1790244000000
    assert item.hiringOrganization == {"name": "Copperleaf", "nameRaw": None}
    assert item.jobLocation == {"raw": "Austin, TX; Denver, CO"}
    assert item.remoteStatus == "hybrid"
    assert item.employmentType == "Full-time"
    assert item.baseSalary == {
        "raw": "USD 185000 - 230000 per year", "valueMin": "185000", "valueMax": "230000",
        "currency": "USD", "currencyRaw": "USD", "rateType": "year", "source": "structured",
        "interval": "per-year-salary",
    }
    assert item.description == (
        "Copperleaf builds irrigation scheduling software for growers.\n\n"
        "What you'll need\nFive years building services in Java or Kotlin\n"
        "Comfort with PostgreSQL and Redis\n\n"
        "Copperleaf is an equal opportunity employer.")
    assert item.descriptionHtml is not None
    assert "<li>Comfort with PostgreSQL and Redis</li>" in item.descriptionHtml
    assert item.extra is not None
    assert item.extra["country"] == "US"
    assert item.extra["categories"]["team"] == "Core Platform"
    assert item.extra["salaryRange"] == posting["salaryRange"]


def test_hourly_float_pay_with_description() -> None:
    item = extract(postings()[1])
    assert item.baseSalary is not None
    assert item.baseSalary["raw"] == "Hourly rate depends on certification level."
    assert (item.baseSalary["valueMin"], item.baseSalary["valueMax"]) == ("24.5", "32.34")
    assert item.baseSalary["rateType"] == "hour"
    assert item.remoteStatus == "on-site"
    assert item.employmentType == "Part-time"


@pytest.mark.parametrize(("interval", "rate"), [
    ("per-year-salary", "year"), ("per-month-salary", "month"), ("per-week-salary", "week"),
    ("per-day-wage", "day"), ("per-hour-wage", "hour"), ("one-time", None), ("bogus", None),
])
def test_interval_to_rate_type(interval: str, rate: str | None) -> None:
    salary = extract_salary({"currency": "USD", "interval": interval, "min": 1, "max": 2}, None)
    assert salary is not None and salary["rateType"] == rate


def test_location_and_workplace_fallbacks() -> None:
    data = extract(postings()[2])
    assert data.jobLocation == {"raw": "Remote - Canada"}  # no allLocations
    assert data.baseSalary is not None and data.baseSalary["rateType"] == "month"
    writer = extract(postings()[3])
    assert writer.remoteStatus is None  # "unspecified"
    assert writer.extra is not None and writer.extra["workplaceType"] == "unspecified"
    assert writer.jobLocation == {"raw": "Remote"}  # empty allLocations
    assert extract(postings()[4]).baseSalary is None
    assert extract_salary({"currency": "USD", "interval": "per-year-salary"}, None) is None


def test_malformed_posting_raises() -> None:
    with pytest.raises(KeyError):
        extract({k: v for k, v in postings()[0].items() if k != "id"})


def test_default_base_url_and_boards() -> None:
    assert LeverSpider.default_base_url == SOURCES["lever"].default_url
    assert LeverSpider.complete_listing is True
    assert "zoox" in read_boards_file(DEFAULT_BOARDS_FILE, "lever")


def test_replay_handler() -> None:
    page = handle(FIXTURE_SITES, "/v0/postings/copperleaf", {"mode": "json", "skip": "4",
                                                            "limit": "2"})
    assert [p["text"] for p in json.loads(page.body)] == ["Site Reliability Engineer"]
    missing = handle(FIXTURE_SITES, "/v0/postings/nosuch", {"mode": "json"})
    assert missing.status == 404
    assert json.loads(missing.body) == {"ok": False, "error": "Document not found"}
    one = handle(FIXTURE_SITES, f"/v0/postings/copperleaf/{sorted(COPPERLEAF)[0]}",
                 {"mode": "json"})
    assert json.loads(one.body)["id"] == sorted(COPPERLEAF)[0]


def test_crawl_pages_through_a_site(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, "copperleaf,fallowfield", page_size="2")
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert len(items) == 5 and set(ids) == COPPERLEAF and len(set(ids)) == 5
    manifest = result.manifest
    # copperleaf: pages of 2, 2 and 1; fallowfield: one empty page.
    assert (manifest["items"], manifest["pages"], manifest["errors"]) == (5, 4, {})
    assert manifest["complete_listing"] is True
    assert manifest["args"]["page_size"] == 2


def test_crawl_exact_page_multiple_asks_once_more(replay: ReplayServer,
                                                   settings: Settings) -> None:
    result = crawl(replay, settings, "copperleaf", page_size="5")
    assert len(landed(result)) == 5
    assert result.manifest["pages"] == 2  # a full page, then an empty one


def test_crawl_without_paging(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, "copperleaf", page_size="0")
    assert len(landed(result)) == 5
    assert result.manifest["pages"] == 1


def test_empty_site(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, "fallowfield")
    assert result.ok and landed(result) == []
    assert result.manifest["errors"] == {}


def test_unknown_site_is_counted_and_others_crawled(replay: ReplayServer,
                                                    settings: Settings) -> None:
    result = crawl(replay, settings, "nosuchsite,copperleaf")
    assert result.ok
    assert {i["source_id"] for i in landed(result)} == COPPERLEAF
    assert result.manifest["errors"] == {"http_404": 1}
    assert result.manifest["complete_listing"] is False


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({SITE_PATH.format(site="copperleaf"): {
        "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"}})
    result = crawl(replay, settings, "copperleaf", page_size="2")
    assert {i["source_id"] for i in landed(result)} == COPPERLEAF
    assert result.manifest["errors"] == {}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()


def test_malformed_record_is_dropped_and_counted(replay: ReplayServer,
                                                 settings: Settings) -> None:
    data = postings()
    data[1] = {k: v for k, v in data[1].items() if k != "text"}
    data[3]["categories"] = "Remote"
    (replay.root / "lever" / "copperleaf.json").write_text(json.dumps(data))
    result = crawl(replay, settings, "copperleaf")
    assert {i["source_id"] for i in landed(result)} == COPPERLEAF - {data[1]["id"], data[3]["id"]}
    # The posting without text (its title) has an id: format_changed, not bad_record.
    assert result.manifest["errors"] == {"bad_record": 1, "format_changed": 1}


def test_malformed_site_response_is_counted(replay: ReplayServer, settings: Settings) -> None:
    (replay.root / "lever" / "oddity.json").write_text("[]")
    replay.set_faults({SITE_PATH.format(site="oddity"): {"body": '{"ok": true}'},
                       SITE_PATH.format(site="fallowfield"): {"body": "[{\"id\": "}})
    result = crawl(replay, settings, "oddity,fallowfield,copperleaf")
    assert {i["source_id"] for i in landed(result)} == COPPERLEAF
    assert result.manifest["errors"] == {"format_changed": 1, "bad_json": 1}


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    result, items = crawl_demo_corpus("lever", write_corpus, tmp_path, settings,
                                      seed=5, postings=(150, 600))
    assert all(i["hiringOrganization"]["name"] != i["extra"]["site"] for i in items)
    with_pay = sum(1 for i in items if i["baseSalary"])
    assert 0.2 * len(items) < with_pay < 0.8 * len(items)
