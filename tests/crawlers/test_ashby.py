"""The ``ashby`` spider: pure extraction, unlisted jobs, hidden pay, and real crawls."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawlers.ats_boards import DEFAULT_BOARDS_FILE, read_boards_file
from crawlers.spiders._base import posting_problem
from crawlers.spiders.ashby import (
    AshbySpider,
    compensation_hidden,
    extract_posting,
    extract_salary,
    skip_reason,
)
from pipeline.config import Settings
from pipeline.demo.ashby_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from pipeline.ops.sources import SOURCES
from pipeline.replay.ashby import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import crawl_demo_corpus, landed

BOARD_PATH = "/ashby/posting-api/job-board/{board}"
LUMEN = {f"5b7e0c1a-1111-4c2d-9e3f-00000000000{n}" for n in (1, 3, 4)}
QUILL = {"7c8d9e0f-2222-4a1b-8c2d-000000000001", "7c8d9e0f-2222-4a1b-8c2d-000000000002"}


def jobs(board: str = "lumenworks") -> list[dict]:
    path = FIXTURE_SITES / "ashby" / f"{board}.json"
    return json.loads(path.read_text("utf-8"))["jobs"]


def extract(job: dict):
    return extract_posting(job, board="lumenworks", board_name="Lumenworks", source="ashby",
                           fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")


def stat(result: CrawlResult, key: str) -> int | None:
    match = re.search(rf"'jobpulse/{key}': (\d+)", result.log_file.read_text())
    return int(match.group(1)) if match else None


def crawl(replay: ReplayServer, settings: Settings, boards: str) -> CrawlResult:
    return run_crawl("ashby", landing_dir=settings.landing_dir, base_url=replay.base("ashby"),
                     args={"boards": boards})


def test_extract_posting_field_by_field() -> None:
    job = jobs()[0]
    item = extract(job)
    assert item.source == "ashby"
    assert item.source_id == "5b7e0c1a-1111-4c2d-9e3f-000000000001"
    assert item.url == "https://jobs.ashbyhq.com/lumenworks/5b7e0c1a-1111-4c2d-9e3f-000000000001"
    assert (item.fetched_at, item.crawl_run) == ("2026-11-01T00:00:00Z", "r1")
    assert item.jobTitle == "Senior Backend Engineer (Rust)"
    assert item.datePublished == "2026-10-05T17:20:11Z"
    assert item.datePublishedRaw == "2026-10-05T17:20:11.412+00:00"
    assert item.hiringOrganization == {"name": "Lumenworks", "nameRaw": None}
    assert item.jobLocation == {"raw": "San Francisco, CA; Remote (US); Vancouver, BC"}
    assert item.remoteStatus == "Hybrid"
    assert item.employmentType == "FullTime"
    # The Bonus component with null values comes first and must be passed over.
    assert item.baseSalary == {
        "raw": "$170K - $215K", "valueMin": "170000", "valueMax": "215000",
        "currency": "USD", "currencyRaw": "USD", "rateType": "year", "source": "structured",
        "interval": "1 YEAR",
    }
    assert item.description == "Write Rust services that talk to 2 million light fixtures."
    assert item.descriptionHtml == job["descriptionHtml"]
    assert item.extra is not None
    assert item.extra["secondaryLocations"] == job["secondaryLocations"]
    assert item.extra["address"]["postalAddress"]["addressCountry"] == "USA"
    assert item.extra["compensation"] == job["compensation"]
    assert (item.extra["department"], item.extra["team"]) == ("Engineering", "Backend")


def test_unlisted_job_is_skipped() -> None:
    assert skip_reason(jobs()[1]) == "unlisted"
    assert skip_reason(jobs()[0]) is None
    assert skip_reason({"id": "x"}) is None  # absent isListed is not "unlisted"


def test_hidden_compensation_is_not_kept() -> None:
    job = jobs()[2]
    assert compensation_hidden(job)
    item = extract(job)
    assert item.baseSalary is None
    assert item.extra is not None
    assert item.extra["compensation"] is None and item.extra["compensation_hidden"] is True
    assert "200000" not in json.dumps(item.extra)


def test_tier_only_hourly_pay_and_remote_flag() -> None:
    item = extract(jobs()[3])
    assert item.baseSalary is not None
    assert item.baseSalary["raw"] == "CA$28 – CA$34 per hour"  # the component's summary
    assert (item.baseSalary["valueMin"], item.baseSalary["valueMax"]) == ("28", "34")
    assert (item.baseSalary["currency"], item.baseSalary["rateType"]) == ("CAD", "hour")
    assert item.remoteStatus == "Remote"  # no workplaceType, isRemote true
    assert item.employmentType == "PartTime"


@pytest.mark.parametrize(("interval", "rate"), [
    ("1 YEAR", "year"), ("1 MONTH", "month"), ("1 WEEK", "week"), ("1 DAY", "day"),
    ("1 HOUR", "hour"), ("NONE", None),
])
def test_interval_to_rate_type(interval: str, rate: str | None) -> None:
    salary = extract_salary({"summaryComponents": [{"compensationType": "Salary",
                                                    "interval": interval,
                                                    "currencyCode": "EUR", "minValue": 1,
                                                    "maxValue": 2}]})
    assert salary is not None and salary["rateType"] == rate
    assert salary["raw"] == "EUR 1 - 2" + (f" per {rate}" if rate else "")


def test_malformed_job_raises() -> None:
    with pytest.raises(TypeError):
        extract({**jobs()[0], "title": 42})
    # A null title is a missing one: the spider counts it as format_changed, not bad_record.
    assert posting_problem(extract({**jobs()[0], "title": None})) == \
        ("format_changed", "missing title")


def test_default_base_url_and_boards() -> None:
    assert AshbySpider.default_base_url == SOURCES["ashby"].default_url
    assert AshbySpider.complete_listing is True
    assert "ramp" in read_boards_file(DEFAULT_BOARDS_FILE, "ashby")


def test_replay_handler() -> None:
    full = json.loads(handle(FIXTURE_SITES, "/posting-api/job-board/lumenworks",
                             {"includeCompensation": "true"}).body)
    assert full["apiVersion"] == "1" and "compensation" in full["jobs"][0]
    bare = json.loads(handle(FIXTURE_SITES, "/posting-api/job-board/lumenworks", {}).body)
    assert all("compensation" not in j for j in bare["jobs"])
    assert handle(FIXTURE_SITES, "/posting-api/job-board/nosuch", {}).status == 404


def test_crawl_several_boards(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, "lumenworks,quillpoint")
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert len(items) == 5 and set(ids) == LUMEN | QUILL and len(set(ids)) == 5
    manifest = result.manifest
    assert (manifest["items"], manifest["pages"], manifest["errors"]) == (5, 2, {})
    assert manifest["complete_listing"] is True
    assert stat(result, "skipped/unlisted") == 1
    assert stat(result, "skipped/comp_hidden") == 1
    hidden = next(i for i in items if i["source_id"].endswith("03"))
    assert hidden["baseSalary"] is None


def test_empty_board(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, "driftwood")
    assert result.ok and landed(result) == []
    assert result.manifest["errors"] == {}


def test_unknown_board_is_counted_and_others_crawled(replay: ReplayServer,
                                                     settings: Settings) -> None:
    result = crawl(replay, settings, "nosuchboard,quillpoint")
    assert result.ok
    assert {i["source_id"] for i in landed(result)} == QUILL
    assert result.manifest["errors"] == {"http_404": 1}
    assert result.manifest["complete_listing"] is False
    # What `boards check` and the dead-board count read.
    outcomes = result.manifest["args"]["board_outcomes"]
    assert outcomes["nosuchboard"] == {"status": 404, "jobs": 0, "error": None}
    assert outcomes["quillpoint"]["status"] == 200
    assert outcomes["quillpoint"]["jobs"] >= len(QUILL)


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({BOARD_PATH.format(board="quillpoint"): {
        "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"}})
    result = crawl(replay, settings, "quillpoint")
    assert {i["source_id"] for i in landed(result)} == QUILL
    assert result.manifest["errors"] == {}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()


def test_malformed_record_is_dropped_and_counted(replay: ReplayServer,
                                                 settings: Settings) -> None:
    path = replay.root / "ashby" / "quillpoint.json"
    data = json.loads(path.read_text("utf-8"))
    data["jobs"].insert(0, {"title": "No id at all", "isListed": True})
    data["jobs"].append(None)
    path.write_text(json.dumps(data))
    result = crawl(replay, settings, "quillpoint")
    assert {i["source_id"] for i in landed(result)} == QUILL
    assert result.manifest["errors"] == {"bad_record": 2}


def test_malformed_board_is_counted_and_others_crawled(replay: ReplayServer,
                                                       settings: Settings) -> None:
    replay.set_faults({
        BOARD_PATH.format(board="lumenworks"): {"body": '{"apiVersion": "1"}'},
        BOARD_PATH.format(board="driftwood"): {"body": "<!doctype html><p>Oops</p>",
                                               "content_type": "text/html"},
    })
    result = crawl(replay, settings, "lumenworks,driftwood,quillpoint")
    assert {i["source_id"] for i in landed(result)} == QUILL
    assert result.manifest["errors"] == {"format_changed": 1, "html_not_json": 1}
    outcomes = result.manifest["args"]["board_outcomes"]
    assert outcomes["driftwood"] == {"status": 200, "jobs": 0, "error": "html_not_json"}


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    result, items = crawl_demo_corpus("ashby", write_corpus, tmp_path, settings,
                                      seed=9, postings=(150, 600))
    assert (stat(result, "skipped/unlisted") or 0) > 0
    assert (stat(result, "skipped/comp_hidden") or 0) > 0
    with_pay = sum(1 for i in items if i["baseSalary"])
    assert 0.3 * len(items) < with_pay < 0.8 * len(items)
