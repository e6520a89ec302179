"""The ``remotive`` spider: pure extraction (UTC dates, free-text pay, pixel) and crawls."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from crawlers.spiders._base import posting_problem
from crawlers.spiders.remotive import extract_posting, parse_categories, strip_tracking
from pipeline.config import Settings
from pipeline.demo.remotive_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

SOFTWARE = {"2300001", "2300002", "2300003"}
DEVOPS = {"2300004", "2300005"}
DATA = {"2300006"}


def envelope() -> dict:
    path = FIXTURE_SITES / "remotive" / "remote-jobs.json"
    return json.loads(path.read_text(encoding="utf-8"))


def crawl(replay: ReplayServer, settings: Settings, **args: str) -> CrawlResult:
    return run_crawl("remotive", landing_dir=settings.landing_dir,
                     base_url=replay.base("remotive"), args=args)


def extract(record: dict, category: str | None = "software-dev"):
    return extract_posting(record, source="remotive", fetched_at="2026-10-01T00:00:00Z",
                           crawl_run="r1", category_slug=category)


def test_extract_posting_field_by_field() -> None:
    record = envelope()["jobs"][0]
    item = extract(record)
    assert item.source == "remotive"
    assert item.source_id == "2300001"
    assert item.url == "https://remotive.com/remote-jobs/software-dev/senior-backend-engineer-2300001"
    assert item.jobTitle == "Senior Backend Engineer"
    assert item.hiringOrganization == {"name": "Quarrystone", "nameRaw": "Quarrystone"}
    assert item.datePublished == "2026-09-30T14:05:09Z"  # no offset in the source: UTC
    assert item.datePublishedRaw == "2026-09-30T14:05:09"
    assert item.jobLocation == {"raw": "Europe, Canada"}
    assert item.remoteStatus == "Remote"
    assert item.employmentType == "Full-Time"
    assert item.baseSalary == {"raw": "$90k - $120k"}
    assert item.tags == ["python", "backend", "PostgreSQL", "AWS"]  # trailing space trimmed
    assert item.description == ("About Quarrystone\n\nWe build scheduling APIs for clinics.\n\n"
                                "Python & FastAPI\nPostgreSQL")
    assert item.descriptionHtml is not None
    assert "blank.gif" not in item.descriptionHtml and "<img" not in item.descriptionHtml
    assert item.extra == {"category": "Software Development", "category_slug": "software-dev",
                          "job_type": "full_time"}


def test_empty_salary_gives_no_base_salary() -> None:
    item = extract(envelope()["jobs"][1])
    assert item.baseSalary is None
    assert item.employmentType == "Contract"


def test_strip_tracking_keeps_other_images() -> None:
    pixel = '<img src="https://remotive.com/job/track/1/blank.gif?source=public_api" alt=""/>'
    body = '<p>x</p><img src="https://a.example/chart.png"/>\n' + pixel
    assert strip_tracking(body) == '<p>x</p><img src="https://a.example/chart.png"/>'


def test_parse_categories() -> None:
    assert parse_categories(None) == ["software-dev"]
    assert parse_categories("software-dev, devops,software-dev") == ["software-dev", "devops"]
    with pytest.raises(ValueError, match="category"):
        parse_categories("Software Development")


def test_malformed_record_raises() -> None:
    with pytest.raises(KeyError):
        extract({"title": "No id"})
    # A job with an id but no url is built, and counted by the spider as format_changed.
    assert posting_problem(extract({**envelope()["jobs"][0], "url": None})) == \
        ("format_changed", "missing url")


def test_full_crawl_default_category(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings)
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert set(ids) == SOFTWARE and len(ids) == 3
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True
    assert result.manifest["args"]["categories"] == "software-dev"


def test_several_categories(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, categories="software-dev,devops,data")
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert len(ids) == 6 and set(ids) == SOFTWARE | DEVOPS | DATA
    assert result.manifest["pages"] == 3
    slugs = {i["source_id"]: i["extra"]["category_slug"] for i in items}
    assert slugs["2300004"] == "devops" and slugs["2300006"] == "data"


def test_empty_category(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, categories="qa")
    assert result.ok
    assert landed(result) == []
    assert result.manifest["errors"] == {}


def test_malformed_record_is_dropped_and_counted(replay: ReplayServer,
                                                 settings: Settings) -> None:
    data = envelope()
    broken = {**data["jobs"][0], "id": "abc", "url": data["jobs"][0]["url"] + "x"}
    data["jobs"].insert(1, broken)
    data["jobs"].insert(0, {"url": "https://remotive.com/remote-jobs/software-dev/x-1"})
    (replay.root / "remotive" / "remote-jobs.json").write_text(json.dumps(data))
    result = crawl(replay, settings)
    assert {i["source_id"] for i in landed(result)} == SOFTWARE
    assert result.manifest["errors"] == {"bad_record": 2}


def test_malformed_page_does_not_stop_other_categories(replay: ReplayServer,
                                                       settings: Settings) -> None:
    replay.set_faults({"/remotive/api/remote-jobs?category=devops": {"body": '{"jobs": [{'},
                       "/remotive/api/remote-jobs?category=data": {"body": '{"detail": "x"}'}})
    result = crawl(replay, settings, categories="software-dev,devops,data")
    assert {i["source_id"] for i in landed(result)} == SOFTWARE
    assert result.manifest["errors"] == {"bad_json": 1, "format_changed": 1}


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/remotive/api/remote-jobs": {"status": 429, "times": 1,
                                                     "headers": {"Retry-After": "1"}}})
    result = crawl(replay, settings)
    assert {i["source_id"] for i in landed(result)} == SOFTWARE
    assert result.manifest["errors"] == {}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()


def test_bad_category_argument_fails_cleanly(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, categories="Software Development")
    assert not result.ok
    assert "category" in result.manifest["finish_reason"]


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "corpus"
    corpus = write_corpus(root, seed=3, months=6, end=date(2026, 11, 1))
    assert corpus.postings >= 100
    server = ReplayServer(root)
    try:
        result = run_crawl("remotive", landing_dir=settings.landing_dir,
                           base_url=server.base("remotive"), args=corpus.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert len(items) == corpus.postings
    assert len({i["source_id"] for i in items}) == corpus.postings
    assert result.manifest["errors"] == {}
    assert all(i["datePublished"] < "2026-11-01" for i in items)
