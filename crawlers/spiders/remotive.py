"""Remotive through its public remote-jobs API (``shared/sources/README.md`` section 6).

``GET /api/remote-jobs?category=<slug>`` answers every active job of the category at once (no
pagination) in an envelope ``{"00-warning", "0-legal-notice", "job-count", "total-job-count",
"jobs": [...]}``. ``publication_date`` has no offset (it is UTC), ``salary`` is free text or
``""``, and each description ends with a tracking pixel that is not part of the posting.
Terms: link back to the Remotive URL, name Remotive, never resubmit to other job sites.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawlers.feed_text import clean_tags, text_time_to_iso
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, JobSpider, records_in, utc_now_iso
from handoff.text import html_to_text

DEFAULT_CATEGORIES = "software-dev"
_TRACKING_PIXEL = re.compile(r"\s*<img\b[^>]*/job/track/[^>]*>\s*", re.IGNORECASE)
_CATEGORY = re.compile(r"^[a-z0-9-]+$")
JOB_TYPES = {"full_time": "Full-Time", "part_time": "Part-Time", "contract": "Contract",
             "freelance": "Freelance", "internship": "Internship", "other": "Other"}
"""The API's ``job_type`` codes as remotive.com shows them on a job page."""


def strip_tracking(html_body: str) -> str:
    """The description without Remotive's ``blank.gif?source=public_api`` tracking image."""
    return _TRACKING_PIXEL.sub("", html_body).rstrip()


def parse_categories(value: str | None) -> list[str]:
    """``"software-dev,devops"`` to category slugs, in order, without repeats."""
    slugs = [s.strip() for s in (value or DEFAULT_CATEGORIES).split(",") if s.strip()]
    for slug in slugs:
        if not _CATEGORY.match(slug):
            raise ValueError(f"not a Remotive category slug: {slug!r}")
    if not slugs:
        raise ValueError("categories must name at least one category slug")
    return list(dict.fromkeys(slugs))


def extract_posting(record: dict[str, Any], *, source: str, fetched_at: str, crawl_run: str,
                    category_slug: str | None = None) -> JobPostingItem:
    """The raw item of one Remotive job; ``KeyError``/``ValueError`` when it has no usable id.

    A missing title, company or URL is left for the spider's
    :func:`~crawlers.spiders._base.posting_problem` to count.
    """
    if not isinstance(record, dict):
        raise TypeError(f"job is a {type(record).__name__}, not an object")
    job_id = record["id"]
    if isinstance(job_id, bool) or not isinstance(job_id, int | str) or not str(job_id).isdigit():
        raise ValueError(f"id {job_id!r} is not numeric")
    source_id = str(job_id)
    title = (record.get("title") or "").strip()
    url = record.get("url")
    if not isinstance(url, str) or not url.startswith("http"):
        url = ""  # a job without a link back cannot be published (terms)
    html_body = strip_tracking(record.get("description") or "")
    company = (record.get("company_name") or "").strip()
    location = (record.get("candidate_required_location") or "").strip()
    salary = (record.get("salary") or "").strip()
    job_type = (record.get("job_type") or "").strip()
    published_raw = record.get("publication_date")
    return JobPostingItem(
        source=source,
        source_id=source_id,
        url=url,
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title or None,
        datePublished=text_time_to_iso(published_raw),
        datePublishedRaw=published_raw,
        hiringOrganization={"name": company, "nameRaw": record.get("company_name")}
        if company
        else None,
        jobLocation={"raw": location} if location else None,
        # Remotive lists remote jobs only; the location names who may apply.
        remoteStatus="Remote",
        employmentType=JOB_TYPES.get(job_type, job_type) or None,
        baseSalary={"raw": salary} if salary else None,
        description=html_to_text(html_body),
        descriptionHtml=html_body,
        tags=clean_tags(record.get("tags")),
        extra={
            "category": record.get("category"),
            "category_slug": category_slug,
            "job_type": job_type or None,
        },
    )


class RemotiveSpider(JobSpider):
    """Every job of the chosen categories (``categories``, default ``software-dev``).

    Arguments: ``categories`` (comma-separated slugs, e.g. ``software-dev,devops,data``),
    ``base_url``. One request per category, each the category's full listing.
    """

    name = "remotive"
    default_base_url = "https://remotive.com"
    complete_listing = True
    custom_settings = {
        # Remotive asks for at most 4 calls a day and blocks more than 2 a minute. The scheduler
        # (pipeline/ops/sources.py: 6 h minimum interval, 4 runs a day) keeps the daily budget;
        # within a run the categories are fetched one at a time, 31 s apart.
        "DOWNLOAD_DELAY": 31.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "AUTOTHROTTLE_ENABLED": False,
    }

    def __init__(self, *args: Any, categories: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = parse_categories(categories)
        self.run_args.update(categories=",".join(self.categories))

    def category_url(self, slug: str) -> str:
        return f"{self.base_url}/api/remote-jobs?{urlencode({'category': slug})}"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for slug in self.categories:
            yield scrapy.Request(self.category_url(slug), callback=self.parse_jobs,
                                 errback=self.on_error, cb_kwargs={"category": slug})

    def parse_jobs(self, response: Response, category: str) -> Iterator[JobPostingItem]:
        try:
            jobs = records_in(self.load_json(response), "jobs")
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            return
        fetched_at = utc_now_iso()
        yield from self.emit(jobs, lambda record: extract_posting(
            record, source=self.name, fetched_at=fetched_at, crawl_run=self.crawl_run,
            category_slug=category), response)
