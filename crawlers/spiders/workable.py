"""Workable career pages through the public jobs widget API.

``GET /api/v1/widget/accounts/{account}?details=true`` answers ``{"name", "description",
"jobs": [...]}`` for a whole account, each job with its HTML ``description``: one request per
account. The widget states no pay. See docs/sources/workable.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawlers.ats_boards import BoardSpider, iso_utc, organization
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, records_in, utc_now_iso
from handoff.text import html_to_text, iso_z, parse_iso_time

HOSTED_URL = "https://apply.workable.com/{account}/j/{shortcode}/"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def published(value: Any) -> str | None:
    """``published_on`` (a bare date, taken as midnight UTC) or a full timestamp, as ISO UTC."""
    if isinstance(value, str) and _DATE.match(value):
        moment = parse_iso_time(value)
        return iso_z(moment) if moment is not None else None
    return iso_utc(value)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _place(parts: Any) -> str:
    return ", ".join(str(p).strip() for p in parts if isinstance(p, str) and p.strip())


def location_text(job: dict[str, Any]) -> str | None:
    """Every shown location (``locations[]`` without the hidden ones), else the job's own
    ``city, state, country``."""
    shown = [_place((loc.get("city"), loc.get("region"), loc.get("country")))
             for loc in job.get("locations") or []
             if isinstance(loc, dict) and loc.get("hidden") is not True]
    text = "; ".join(dict.fromkeys(s for s in shown if s))
    return text or _place((job.get("city"), job.get("state"), job.get("country"))) or None


def extract_posting(job: dict[str, Any], *, account: str, account_name: str | None,
                    board_name: str, source: str, fetched_at: str,
                    crawl_run: str) -> JobPostingItem:
    """Build the raw item for one job of an account's widget answer.

    ``account_name`` is the answer's top-level ``name`` (the company), ``board_name`` the
    configured display name it falls back to.
    """
    shortcode = job["shortcode"]
    if not isinstance(shortcode, str) or not shortcode:
        raise ValueError(f"bad shortcode {shortcode!r}")
    title = job.get("title")
    if title is not None and not isinstance(title, str):
        raise TypeError("title is not a string")
    body = job.get("description")
    body = body if isinstance(body, str) else None
    # telecommuting false covers both on-site and hybrid jobs, so only true says something.
    mode = "remote" if job.get("telecommuting") is True else None
    when = _text(job.get("published_on")) or _text(job.get("created_at"))
    where = location_text(job)
    return JobPostingItem(
        source=source,
        source_id=shortcode,
        url=_text(job.get("url")) or HOSTED_URL.format(account=account, shortcode=shortcode),
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title.strip() if title else None,
        datePublished=published(when),
        datePublishedRaw=when,
        hiringOrganization=organization(account_name, board_name),
        jobLocation={"raw": where} if where else None,
        remoteStatus=mode,
        employmentType=_text(job.get("employment_type")),
        description=html_to_text(body) or None,
        descriptionHtml=body or None,
        extra={
            "account": account,
            "code": _text(job.get("code")),
            "department": _text(job.get("department")),
            "function": _text(job.get("function")),
            "industry": _text(job.get("industry")),
            "experience": _text(job.get("experience")),
            "education": _text(job.get("education")),
            "telecommuting": job.get("telecommuting"),
            "locations": [loc for loc in job.get("locations") or [] if isinstance(loc, dict)],
            "created_at": job.get("created_at"),
            "application_url": _text(job.get("application_url")),
            "shortlink": _text(job.get("shortlink")),
            "work_mode_field": mode,
        },
    )


class WorkableSpider(BoardSpider):
    """Every published job of each configured Workable account, one request an account."""

    name = "workable"
    board_label = "account"
    default_base_url = "https://apply.workable.com"
    custom_settings: ClassVar[dict[str, Any]] = {
        # apply.workable.com sits behind a Cloudflare rate limit that has blocked clients at a
        # few requests a second and again after ~20 requests at 0.7/s (docs/sources/workable.md);
        # one account every 5 s stays well below both.
        "DOWNLOAD_DELAY": 5.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def board_request(self, board: str) -> scrapy.Request:
        url = f"{self.base_url}/api/v1/widget/accounts/{quote(board, safe='')}?details=true"
        return scrapy.Request(url, callback=self.parse_account, errback=self.on_error,
                              cb_kwargs={"board": board})

    def parse_account(self, response: Response, board: str) -> Iterator[JobPostingItem]:
        # Read here rather than through load_board: the company's name sits beside the jobs.
        try:
            data = self.load_json(response)
            jobs = records_in(data, "jobs")
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            self.note_board(board, status=response.status, error=exc.kind)
            return
        self.note_board(board, status=response.status, jobs=len(jobs))
        if not jobs:
            # An unknown account may answer 404 or an empty list; log to tell them apart.
            self.logger.info("workable account %s has no jobs (empty or unknown)", board)
        name = data.get("name")
        name = name.strip() or None if isinstance(name, str) else None
        fetched_at = utc_now_iso()
        yield from self.emit(jobs, lambda job: extract_posting(
            job, account=board, account_name=name, board_name=self.board_name(board),
            source=self.name, fetched_at=fetched_at, crawl_run=self.crawl_run), response)
