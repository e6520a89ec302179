"""Hacker News "Ask HN: Who is hiring?" threads through the Algolia HN Search API.

Requests (see the API's docs): ``/api/v1/search_by_date?tags=story,author_whoishiring`` finds the
monthly threads, newest first; ``/api/v1/items/{id}`` returns a whole thread as one nested tree,
whose top-level comments are the job ads.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawlers.hn_text import hn_html_to_text, parse_header
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, JobSpider, records_in, utc_now_iso

HN_ITEM_URL = "https://news.ycombinator.com/item?id={id}"
HITS_PER_PAGE = 100
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_SEEKER = re.compile(r"^\s*(?:<p>)?\s*seeking\s+(?:work|employment|a\s+job)\b", re.IGNORECASE)


def parse_month(value: str | None, *, end: bool = False) -> int | None:
    """``"2025-06"`` to unix seconds at the start of that month (or of the next one if ``end``)."""
    if not value:
        return None
    if not _MONTH.match(value):
        raise ValueError(f"expected a month as YYYY-MM, got {value!r}")
    year, month = (int(p) for p in value.split("-"))
    if not 1 <= month <= 12:
        raise ValueError(f"expected a month as YYYY-MM, got {value!r}")
    if end:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return int(datetime(year, month, 1, tzinfo=UTC).timestamp())


def skip_reason(node: dict[str, Any], story_id: int) -> str | None:
    """Why a node of a thread is not a job ad, or ``None`` when it is one."""
    if not isinstance(node, dict):
        return "not_an_object"
    if node.get("type", "comment") != "comment" or "text" not in node:
        # The items serializer renders deleted and dead nodes as only {id, children}.
        return "deleted"
    if node.get("parent_id") not in (None, story_id):
        return "reply"
    if not (node.get("text") or "").strip():
        return "empty"
    if node.get("author") in (None, "whoishiring"):
        return "not_an_ad"
    if _SEEKER.match(node["text"]):
        # People looking for work sometimes post in the hiring thread.
        return "seeker"
    return None


def extract_posting(node: dict[str, Any], *, source: str, story_id: int, thread: str,
                    fetched_at: str, crawl_run: str) -> JobPostingItem:
    """Build the raw item for one top-level comment of a hiring thread (see :func:`skip_reason`)."""
    html_body = node.get("text") or ""
    text = hn_html_to_text(html_body)
    first_line = text.split("\n", 1)[0]
    header = parse_header(first_line)
    created = node.get("created_at")
    published = _iso_utc(node.get("created_at_i"), created)
    return JobPostingItem(
        source=source,
        source_id=str(node["id"]),
        url=HN_ITEM_URL.format(id=node["id"]),
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=header.role,
        datePublished=published,
        datePublishedRaw=created,
        hiringOrganization={"name": header.company, "nameRaw": header.company}
        if header.company
        else None,
        jobLocation={"raw": header.location} if header.location else None,
        remoteStatus=header.remote,
        employmentType=header.employment,
        baseSalary={"raw": header.pay} if header.pay else None,
        description=text,
        descriptionHtml=html_body,
        extra={
            "author": node.get("author"),
            "story_id": story_id,
            "thread": thread,
            "header": header.line,
            "header_fields": list(header.fields),
            "header_url": header.url,
        },
    )


def _iso_utc(epoch: Any, fallback: Any) -> str | None:
    if isinstance(epoch, int | float) and not isinstance(epoch, bool):
        return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")
    return fallback if isinstance(fallback, str) else None


class HnSpider(JobSpider):
    """Monthly "Who is hiring?" threads; one item per top-level ad.

    Arguments: ``months`` (the N newest threads, ``0`` for all; default 1), ``since`` and
    ``until`` (``YYYY-MM``, inclusive), ``base_url`` (default the real API).
    """

    name = "hn"
    default_base_url = "https://hn.algolia.com"
    # Title and company are read from the ad's free text by a heuristic; an ad whose first
    # line does not parse is still an ad, so only the URL (built from the id) is required.
    required_fields: ClassVar[frozenset[str]] = frozenset({"url"})
    thread_prefix: ClassVar[str] = "Ask HN: Who is hiring?"
    custom_settings: ClassVar[dict[str, Any]] = {
        # Algolia allows 10,000 requests an hour; one request per thread is far below that.
        "DOWNLOAD_DELAY": 0.5,
    }

    def __init__(self, *args: Any, months: int | str = 1, since: str | None = None,
                 until: str | None = None, hits_per_page: int | str = HITS_PER_PAGE,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.months = int(months)
        self.hits_per_page = int(hits_per_page)
        if self.months < 0:
            raise ValueError("months must be 0 (all) or more")
        self.since_ts = parse_month(since)
        self.until_ts = parse_month(until, end=True)
        self.threads_found = 0
        self.run_args.update(months=self.months, since=since, until=until)

    def search_url(self, page: int) -> str:
        params: dict[str, Any] = {
            "tags": "story,author_whoishiring",
            "hitsPerPage": self.hits_per_page,
            "page": page,
        }
        filters = []
        if self.since_ts is not None:
            filters.append(f"created_at_i>={self.since_ts}")
        if self.until_ts is not None:
            filters.append(f"created_at_i<{self.until_ts}")
        if filters:
            params["numericFilters"] = ",".join(filters)
        return f"{self.base_url}/api/v1/search_by_date?{urlencode(params)}"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.search_url(0), callback=self.parse_threads,
                             errback=self.on_error, cb_kwargs={"page": 0})

    def parse_threads(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        try:
            data = self.load_json(response)
            hits = records_in(data, "hits")
            pages = int(data.get("nbPages", 1))
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            return
        except (TypeError, ValueError) as exc:
            self.count_error("format_changed", f"nbPages is not a number: {exc!r}",
                             response.url)
            return
        for hit in hits:
            # The search lists every whoishiring story; each hit not followed is counted.
            title = hit.get("title") if isinstance(hit, dict) else None
            if not isinstance(title, str):
                self.count_error("bad_record", f"search hit without a title: {hit!r:.200}",
                                 response.url)
                continue
            if not title.startswith(self.thread_prefix):
                self.count_skip("other_thread")
                continue
            if self.months and self.threads_found >= self.months:
                self.count_skip("older_thread")
                continue
            try:
                story_id = int(hit["objectID"])
            except (KeyError, TypeError, ValueError) as exc:
                self.count_error("bad_record", f"thread {title!r} without an id: {exc!r}",
                                 response.url)
                continue
            self.threads_found += 1
            yield scrapy.Request(
                f"{self.base_url}/api/v1/items/{story_id}",
                callback=self.parse_thread,
                errback=self.on_error,
                cb_kwargs={"story_id": story_id, "thread": title},
            )
        if page + 1 < pages and (not self.months or self.threads_found < self.months):
            yield scrapy.Request(self.search_url(page + 1), callback=self.parse_threads,
                                 errback=self.on_error, cb_kwargs={"page": page + 1})

    # Hooks for spiders reading other whoishiring threads with another keep rule (hn_freelance).
    def node_skip_reason(self, node: dict[str, Any], story_id: int) -> str | None:
        return skip_reason(node, story_id)

    def build_posting(self, node: dict[str, Any], *, story_id: int, thread: str,
                      fetched_at: str) -> JobPostingItem:
        return extract_posting(node, source=self.name, story_id=story_id, thread=thread,
                               fetched_at=fetched_at, crawl_run=self.crawl_run)

    def parse_thread(self, response: Response, story_id: int,
                     thread: str) -> Iterator[JobPostingItem]:
        try:
            data = self.load_json(response)
            if isinstance(data, dict) and "children" not in data and data.get("id") == story_id:
                # Algolia leaves ``children`` out of a node without replies: a new thread.
                children: list[Any] = []
            else:
                children = records_in(data, "children")
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            return
        fetched_at = utc_now_iso()
        yield from self.emit(
            children,
            lambda node: self.build_posting(node, story_id=story_id, thread=thread,
                                            fetched_at=fetched_at),
            response, skip=lambda node: self.node_skip_reason(node, story_id))
