"""The ``weworkremotely`` spider: item extraction, feeds, faults, and the demo corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from crawlers.spiders.weworkremotely import extract_item, feed_url, rfc822_to_iso
from pipeline.config import Settings
from pipeline.demo.weworkremotely_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

FEEDS = FIXTURE_SITES / "weworkremotely" / "categories"
BACK_END = {"gravelpath-senior-backend-engineer-python", "mistral-bay-go-developer",
            "heronsgate-elixir-engineer", "backend-engineer-ruby-rails-71"}
DEVOPS = {"lowtide-site-reliability-engineer", "cobaltfern-devops-engineer"}
FEED_PATH = "/weworkremotely/categories/remote-back-end-programming-jobs.rss"


def items(feed: str = "remote-back-end-programming-jobs") -> list[Selector]:
    body = (FEEDS / f"{feed}.rss").read_bytes()
    return Selector(body=body, type="xml").xpath("/rss/channel/item")


def extract(index: int) -> Any:
    return extract_item(items()[index], source="weworkremotely",
                        fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")


def crawl(replay: ReplayServer, settings: Settings, **args: str) -> CrawlResult:
    return run_crawl("weworkremotely", landing_dir=settings.landing_dir,
                     base_url=replay.base("weworkremotely"), args=args)


def test_extract_item_field_by_field() -> None:
    item = extract(0)
    url = "https://weworkremotely.com/remote-jobs/gravelpath-senior-backend-engineer-python"
    assert item.source == "weworkremotely"
    assert item.source_id == "gravelpath-senior-backend-engineer-python"
    assert item.url == url
    assert item.crawl_run == "r1" and item.fetched_at == "2026-11-01T00:00:00Z"
    assert item.hiringOrganization == {"name": "Gravelpath", "nameRaw": "Gravelpath"}
    assert item.jobTitle == "Senior Backend Engineer (Python)"
    assert item.datePublished == "2026-10-20T14:05:09Z"
    assert item.datePublishedRaw == "Tue, 20 Oct 2026 14:05:09 +0000"
    assert item.remoteStatus == "Remote (North America Only)"
    assert item.jobLocation == {
        "raw": "Canada and United States of America", "region": "North America Only",
        "country": "🇨🇦 Canada and 🇺🇸 United States of America", "state": None,
    }
    assert item.employmentType == "Full-Time"
    assert item.tags == ["Python", "Back-End Dev"]
    assert item.baseSalary is None
    assert item.descriptionHtml is not None
    assert item.descriptionHtml.startswith("<p><strong>Headquarters:</strong>")
    assert "&nbsp;" in item.descriptionHtml  # one level of escaping is the feed's
    assert item.description is not None
    assert "with Python & PostgreSQL" in item.description
    assert "$140,000 - $170,000 USD" in item.description
    assert "<" not in item.description and "&amp;" not in item.description
    assert item.extra is not None
    assert item.extra["category"] == "Back-End Programming"
    assert item.extra["expires_at"] == "Thu, 19 Nov 2026 14:05:09 +0000"
    assert item.extra["logo"] == "https://wwr-pro.s3.amazonaws.com/logos/0001/0001/logo.png"


def test_title_split_on_first_separator_and_timezone() -> None:
    item = extract(1)
    assert item.hiringOrganization == {"name": "Mistral Bay", "nameRaw": "Mistral Bay"}
    assert item.jobTitle == "Go Developer: Payments"
    assert item.datePublished == "2026-10-19T07:00:00Z"
    assert item.jobLocation is not None and item.jobLocation["raw"] == "Lisbon"
    assert item.employmentType == "Contract"
    assert item.tags == ["Go", "PostgreSQL", "gRPC"]


def test_item_without_company_region_or_logo() -> None:
    rails = extract(3)
    assert rails.hiringOrganization is None
    assert rails.jobTitle == "Backend Engineer (Ruby on Rails)"
    assert rails.remoteStatus == "Remote"
    assert rails.jobLocation is None
    assert rails.tags is None
    assert extract(2).extra["logo"] is None  # type: ignore[index]


@pytest.mark.parametrize(
    ("feed", "url"),
    [("remote-devops-sysadmin-jobs", "B/categories/remote-devops-sysadmin-jobs.rss"),
     ("remote-devops-sysadmin-jobs.rss", "B/categories/remote-devops-sysadmin-jobs.rss"),
     ("/remote-jobs.rss", "B/remote-jobs.rss"),
     ("https://x.example/f.rss", "https://x.example/f.rss")],
)
def test_feed_url(feed: str, url: str) -> None:
    assert feed_url("B", feed) == url


def test_rfc822_to_iso() -> None:
    assert rfc822_to_iso("Mon, 13 Jul 2026 13:41:15 +0000") == "2026-07-13T13:41:15Z"
    assert rfc822_to_iso("yesterday") is None
    assert rfc822_to_iso(None) is None


def test_crawl_default_feed(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings)
    assert result.ok, result.log_file.read_text()
    ids = [i["source_id"] for i in landed(result)]
    assert len(ids) == 4 and set(ids) == BACK_END
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True


def test_crawl_several_feeds(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings,
                   feeds="remote-back-end-programming-jobs,remote-devops-sysadmin-jobs")
    ids = [i["source_id"] for i in landed(result)]
    assert len(ids) == 6 and set(ids) == BACK_END | DEVOPS
    assert result.manifest["pages"] == 2


def test_empty_feed(replay: ReplayServer, settings: Settings) -> None:
    path = replay.root / "weworkremotely" / "categories" / "remote-back-end-programming-jobs.rss"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("<item>")] + "</channel></rss>\n", encoding="utf-8")
    result = crawl(replay, settings)
    assert result.ok
    assert landed(result) == []
    assert result.manifest["errors"] == {}


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({FEED_PATH: {"status": 429, "times": 1, "headers": {"Retry-After": "1"},
                                   "content_type": "text/html", "body": "slow down"}})
    result = crawl(replay, settings)
    assert len(landed(result)) == 4
    assert result.manifest["errors"] == {}


def test_malformed_record_is_counted(replay: ReplayServer, settings: Settings) -> None:
    path = replay.root / "weworkremotely" / "categories" / "remote-back-end-programming-jobs.rss"
    text = path.read_text(encoding="utf-8")
    for tag in ("guid", "link"):
        text = text.replace(f"<{tag}>https://weworkremotely.com/remote-jobs/heronsgate-elixir"
                            f"-engineer</{tag}>", f"<{tag}></{tag}>")
    path.write_text(text, encoding="utf-8")
    result = crawl(replay, settings)
    assert {i["source_id"] for i in landed(result)} == BACK_END - {"heronsgate-elixir-engineer"}
    assert result.manifest["errors"] == {"bad_record": 1}
    assert result.manifest["complete_listing"] is False


def test_items_lost_to_broken_xml_are_counted(replay: ReplayServer,
                                              settings: Settings) -> None:
    path = replay.root / "weworkremotely" / "categories" / "remote-back-end-programming-jobs.rss"
    text = path.read_text(encoding="utf-8")
    # An unclosed element in the second item: the parser folds the two items after it into it.
    path.write_text(text.replace("<type>Contract</type>", "<type>Contract", 1), encoding="utf-8")
    result = crawl(replay, settings)
    assert {i["source_id"] for i in landed(result)} == {"gravelpath-senior-backend-engineer-python"}
    assert result.manifest["errors"] == {"bad_record": 1, "malformed_item": 2}
    assert result.manifest["complete_listing"] is False


def test_broken_feed_and_missing_feed_are_counted(replay: ReplayServer,
                                                  settings: Settings) -> None:
    replay.set_faults({FEED_PATH: {"body": "<html><body>Just a moment...</body></html>",
                                   "content_type": "text/html"}})
    result = crawl(replay, settings, feeds="remote-back-end-programming-jobs,remote-devops-"
                   "sysadmin-jobs,remote-nonexistent-jobs")
    assert {i["source_id"] for i in landed(result)} == DEVOPS
    assert result.manifest["errors"] == {"bad_feed": 1, "http_404": 1}


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    made = write_corpus(corpus, seed=7, months=48, end=date(2026, 11, 1))
    assert made == write_corpus(tmp_path / "again", seed=7, months=48, end=date(2026, 11, 1))
    server = ReplayServer(corpus)
    try:
        result = run_crawl("weworkremotely", landing_dir=settings.landing_dir,
                           base_url=server.base("weworkremotely"), args=made.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    found = landed(result)
    ids = [i["source_id"] for i in found]
    assert len(ids) == made.postings == len(set(ids))
    assert result.manifest["errors"] == {}
    assert all(i["hiringOrganization"] and i["jobTitle"] for i in found)
