"""Lever job boards through the public Postings API.

``GET /v0/postings/{site}?mode=json`` answers a bare JSON array of postings (no envelope);
``skip``/``limit`` page through it. Pay is ``salaryRange {currency, interval, min, max}`` with the
period spelled as an interval (``per-year-salary``...); see shared/sources/README.md §3.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote, urlencode

import scrapy
from scrapy.http import Response

from crawlers.ats_boards import (
    BoardSpider,
    epoch_ms_iso,
    organization,
    structured_salary,
)
from crawlers.items import JobPostingItem
from crawlers.spiders._base import utc_now_iso
from handoff.text import html_to_text

HOSTED_URL = "https://jobs.lever.co/{site}/{id}"
PAGE_SIZE = 100
INTERVALS: dict[str, str | None] = {
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-week-salary": "week",
    "per-day-wage": "day",
    "per-hour-wage": "hour",
    # A one-off payment has no period; the normalizer must not annualise it.
    "one-time": None,
    "one-time-payment": None,
}


def extract_salary(salary_range: Any, description: Any) -> dict[str, Any] | None:
    if not isinstance(salary_range, dict):
        return None
    interval = salary_range.get("interval")
    salary = structured_salary(
        raw=description if isinstance(description, str) and description.strip() else None,
        low=salary_range.get("min"), high=salary_range.get("max"),
        currency=salary_range.get("currency"),
        rate_type=INTERVALS.get(interval) if isinstance(interval, str) else None)
    if salary is not None:
        salary["interval"] = interval
    return salary


def _lists(posting: dict[str, Any]) -> list[tuple[str, str]]:
    return [(str(entry.get("text") or "").strip(), str(entry.get("content") or ""))
            for entry in posting.get("lists") or [] if isinstance(entry, dict)]


def description_text(posting: dict[str, Any]) -> str:
    """Opening/body text, each list as a heading plus its items, then the closing text."""
    intro = posting.get("descriptionPlain")
    if not intro:
        intro = "\n\n".join(p for p in (posting.get("openingPlain"),
                                        posting.get("descriptionBodyPlain")) if p)
    parts = [str(intro or "").strip()]
    for heading, items in _lists(posting):
        parts.append("\n".join(p for p in (heading, html_to_text(items)) if p))
    parts.append(str(posting.get("additionalPlain") or "").strip())
    return "\n\n".join(p for p in parts if p)


def description_html(posting: dict[str, Any]) -> str:
    parts = [str(posting.get("description") or "")]
    for heading, items in _lists(posting):
        parts.append(f"<h3>{heading}</h3><ul>{items}</ul>")
    parts.append(str(posting.get("additional") or ""))
    return "".join(parts)


def extract_posting(posting: dict[str, Any], *, site: str, site_name: str, source: str,
                    fetched_at: str, crawl_run: str) -> JobPostingItem:
    """Build the raw item for one posting of a site's list."""
    posting_id = posting["id"]
    if not isinstance(posting_id, str) or not posting_id:
        raise ValueError(f"bad posting id {posting_id!r}")
    title = posting.get("text")
    if title is not None and not isinstance(title, str):
        raise TypeError("text (the title) is not a string")
    categories = posting.get("categories") or {}
    all_locations = [str(x) for x in categories.get("allLocations") or [] if x]
    location = "; ".join(all_locations) or categories.get("location")
    workplace = posting.get("workplaceType")
    created = posting.get("createdAt")
    body_html = description_html(posting)
    return JobPostingItem(
        source=source,
        source_id=posting_id,
        url=posting.get("hostedUrl") or HOSTED_URL.format(site=site, id=posting_id),
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title.strip() if title else None,
        datePublished=epoch_ms_iso(created),
        datePublishedRaw=created,
        hiringOrganization=organization(None, site_name),
        jobLocation={"raw": location} if location else None,
        # "unspecified" says nothing about remote work; keep it only under extra.
        remoteStatus=workplace if workplace and workplace != "unspecified" else None,
        employmentType=categories.get("commitment"),
        baseSalary=extract_salary(posting.get("salaryRange"),
                                  posting.get("salaryDescriptionPlain")),
        description=description_text(posting) or None,
        descriptionHtml=body_html or None,
        extra={
            "site": site,
            "country": posting.get("country"),
            "workplaceType": workplace,
            # Lever's own work-mode field; it beats the location text downstream.
            "work_mode_field": workplace if workplace != "unspecified" else None,
            "categories": categories,
            "salaryRange": posting.get("salaryRange"),
            "salaryDescriptionPlain": posting.get("salaryDescriptionPlain"),
            "applyUrl": posting.get("applyUrl"),
        },
    )


class LeverSpider(BoardSpider):
    """Every published posting of each configured Lever site, page by page.

    Extra argument: ``page_size`` (postings per request, default 100; ``0`` asks for the
    whole site in one response, which the API also allows).
    """

    name = "lever"
    default_base_url = "https://api.lever.co"
    custom_settings: ClassVar[dict[str, Any]] = {
        # api.lever.co robots.txt asks for "Crawl-delay: 1"; the postings README says published
        # postings "may be scraped by third parties" (shared/sources/README.md §3).
        "DOWNLOAD_DELAY": 1.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def __init__(self, *args: Any, page_size: int | str = PAGE_SIZE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_size = int(page_size)
        if self.page_size < 0:
            raise ValueError("page_size must be 0 (no paging) or more")
        self.run_args["page_size"] = self.page_size

    def page_request(self, site: str, skip: int) -> scrapy.Request:
        params: dict[str, Any] = {"mode": "json"}
        if self.page_size:
            params.update(skip=skip, limit=self.page_size)
        url = f"{self.base_url}/v0/postings/{quote(site, safe='')}?{urlencode(params)}"
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                              cb_kwargs={"board": site, "skip": skip})

    def board_request(self, board: str) -> scrapy.Request:
        return self.page_request(board, 0)

    def parse_page(self, response: Response, board: str,
                   skip: int) -> Iterator[JobPostingItem | scrapy.Request]:
        postings = self.load_board(response, None)
        if postings is None:
            return
        fetched_at = utc_now_iso()
        yield from self.emit(postings, lambda posting: extract_posting(
            posting, site=board, site_name=self.board_name(board), source=self.name,
            fetched_at=fetched_at, crawl_run=self.crawl_run), response)
        # A full page may have a successor; a short one is the end of the site.
        if self.page_size and len(postings) >= self.page_size:
            yield self.page_request(board, skip + self.page_size)
