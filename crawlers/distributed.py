"""Distributed crawl mode: several worker processes share one scrapy-redis queue and dupefilter.

Off unless the Scrapy setting ``JOBPULSE_REDIS_URL`` is set (``pipeline.ops.crawl.run_crawl`` sets
it, with ``JOBPULSE_CRAWL_ID`` and ``JOBPULSE_WORKER``, when given a ``redis_url``). Then the
add-on :class:`DistributedAddon` swaps in scrapy-redis' scheduler and dupefilter under keys
private to one crawl (``jobpulse:<source>:<crawl id>:...``), and the extension
:class:`~crawlers.distributed_worker.DistributedWorker`:

* keeps a worker open while the shared queue has work, and for ``JOBPULSE_IDLE_CLOSE_SECONDS``
  after it ran dry (another worker's response may still add follow-up requests);
* marks the run as not a complete listing: one worker sees only part of the source, and a
  run that claims the whole listing makes the loader close every posting it did not see;
* records, per worker, the fingerprint of every request it took from the queue, so a crawl
  can hand a dead worker's requests back (:func:`release_worker`);
* adds ``worker`` and ``crawl_id`` to the run manifest's ``args``.

Every worker seeds the queue from its own ``start()``: the shared dupefilter keeps the first
copy of each request, so seeding twice costs a Redis round trip per request, never a fetch.

The add-on is loaded by every crawl, so this module imports no Redis client: a crawl that is
not distributed never loads one.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings

from handoff.queue import scheduler_settings


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
        settings["EXTENSIONS"]["crawlers.distributed_worker.DistributedWorker"] = 100
