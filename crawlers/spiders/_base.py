"""Base class of every jobpulse spider: base URL override, run id, counted and logged errors."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure


def new_run_id() -> str:
    """A sortable, collision-safe run id: UTC time plus random suffix (also the file name)."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class BadPayload(ValueError):
    """A response body that is not what the source's format promises."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class JobSpider(scrapy.Spider):
    """Common behaviour: ``base_url`` argument, ``crawl_run`` id, error accounting."""

    default_base_url: ClassVar[str] = ""
    complete_listing: bool = False
    """True when a run saw the source's whole listing, so absent postings can be closed."""

    def __init__(self, *args: Any, base_url: str | None = None, crawl_run: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.crawl_run = crawl_run or new_run_id()
        self.run_args: dict[str, Any] = {"base_url": self.base_url}

    def count_error(self, kind: str, message: str, url: str | None = None) -> None:
        """Count an error by kind in the run's stats and log it once with its URL."""
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"jobpulse/error/{kind}")
        self.logger.warning("%s: %s (%s)", kind, message, url or "-")

    def count_skip(self, reason: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"jobpulse/skipped/{reason}")

    def load_json(self, response: Response) -> Any:
        """Decode a JSON body or raise :class:`BadPayload` naming what was wrong."""
        try:
            text = response.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadPayload("bad_encoding", f"body is not UTF-8: {exc}") from exc
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
            kind = "html_not_json" if text.lstrip()[:1] == "<" else "bad_json"
            raise BadPayload(kind, f"{exc} (content-type {ctype or 'none'})") from exc

    def on_error(self, failure: Failure) -> None:
        """Errback: count a failed request by kind (HTTP status or exception class)."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else None
        if failure.check(HttpError):
            status = failure.value.response.status  # type: ignore[union-attr]
            self.count_error(f"http_{status}", "HTTP error after retries", url)
        else:
            self.count_error(
                "download_" + type(failure.value).__name__, str(failure.value), url
            )
