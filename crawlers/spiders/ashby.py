"""Ashby job boards through the public Job Posting API.

``GET /posting-api/job-board/{name}?includeCompensation=true`` returns
``{"apiVersion": "1", "jobs": [...]}`` for a whole board, compensation inside each job. Unlisted
jobs appear in the list and compensation is returned even when the company chose not to show it;
both are respected here (see shared/sources/README.md §4).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawlers.ats_boards import BoardSpider, iso_utc, organization, structured_salary
from crawlers.items import JobPostingItem
from crawlers.spiders._base import utc_now_iso

HOSTED_URL = "https://jobs.ashbyhq.com/{board}/{id}"
INTERVALS = {"1 YEAR": "year", "1 MONTH": "month", "1 WEEK": "week", "1 DAY": "day",
             "1 HOUR": "hour"}


def skip_reason(job: Any) -> str | None:
    """Why a job of the list is not published, or ``None``."""
    if isinstance(job, dict) and job.get("isListed") is False:
        return "unlisted"
    return None


def compensation_hidden(job: dict[str, Any]) -> bool:
    """True when the job carries compensation its company chose not to display."""
    return bool(job.get("compensation")) and \
        job.get("shouldDisplayCompensationOnJobPostings") is False


def compensation_withheld(compensation: Any) -> bool:
    """True for the shape Ashby returns when a company hides pay: the ``compensation`` object is
    there, but its summaries are null and it holds no component with an amount."""
    if not isinstance(compensation, dict):
        return False
    summaries = (compensation.get("compensationTierSummary"),
                 compensation.get("scrapeableCompensationSalarySummary"))
    return not any(summaries) and _salary_component(compensation) is None


def _salary_component(compensation: dict[str, Any]) -> dict[str, Any] | None:
    candidates = list(compensation.get("summaryComponents") or [])
    for tier in compensation.get("compensationTiers") or []:
        if isinstance(tier, dict):
            candidates.extend(tier.get("components") or [])
    for component in candidates:
        if (isinstance(component, dict) and component.get("compensationType") == "Salary"
                and (component.get("minValue") is not None
                     or component.get("maxValue") is not None)):
            return component
    return None


def extract_salary(compensation: Any) -> dict[str, Any] | None:
    """The first Salary component with values (summary first, then tiers) as ``baseSalary``."""
    if not isinstance(compensation, dict):
        return None
    component = _salary_component(compensation)
    if component is None:
        return None
    interval = component.get("interval")
    raw = compensation.get("scrapeableCompensationSalarySummary") or component.get("summary")
    salary = structured_salary(raw=raw, low=component.get("minValue"),
                               high=component.get("maxValue"),
                               currency=component.get("currencyCode"),
                               rate_type=INTERVALS.get(interval) if isinstance(interval, str)
                               else None)
    if salary is not None:
        salary["interval"] = interval
    return salary


def _secondary(job: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in job.get("secondaryLocations") or [] if isinstance(s, dict)]


def extract_posting(job: dict[str, Any], *, board: str, board_name: str, source: str,
                    fetched_at: str, crawl_run: str) -> JobPostingItem:
    """Build the raw item for one listed job (see :func:`skip_reason`).

    Compensation the company hides (:func:`compensation_hidden`) is neither parsed nor kept.
    """
    job_id = job["id"]
    if not isinstance(job_id, str) or not job_id:
        raise ValueError(f"bad job id {job_id!r}")
    title = job.get("title")
    if title is not None and not isinstance(title, str):
        raise TypeError("title is not a string")
    secondary = _secondary(job)
    locations = [job.get("location")] + [s.get("location") for s in secondary]
    location = "; ".join(str(x).strip() for x in locations if x)
    workplace = job.get("workplaceType")
    remote = workplace or ("Remote" if job.get("isRemote") is True else None)
    hidden = compensation_hidden(job)
    compensation = None if hidden else job.get("compensation")
    # Hidden or withheld pay is no pay: the description's other figures (benefit caps,
    # stipends) must not stand in for it downstream.
    pay_hidden = hidden or compensation_withheld(compensation)
    published = job.get("publishedAt")
    return JobPostingItem(
        source=source,
        source_id=job_id,
        url=job.get("jobUrl") or HOSTED_URL.format(board=board, id=job_id),
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title.strip() if title else None,
        datePublished=iso_utc(published),
        datePublishedRaw=published,
        hiringOrganization=organization(None, board_name),
        jobLocation={"raw": location} if location else None,
        remoteStatus=remote,
        employmentType=job.get("employmentType"),
        baseSalary=extract_salary(compensation),
        description=job.get("descriptionPlain") or None,
        descriptionHtml=job.get("descriptionHtml") or None,
        extra={
            "board": board,
            "department": job.get("department"),
            "team": job.get("team"),
            "isRemote": job.get("isRemote"),
            "workplaceType": workplace,
            "address": job.get("address"),
            "secondaryLocations": secondary,
            "applyUrl": job.get("applyUrl"),
            "compensation": compensation,
            "compensation_hidden": hidden,
            "pay_hidden": pay_hidden,
            # Ashby's own work-mode field (``isRemote`` is also true on hybrid jobs).
            "work_mode_field": workplace,
        },
    )


class AshbySpider(BoardSpider):
    """Every listed job of each configured Ashby board, with compensation where shown."""

    name = "ashby"
    default_base_url = "https://api.ashbyhq.com"
    custom_settings: ClassVar[dict[str, Any]] = {
        # Ashby documents no rate limit for the public posting API; the sources reference
        # (shared/sources/README.md §4 and §2's advice) keeps about one request a second.
        "DOWNLOAD_DELAY": 1.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def board_request(self, board: str) -> scrapy.Request:
        url = (f"{self.base_url}/posting-api/job-board/{quote(board, safe='')}"
               "?includeCompensation=true")
        return scrapy.Request(url, callback=self.parse_board, errback=self.on_error,
                              cb_kwargs={"board": board})

    def parse_board(self, response: Response, board: str) -> Iterator[JobPostingItem]:
        jobs = self.load_board(response, "jobs")
        if jobs is None:
            return
        if not jobs:
            # Unknown boards are reported both as 404 and as an empty list; log to tell apart.
            self.logger.info("ashby board %s has no jobs (empty or unknown board)", board)
        fetched_at = utc_now_iso()
        for item in self.emit(jobs, lambda job: extract_posting(
                job, board=board, board_name=self.board_name(board), source=self.name,
                fetched_at=fetched_at, crawl_run=self.crawl_run), response, skip=skip_reason):
            # Counted only for postings that land: pay left out, not a posting left out.
            if item.extra and item.extra["compensation_hidden"]:
                self.count_skip("comp_hidden")
            yield item
