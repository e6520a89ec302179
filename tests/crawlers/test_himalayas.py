"""The ``himalayas`` spider: pure extraction (s/ms dates, restriction shapes) and paged crawls."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from crawlers.feed_text import decimal_str, epoch_to_iso, text_time_to_iso
from crawlers.spiders.himalayas import extract_posting, restriction_names, source_id_of
from pipeline.config import Settings
from pipeline.demo.himalayas_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

SERVED = 41  # 44 slots, 3 withheld on the second page


def corpus() -> dict:
    return json.loads((FIXTURE_SITES / "himalayas" / "jobs.json").read_text(encoding="utf-8"))


def crawl(replay: ReplayServer, settings: Settings, **args: str) -> CrawlResult:
    return run_crawl("himalayas", landing_dir=settings.landing_dir,
                     base_url=replay.base("himalayas"), args=args)


def extract(record: dict):
    return extract_posting(record, source="himalayas", fetched_at="2026-10-01T00:00:00Z",
                           crawl_run="r1")


def write(replay: ReplayServer, data: dict) -> None:
    (replay.root / "himalayas" / "jobs.json").write_text(json.dumps(data), encoding="utf-8")


def test_extract_posting_field_by_field() -> None:
    item = extract(corpus()["jobs"][0])
    assert item.source == "himalayas"
    assert item.source_id == "oakhollow/senior-backend-engineer-0"
    assert item.url == "https://himalayas.app/companies/oakhollow/jobs/senior-backend-engineer-0"
    assert item.jobTitle == "Senior Backend Engineer"
    assert item.hiringOrganization == {"name": "Oakhollow", "nameRaw": "Oakhollow"}
    assert item.datePublished == "2026-09-30T20:26:40Z"  # pubDate in seconds
    assert item.datePublishedRaw == 1790800000
    assert item.jobLocation == {"raw": "United States, Canada"}  # plain strings
    assert item.remoteStatus == "Remote"
    assert item.employmentType == "Full Time"
    assert item.baseSalary == {
        "raw": "USD 150000 - 185000 per year", "valueMin": "150000", "valueMax": "185000",
        "currency": "USD", "currencyRaw": "USD", "rateType": "year", "source": "structured",
    }
    assert item.tags == ["Backend-Engineer", "Go-Developer", "Platform-Engineering"]
    assert item.description is not None
    assert item.description.startswith("Oakhollow is hiring a Senior Backend Engineer.")
    assert item.extra is not None
    assert item.extra["seniority"] == ["Senior"]
    assert item.extra["seniority_hints"] == ["Senior"]
    assert item.extra["expires_at"] == "2026-11-29T20:26:40Z"
    assert item.extra["country_codes"] == []


def test_milliseconds_and_restriction_objects() -> None:
    item = extract(corpus()["jobs"][1])
    assert item.datePublished == "2026-09-30T19:26:40Z"  # pubDate in milliseconds
    assert item.datePublishedRaw == 1790796400000
    assert item.extra is not None
    assert item.extra["expires_at"] == "2026-11-29T19:26:40Z"
    assert item.jobLocation == {"raw": "Germany, Netherlands"}
    assert item.extra["country_codes"] == ["DE", "NL"]
    assert item.baseSalary is not None and item.baseSalary["currency"] == "EUR"
    assert item.employmentType == "Contractor"
    assert item.extra["seniority_hints"] == ["Mid-level", "Senior"]


def test_worldwide_and_float_salary() -> None:
    item = extract(corpus()["jobs"][2])
    assert item.jobLocation == {"raw": "Worldwide"}
    assert item.baseSalary is not None
    assert (item.baseSalary["valueMin"], item.baseSalary["valueMax"]) == ("59200.08", "88800")


def test_null_salary_with_currency_gives_no_base_salary() -> None:
    record = corpus()["jobs"][4]
    assert record["minSalary"] is None and record["currency"] == "USD"
    assert extract(record).baseSalary is None


def test_helpers() -> None:
    assert restriction_names(["Japan", {"alpha2": "fr", "name": "France"}, {"alpha2": "IT"}]) == (
        ["Japan", "France", "IT"], ["FR", "IT"])
    assert restriction_names(None) == ([], [])
    assert source_id_of("https://himalayas.app/companies/acme/jobs/sre") == "acme/sre"


def test_shared_parsers() -> None:
    assert epoch_to_iso(1790800000) == epoch_to_iso(1790800000000) == "2026-09-30T20:26:40Z"
    assert epoch_to_iso(True) is None and epoch_to_iso("1790800000") is None
    assert text_time_to_iso("2026-05-21T16:42:09") == "2026-05-21T16:42:09Z"
    assert text_time_to_iso("2026-05-23T18:22:59+02:00") == "2026-05-23T16:22:59Z"
    assert text_time_to_iso("yesterday") is None
    assert [decimal_str(v) for v in (175600, 175600.0, 59200.08, 0, None, "n/a", "1,500")] == [
        "175600", "175600", "59200.08", None, None, None, "1500"]


def test_full_crawl_walks_past_a_short_page(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings)
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert len(ids) == SERVED and len(set(ids)) == SERVED
    assert result.manifest["pages"] == 3  # offsets 0, 20 (17 jobs), 40 (4 jobs); 60 >= 44
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True


def test_empty_page_ends_the_crawl(replay: ReplayServer, settings: Settings) -> None:
    data = corpus()
    data["totalCount"] = 500  # the real count is approximate and may overshoot
    write(replay, data)
    result = crawl(replay, settings)
    assert len(landed(result)) == SERVED
    assert result.manifest["pages"] == 4  # the fourth (offset 60) is empty
    assert result.manifest["complete_listing"] is True


def test_max_pages_caps_the_crawl(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, max_pages="1")
    assert len(landed(result)) == 20
    assert result.manifest["pages"] == 1
    assert result.manifest["complete_listing"] is False


def test_empty_listing(replay: ReplayServer, settings: Settings) -> None:
    write(replay, {"comments": "", "updatedAt": 0, "jobs": []})
    result = crawl(replay, settings)
    assert result.ok and landed(result) == []
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True


def test_malformed_record_is_dropped_and_counted(replay: ReplayServer,
                                                 settings: Settings) -> None:
    data = corpus()
    data["jobs"][5] = {**data["jobs"][5], "guid": None, "applicationLink": None}
    data["jobs"][30] = ["not", "an", "object"]
    write(replay, data)
    result = crawl(replay, settings)
    assert len(landed(result)) == SERVED - 2
    assert result.manifest["errors"] == {"bad_record": 2}
    assert result.manifest["complete_listing"] is False


def test_malformed_page_is_counted_and_the_next_page_fetched(replay: ReplayServer,
                                                             settings: Settings) -> None:
    replay.set_faults({"/himalayas/jobs/api?limit=20&offset=20": {"body": "<html>oops</html>"}})
    result = crawl(replay, settings)
    assert len(landed(result)) == 20 + 4
    assert result.manifest["errors"] == {"html_not_json": 1}
    assert result.manifest["complete_listing"] is False


def test_http_error_mid_results_continues(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/himalayas/jobs/api?limit=20&offset=20": {"status": 404}})
    result = crawl(replay, settings)
    assert len(landed(result)) == 24
    assert result.manifest["errors"] == {"http_404": 1}


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/himalayas/jobs/api?limit=20&offset=20": {
        "status": 429, "times": 1, "headers": {"Retry-After": "1"}}})
    result = crawl(replay, settings)
    assert len(landed(result)) == SERVED
    assert result.manifest["errors"] == {}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "corpus"
    made = write_corpus(root, seed=3, months=6, end=date(2026, 11, 1))
    assert made.postings >= 100
    server = ReplayServer(root)
    try:
        result = run_crawl("himalayas", landing_dir=settings.landing_dir,
                           base_url=server.base("himalayas"), args=made.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert len(items) == made.postings
    assert len({i["source_id"] for i in items}) == made.postings
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True
