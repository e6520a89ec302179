"""N local worker processes for one distributed crawl (``jobpulse workers``).

Each worker is an ordinary :func:`pipeline.ops.crawl.run_crawl` subprocess with the same
``redis_url`` and ``crawl_id``: its own run id, landing file and manifest, one shared Redis
queue and dupefilter. The loader then ingests each worker's file once, like any run.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

import attrs
import redis

from handoff.landing import LandingLocation
from handoff.queue import connect, key_prefix, pending
from pipeline.errors import JobpulseError
from pipeline.ops.crawl import CrawlResult, run_crawl


class RedisUnreachable(JobpulseError):
    """The Redis server a distributed crawl needs does not answer."""


@attrs.frozen
class WorkersResult:
    crawl_id: str
    results: list[CrawlResult]

    @property
    def items(self) -> int:
        return sum(int(r.manifest.get("items") or 0) for r in self.results)

    @property
    def failed(self) -> list[int]:
        return [index for index, r in enumerate(self.results) if not r.ok]


def new_crawl_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def check_redis(redis_url: str) -> None:
    """:class:`RedisUnreachable` (one line) unless ``redis_url`` answers a PING."""
    try:
        connect(redis_url, timeout=3.0).close()
    except (redis.RedisError, ValueError) as exc:
        raise RedisUnreachable(f"Redis at {redis_url} is unreachable: {exc}") from exc


def run_workers(count: int, source: str, *, redis_url: str,
                landing_dir: LandingLocation,
                crawl_id: str | None = None, base_url: str | None = None,
                args: Mapping[str, str] | None = None,
                settings: Mapping[str, str] | None = None,
                progress: Callable[[list[int], int], None] | None = None,
                stop: threading.Event | None = None) -> WorkersResult:
    """Run ``count`` workers of one crawl to the end; ``progress`` gets per-worker items and the
    shared queue's length about every second.

    A worker that dies leaves the others running (the queue keeps what it had not taken) and
    hands what it had taken back to the crawl: a later run with the same ``crawl_id`` fetches it.
    """
    if count < 1:
        raise ValueError("at least one worker")
    check_redis(redis_url)
    crawl_id = crawl_id or new_crawl_id()
    key_prefix(source, crawl_id)  # an invalid id fails here, not in N subprocesses
    items = [0] * count
    results: list[CrawlResult | None] = [None] * count
    errors: list[BaseException | None] = [None] * count

    def work(index: int) -> None:
        def seen(n: int) -> None:
            items[index] = n

        try:
            results[index] = run_crawl(source, landing_dir=landing_dir, base_url=base_url,
                                       args=args, settings=settings, progress=seen, stop=stop,
                                       own_session=True, redis_url=redis_url,
                                       crawl_id=crawl_id, worker=index)
        except BaseException as exc:  # reported after the others finish
            errors[index] = exc

    threads = [threading.Thread(target=work, args=(i,), name=f"worker-{i}", daemon=True)
               for i in range(count)]
    for thread in threads:
        thread.start()
    stop = stop or threading.Event()
    client = connect(redis_url)
    interrupted = False
    while any(t.is_alive() for t in threads):
        try:
            for thread in threads:
                thread.join(timeout=1.0 / count)
        except KeyboardInterrupt:
            # The workers run in their own sessions: stop them cleanly (feed and manifest
            # written), then let the interrupt through.
            interrupted = True
            stop.set()
        if progress is not None:
            try:
                queued = pending(client, source, crawl_id)
            except redis.RedisError:
                queued = -1
            progress(list(items), queued)
    if interrupted:
        raise KeyboardInterrupt
    for exc in errors:
        if exc is not None:
            raise exc
    return WorkersResult(crawl_id, [r for r in results if r is not None])
