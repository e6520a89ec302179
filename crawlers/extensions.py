"""Run manifest: once a crawl has closed its feed, write ``<run>.run.json`` beside the landing file.

The loader only ingests landing files that have a manifest, so it never reads a run that is
still being written or that died half-way; the manifest also carries the run's counts for
``crawl_runs``. The landing zone is a folder or an S3 location (``handoff/landing.py``); on S3
the feed is uploaded when it closes, so the manifest follows the whole object there too.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawlers.landing_feed import DIGEST_PREFIX
from crawlers.spiders._base import download_error_kind
from handoff.collector import collect_rarely
from handoff.landing import parse_location
from handoff.s3 import S3Options
from handoff.stores import open_store

log = logging.getLogger(__name__)

ERROR_PREFIX = "jobpulse/error/"
DROPPED_PREFIX = "jobpulse/dropped/"
TRUNCATED_PREFIX = "jobpulse/truncated/"
HANDLED_PREFIX = "jobpulse/handled_exception/"
FEED_FAILED_PREFIX = "feedexport/failed_count/"
DOWNLOADER_EXC_PREFIX = "downloader/exception_type_count/"
SKIPPED_PREFIX = "jobpulse/skipped/"


def _counts(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {key[len(prefix) :]: int(value) for key, value in stats.items()
            if key.startswith(prefix)}


def summarize_stats(stats: dict[str, Any]) -> dict[str, Any]:
    """Reduce Scrapy's stats to the counts ``crawl_runs`` keeps, errors grouped by kind.

    ``errors`` holds what went wrong; ``truncated`` holds what a ``LimitsPipeline`` cut short
    (``description``, ``title``, ..., and ``chars``: characters cut in all), which is not an
    error: the posting still landed.
    """
    # The spiders' errbacks count a failed request once, with a readable kind; the downloader
    # counts every attempt (retries too) by class. Its tally is used only for failures no
    # errback saw (e.g. retried attempts that later succeeded, robots.txt fetches).
    errors = _counts(stats, ERROR_PREFIX)
    handled = _counts(stats, HANDLED_PREFIX)
    for path, value in _counts(stats, DOWNLOADER_EXC_PREFIX).items():
        name = path.rsplit(".", 1)[-1]
        if name in handled:
            continue
        kind = download_error_kind(name)
        errors[kind] = errors.get(kind, 0) + value
    for key, value in stats.items():
        if key.startswith("spider_exceptions/"):
            kind = "spider_" + key.rsplit("/", 1)[-1]
            errors[kind] = errors.get(kind, 0) + int(value)
    # Scrapy logs a feed it could not store (an S3 upload that failed) and carries on; the
    # items are then not in the landing zone, and the run must not look clean.
    stored_failed = sum(_counts(stats, FEED_FAILED_PREFIX).values())
    if stored_failed:
        errors["feed_store_failed"] = stored_failed
    return {
        # robots.txt fetches are the framework's, not the source's pages.
        "pages": int(stats.get("response_received_count", 0))
        - int(stats.get("robotstxt/response_count", 0)),
        "items": int(stats.get("item_scraped_count", 0)),
        "dropped": int(stats.get("item_dropped_count", 0)),
        "dropped_by_reason": _counts(stats, DROPPED_PREFIX),
        # Records a spider read and chose not to yield (unlisted, empty, legal notice, ...).
        "skipped": _counts(stats, SKIPPED_PREFIX),
        "truncated": _counts(stats, TRUNCATED_PREFIX),
        "errors": errors,
        "finish_reason": stats.get("finish_reason"),
    }


def landing_digest(stats: dict[str, Any]) -> dict[str, Any] | None:
    """What the exporter wrote (lines, bytes, SHA-256), or ``None`` if it never closed."""
    sha = stats.get(DIGEST_PREFIX + "sha256")
    if not isinstance(sha, str):
        return None
    return {"lines": int(stats.get(DIGEST_PREFIX + "lines", 0)),
            "bytes": int(stats.get(DIGEST_PREFIX + "bytes", 0)), "sha256": sha}


def failure_reason(summary: dict[str, Any]) -> str | None:
    """Why a run that finished is still a failure, in one line; ``None`` if it is not one.

    A run that yielded nothing and met any error reached nothing usable: a closed port, a
    refused host, an API that changed shape. Calling it a success would make a source look
    fresh while it has silently stopped.
    """
    errors = summary["errors"]
    if "feed_store_failed" in errors:
        return f"the landing file could not be stored ({errors['feed_store_failed']} feed(s))"
    if summary["items"] == 0 and errors:
        kinds = ", ".join(f"{kind}={count}" for kind, count in sorted(errors.items()))
        return f"no items from {summary['pages']} page(s); errors: {kinds}"
    return None


class LeanProcess:
    """Keeps the crawl process's per-item overhead down, without changing what it does or logs.

    - Python's garbage collector runs rarely once the spider opens (:mod:`handoff.collector`):
      a crawl keeps thousands of items, requests and responses alive at once, which the
      collector otherwise rescans every few hundred allocations.
    - Records no handler would take are not made: Scrapy sets its loggers to DEBUG and
      filters in its handlers, so every scraped item made a DEBUG record ("Scraped from ...")
      that each handler then dropped. The root and ``scrapy`` loggers are raised to the lowest
      level any handler takes.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeanProcess:
        ext = cls()
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        collect_rarely()
        # By now Scrapy has (re)installed its root handler.
        lowest = _lowest_handler_level()
        for logger in (logging.root, logging.getLogger("scrapy")):
            if logger.level < lowest:
                logger.setLevel(lowest)


def _lowest_handler_level() -> int:
    """The lowest level any handler of any logger takes (NOTSET: one takes everything).
    Libraries' NullHandlers take nothing."""
    handlers = list(logging.root.handlers)
    for logger in logging.Logger.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            handlers.extend(logger.handlers)
    return min((handler.level for handler in handlers
                if not isinstance(handler, logging.NullHandler)), default=logging.NOTSET)


class RunManifest:
    """Writes the manifest that marks a landing file complete."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.landing = parse_location(crawler.settings.get("JOBPULSE_LANDING_DIR"))
        self.spider: Spider | None = None
        self.started_at = datetime.now(UTC)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunManifest:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        # engine_stopped fires after every spider_closed handler has finished, and the feed
        # exporter's handler waits for its storage: the local file is closed, the S3 upload done.
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.spider = spider
        self.started_at = datetime.now(UTC)

    def engine_stopped(self) -> None:
        spider = self.spider
        if spider is None:
            return
        run_id = getattr(spider, "crawl_run", None)
        if not run_id:
            return
        assert self.crawler.stats is not None
        summary = summarize_stats(self.crawler.stats.get_stats())
        manifest = {
            "run_id": run_id,
            "source": spider.name,
            "started_at": self.started_at.isoformat(),
            "finished_at": datetime.now(UTC).isoformat(),
            # Closing vanished postings is only safe when the whole listing was read cleanly.
            "complete_listing": bool(getattr(spider, "complete_listing", False))
            and not summary["errors"] and summary["finish_reason"] == "finished",
            "args": getattr(spider, "run_args", {}),
            **summary,
        }
        failure = failure_reason(summary)
        if failure:
            # The loader records the run as failed: it loads what landed, closes nothing, and
            # the source's freshness does not move.
            manifest["status"] = "failed"
            manifest["failure"] = failure
        digest = landing_digest(self.crawler.stats.get_stats())
        if digest is not None and "feed_store_failed" not in summary["errors"]:
            # What the loader checks the landing file against before reading it.
            manifest["landing"] = digest
        store = open_store(self.landing, S3Options.from_settings(self.crawler.settings))
        relative = f"{spider.name}/{run_id}.run.json"
        # Written whole or not at all (a renamed temporary file, or one S3 PUT).
        store.write_atomic(relative, json.dumps(manifest, indent=1, sort_keys=True)
                           .encode("utf-8"))
        log.info("jobpulse: run manifest written to %s", store.name(relative))
