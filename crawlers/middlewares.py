"""Downloader middlewares: retries that wait, and redirect loops that are caught.

* :class:`BackoffRetryMiddleware` honours ``Retry-After`` on 429/503 and backs off
  exponentially on 5xx.
* :class:`RedirectLoopMiddleware` turns a redirect back to a URL already in the chain into a
  counted ``redirect_loop`` (Scrapy's duplicate filter would otherwise drop it silently).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.response import response_status_message

log = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, *, now: datetime | None = None
                        ) -> float | None:
    """``Retry-After`` as seconds: either delta-seconds or an HTTP date; ``None`` if invalid."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, but each retry first waits without blocking the reactor.

    The wait is the server's ``Retry-After`` when it sends one (capped by
    ``JOBPULSE_RETRY_AFTER_MAX``), else ``JOBPULSE_BACKOFF_BASE * 2**attempt`` seconds
    (capped by ``JOBPULSE_BACKOFF_MAX``).
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        settings = crawler.settings
        self.backoff_base = settings.getfloat("JOBPULSE_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("JOBPULSE_BACKOFF_MAX", 120.0)
        self.retry_after_max = settings.getfloat("JOBPULSE_RETRY_AFTER_MAX", 600.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    def wait_for(self, request: Request, response: Response) -> float:
        header = retry_after_seconds(response.headers.get(b"Retry-After"))
        if header is not None:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("jobpulse/retry_after_honoured")
            return min(header, self.retry_after_max)
        attempt = request.meta.get("retry_times", 0)
        return min(self.backoff_base * 2**attempt, self.backoff_max)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        delay = self.wait_for(request, response)
        if delay > 0:
            log.info("waiting %.1fs before retrying %s (HTTP %d)", delay, request.url,
                     response.status)
            await asyncio.sleep(delay)
        return retry


class RedirectLoopMiddleware:
    """Refuse a redirect to a URL the request has already been at, as ``redirect loop``.

    Scrapy's RedirectMiddleware gives up after REDIRECT_MAX_TIMES only when every hop is a new
    URL; a redirect back to a visited URL is dropped by the duplicate filter without an errback,
    so the page would be lost uncounted. Registered above RedirectMiddleware (600) so it sees
    the 3xx response first; the IgnoreRequest reaches the spider's errback.
    """

    def process_response(self, request: Request, response: Response) -> Response:
        if not 300 <= response.status < 400 or request.meta.get("dont_redirect"):
            return response
        location = response.headers.get(b"Location")
        if not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        visited = [*request.meta.get("redirect_urls", []), request.url]
        if target in visited:
            raise IgnoreRequest(f"redirect loop: {request.url} -> {target}")
        return response
