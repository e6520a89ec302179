"""Jobicy through its public remote-jobs API v2 (``shared/sources/README.md`` section 8c).

``GET /api/v2/remote-jobs?count=100&industry=dev`` answers the latest matching jobs (at most 100,
no pagination) in an envelope ``{"apiVersion", "friendlyNotice", "jobCount", ..., "jobs": [...]}``.
Quirks: the salary keys are absent (not null) when unset, ``salaryPeriod`` says how the amounts
are meant, ``jobIndustry``/``jobType`` come HTML-entity escaped (``Product &amp; Operations``),
``jobGeo`` joins regions with double spaces and ``pubDate`` is ISO with an offset or, on older
jobs, ``YYYY-MM-DD HH:MM:SS`` in UTC. Terms: credit Jobicy, send applicants to Jobicy, poll at
most hourly, no redistribution to Google Jobs/LinkedIn/Jooble.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawlers.feed_text import clean_tags, structured_salary, text_time_to_iso
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, JobSpider, records_in, utc_now_iso
from handoff.text import html_to_text

MAX_COUNT = 100
PERIODS = {"yearly": "year", "annual": "year", "annually": "year", "monthly": "month",
           "weekly": "week", "daily": "day", "hourly": "hour"}
_SPACES = re.compile(r"\s+")
_SLUG = re.compile(r"^[a-z0-9-]*$")


def unescape_list(values: Any) -> list[str]:
    """``["Product &amp; Operations"]`` -> ``["Product & Operations"]``; strings only."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    return [html.unescape(v).strip() for v in values if isinstance(v, str) and v.strip()]


def clean_geo(value: Any) -> str | None:
    """``"LATAM,  Canada,  USA"`` -> ``"LATAM, Canada, USA"``."""
    if not isinstance(value, str):
        return None
    parts = [_SPACES.sub(" ", html.unescape(p)).strip() for p in value.split(",")]
    return ", ".join(p for p in parts if p) or None


def extract_posting(record: dict[str, Any], *, source: str, fetched_at: str,
                    crawl_run: str) -> JobPostingItem:
    """The raw item of one Jobicy job; ``KeyError``/``ValueError`` when it has no usable id.

    A missing title, company or URL is left for the spider's
    :func:`~crawlers.spiders._base.posting_problem` to count.
    """
    if not isinstance(record, dict):
        raise TypeError(f"job is a {type(record).__name__}, not an object")
    job_id = record["id"]
    if isinstance(job_id, bool) or not isinstance(job_id, int | str) or not str(job_id).isdigit():
        raise ValueError(f"id {job_id!r} is not numeric")
    source_id = str(job_id)
    title = html.unescape(record.get("jobTitle") or "").strip()
    url = record.get("url")
    if not isinstance(url, str) or not url.startswith("http"):
        url = ""  # Jobicy's terms send applicants to Jobicy: no link, no posting
    company_raw = record.get("companyName")
    company = html.unescape(company_raw or "").strip()
    html_body = record.get("jobDescription") or ""
    job_types = unescape_list(record.get("jobType"))
    industries = unescape_list(record.get("jobIndustry"))
    level = (record.get("jobLevel") or "").strip()
    period_raw = record.get("salaryPeriod")
    period = PERIODS.get(period_raw.strip().lower()) if isinstance(period_raw, str) else None
    published_raw = record.get("pubDate")
    return JobPostingItem(
        source=source,
        source_id=source_id,
        url=url,
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title or None,
        # Older jobs carry "YYYY-MM-DD HH:MM:SS" without an offset; Jobicy's clock is UTC.
        datePublished=text_time_to_iso(published_raw),
        datePublishedRaw=published_raw,
        hiringOrganization={"name": company, "nameRaw": company_raw} if company else None,
        jobLocation={"raw": geo} if (geo := clean_geo(record.get("jobGeo"))) else None,
        remoteStatus="Remote",
        employmentType=", ".join(job_types) or None,
        # The keys are missing altogether when the employer gave no pay.
        baseSalary=structured_salary(record.get("salaryMin"), record.get("salaryMax"),
                                     currency=record.get("salaryCurrency"), rate=period),
        # A description that is not text is kept raw below but gives no text.
        description=html_to_text(html_body if isinstance(html_body, str) else None),
        descriptionHtml=html_body,
        tags=clean_tags(industries),
        extra={
            "job_slug": record.get("jobSlug"),
            "excerpt": html.unescape(record.get("jobExcerpt") or "") or None,
            "job_level": level or None,
            # "Any" is not a level, so it is no hint for the seniority parser.
            "seniority_hints": [level] if level and level.lower() != "any" else [],
            "job_types": job_types,
            "industries": industries,
            "salary_period": period_raw,
            "geo_raw": record.get("jobGeo"),
        },
    )


def _slug_arg(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _SLUG.match(value):
        raise ValueError(f"{name} must be a Jobicy slug (a-z, 0-9, -), got {value!r}")
    return value


class JobicySpider(JobSpider):
    """The latest (up to 100) Jobicy jobs matching ``industry``/``tag``/``geo``.

    Arguments: ``industry`` (default ``dev``; comma-separated for several, ``""`` for all),
    ``tag`` (keyword, e.g.
    ``python``), ``geo`` (region slug, e.g. ``usa``), ``count`` (1..100), ``base_url``.
    """

    name = "jobicy"
    default_base_url = "https://jobicy.com"
    complete_listing = True
    """Unless an answer came back full (``count`` jobs), when older jobs may be cut off."""
    custom_settings = {
        # Jobicy asks for polls at most once an hour (pipeline/ops/sources.py: 1 h minimum
        # interval); a run is one request per industry, a second apart.
        "DOWNLOAD_DELAY": 1.0,
    }

    def __init__(self, *args: Any, industry: str | None = "dev", tag: str | None = None,
                 geo: str | None = None, count: int | str = MAX_COUNT, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Several industries ("dev,engineering") cost one request each; "" means all of them.
        self.industries = [_slug_arg("industry", i.strip()) for i in (industry or "").split(",")
                           if i.strip()] or [None]
        self.geo = _slug_arg("geo", geo)
        self.tag = tag.strip() if tag and tag.strip() else None
        self.count = int(count)
        if not 1 <= self.count <= MAX_COUNT:
            raise ValueError(f"count must be 1..{MAX_COUNT}, got {self.count}")
        self.run_args.update(industry=",".join(i or "" for i in self.industries), tag=self.tag,
                             geo=self.geo, count=self.count)

    def api_url(self, industry: str | None) -> str:
        params: dict[str, Any] = {"count": self.count}
        for key, value in (("geo", self.geo), ("industry", industry), ("tag", self.tag)):
            if value:
                params[key] = value
        return f"{self.base_url}/api/v2/remote-jobs?{urlencode(params)}"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for industry in self.industries:
            yield scrapy.Request(self.api_url(industry), callback=self.parse_jobs,
                                 errback=self.on_error)

    def parse_jobs(self, response: Response) -> Iterator[JobPostingItem]:
        try:
            data = self.load_json(response)
            if (isinstance(data, dict) and data.get("jobs") is None
                    and (data.get("jobCount") == 0 or data.get("success") is False)):
                jobs: list[Any] = []  # how a filter without matches is answered
            else:
                jobs = records_in(data, "jobs")
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            return
        if len(jobs) >= self.count:
            # A full answer may have cut older jobs off: their absence proves nothing.
            self.complete_listing = False
        fetched_at = utc_now_iso()
        yield from self.emit(jobs, lambda record: extract_posting(
            record, source=self.name, fetched_at=fetched_at, crawl_run=self.crawl_run),
            response)
