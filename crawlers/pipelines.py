"""Item pipelines: drop incomplete items and in-crawl repeats, each with a counted reason."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

REQUIRED_FIELDS = ("source", "source_id", "url", "fetched_at", "crawl_run")


class RequireFieldsPipeline:
    """Drop items that lack a provenance field; the loader cannot key them."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequireFieldsPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        for field in REQUIRED_FIELDS:
            if not adapter.get(field):
                self.stats.inc_value(f"jobpulse/dropped/missing_{field}")
                raise DropItem(f"missing {field}")
        return item


class InCrawlDedupPipeline:
    """Drop a posting seen twice in one run (pagination overlap); the first copy is kept."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.seen: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> InCrawlDedupPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        key = (adapter["source"], adapter["source_id"])
        if key in self.seen:
            self.stats.inc_value("jobpulse/dropped/duplicate_in_run")
            raise DropItem(f"duplicate {key[0]}:{key[1]} in this run")
        self.seen.add(key)
        return item
