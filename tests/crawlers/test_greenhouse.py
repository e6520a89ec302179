"""The ``greenhouse`` spider: pure extraction, the replay endpoints, and real crawls."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from crawlers.ats_boards import DEFAULT_BOARDS_FILE, parse_boards_arg, read_boards_file
from crawlers.spiders.greenhouse import (
    GreenhouseSpider,
    content_html,
    extract_posting,
    pay_period,
)
from pipeline.config import Settings
from pipeline.demo.greenhouse_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from pipeline.ops.sources import SOURCES
from pipeline.replay.greenhouse import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

JOBS_PATH = "/greenhouse/v1/boards/{board}/jobs"
HARBORLINE = {"7100001001", "7100001002", "7100001003"}
TIDEWATER = {"7200002001", "7200002002"}


def board(name: str) -> dict:
    return json.loads((FIXTURE_SITES / "greenhouse" / f"{name}.json").read_text("utf-8"))


def extract(job: dict, name: str = "harborline"):
    return extract_posting(job, board=name, board_name=name.title(), source="greenhouse",
                           fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")


def crawl(replay: ReplayServer, settings: Settings, boards: str | None = None,
          scrapy_settings: dict[str, str] | None = None) -> CrawlResult:
    args = {"boards": boards} if boards is not None else {}
    return run_crawl("greenhouse", landing_dir=settings.landing_dir,
                     base_url=replay.base("greenhouse"), args=args, settings=scrapy_settings)


def test_extract_posting_field_by_field() -> None:
    job = board("harborline")["jobs"][0]
    item = extract(job)
    assert item.source == "greenhouse"
    assert item.source_id == "7100001001"
    assert item.url == "https://job-boards.greenhouse.io/harborline/jobs/7100001001"
    assert (item.fetched_at, item.crawl_run) == ("2026-11-01T00:00:00Z", "r1")
    assert item.jobTitle == "Senior Backend Engineer, Payments"
    assert item.datePublished == "2026-09-14T14:05:00Z"
    assert item.datePublishedRaw == "2026-09-14T10:05:00-04:00"
    assert item.hiringOrganization == {"name": "Harborline Freight",
                                       "nameRaw": "Harborline Freight"}
    assert item.jobLocation == {"raw": "Remote - US"}
    assert item.remoteStatus is None
    assert item.employmentType == "Full-time"
    assert item.descriptionHtml is not None
    assert item.descriptionHtml.startswith('<div class="content-intro"><p>Harborline')
    assert "small shippers &amp; forwarders" in item.descriptionHtml
    assert item.description is not None
    assert item.description.startswith("Harborline Freight moves container bookings for "
                                       "small shippers & forwarders.")
    assert "Build booking APIs in Go and PostgreSQL\nRun services on Kubernetes" \
        in item.description
    assert "<" not in item.description
    assert item.baseSalary == {
        "raw": "USD 165000 - 210000 per year (Zone A Annual Salary)",
        "valueMin": "165000", "valueMax": "210000", "currency": "USD", "currencyRaw": "USD",
        "rateType": "year", "source": "structured", "title": "Zone A Annual Salary",
        "blurb": "For candidates in New York or the Bay Area.",
    }
    assert item.extra is not None
    assert item.extra["board"] == "harborline"
    assert item.extra["departments"] == ["Engineering"]
    assert item.extra["offices"] == [{"name": "Remote US", "location": "United States"}]
    assert item.extra["requisition_id"] == "ENG-0412"
    assert item.extra["pay_input_ranges"] == job["pay_input_ranges"]
    assert len(item.extra["pay_input_ranges"]) == 2


def test_cents_are_converted_exactly() -> None:
    jobs = board("harborline")["jobs"]
    hourly = extract(jobs[1]).baseSalary
    assert hourly is not None
    assert (hourly["valueMin"], hourly["valueMax"]) == ("32.5", "41.75")
    assert (hourly["currency"], hourly["rateType"]) == ("CAD", "hour")
    assert hourly["raw"] == "CAD 32.5 - 41.75 per hour (Hourly Pay)"
    second_zone = extract({**jobs[0], "pay_input_ranges": jobs[0]["pay_input_ranges"][1:]})
    assert second_zone.baseSalary is not None
    assert second_zone.baseSalary["valueMin"] == "148500.5"  # 14850050 cents


def test_job_without_pay_or_first_published() -> None:
    item = extract(board("harborline")["jobs"][2])
    assert item.baseSalary is None
    assert item.employmentType == "Contract"
    assert item.datePublished == "2026-08-30T09:00:00Z"  # from updated_at
    assert item.datePublishedRaw == "2026-08-30T11:00:00+02:00"
    plain = extract(board("tidewater")["jobs"][0], "tidewater")
    assert plain.baseSalary is not None
    assert plain.baseSalary["rateType"] is None  # "Salary Range" names no period
    assert plain.employmentType is None  # metadata is null


def test_malformed_job_raises() -> None:
    job = dict(board("harborline")["jobs"][0])
    del job["id"]
    with pytest.raises(KeyError):
        extract(job)


@pytest.mark.parametrize(("title", "blurb", "period"), [
    ("Hourly Pay", "", "hour"), ("Zone A Annual Salary", None, "year"),
    ("NYC Salary Range", "<p>Base pay</p>", None), ("Pay", "paid monthly", "month"),
    ("Day rate", "per day", "day"),
])
def test_pay_period(title: str, blurb: str | None, period: str | None) -> None:
    assert pay_period({"title": title, "blurb": blurb}) == period


def test_content_is_unescaped_once() -> None:
    assert content_html("&lt;p&gt;A &amp;amp; B&lt;/p&gt;") == "<p>A &amp; B</p>"
    assert content_html("<p>already &lt;html&gt;</p>") == "<p>already &lt;html&gt;</p>"
    assert content_html("<p>decoded</p>") == "<p>decoded</p>"
    assert content_html(None) is None


def test_default_base_url_matches_registry() -> None:
    assert GreenhouseSpider.default_base_url == SOURCES["greenhouse"].default_url
    assert GreenhouseSpider.complete_listing is True


def test_starter_boards_file() -> None:
    counts = {s: len(read_boards_file(DEFAULT_BOARDS_FILE, s))
              for s in ("greenhouse", "lever", "ashby")}
    assert all(counts.values())
    assert sum(counts.values()) >= 40
    assert read_boards_file(DEFAULT_BOARDS_FILE, "greenhouse")["gitlab"] == "GitLab"


def test_boards_argument() -> None:
    assert parse_boards_arg(" a, b=Bee Corp ,,") == {"a": None, "b": "Bee Corp"}
    with pytest.raises(ValueError, match="invalid board"):
        parse_boards_arg("ok,../etc")


def test_replay_handler_shapes() -> None:
    root = FIXTURE_SITES
    bare = json.loads(handle(root, "/v1/boards/harborline/jobs", {}).body)
    assert bare["meta"] == {"total": 3}
    assert "content" not in bare["jobs"][0] and "pay_input_ranges" not in bare["jobs"][0]
    full = json.loads(handle(root, "/v1/boards/harborline/jobs",
                             {"content": "true", "pay_transparency": "true"}).body)
    assert full["jobs"][0]["content"].startswith("&lt;div")
    missing = handle(root, "/v1/boards/nosuch/jobs", {})
    assert missing.status == 404
    assert json.loads(missing.body) == {"status": 404, "error": "Job board not found"}
    one = handle(root, "/v1/boards/harborline/jobs/7100001002", {})
    assert json.loads(one.body)["id"] == 7100001002
    assert handle(root, "/v1/boards/harborline/jobs/1", {}).status == 404
    assert json.loads(handle(root, "/v1/boards/tidewater", {}).body)["name"] \
        == "Tidewater Analytics"


def test_crawl_several_boards(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, "harborline,tidewater")
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert len(items) == 5
    assert set(ids) == HARBORLINE | TIDEWATER and len(set(ids)) == 5
    for item in items:
        assert item["crawl_run"] == result.run_id
        assert item["url"] and item["description"] and item["jobTitle"]
    manifest = result.manifest
    assert (manifest["items"], manifest["pages"], manifest["errors"]) == (5, 2, {})
    assert manifest["complete_listing"] is True
    assert manifest["args"]["boards"] == ["harborline", "tidewater"]


def test_empty_board(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, "stillwater")
    assert result.ok
    assert landed(result) == []
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True


def test_unknown_board_is_counted_and_others_crawled(replay: ReplayServer,
                                                     settings: Settings) -> None:
    result = crawl(replay, settings, "nosuchboard,tidewater")
    assert result.ok
    assert {i["source_id"] for i in landed(result)} == TIDEWATER
    assert result.manifest["errors"] == {"http_404": 1}
    assert result.manifest["complete_listing"] is False


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({JOBS_PATH.format(board="harborline"): {
        "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"}})
    result = crawl(replay, settings, "harborline")
    assert {i["source_id"] for i in landed(result)} == HARBORLINE
    assert result.manifest["errors"] == {}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()


def test_malformed_record_is_dropped_and_counted(replay: ReplayServer,
                                                 settings: Settings) -> None:
    data = board("harborline")
    broken = dict(data["jobs"][0])
    del broken["id"]
    data["jobs"] = [broken, "not a job", *data["jobs"][1:]]
    (replay.root / "greenhouse" / "harborline.json").write_text(json.dumps(data))
    result = crawl(replay, settings, "harborline")
    assert {i["source_id"] for i in landed(result)} == {"7100001002", "7100001003"}
    assert result.manifest["errors"] == {"bad_record": 2}
    assert "bad_record" in result.log_file.read_text()


def test_malformed_board_is_counted_and_others_crawled(replay: ReplayServer,
                                                       settings: Settings) -> None:
    replay.set_faults({
        JOBS_PATH.format(board="harborline"): {"body": "<html>maintenance</html>",
                                               "content_type": "text/html"},
        JOBS_PATH.format(board="stillwater"): {"body": '{"jobs": 5}'},
    })
    result = crawl(replay, settings, "harborline,stillwater,tidewater")
    assert {i["source_id"] for i in landed(result)} == TIDEWATER
    assert result.manifest["errors"] == {"html_not_json": 1, "format_changed": 1}


def test_boards_file_setting(replay: ReplayServer, settings: Settings, tmp_path: Path) -> None:
    boards_file = tmp_path / "boards.yaml"
    boards_file.write_text("greenhouse:\n  - tidewater\nlever:\n  - copperleaf\n")
    result = crawl(replay, settings, scrapy_settings={"JOBPULSE_BOARDS_FILE": str(boards_file)})
    assert result.ok
    assert {i["source_id"] for i in landed(result)} == TIDEWATER
    assert result.manifest["args"]["boards_file"] == str(boards_file)


def test_broken_boards_file_fails_the_run(replay: ReplayServer, settings: Settings,
                                          tmp_path: Path) -> None:
    boards_file = tmp_path / "boards.yaml"
    boards_file.write_text("greenhouse:\n  - ../../etc\n")
    result = crawl(replay, settings, scrapy_settings={"JOBPULSE_BOARDS_FILE": str(boards_file)})
    assert not result.ok
    assert "invalid board name" in result.manifest["finish_reason"]


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "corpus"
    made = write_corpus(root, seed=3, months=12, end=date(2026, 11, 1))
    assert 150 <= made.postings <= 600
    again = write_corpus(tmp_path / "again", seed=3, months=12, end=date(2026, 11, 1))
    assert again == made
    for path in (root / "greenhouse").iterdir():
        assert path.read_bytes() == (tmp_path / "again" / "greenhouse" / path.name).read_bytes()
    server = ReplayServer(root)
    try:
        result = run_crawl("greenhouse", landing_dir=settings.landing_dir,
                           base_url=server.base("greenhouse"), args=made.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert len(items) == made.postings
    assert len({i["source_id"] for i in items}) == made.postings
    assert result.manifest["errors"] == {}
    with_pay = sum(1 for i in items if i["baseSalary"])
    assert 0.2 * len(items) < with_pay < 0.9 * len(items)
    months = {i["datePublished"][:7] for i in items}
    assert len(months) >= 6
    assert max(i["datePublished"] for i in items) < "2026-11-02"


def test_a_body_pasted_from_word_keeps_its_posting() -> None:
    # A conditional comment, then a vertical-tab line break: the HTML cleaner cannot move that
    # text, which dropped the whole job as a bad record.
    job = board("harborline")["jobs"][0]
    job = {**job, "content": "&lt;p&gt;Build APIs&lt;!--[if gte mso 9]&gt;&lt;xml&gt;&lt;/xml&gt;"
                             "&lt;![endif]--&gt;\u000bin Python&lt;/p&gt;"}
    assert extract(job).description == "Build APIs in Python"
