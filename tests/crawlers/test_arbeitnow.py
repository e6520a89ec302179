"""The ``arbeitnow`` spider: pure extraction, pagination, faults, and the demo corpus."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from crawlers.spiders.arbeitnow import ArbeitnowSpider, extract_job
from handoff.text import html_to_text
from pipeline.config import Settings
from pipeline.demo.arbeitnow_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

PAGES = FIXTURE_SITES / "arbeitnow" / "pages"
ALL_IDS = {"backend-entwickler-python-m-w-d-hamburg-512001", "werkstudent-vertrieb-koeln-512002",
           "senior-go-engineer-berlin-512003", "devops-engineer-wien-512004",
           "pflegefachkraft-leipzig-512005"}


def page(n: int) -> dict[str, Any]:
    return json.loads((PAGES / f"{n}.json").read_text(encoding="utf-8"))


def crawl(replay: ReplayServer, settings: Settings) -> CrawlResult:
    return run_crawl("arbeitnow", landing_dir=settings.landing_dir,
                     base_url=replay.base("arbeitnow"))


def test_extract_job_field_by_field() -> None:
    record = page(1)["data"][0]
    item = extract_job(record, source="arbeitnow", fetched_at="2026-11-01T00:00:00Z",
                       crawl_run="r1")
    assert item.source == "arbeitnow"
    assert item.source_id == "backend-entwickler-python-m-w-d-hamburg-512001"
    assert item.url == record["url"]
    assert item.fetched_at == "2026-11-01T00:00:00Z" and item.crawl_run == "r1"
    assert item.jobTitle == "Backend Entwickler Python (m/w/d)"
    assert item.hiringOrganization == {"name": "Möwenflug Software GmbH",
                                       "nameRaw": "Möwenflug Software GmbH"}
    assert item.jobLocation == {"raw": "Hamburg"}
    assert item.remoteStatus == "Remote"
    assert item.employmentType == "Full-time, berufserfahren"
    assert item.datePublished == "2026-10-16T06:00:00Z"
    assert item.datePublishedRaw == 1792130400
    assert item.baseSalary is None
    assert item.tags == ["Remote", "Software Development", "Python"]
    assert item.descriptionHtml == record["description"]
    assert item.description is not None
    assert "Fähren & Häfen" in item.description
    assert "<" not in item.description
    assert "APIs mit Python & FastAPI" in item.description
    assert item.extra == {"remote": True, "job_types": ["Full-time", "berufserfahren"]}


def test_extract_on_site_job_without_tags() -> None:
    item = extract_job(page(2)["data"][1], source="arbeitnow", fetched_at="t", crawl_run="r")
    assert item.remoteStatus == "On-site"
    assert item.tags is None
    assert item.employmentType is None


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>Eins</p><p>Zwei &amp; drei</p>") == "Eins\n\nZwei & drei"
    assert html_to_text(None) == ""


def test_next_link_is_mapped_onto_base_url() -> None:
    spider = ArbeitnowSpider(base_url="http://127.0.0.1:9/arbeitnow")
    assert (spider.local_url("https://www.arbeitnow.com/api/job-board-api?page=2")
            == "http://127.0.0.1:9/arbeitnow/api/job-board-api?page=2")


def test_crawl_walks_every_page(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings)
    assert result.ok, result.log_file.read_text()
    ids = [i["source_id"] for i in landed(result)]
    assert len(ids) == 5 and set(ids) == ALL_IDS
    assert result.manifest["pages"] == 2  # page 1 links to page 2, whose next is null
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True


def test_empty_listing(replay: ReplayServer, settings: Settings) -> None:
    for path in (replay.root / "arbeitnow" / "pages").glob("*.json"):
        path.unlink()
    result = crawl(replay, settings)
    assert result.ok
    assert landed(result) == []
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/arbeitnow/api/job-board-api?page=2": {
        "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "{}"}})
    result = crawl(replay, settings)
    assert len(landed(result)) == 5
    assert result.manifest["errors"] == {}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()


def test_malformed_record_is_counted(replay: ReplayServer, settings: Settings) -> None:
    path = replay.root / "arbeitnow" / "pages" / "1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["data"][1] = {"title": "no slug, no url"}
    data["data"].insert(0, "not an object")
    path.write_text(json.dumps(data), encoding="utf-8")
    result = crawl(replay, settings)
    ids = {i["source_id"] for i in landed(result)}
    assert ids == ALL_IDS - {"werkstudent-vertrieb-koeln-512002"}
    assert result.manifest["errors"] == {"bad_record": 2}
    assert result.manifest["complete_listing"] is False


def test_broken_page_is_counted_and_listing_incomplete(replay: ReplayServer,
                                                       settings: Settings) -> None:
    replay.set_faults({"/arbeitnow/api/job-board-api?page=2": {"body": "<html>oops</html>"}})
    result = crawl(replay, settings)
    assert len(landed(result)) == 3
    assert result.manifest["errors"] == {"html_not_json": 1}
    assert result.manifest["complete_listing"] is False


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    made = write_corpus(corpus, seed=7, months=48, end=date(2026, 11, 1))
    again = write_corpus(tmp_path / "again", seed=7, months=48, end=date(2026, 11, 1))
    assert made == again
    assert 200 <= made.postings <= 400
    server = ReplayServer(corpus)
    try:
        result = run_crawl("arbeitnow", landing_dir=settings.landing_dir,
                           base_url=server.base("arbeitnow"), args=made.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    ids = [i["source_id"] for i in landed(result)]
    assert len(ids) == made.postings == len(set(ids))
    assert result.manifest["errors"] == {}
