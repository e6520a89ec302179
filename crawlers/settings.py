"""Scrapy settings for jobpulse: polite by default, raw items landed as JSON Lines through FEEDS."""

from __future__ import annotations

import os

from scrapy.settings import default_settings

from handoff.landing import feed_uri

BOT_NAME = "jobpulse"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"
# A crawl imports its own spider's module, not all of them (crawlers/spider_loader.py).
SPIDER_LOADER_CLASS = "crawlers.spider_loader.SpiderModuleLoader"

# Sources are identified by a contact User-Agent; operators should set their own address.
USER_AGENT = os.environ.get(
    "JOBPULSE_USER_AGENT",
    "jobpulse/0.1 (+https://github.com/jobpulse/jobpulse; contact: jobpulse@example.org)",
)

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
# A whole Algolia thread is a few MB; anything far beyond that is not a job listing.
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "crawlers.middlewares.RedirectLoopMiddleware": 610,
}
JOBPULSE_BACKOFF_BASE = 2.0
JOBPULSE_BACKOFF_MAX = 120.0
JOBPULSE_RETRY_AFTER_MAX = 600.0

# Development switch: JOBPULSE_HTTPCACHE=1 replays responses from .scrapy/httpcache.
HTTPCACHE_ENABLED = os.environ.get("JOBPULSE_HTTPCACHE", "") == "1"
HTTPCACHE_EXPIRATION_SECS = 6 * 3600
HTTPCACHE_DIR = "httpcache"

ITEM_PIPELINES = {
    "crawlers.pipelines.RequireFieldsPipeline": 100,
    "crawlers.pipelines.InCrawlDedupPipeline": 200,
    "crawlers.pipelines.LimitsPipeline": 300,
}
# What one posting may make jobpulse store (crawlers.pipelines.LimitsPipeline): longer texts
# are cut and counted, a larger item is dropped and counted.
JOBPULSE_MAX_ITEM_BYTES = 1024 * 1024
JOBPULSE_MAX_DESCRIPTION_CHARS = 100_000
JOBPULSE_MAX_FIELD_CHARS = 1_000

# A response's postings go through Scrapy's per-item machinery (scraper task, middleware chain,
# pipelines, signals) as one batch: nearest the spider, so every other middleware sees batches.
# The three extensions after it count and export postings, not batches (crawlers/batches.py).
SPIDER_MIDDLEWARES = {"crawlers.batches.BatchPostingsMiddleware": 1100}
# What a response yields (its requests and at most one batch) is handled one output at a time:
# our pipelines do no I/O to overlap, and Scrapy starts CONCURRENT_ITEMS asyncio tasks for
# every response whatever it yields (100 by default, a fifth of a Greenhouse crawl).
CONCURRENT_ITEMS = 1
EXTENSIONS = {
    "scrapy.extensions.corestats.CoreStats": None,
    "crawlers.batches.PostingCoreStats": 0,
    "scrapy.extensions.feedexport.FeedExporter": None,
    "crawlers.batches.PostingFeedExporter": 0,
    "scrapy.extensions.closespider.CloseSpider": None,
    "crawlers.batches.PostingCloseSpider": 0,
    "crawlers.extensions.LeanProcess": 0,
    "crawlers.extensions.RunManifest": 900,
}
# Scrapy's consoles for a person at the keyboard: a telnet console, and (since 2.19) an HTTP
# server that runs the Python code sent to it, announced in a job file under the user's state
# folder. An unattended crawl needs neither; each listened on a local port for every crawl, and
# a crawl that died left its job file behind. They are left out of Scrapy's base list rather
# than set to None in EXTENSIONS: Scrapy imports every class EXTENSIONS names, disabled or not,
# and the two modules (aiohttp, twisted.conch) were 0.15 s of every crawl process's start.
EXTENSIONS_BASE = {
    path: order for path, order in default_settings.EXTENSIONS_BASE.items()
    if path not in ("scrapy.extensions.telnet.TelnetConsole",
                    "scrapy.extensions.remote_control.RemoteControl")
}

# Where raw items land: one JSON Lines file per crawl run, in a folder or, for an s3:// location,
# through Scrapy's S3 feed storage (boto3; AWS_* env vars or settings). The loader reads the
# same place (handoff/landing.py).
JOBPULSE_LANDING_DIR = os.environ.get(
    "JOBPULSE_LANDING_DIR", os.path.join(os.environ.get("JOBPULSE_DATA_DIR", "data"), "landing")
)
FEEDS = {
    feed_uri(JOBPULSE_LANDING_DIR): {
        "format": "jsonlines",
        "encoding": "utf8",
        "store_empty": True,
    },
}

# JSON Lines as Scrapy writes it, plus a digest of the written bytes for the run manifest.
FEED_EXPORTERS = {"jsonlines": "crawlers.landing_feed.DigestJsonLinesExporter"}
FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# Scrapy reads and parses each response's callback's source to warn about a generator that
# returns a value; its cache is keyed by the bound method, which dies with its request, so it
# did so for most responses: 0.35 ms each, about 1% of a crawl of the Greenhouse replay.
# tests/crawlers/test_callbacks.py checks every spider once instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
LOG_LEVEL = os.environ.get("JOBPULSE_LOG_LEVEL", "INFO")

# Distributed mode (crawlers/distributed.py, docs/distributed.md): off unless JOBPULSE_REDIS_URL
# is set for the crawl, e.g. by `jobpulse workers`; then the add-on installs scrapy-redis.
ADDONS = {"crawlers.distributed.DistributedAddon": 0}
JOBPULSE_REDIS_URL = ""
JOBPULSE_CRAWL_ID = ""
JOBPULSE_WORKER = ""
