"""``bench.bench_crawl``: the baseline is Scrapy's own defaults, and a mismatch is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.settings import Settings, default_settings

from bench.bench_crawl import (
    DEFAULTS,
    OURS,
    Measure,
    SourceResult,
    bench_source,
    scrapy_defaults,
    setup_order,
    spider_class,
)


def _effective(source: str, tmp_path: Path) -> Settings:
    """The settings a defaults crawl of ``source`` runs with, spider custom_settings applied."""
    spider = spider_class(source)
    return Crawler(spider, scrapy_defaults(spider, tmp_path / "items.jsonl")).settings


def test_the_baseline_is_scrapys_defaults_not_ours(tmp_path: Path) -> None:
    settings = _effective("hn", tmp_path)
    for name in ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY",
                 "AUTOTHROTTLE_ENABLED", "ROBOTSTXT_OBEY", "LOG_LEVEL", "RETRY_TIMES",
                 "HTTPCACHE_ENABLED", "USER_AGENT"):
        assert settings[name] == getattr(default_settings, name), name
    assert not settings.getdict("ITEM_PIPELINES")
    assert not settings.getdict("EXTENSIONS")
    assert not settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert settings.get("BOT_NAME") == "scrapybot"
    # The one addition: a plain JSON Lines feed, so the landed items can be compared.
    assert [feed["format"] for feed in settings.getdict("FEEDS").values()] == ["jsonlines"]


def test_a_spiders_own_politeness_is_not_kept_in_the_baseline(tmp_path: Path) -> None:
    spider = spider_class("greenhouse")
    assert spider.custom_settings["DOWNLOAD_DELAY"] == 1.0  # what the next lines undo
    settings = _effective("greenhouse", tmp_path)
    assert settings.getfloat("DOWNLOAD_DELAY") == default_settings.DOWNLOAD_DELAY
    assert (settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
            == default_settings.CONCURRENT_REQUESTS_PER_DOMAIN)


def test_spider_class_finds_the_spider_by_name() -> None:
    assert spider_class("greenhouse").name == "greenhouse"
    with pytest.raises(ModuleNotFoundError):
        spider_class("nosuchsource")


def test_setups_alternate_which_goes_first() -> None:
    assert setup_order(0) == [DEFAULTS, OURS]
    assert setup_order(1) == [OURS, DEFAULTS]


def _measure(ids: set[str], pages: int = 2) -> Measure:
    return Measure(pages, len(ids), 1.0, frozenset(ids))


def test_a_run_landing_other_items_is_reported() -> None:
    same = SourceResult("hn", "", {DEFAULTS: [_measure({"1", "2"})],
                                   OURS: [_measure({"1", "2"}), _measure({"1", "2"})]})
    assert same.mismatches() == []
    other = SourceResult("hn", "", {DEFAULTS: [_measure({"1", "2"})],
                                    OURS: [_measure({"1", "3"}), _measure({"1", "2"}, 3)]})
    problems = other.mismatches()
    assert len(problems) == 2
    assert problems[0].startswith(f"{OURS} run 1") and "2 ids differ" in problems[0]
    assert problems[1].startswith(f"{OURS} run 2") and "3 pages" in problems[1]


@pytest.mark.slow
def test_both_setups_fetch_the_same_pages_and_items(tmp_path: Path) -> None:
    result = bench_source("hn", tmp_path, runs=1, months=2, copies=1)
    assert result.mismatches() == []
    crawled = result.runs[OURS][0]
    assert crawled.pages >= 3 and crawled.items > 100
