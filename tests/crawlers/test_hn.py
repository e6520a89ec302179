"""The ``hn`` spider: pure extraction, and real crawls against the replay server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawlers.spiders.hn import extract_posting, parse_month, skip_reason
from pipeline.config import Settings
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

OCTOBER = 47100000
SEPTEMBER = 46800000
OCTOBER_ADS = {"47100011", "47100012", "47100015", "47100016", "47100017"}
SEPTEMBER_ADS = {"46800011", "46800012"}


def thread(story_id: int) -> dict:
    path = FIXTURE_SITES / "hn" / "items" / f"{story_id}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def crawl(replay: ReplayServer, settings: Settings, **args: str) -> CrawlResult:
    return run_crawl("hn", landing_dir=settings.landing_dir, base_url=replay.base("hn"),
                     args=args)


def test_extract_posting_field_by_field() -> None:
    node = thread(OCTOBER)["children"][0]
    item = extract_posting(node, source="hn", story_id=OCTOBER,
                           thread="Ask HN: Who is hiring? (October 2026)",
                           fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")
    assert item.source == "hn"
    assert item.source_id == "47100011"
    assert item.url == "https://news.ycombinator.com/item?id=47100011"
    assert item.crawl_run == "r1"
    assert item.fetched_at == "2026-11-01T00:00:00Z"
    assert item.datePublished == "2026-10-01T15:02:10Z"
    assert item.datePublishedRaw == "2026-10-01T15:02:10.000Z"
    assert item.jobTitle == "Senior Backend Engineer"
    assert item.hiringOrganization == {"name": "Quillstack", "nameRaw": "Quillstack"}
    assert item.jobLocation == {"raw": "Berlin, Germany"}
    assert item.remoteStatus == "REMOTE (EU)"
    assert item.employmentType == "Full-time"
    assert item.baseSalary == {"raw": "€85k-105k"}
    assert item.description is not None
    assert item.description.startswith("Quillstack | Senior Backend Engineer")
    assert "\n\nWe build invoicing APIs" in item.description
    assert item.description.endswith("Apply: https://quillstack.example/jobs/backend")
    assert item.descriptionHtml == node["text"]
    assert item.extra is not None
    assert item.extra["author"] == "kvandel"
    assert item.extra["thread"] == "Ask HN: Who is hiring? (October 2026)"


def test_firebase_paragraph_form_is_decoded() -> None:
    node = thread(OCTOBER)["children"][1]
    assert "</p>" not in node["text"]
    item = extract_posting(node, source="hn", story_id=OCTOBER, thread="t",
                           fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")
    assert item.hiringOrganization == {"name": "Harborline Robotics",
                                       "nameRaw": "Harborline Robotics"}
    assert item.description is not None
    assert item.description.split("\n\n")[1].startswith("Go services on GCP")


@pytest.mark.parametrize(
    ("index", "reason"),
    [(0, None), (2, "deleted"), (3, "not_an_ad")],
)
def test_skip_reason(index: int, reason: str | None) -> None:
    assert skip_reason(thread(OCTOBER)["children"][index], OCTOBER) == reason


def test_skip_reason_seeker_and_reply() -> None:
    assert skip_reason(thread(SEPTEMBER)["children"][2], SEPTEMBER) == "seeker"
    reply = thread(OCTOBER)["children"][1]["children"][0]
    assert skip_reason(reply, OCTOBER) == "reply"


def test_parse_month() -> None:
    assert parse_month("2026-10") == 1790812800
    assert parse_month("2026-12", end=True) == parse_month("2027-01")
    assert parse_month(None) is None
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month("2026-13")


def test_crawl_all_threads(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, months="0")
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert len(items) == 7
    assert set(ids) == OCTOBER_ADS | SEPTEMBER_ADS
    assert len(set(ids)) == len(ids)
    for item in items:
        assert item["source"] == "hn"
        assert item["crawl_run"] == result.run_id
        assert item["url"] and item["fetched_at"] and item["description"]
    manifest = result.manifest
    assert manifest["items"] == 7
    assert manifest["pages"] == 3  # the search page and two threads
    assert manifest["errors"] == {}


def test_crawl_newest_month_only(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings)  # default: months=1
    assert {i["source_id"] for i in landed(result)} == OCTOBER_ADS


def test_crawl_date_range(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, months="0", since="2026-09", until="2026-09")
    assert {i["source_id"] for i in landed(result)} == SEPTEMBER_ADS


def test_search_pagination(replay: ReplayServer, settings: Settings) -> None:
    """With one hit per page the spider walks every page of the search."""
    result = run_crawl("hn", landing_dir=settings.landing_dir, base_url=replay.base("hn"),
                       args={"months": "0", "hits_per_page": "1"})
    assert len(landed(result)) == 7
    assert result.manifest["pages"] == 6 + 2


def test_malformed_page_and_server_error_are_counted(replay: ReplayServer,
                                                     settings: Settings, ) -> None:
    replay.set_faults({
        f"/hn/api/v1/items/{OCTOBER}": {"body": '{"children": [ {"id": 1, '},
        f"/hn/api/v1/items/{SEPTEMBER}": {"status": 500, "body": "oops"},
    })
    result = crawl(replay, settings, months="0")
    assert result.manifest["finish_reason"] == "finished"
    assert result.manifest["errors"] == {"bad_json": 1, "http_500": 1}
    assert landed(result) == []
    log = result.log_file.read_text()
    assert "bad_json" in log and f"items/{OCTOBER}" in log
    assert "http_500" in log


def test_one_bad_thread_does_not_stop_the_other(replay: ReplayServer,
                                                settings: Settings) -> None:
    replay.set_faults({f"/hn/api/v1/items/{SEPTEMBER}": {"body": "<html>maintenance</html>",
                                                         "content_type": "text/html"}})
    result = crawl(replay, settings, months="0")
    assert {i["source_id"] for i in landed(result)} == OCTOBER_ADS
    assert result.manifest["errors"] == {"html_not_json": 1}


def test_transient_server_error_is_retried(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({f"/hn/api/v1/items/{OCTOBER}": {"status": 503, "times": 1}})
    result = crawl(replay, settings, months="0")
    assert len(landed(result)) == 7
    assert result.manifest["errors"] == {}


def test_robots_txt_is_obeyed(replay: ReplayServer, settings: Settings) -> None:
    (replay.root / "robots.txt").write_text("User-agent: *\nDisallow: /hn/api/v1/items/\n")
    result = crawl(replay, settings, months="0")
    assert landed(result) == []
    assert "robots.txt" in result.log_file.read_text()


def test_unknown_spider_argument_value_fails_cleanly(replay: ReplayServer,
                                                     settings: Settings) -> None:
    result = crawl(replay, settings, since="2026-13")
    assert not result.ok
    assert result.manifest["status"] == "failed"
    assert "YYYY-MM" in result.manifest["finish_reason"]


def test_landing_file_path(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings)
    assert result.landing_file == (settings.landing_dir / "hn" / f"{result.run_id}.jsonl").resolve()
    assert Path(str(result.landing_file).replace(".jsonl", ".run.json")).is_file()


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({f"/hn/api/v1/items/{OCTOBER}": {
        "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"}})
    result = crawl(replay, settings, months="0")
    assert len(landed(result)) == 7
    assert result.manifest["errors"] == {}
    log = result.log_file.read_text()
    assert "waiting 1.0s before retrying" in log
