"""Arbeitnow's public job board API (mostly German and EU jobs).

``GET /api/job-board-api?page=N`` returns ``{data[], links{first,last,prev,next}, meta{...}}``,
100 jobs a page, newest first; ``links.next`` is null on the last page. There is no salary field.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import scrapy
from scrapy.http import Response

from crawlers.items import JobPostingItem
from crawlers.spiders._base import (
    BadPayload,
    FormatChanged,
    JobSpider,
    records_in,
    utc_now_iso,
)
from handoff.text import html_to_text

API_PATH = "/api/job-board-api"
MAX_PAGES = 500
"""A runaway guard: the real board holds a few thousand jobs (a few dozen pages)."""


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    return None


def _str_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def extract_job(record: dict[str, Any], *, source: str, fetched_at: str,
                crawl_run: str) -> JobPostingItem:
    """One ``data[]`` record to an item; ``ValueError``/``TypeError`` when it has no slug or URL.

    The slug is the id and the URL the only link back, so neither may be missing; a missing
    title or company is left for the spider's :func:`~crawlers.spiders._base.posting_problem`.
    """
    if not isinstance(record, dict):
        raise TypeError(f"record is a {type(record).__name__}, not an object")
    slug = _str(record.get("slug"))
    url = _str(record.get("url"))
    if not slug or not url:
        raise ValueError("record without slug or url")
    created = record.get("created_at")
    published = None
    if isinstance(created, int | float) and not isinstance(created, bool):
        published = datetime.fromtimestamp(created, UTC).isoformat().replace("+00:00", "Z")
    company = _str(record.get("company_name"))
    remote = record.get("remote")
    job_types = _str_list(record.get("job_types"))
    location = _str(record.get("location"))
    description_html = record.get("description") if isinstance(record.get("description"),
                                                               str) else None
    return JobPostingItem(
        source=source,
        source_id=slug,
        url=url,
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=_str(record.get("title")),
        datePublished=published,
        datePublishedRaw=created if isinstance(created, int | str) else None,
        hiringOrganization={"name": company, "nameRaw": company} if company else None,
        jobLocation={"raw": location} if location else None,
        # The API says only whether a job is remote; "Remote"/"On-site" keeps it as text.
        remoteStatus=("Remote" if remote else "On-site") if isinstance(remote, bool) else None,
        employmentType=", ".join(job_types) or None,
        baseSalary=None,
        description=html_to_text(description_html),
        descriptionHtml=description_html,
        tags=_str_list(record.get("tags")) or None,
        extra={"remote": remote, "job_types": job_types},
    )


def page_number(url: str) -> int | None:
    values = parse_qs(urlsplit(url).query).get("page")
    try:
        return int(values[0]) if values else 1
    except ValueError:
        return None


class ArbeitnowSpider(JobSpider):
    """Every page of the job board; ``complete_listing`` once the last page was read cleanly.

    Arguments: ``base_url`` (default the real site), ``max_pages`` (default 500).
    """

    name = "arbeitnow"
    default_base_url = "https://www.arbeitnow.com"
    custom_settings = {
        # The API reported x-ratelimit-limit: 50 (a minute); one page a second stays well below.
        "DOWNLOAD_DELAY": 1.0,
    }

    def __init__(self, *args: Any, max_pages: int | str = MAX_PAGES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_pages = int(max_pages)
        self.pages_seen: set[int] = set()
        self.page_failed = False
        self.run_args.update(max_pages=self.max_pages)

    def page_url(self, page: int) -> str:
        return f"{self.base_url}{API_PATH}?page={page}"

    def local_url(self, link: str) -> str:
        """``links.next`` points at the real host; keep following our own ``base_url``.

        Only the part from the API path on is taken, so a replay server mounted below a
        path prefix (``http://127.0.0.1:PORT/arbeitnow``) gets the same next page.
        """
        parts = urlsplit(link)
        if parts.path.endswith(API_PATH):
            return f"{self.base_url}{API_PATH}" + (f"?{parts.query}" if parts.query else "")
        return link

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.request(self.page_url(1))

    def request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_page_error)

    def on_page_error(self, failure: Any) -> None:
        self.page_failed = True
        self.on_error(failure)

    def parse_page(self, response: Response) -> Iterator[JobPostingItem | scrapy.Request]:
        self.pages_seen.add(page_number(response.url) or 0)
        try:
            data = self.load_json(response)
            records = records_in(data, "data")
            links = data.get("links")
            if not isinstance(links, dict):
                # Without links the walk would stop here and claim the whole board was read.
                raise FormatChanged(f"'links' is {type(links).__name__}, not an object")
        except BadPayload as exc:
            self.page_failed = True
            self.count_error(exc.kind, str(exc), response.url)
            return
        fetched_at = utc_now_iso()
        yield from self.emit(records, lambda record: extract_job(
            record, source=self.name, fetched_at=fetched_at, crawl_run=self.crawl_run),
            response)
        next_link = links.get("next")
        if not records or not isinstance(next_link, str) or not next_link:
            # The walk reached the end; vanished jobs may be closed only if no page failed.
            self.complete_listing = not self.page_failed
            return
        url = self.local_url(response.urljoin(next_link))
        number = page_number(url)
        if number is None or number in self.pages_seen:
            self.count_error("bad_pagination", f"next link {next_link!r} loops", response.url)
            return
        if len(self.pages_seen) >= self.max_pages:
            self.count_error("too_many_pages", f"stopped after {self.max_pages} pages",
                             response.url)
            return
        yield self.request(url)

