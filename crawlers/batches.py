"""A response's postings travel through Scrapy's item machinery as one item.

Scrapy handles every item a callback yields on its own: an asyncio task in the scraper's
parallel pool, the spider-middleware chain, each item pipeline, the ``item_scraped`` signal to
every receiver, a log record. For a source that lists dozens or hundreds of postings in one
response (a board API, a "Who is hiring?" thread) that machinery cost more than the spider's
own parsing. :class:`BatchPostingsMiddleware`, the spider middleware nearest the spider, holds
the :class:`~crawlers.items.JobPostingItem` objects of one callback and yields them as one
:class:`PostingBatch` when the callback is done (requests pass at once, so the crawl's order of
fetching is unchanged). Everything downstream counts and writes postings, not batches:

* our item pipelines filter a batch posting by posting (``crawlers.pipelines``), each drop
  counted and logged as Scrapy counts and logs a dropped item;
* :class:`PostingFeedExporter` hands every feed each posting of a batch, so feeds of any format,
  their item filters and ``FEED_EXPORT_BATCH_ITEM_COUNT`` see postings;
* :class:`PostingCoreStats` counts ``item_scraped_count`` in postings, which the run manifest and
  Scrapy's periodic log report; :class:`PostingCloseSpider` closes on
  ``CLOSESPIDER_ITEMCOUNT`` postings.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any

import attrs
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.extensions.closespider import CloseSpider
from scrapy.extensions.corestats import CoreStats
from scrapy.extensions.feedexport import FeedExporter
from scrapy.http import Response
from scrapy.utils.log import logformatter_adapter
from twisted.python.failure import Failure

from crawlers.items import JobPostingItem

log = logging.getLogger(__name__)


@attrs.define
class PostingBatch:
    """The postings one callback yielded, in the order it yielded them."""

    postings: list[JobPostingItem]


def postings_in(item: Any) -> list[Any]:
    """What an item stands for: a batch's postings, or the item itself."""
    return item.postings if type(item) is PostingBatch else [item]


def each_posting(item: Any, check: Callable[[Any], Any], crawler: Crawler) -> Any:
    """An item pipeline's ``check`` of one item, or of each posting of a :class:`PostingBatch`.

    A single item's outcome goes to Scrapy as it is. In a batch, each posting is handled as
    Scrapy handles an item: one that ``check`` drops (``DropItem``) or fails on leaves the
    batch, is logged through the crawl's log formatter and sent with ``item_dropped`` or
    ``item_error`` (which Scrapy's stats count), and the rest of the batch goes on.
    """
    if type(item) is not PostingBatch:
        return check(item)
    kept = []
    for posting in item.postings:
        try:
            kept.append(check(posting))
        except DropItem as exc:
            _log_and_signal(crawler, "dropped", signals.item_dropped, posting, exc=exc,
                            exception=exc)
        except Exception as exc:
            _log_and_signal(crawler, "item_error", signals.item_error, posting, exc=exc,
                            failure=Failure())
    item.postings = kept
    return item


def _log_and_signal(crawler: Crawler, formatter: str, signal: object, posting: Any, *,
                    exc: Exception, **kwargs: Any) -> None:
    spider = crawler.spider
    logkws = getattr(crawler.logformatter, formatter)(posting, exc, None, spider)
    if logkws is not None:
        log.log(*logformatter_adapter(logkws), extra={"spider": spider, "item": posting},
                exc_info=formatter == "item_error")
    crawler.signals.send_catch_log(signal=signal, item=posting, response=None, spider=spider,
                                   **kwargs)


class BatchPostingsMiddleware:
    """Yields a callback's postings as one :class:`PostingBatch` once the callback is done.

    Requests and any other kind of item pass through as they come. If the callback fails
    part-way, the postings it yielded before the failure are still yielded, as Scrapy would
    have processed them one by one, before the failure goes on to Scrapy.
    """

    def process_spider_output(self, response: Response, result: Iterable[Any],
                              spider: Spider | None = None) -> Iterator[Any]:
        held = _HeldPostings()
        try:
            yield from filter(held.passes, result)
        except Exception:
            yield from held.batch()
            raise
        yield from held.batch()

    async def process_spider_output_async(self, response: Response,
                                          result: AsyncIterator[Any],
                                          spider: Spider | None = None) -> AsyncIterator[Any]:
        held = _HeldPostings()
        try:
            async for output in result:
                if held.passes(output):
                    yield output
        except Exception:
            for batch in held.batch():
                yield batch
            raise
        for batch in held.batch():
            yield batch


class _HeldPostings:
    """The postings of one callback, held back until it is done."""

    def __init__(self) -> None:
        self.postings: list[JobPostingItem] = []

    def passes(self, output: Any) -> bool:
        """Whether ``output`` goes on now: anything but a posting, which is held."""
        if type(output) is JobPostingItem:
            self.postings.append(output)
            return False
        return True

    def batch(self) -> list[PostingBatch]:
        """The held postings as one batch; nothing if none were held."""
        return [PostingBatch(self.postings)] if self.postings else []


class PostingFeedExporter(FeedExporter):
    """Scrapy's feed exports, given each posting of a batch as an item of its own."""

    def item_scraped(self, item: Any, spider: Spider) -> None:
        if type(item) is not PostingBatch:
            super().item_scraped(item, spider)
            return
        for posting in item.postings:
            try:
                super().item_scraped(posting, spider)
            except Exception:
                # As Scrapy's signal dispatch does when a receiver fails on an item: logged,
                # and the batch's other postings still reach the feeds.
                log.exception("Error exporting an item to the feeds", extra={"spider": spider})


class PostingCoreStats(CoreStats):
    """Scrapy's core stats, with ``item_scraped_count`` in postings."""

    def item_scraped(self, item: Any, spider: Spider) -> None:
        self.stats.inc_value("item_scraped_count", len(postings_in(item)))


class PostingCloseSpider(CloseSpider):
    """Scrapy's CloseSpider, with ``CLOSESPIDER_ITEMCOUNT`` counted in postings."""

    def item_scraped(self, item: Any, spider: Spider) -> None:
        for posting in postings_in(item):
            super().item_scraped(posting, spider)
