"""Himalayas through its public browse API (``shared/sources/README.md`` section 8b).

``GET /jobs/api?limit=20&offset=N`` pages through every open job, newest first, in an envelope
``{"comments", "updatedAt", "offset", "limit", "totalCount", "jobs": [...]}``. At most 20 jobs
come per request and a page may come back short in the middle of the results, so the crawl only
stops on an empty page or once ``offset >= totalCount``. Two shapes are live at once: ``pubDate``
/``expiryDate`` in seconds (2026-05 capture) or milliseconds (data dictionary), and
``locationRestrictions`` as plain names or ``{alpha2, name}`` objects; ``[]`` means worldwide.
Terms: link back to Himalayas; no redistribution to other job aggregators.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers.feed_text import clean_tags, epoch_to_iso, structured_salary
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, JobSpider, records_in, utc_now_iso
from handoff.text import html_to_text

PAGE_SIZE = 20
"""The API's maximum ``limit``."""
DEFAULT_MAX_PAGES = 250
WORLDWIDE = "Worldwide"


def restriction_names(values: Any) -> tuple[list[str], list[str]]:
    """``(place names, ISO alpha-2 codes)`` of ``locationRestrictions`` in either shape."""
    if not isinstance(values, list):
        return [], []
    names: list[str] = []
    codes: list[str] = []
    for value in values:
        if isinstance(value, str) and value.strip():
            names.append(value.strip())
        elif isinstance(value, dict):
            name = value.get("name") or value.get("alpha2")
            if isinstance(name, str) and name.strip():
                names.append(name.strip())
            code = value.get("alpha2")
            if isinstance(code, str) and code.strip():
                codes.append(code.strip().upper())
    return names, codes


def source_id_of(link: str) -> str:
    """``https://himalayas.app/companies/acme/jobs/backend-engineer`` -> ``acme/backend-engineer``.

    Jobs have no numeric id; the job page path is the stable key Himalayas itself uses.
    """
    path = urlsplit(link).path.strip("/")
    if path.startswith("companies/"):
        path = path[len("companies/"):]
    company, sep, slug = path.partition("/jobs/")
    return f"{company}/{slug}" if sep and company and slug else path


SALARY_PERIODS = {"annual": "year", "yearly": "year", "year": "year", "monthly": "month",
                  "month": "month", "weekly": "week", "daily": "day", "hourly": "hour",
                  "hour": "hour"}


def salary_period(value: Any) -> str | None:
    """``salaryPeriod`` as a period; absent means the documented default, annual. An unknown
    word gives no period (the amount's magnitude decides downstream)."""
    if value is None:
        return "year"
    return SALARY_PERIODS.get(value.strip().lower()) if isinstance(value, str) else None


def extract_posting(record: dict[str, Any], *, source: str, fetched_at: str,
                    crawl_run: str) -> JobPostingItem:
    """The raw item of one Himalayas job; ``KeyError``/``ValueError`` when it has no link (its id).

    A missing title or company is left for the spider's
    :func:`~crawlers.spiders._base.posting_problem` to count.
    """
    if not isinstance(record, dict):
        raise TypeError(f"job is a {type(record).__name__}, not an object")
    link = record.get("guid") or record.get("applicationLink")
    if not isinstance(link, str) or not link.startswith("http"):
        raise ValueError("job without guid or applicationLink")
    source_id = source_id_of(link)
    title = (record.get("title") or "").strip()
    html_body = record.get("description") or ""
    company = (record.get("companyName") or "").strip()
    restrictions = record.get("locationRestrictions")
    names, codes = restriction_names(restrictions)
    # An empty list is how Himalayas says "hire from anywhere".
    location = ", ".join(names) if names else (WORLDWIDE if restrictions == [] else None)
    seniority = [s for s in record.get("seniority") or [] if isinstance(s, str) and s.strip()]
    pub_raw = record.get("pubDate")
    return JobPostingItem(
        source=source,
        source_id=source_id,
        url=record.get("applicationLink") or link,
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title or None,
        datePublished=epoch_to_iso(pub_raw),
        datePublishedRaw=pub_raw if isinstance(pub_raw, int | str) else None,
        hiringOrganization={"name": company, "nameRaw": record.get("companyName")}
        if company
        else None,
        jobLocation={"raw": location} if location else None,
        remoteStatus="Remote",
        employmentType=(record.get("employmentType") or "").strip() or None,
        # minSalary/maxSalary are in ``currency``, per ``salaryPeriod`` (mid-2026: "annual" or
        # "hourly"; "annual" also when there is no salary); older records have no period: annual.
        baseSalary=structured_salary(record.get("minSalary"), record.get("maxSalary"),
                                     currency=record.get("currency"),
                                     rate=salary_period(record.get("salaryPeriod"))),
        # A description that is not text is kept raw below but gives no text.
        description=html_to_text(html_body if isinstance(html_body, str) else None),
        descriptionHtml=html_body,
        tags=clean_tags(record.get("categories")),
        extra={
            "excerpt": record.get("excerpt"),
            "company_slug": record.get("companySlug"),
            "seniority": seniority,
            "seniority_hints": seniority,
            "location_restrictions": restrictions,
            "country_codes": codes,
            "timezone_restrictions": record.get("timezoneRestrictions"),
            "parent_categories": record.get("parentCategories"),
            "expires_at": epoch_to_iso(record.get("expiryDate")),
            "guid": record.get("guid"),
        },
    )


class HimalayasSpider(JobSpider):
    """Every open Himalayas job, page by page (20 a request).

    Arguments: ``max_pages`` (safety cap, default 250; ``0`` = no cap), ``base_url``. The run
    is a complete listing only when it reached the end of the results without an error.
    """

    name = "himalayas"
    default_base_url = "https://himalayas.app"
    custom_settings = {
        # Pages are fetched one after another; Himalayas publishes no rate limit, so stay gentle.
        "DOWNLOAD_DELAY": 1.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def __init__(self, *args: Any, max_pages: int | str = DEFAULT_MAX_PAGES,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_pages = int(max_pages)
        if self.max_pages < 0:
            raise ValueError("max_pages must be 0 (no cap) or more")
        self.pages_requested = 0
        self.total_count: int | None = None
        self.step = PAGE_SIZE
        self.good_pages = 0
        self.complete_listing = False  # set once the last page has been read
        self.run_args.update(max_pages=self.max_pages)

    def page_url(self, offset: int) -> str:
        return f"{self.base_url}/jobs/api?{urlencode({'limit': PAGE_SIZE, 'offset': offset})}"

    def page_request(self, offset: int) -> scrapy.Request | None:
        """The request of the page at ``offset``, or ``None`` once past the end or the cap."""
        if self.total_count is not None and offset >= self.total_count:
            self.complete_listing = True
            return None
        if self.max_pages and self.pages_requested >= self.max_pages:
            self.logger.info("max_pages=%d reached at offset %d; listing incomplete",
                             self.max_pages, offset)
            return None
        self.pages_requested += 1
        return scrapy.Request(self.page_url(offset), callback=self.parse_page,
                              errback=self.on_page_error, cb_kwargs={"offset": offset})

    async def start(self) -> AsyncIterator[scrapy.Request]:
        request = self.page_request(0)
        if request is not None:
            yield request

    def next_page(self, offset: int) -> Iterator[scrapy.Request]:
        # If not even one page has parsed, the failure is likely not transient and there is
        # no totalCount to stop at: end the crawl rather than walk blind.
        if not self.good_pages:
            return
        request = self.page_request(offset + self.step)
        if request is not None:
            yield request

    def on_page_error(self, failure: Failure) -> Iterator[scrapy.Request]:
        self.on_error(failure)
        request = getattr(failure, "request", None)
        offset = request.cb_kwargs.get("offset") if request is not None else None
        if isinstance(offset, int):
            yield from self.next_page(offset)

    def parse_page(self, response: Response,
                   offset: int) -> Iterator[JobPostingItem | scrapy.Request]:
        try:
            data = self.load_json(response)
            jobs = records_in(data, "jobs")
            total, limit = data.get("totalCount"), data.get("limit")
            if isinstance(total, int) and not isinstance(total, bool):
                self.total_count = total
            if isinstance(limit, int) and 0 < limit < self.step:
                # The server cut our limit: step by what it served so no job is skipped.
                self.step = limit
            self.good_pages += 1
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            yield from self.next_page(offset)
            return
        fetched_at = utc_now_iso()
        yield from self.emit(jobs, lambda record: extract_posting(
            record, source=self.name, fetched_at=fetched_at, crawl_run=self.crawl_run),
            response)
        if not jobs:
            # An empty page is the end even when totalCount promised more (it is approximate).
            self.complete_listing = True
            return
        yield from self.next_page(offset)
