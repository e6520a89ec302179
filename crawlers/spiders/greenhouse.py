"""Greenhouse job boards through the public Job Board API.

``GET /v1/boards/{token}/jobs?content=true&pay_transparency=true`` returns a whole board in one
response: ``{"jobs": [...], "meta": {"total": n}}``. ``content`` is entity-escaped HTML and
``pay_input_ranges`` carries pay in cents with no period field (see shared/sources/README.md §2).
Custom ``metadata`` fields of type ``user`` name a recruiter (name and e-mail): they are dropped
here, before the item lands, with any other metadata field whose value holds an e-mail address.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawlers.ats_boards import (
    BoardSpider,
    iso_utc,
    organization,
    structured_salary,
)
from crawlers.items import JobPostingItem
from crawlers.spiders._base import utc_now_iso
from handoff.personal import public_metadata
from handoff.text import html_to_text, unescape_html

HOSTED_URL = "https://job-boards.greenhouse.io/{board}/jobs/{id}"
# Greenhouse has no period field; only words the company wrote in the range's title or blurb
# count. Order matters: "Hourly" beats a generic "salary" elsewhere in the blurb.
_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hour", re.compile(r"\bhour(?:ly)?\b|\bper\s+hr\b|/\s*hr\b", re.IGNORECASE)),
    ("day", re.compile(r"\bdaily\b|\bper\s+day\b", re.IGNORECASE)),
    ("week", re.compile(r"\bweekly\b|\bper\s+week\b", re.IGNORECASE)),
    ("month", re.compile(r"\bmonthly\b|\bper\s+month\b", re.IGNORECASE)),
    ("year", re.compile(r"\bannual(?:ly)?\b|\byearly\b|\bper\s+(?:year|annum)\b",
                        re.IGNORECASE)),
)


def content_html(content: Any) -> str | None:
    """The job's HTML: the list serializer escapes it once (``&lt;p&gt;``), so unescape once.

    Some recorded payloads carry the HTML already decoded (escaped HTML never holds a raw
    ``<``); unescaping those again would turn a literal ``&lt;`` into markup, so they are kept.
    """
    if not isinstance(content, str) or not content:
        return None
    if "<" in content:
        return content
    return unescape_html(content)


def pay_period(pay_range: dict[str, Any]) -> str | None:
    words = " ".join(str(pay_range.get(k) or "") for k in ("title", "blurb"))
    for period, pattern in _PERIODS:
        if pattern.search(words):
            return period
    return None


def extract_salary(pay_range: dict[str, Any]) -> dict[str, Any] | None:
    """One ``pay_input_ranges`` entry as ``baseSalary`` (cents to units, exact)."""
    period = pay_period(pay_range)
    salary = structured_salary(raw=None, low=pay_range.get("min_cents"),
                               high=pay_range.get("max_cents"),
                               currency=pay_range.get("currency_type"), rate_type=period,
                               scale=2)
    if salary is not None:
        title = (pay_range.get("title") or "").strip()
        if title:
            salary["raw"] += f" ({title})"
        salary["title"] = pay_range.get("title")
        blurb = pay_range.get("blurb")
        salary["blurb"] = _blurb_text(blurb) if isinstance(blurb, str) else None
    return salary


@functools.lru_cache(maxsize=512)
def _blurb_text(markup: str) -> str | None:
    """A pay range's blurb as text, once per distinct blurb: a board gives every job the same
    pay-transparency text, a third of the HTML-to-text conversions of a crawl."""
    return html_to_text(markup) or None


# Custom fields a board may hold pay in (shared/sources/README.md §11): the field's name differs
# by board, so its type decides. A bare number range is pay only when its name says so.
_MONEY_TYPES = ("currency_range", "currency")
_PAY_NAME = re.compile(r"salar|compensation|\bpay\b|wage|\brate\b|\bOTE\b", re.IGNORECASE)
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


def _metadata_amounts(field: dict[str, Any]) -> tuple[Any, Any, Any] | None:
    kind, value = field.get("value_type"), field.get("value")
    if not isinstance(value, dict):
        return None
    if kind == "currency":
        return value.get("amount"), value.get("amount"), value.get("unit")
    if kind == "currency_range" or (kind == "number_range"
                                    and _PAY_NAME.search(str(field.get("name") or ""))):
        return value.get("min_value"), value.get("max_value"), value.get("unit")
    return None


def metadata_salary(metadata: Any) -> dict[str, Any] | None:
    """The first pay custom field as ``baseSalary``. Greenhouse gives no period; only words in
    the field's name count, else the magnitude decides downstream (flagged as inferred)."""
    for field in metadata if isinstance(metadata, list) else ():
        if not isinstance(field, dict):
            continue
        amounts = _metadata_amounts(field)
        if amounts is None:
            continue
        low, high, unit = amounts
        currency = unit if isinstance(unit, str) and _CURRENCY.match(unit.strip()) else None
        name = str(field.get("name") or "").strip()
        salary = structured_salary(raw=None, low=low, high=high, currency=currency,
                                   rate_type=pay_period({"title": name}))
        if salary is not None:
            salary["raw"] += f" ({name})" if name else ""
            salary["metadataName"] = name or None
            return salary
    return None


# Single-select fields that state the employment type, and the one that states seniority.
EMPLOYMENT_FIELDS = ("Employment Type", "Requisition Type", "Worker Type")
EXPERIENCE_FIELD = "Experience Level"


def employment(metadata: Any) -> str | None:
    values = (metadata_value(metadata, name) for name in EMPLOYMENT_FIELDS)
    return ", ".join(v for v in values if v) or None


def metadata_value(metadata: Any, name: str) -> str | None:
    for field in metadata if isinstance(metadata, list) else ():
        if isinstance(field, dict) and field.get("name") == name:
            value = field.get("value")
            if isinstance(value, list):
                return ", ".join(str(v) for v in value) or None
            return str(value) if value not in (None, "") else None
    return None


def extract_posting(job: dict[str, Any], *, board: str, board_name: str, source: str,
                    fetched_at: str, crawl_run: str) -> JobPostingItem:
    """Build the raw item for one job of a board's ``jobs`` list.

    Raises for a job that cannot be keyed (no usable ``id``); a missing title is left for
    :func:`~crawlers.spiders._base.posting_problem` to count.
    """
    job_id = job["id"]
    if isinstance(job_id, bool) or not isinstance(job_id, int | str) or not str(job_id):
        raise ValueError(f"bad job id {job_id!r}")
    title = job.get("title")
    if title is not None and not isinstance(title, str):
        raise TypeError("title is not a string")
    metadata = public_metadata(job.get("metadata"))
    body = content_html(job.get("content"))
    published_raw = job.get("first_published") or job.get("updated_at")
    location = (job.get("location") or {}).get("name")
    ranges = [r for r in job.get("pay_input_ranges") or [] if isinstance(r, dict)]
    # The pay-transparency ranges name their period more often than custom fields do.
    salary = next((s for s in map(extract_salary, ranges) if s is not None), None) \
        or metadata_salary(metadata)
    experience = metadata_value(metadata, EXPERIENCE_FIELD)
    return JobPostingItem(
        source=source,
        source_id=str(job_id),
        url=job.get("absolute_url") or HOSTED_URL.format(board=board, id=job_id),
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title.strip() if title else None,
        datePublished=iso_utc(published_raw),
        datePublishedRaw=published_raw,
        hiringOrganization=organization(job.get("company_name"), board_name),
        jobLocation={"raw": location} if location else None,
        employmentType=employment(metadata),
        baseSalary=salary,
        description=html_to_text(body) if body else None,
        descriptionHtml=body,
        extra={
            "board": board,
            "internal_job_id": job.get("internal_job_id"),
            "requisition_id": job.get("requisition_id"),
            "first_published": job.get("first_published"),
            "updated_at": job.get("updated_at"),
            "language": job.get("language"),
            "departments": [d.get("name") for d in job.get("departments") or []
                            if isinstance(d, dict)],
            "offices": [{"name": o.get("name"), "location": o.get("location")}
                        for o in job.get("offices") or [] if isinstance(o, dict)],
            "metadata": metadata,
            "pay_input_ranges": ranges,
            "seniority_hints": [experience] if experience else [],
        },
    )


class GreenhouseSpider(BoardSpider):
    """Every job of each configured Greenhouse board, content and pay ranges included."""

    name = "greenhouse"
    default_base_url = "https://boards-api.greenhouse.io"
    custom_settings: ClassVar[dict[str, Any]] = {
        # Greenhouse publishes no rate limit for the Job Board API; the sources reference
        # (shared/sources/README.md §2) advises about one request a second per host.
        "DOWNLOAD_DELAY": 1.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def board_request(self, board: str) -> scrapy.Request:
        url = (f"{self.base_url}/v1/boards/{quote(board, safe='')}/jobs"
               "?content=true&pay_transparency=true")
        return scrapy.Request(url, callback=self.parse_board, errback=self.on_error,
                              cb_kwargs={"board": board})

    def parse_board(self, response: Response, board: str) -> Iterator[JobPostingItem]:
        jobs = self.load_board(response, "jobs")
        if jobs is None:
            return
        fetched_at = utc_now_iso()
        yield from self.emit(jobs, lambda job: extract_posting(
            job, board=board, board_name=self.board_name(board), source=self.name,
            fetched_at=fetched_at, crawl_run=self.crawl_run), response)
