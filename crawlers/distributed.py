"""Distributed crawl mode: several worker processes share one scrapy-redis queue and dupefilter.

Off unless the Scrapy setting ``JOBPULSE_REDIS_URL`` is set (``pipeline.crawl.run_crawl`` sets
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

import re
import time
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import Settings
from scrapy_redis.dupefilter import RFPDupeFilter  # type: ignore[import-untyped]

SCHEDULER = "scrapy_redis.scheduler.Scheduler"
DUPEFILTER = "scrapy_redis.dupefilter.RFPDupeFilter"
IDLE_CLOSE_SECONDS = 5.0
"""Default time a worker waits on an empty shared queue before it closes."""
KEY_TTL_SECONDS = 7 * 24 * 3600
"""A crawl's keys outlive it (a follow-up run may resume it), but not forever."""
_CRAWL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")


def key_prefix(source: str, crawl_id: str) -> str:
    """Prefix of every Redis key of one distributed crawl; two crawls never share a key."""
    if not _CRAWL_ID.fullmatch(crawl_id):
        raise ValueError(f"invalid crawl id {crawl_id!r}: expected letters, digits, '_', '.', '-'")
    return f"jobpulse:{source}:{crawl_id}"


def distributed_settings(redis_url: str, crawl_id: str, worker: int | None = None,
                         *, idle_close_seconds: float | None = None) -> dict[str, str]:
    """The Scrapy settings (as ``-s`` strings) that make one crawl process a worker of a crawl.

    The scheduler settings themselves are applied by :class:`DistributedAddon`, which knows the
    spider's name; these three settings are what turns it on.
    """
    key_prefix("x", crawl_id)  # validate early, in the caller's process
    settings = {"JOBPULSE_REDIS_URL": redis_url, "JOBPULSE_CRAWL_ID": crawl_id}
    if worker is not None:
        settings["JOBPULSE_WORKER"] = str(worker)
    if idle_close_seconds is not None:
        settings["JOBPULSE_IDLE_CLOSE_SECONDS"] = str(idle_close_seconds)
    return settings


def scheduler_settings(redis_url: str, source: str, crawl_id: str) -> dict[str, Any]:
    """scrapy-redis' scheduler settings for one crawl of ``source``."""
    prefix = key_prefix(source, crawl_id)
    return {
        "SCHEDULER": SCHEDULER,
        "DUPEFILTER_CLASS": DUPEFILTER,
        # Without persistence the first worker to close would empty the shared queue and
        # dupefilter under the others.
        "SCHEDULER_PERSIST": True,
        # A blocking pop would stall the reactor; closing is DistributedWorker's decision.
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "REDIS_URL": redis_url,
    }


def connect(redis_url: str, timeout: float = 5.0) -> redis.Redis:
    """A client that has answered a PING; ``redis.RedisError`` when the server is unreachable."""
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=timeout,
                                  socket_timeout=timeout)
    client.ping()
    return client


def taken_key(source: str, crawl_id: str, worker: str) -> str:
    return f"{key_prefix(source, crawl_id)}:taken:{worker}"


def release_worker(client: redis.Redis, source: str, crawl_id: str, worker: str) -> int:
    """Forget what a dead or stopped ``worker`` had taken, so the crawl's next run fetches it.

    Its fingerprints leave the dupefilter; a follow-up worker of the same crawl re-seeds from
    ``start()`` and only those requests pass the filter again. What the worker had already
    landed is fetched twice, which the loader records as a second sighting, not a new posting.
    Returns how many requests were released.
    """
    prefix = key_prefix(source, crawl_id)
    taken = taken_key(source, crawl_id, worker)
    fingerprints = list(client.smembers(taken))  # type: ignore[arg-type]
    if fingerprints:
        client.srem(f"{prefix}:dupefilter", *fingerprints)
    client.delete(taken)
    return len(fingerprints)


def pending(client: redis.Redis, source: str, crawl_id: str) -> int:
    """Requests still queued for a crawl (scrapy-redis' priority queue is a sorted set)."""
    return int(client.zcard(f"{key_prefix(source, crawl_id)}:requests"))  # type: ignore[arg-type]


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
