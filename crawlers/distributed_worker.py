"""One worker's part in a distributed crawl: the extension the add-on of
:mod:`crawlers.distributed` installs when the crawl shares a Redis queue."""

from __future__ import annotations

import time

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.dupefilter import RFPDupeFilter  # type: ignore[import-untyped]

from handoff.queue import connect, key_prefix, pending, taken_key

IDLE_CLOSE_SECONDS = 5.0
"""Default time a worker waits on an empty shared queue before it closes."""
KEY_TTL_SECONDS = 7 * 24 * 3600
"""A crawl's keys outlive it (a follow-up run may resume it), but not forever."""


class DistributedWorker:
    """One worker's part in a distributed crawl (see :mod:`crawlers.distributed`)."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.crawl_id: str = settings["JOBPULSE_CRAWL_ID"]
        self.worker: str = settings.get("JOBPULSE_WORKER") or "0"
        self.idle_close = settings.getfloat("JOBPULSE_IDLE_CLOSE_SECONDS", IDLE_CLOSE_SECONDS)
        self.client = connect(settings["JOBPULSE_REDIS_URL"])
        self.source = ""
        self.empty_since: float | None = None
        self.fingerprint = RFPDupeFilter(self.client, key="unused").request_fingerprint

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedWorker:
        if not crawler.settings.get("JOBPULSE_REDIS_URL"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.request_reached_downloader,
                                signal=signals.request_reached_downloader)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.source = spider.name
        # Per instance, so the class attribute of single-process runs stays as it is.
        spider.complete_listing = False  # type: ignore[attr-defined]
        run_args = getattr(spider, "run_args", None)
        if isinstance(run_args, dict):
            run_args.update(worker=self.worker, crawl_id=self.crawl_id)

    def request_reached_downloader(self, request: Request, spider: Spider) -> None:
        if request.dont_filter:
            return  # never in the dupefilter, so nothing to hand back
        self.client.sadd(taken_key(self.source, self.crawl_id, self.worker),
                         self.fingerprint(request))

    def spider_idle(self, spider: Spider) -> None:
        # Scrapy only calls this when the shared queue is empty too (has_pending_requests reads
        # its length); keep going a little in case another worker still adds requests.
        if pending(self.client, self.source, self.crawl_id):
            self.empty_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.empty_since is None:
            self.empty_since = now
        if now - self.empty_since < self.idle_close:
            raise DontCloseSpider

    def spider_closed(self, spider: Spider, reason: str) -> None:
        prefix = key_prefix(self.source, self.crawl_id)
        for suffix in ("requests", "dupefilter", f"taken:{self.worker}"):
            self.client.expire(f"{prefix}:{suffix}", KEY_TTL_SECONDS)
