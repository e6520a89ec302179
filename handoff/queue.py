"""The Redis side of one distributed crawl: its keys, its settings, and handing work back.

Every key of a crawl starts with ``jobpulse:<source>:<crawl id>``, so two crawls never share
one. ``crawlers/distributed.py`` and ``crawlers/distributed_worker.py`` run the workers inside
Scrapy; ``pipeline`` starts them and releases a dead worker's requests; both read the keys from
here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import redis

SCHEDULER = "scrapy_redis.scheduler.Scheduler"
DUPEFILTER = "scrapy_redis.dupefilter.RFPDupeFilter"
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
    # Imported here: every crawl process reads this module's settings through the add-on, and
    # only the distributed ones connect (the client library is 0.05 s of a process's start).
    import redis

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
