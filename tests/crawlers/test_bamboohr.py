"""The ``bamboohr`` spider: pure extraction, the replay endpoints, and real crawls (list, then
one detail per position) with an unknown company, a 429, bad records and a broken page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawlers.ats_boards import DEFAULT_BOARDS_FILE, read_boards_file
from crawlers.spiders.bamboohr import (
    BambooHRSpider,
    extract_posting,
    job_id,
    location_text,
    posted_day,
    skip_reason,
)
from pipeline.config import Settings
from pipeline.demo.bamboohr_corpus import write_corpus
from pipeline.ops.crawl import run_crawl
from pipeline.ops.sources import SOURCES
from pipeline.replay.bamboohr import ELSEWHERE, handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import crawl_demo_corpus, landed


def company(name: str = "tidewater") -> dict[str, Any]:
    return json.loads((FIXTURE_SITES / "bamboohr" / f"{name}.json").read_text("utf-8"))


def position(posting_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    data = company()
    listed = next(r for r in data["list"]["result"] if r["id"] == posting_id)
    return listed, data["details"][posting_id]["result"]["jobOpening"]


def extract(posting_id: str):
    listed, opening = position(posting_id)
    return extract_posting(listed, opening, board="tidewater", board_name="Tidewater",
                           source="bamboohr", fetched_at="2026-11-01T00:00:00Z",
                           crawl_run="r1")


def test_extract_posting_field_by_field() -> None:
    item = extract("101")
    assert (item.source, item.source_id) == ("bamboohr", "tidewater:101")
    assert item.url == "https://tidewater.bamboohr.com/careers/101"
    assert (item.fetched_at, item.crawl_run) == ("2026-11-01T00:00:00Z", "r1")
    assert item.jobTitle == "Senior Backend Engineer"
    assert item.datePublished == "2026-10-14T00:00:00Z"
    assert item.datePublishedRaw == "2026-10-14"
    assert item.hiringOrganization == {"name": "Tidewater", "nameRaw": None}
    assert item.jobLocation == {"raw": "Denver, Colorado, United States"}
    assert item.remoteStatus == "hybrid"
    assert item.employmentType == "Full-Time"
    assert item.baseSalary == {"raw": "$150,000 - $185,000 per year"}
    assert item.description == ("Tidewater builds tide-aware shipping schedules.\n\n"
                                "What you will do\n\nBuild Go services on PostgreSQL\n"
                                "Run them on Kubernetes")
    assert item.descriptionHtml is not None and "<li>Run them on Kubernetes</li>" in \
        item.descriptionHtml
    assert item.extra is not None
    assert item.extra["department"] == "Engineering"
    assert item.extra["minimumExperience"] == "Senior Level"
    assert item.extra["work_mode_field"] == "hybrid"
    assert item.extra["compensation"] == "$150,000 - $185,000 per year"


def test_fallbacks_for_location_url_date_and_pay() -> None:
    support = extract("102")
    # The detail's location is empty; its atsLocation names the place.
    assert support.jobLocation == {"raw": "Halifax, Nova Scotia, Canada"}
    assert support.remoteStatus == "on-site"
    assert support.baseSalary == {"raw": "CA$24.50 - CA$30.00 per hour"}
    remote = extract("103")
    assert remote.jobLocation == {"raw": "Remote"}
    assert remote.remoteStatus == "remote"
    assert remote.url == "https://tidewater.bamboohr.com/careers/103"
    assert remote.datePublished is None and remote.baseSalary is None
    assert remote.description == "Pipelines in Python & dbt."


def test_small_parsers() -> None:
    assert job_id({"id": 12}) == "12" and job_id({"id": "0012"}) == "0012"
    for bad in ({"id": "12a"}, {"id": True}, {"id": None}, {"id": ""}):
        with pytest.raises(ValueError):
            job_id(bad)
    with pytest.raises(KeyError):
        job_id({})
    with pytest.raises(TypeError):
        job_id("12")
    assert posted_day("2026-01-02") == "2026-01-02T00:00:00Z"
    assert posted_day("2026-01-02 08:00:00") == "2026-01-02T00:00:00Z"
    assert posted_day("01/02/2026") is None and posted_day(None) is None
    assert location_text({"city": " ", "state": None}, {"city": "Oslo", "country": "Norway"}) \
        == "Oslo, Norway"
    assert location_text(None, "Oslo") is None
    assert skip_reason(position("104")[1]) == "not_open"
    assert skip_reason(position("101")[1]) is None


def test_default_base_url_and_boards() -> None:
    assert BambooHRSpider.default_base_url == SOURCES["bamboohr"].default_url
    assert "{board}" in BambooHRSpider.default_base_url
    assert "lullabot" in read_boards_file(DEFAULT_BOARDS_FILE, "bamboohr")


def test_replay_handler() -> None:
    listed = json.loads(handle(FIXTURE_SITES, "/tidewater/careers/list", {}).body)
    assert [r["id"] for r in listed["result"]] == ["101", "102", "103", "104"]
    detail = handle(FIXTURE_SITES, "/tidewater/careers/102/detail", {})
    assert json.loads(detail.body)["result"]["jobOpening"]["jobOpeningName"] == \
        "Support Specialist"
    assert handle(FIXTURE_SITES, "/tidewater/careers/999/detail", {}).status == 404
    unknown = handle(FIXTURE_SITES, "/nosuch/careers/list", {})
    assert unknown.status == 302 and unknown.headers["Location"] == "https://www.bamboohr.com/"


def test_crawl_with_faults(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({
        "/bamboohr/tidewater/careers/list": {"status": 429, "times": 1,
                                             "headers": {"Retry-After": "1"}, "body": "slow"},
        # A move within the company's host is followed; one to bamboohr.com (nosuch) is not.
        "/bamboohr/kelpworks/careers/list": {"status": 301, "times": 1, "headers": {
            "Location": "/bamboohr/kelpworks/careers/list/"}},
        "/bamboohr/kelpworks/careers/8/detail": {"body": '{"result": {"jobOpening": null}}'},
        "/bamboohr/oddity/careers/list": {"body": "{not json"},
    })
    (replay.root / "bamboohr" / "oddity.json").write_text('{"list": {"result": []}}')
    result = run_crawl("bamboohr", landing_dir=settings.landing_dir,
                       base_url=replay.base("bamboohr"),
                       args={"boards": "tidewater,kelpworks,nosuch,oddity"})
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert sorted(i["source_id"] for i in items) == [
        "kelpworks:7", "tidewater:101", "tidewater:102", "tidewater:103"]
    assert {i["hiringOrganization"]["name"] for i in items} == {"tidewater", "kelpworks"}
    manifest = result.manifest
    assert manifest["errors"] == {"board_not_found": 1, "bad_json": 1, "bad_record": 1,
                                  "format_changed": 1}
    assert manifest["skipped"] == {"not_open": 1}
    assert manifest["complete_listing"] is False
    assert "waiting 1.0s before retrying" in result.log_file.read_text()
    assert manifest["args"]["board_outcomes"] == {
        "tidewater": {"status": 200, "jobs": 4, "error": None},
        "kelpworks": {"status": 200, "jobs": 3, "error": None},
        "nosuch": {"status": 302, "jobs": 0, "error": "board_not_found",
                   "moved_to": ELSEWHERE},
        "oddity": {"status": 200, "jobs": 0, "error": "bad_json"},
    }


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    result, items = crawl_demo_corpus("bamboohr", write_corpus, tmp_path, settings,
                                      seed=5, postings=(40, 120))
    assert result.manifest["complete_listing"] is True
    assert all(i["datePublished"] and i["description"] for i in items)
    with_pay = sum(1 for i in items if i["baseSalary"])
    assert 0.15 * len(items) < with_pay < 0.7 * len(items)
