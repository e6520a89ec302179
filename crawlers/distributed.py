"""Distributed crawl mode: several worker processes share one scrapy-redis queue and dupefilter.

Off unless the Scrapy setting ``JOBPULSE_REDIS_URL`` is set (``pipeline.ops.crawl.run_crawl`` sets
it, with ``JOBPULSE_CRAWL_ID`` and ``JOBPULSE_WORKER``, when given a ``redis_url``). Then the
add-on :class:`DistributedAddon` swaps in scrapy-redis' scheduler and dupefilter under keys
private to one crawl (``jobpulse:<source>:<crawl id>:...``), and :class:`DistributedWorker`:

* keeps a worker open while the shared queue has work, and for ``JOBPULSE_IDLE_CLOSE_SECONDS``
  after it ran dry (another worker's response may still add follow-up requests);
* marks the run as not a complete listing: one worker sees only part of the source, and a
  run that claims the whole listing makes the loader close every posting it did not see;
* records, per worker, the fingerprint of every request it took from the queue, so a crawl
  can hand a dead worker's requests back (:func:`release_worker`);
* adds ``worker`` and ``crawl_id`` to the run manifest's ``args``.

Every worker seeds the queue from its own ``start()``: the shared dupefilter keeps the first
copy of each request, so seeding twice costs a Redis round trip per request, never a fetch.
"""

from __future__ import annotations

import time

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import Settings
from scrapy_redis.dupefilter import RFPDupeFilter  # type: ignore[import-untyped]

from handoff.queue import connect, key_prefix, pending, scheduler_settings, taken_key

IDLE_CLOSE_SECONDS = 5.0
"""Default time a worker waits on an empty shared queue before it closes."""
KEY_TTL_SECONDS = 7 * 24 * 3600
"""A crawl's keys outlive it (a follow-up run may resume it), but not forever."""


class DistributedAddon:
    """Applies :func:`scheduler_settings` when ``JOBPULSE_REDIS_URL`` is set; else does nothing."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedAddon:
        return cls(crawler)

    def update_settings(self, settings: Settings) -> None:
        redis_url = settings.get("JOBPULSE_REDIS_URL")
        if not redis_url:
            return
        crawl_id = settings.get("JOBPULSE_CRAWL_ID")
        if not crawl_id:
            raise NotConfigured("JOBPULSE_REDIS_URL is set but JOBPULSE_CRAWL_ID is not")
        spidercls = self.crawler.spidercls
        settings.setdict(scheduler_settings(redis_url, spidercls.name, crawl_id),
                         priority="addon")
        settings["EXTENSIONS"][f"{__name__}.DistributedWorker"] = 100


class DistributedWorker:
    """One worker's part in a distributed crawl (see the module docstring)."""

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
