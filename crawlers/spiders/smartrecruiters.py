"""SmartRecruiters career sites through the public Posting API.

``GET /v1/companies/{company}/postings?limit=100&offset=N`` pages through a company's public
postings (``{"offset", "limit", "totalFound", "content": [...]}``); the list carries no job ad,
so each posting's text comes from ``GET /v1/companies/{company}/postings/{id}`` (its
``jobAd.sections``). An unknown company answers 200 with ``totalFound: 0``, not 404. See
docs/sources/smartrecruiters.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar
from urllib.parse import quote, urlencode

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.ats_boards import BoardSpider, iso_utc, organization, structured_salary
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, JobSpider, utc_now_iso
from handoff.text import html_to_text

HOSTED_URL = "https://jobs.smartrecruiters.com/{company}/{id}"
PAGE_SIZE = 100  # the API's maximum; a larger limit is clamped server-side
MAX_DETAILS = 500
SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
PERIODS = {"year": "year", "yearly": "year", "annual": "year", "annually": "year",
           "month": "month", "monthly": "month", "week": "week", "weekly": "week",
           "day": "day", "daily": "day", "hour": "hour", "hourly": "hour"}


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _label(value: Any) -> str | None:
    """The ``label`` of a ``{"id", "label"}`` object (department, function, ...)."""
    return _text(value.get("label")) if isinstance(value, dict) else None


def location_text(location: Any) -> str | None:
    if not isinstance(location, dict):
        return None
    full = _text(location.get("fullLocation"))
    if full:
        return full
    parts = [_text(location.get(k)) for k in ("city", "region", "country")]
    return ", ".join(p for p in parts if p) or None


def work_mode(location: Any) -> str | None:
    """``remote``/``hybrid``/``onsite`` from the location's flags, ``None`` when they say nothing.

    Both flags false means on-site only when ``hybrid`` is there at all: older answers carry
    ``remote`` alone, and ``remote: false`` then leaves hybrid open.
    """
    if not isinstance(location, dict):
        return None
    remote, hybrid = location.get("remote"), location.get("hybrid")
    if remote is True:
        return "remote"
    if hybrid is True:
        return "hybrid"
    if remote is False and hybrid is False:
        return "onsite"
    return None


def job_ad(posting: dict[str, Any]) -> tuple[str, str]:
    """The job ad's sections as (plain text, HTML), each under its own title, in page order."""
    ad = posting.get("jobAd")
    sections = ad.get("sections") if isinstance(ad, dict) else None
    if not isinstance(sections, dict):
        return "", ""
    texts: list[str] = []
    html: list[str] = []
    for key in SECTIONS:
        section = sections.get(key)
        if not isinstance(section, dict) or not isinstance(section.get("text"), str):
            continue
        title = str(section.get("title") or "").strip()
        body = html_to_text(section["text"])
        if body:
            texts.append("\n".join(p for p in (title, body) if p))
            html.append((f"<h3>{title}</h3>" if title else "") + section["text"])
    return "\n\n".join(texts), "".join(html)


def extract_salary(compensation: Any) -> dict[str, Any] | None:
    """``baseSalary`` from a posting's ``compensation`` (``min``, ``max``, ``currency``,
    ``period``) when it states numbers; no number, no pay."""
    if not isinstance(compensation, dict):
        return None
    period = compensation.get("period")
    rate = PERIODS.get(period.strip().lower()) if isinstance(period, str) else None
    salary = structured_salary(raw=None, low=compensation.get("min"),
                               high=compensation.get("max"),
                               currency=compensation.get("currency"), rate_type=rate)
    if salary is not None:
        salary["period"] = period
    return salary


def extract_posting(posting: dict[str, Any], *, company: str, company_name: str, source: str,
                    fetched_at: str, crawl_run: str) -> JobPostingItem:
    """Build the raw item for one posting: its detail, or its list entry when no detail was
    fetched (then without a job ad)."""
    posting_id = posting["id"]
    if not isinstance(posting_id, str) or not posting_id:
        raise ValueError(f"bad posting id {posting_id!r}")
    title = posting.get("name")
    if title is not None and not isinstance(title, str):
        raise TypeError("name (the title) is not a string")
    owner = posting.get("company")
    own_name = _text(owner.get("name")) if isinstance(owner, dict) else None
    location, language = posting.get("location"), posting.get("language")
    mode = work_mode(location)
    text, html = job_ad(posting)
    released = _text(posting.get("releasedDate"))
    where = location_text(location)
    return JobPostingItem(
        source=source,
        source_id=posting_id,
        url=_text(posting.get("postingUrl")) or HOSTED_URL.format(company=company, id=posting_id),
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title.strip() if title else None,
        datePublished=iso_utc(released),
        datePublishedRaw=released,
        hiringOrganization=organization(own_name, company_name),
        jobLocation={"raw": where} if where else None,
        remoteStatus=mode,
        employmentType=_label(posting.get("typeOfEmployment")),
        baseSalary=extract_salary(posting.get("compensation")),
        description=text or None,
        descriptionHtml=html or None,
        # Never the whole record: ``creator`` names the recruiter who posted the job.
        extra={
            "company": company,
            "refNumber": _text(posting.get("refNumber")),
            "location": location if isinstance(location, dict) else None,
            "department": _label(posting.get("department")),
            "function": _label(posting.get("function")),
            "industry": _label(posting.get("industry")),
            "experienceLevel": _label(posting.get("experienceLevel")),
            "language": _text(language.get("code")) if isinstance(language, dict) else None,
            "applyUrl": _text(posting.get("applyUrl")),
            "job_ad": "jobAd" in posting,
            "work_mode_field": mode,
        },
    )


class SmartRecruitersSpider(BoardSpider):
    """Every public posting of each configured company, page by page, each with its job ad.

    Extra arguments: ``max_details`` (job-ad requests per company and run, default 500; ``0``
    reads the lists only; postings past the bound land from their list entry, without text) and
    ``page_size`` (postings per list request, 1 to 100).
    """

    name = "smartrecruiters"
    board_label = "company"
    default_base_url = "https://api.smartrecruiters.com"
    custom_settings: ClassVar[dict[str, Any]] = {
        # The Posting API documents 10 requests a second and 8 concurrent per client; one job-ad
        # request per posting makes a run long, so stay at a fifth of that.
        "DOWNLOAD_DELAY": 0.5,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def __init__(self, *args: Any, max_details: int | str = MAX_DETAILS,
                 page_size: int | str = PAGE_SIZE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_details = int(max_details)
        self.page_size = int(page_size)
        if self.max_details < 0:
            raise ValueError("max_details must be 0 (lists only) or more")
        if not 1 <= self.page_size <= PAGE_SIZE:
            raise ValueError(f"page_size must be 1 to {PAGE_SIZE}")
        self.run_args["page_size"] = self.page_size
        self.details_asked: dict[str, int] = {}
        self.run_args["max_details"] = self.max_details
        # Postings that landed without their job ad because of the bound, per company.
        self.run_args["details_capped"] = {}

    def company_url(self, company: str) -> str:
        return f"{self.base_url}/v1/companies/{quote(company, safe='')}/postings"

    def page_request(self, company: str, offset: int) -> scrapy.Request:
        query = urlencode({"limit": self.page_size, "offset": offset})
        return scrapy.Request(f"{self.company_url(company)}?{query}", callback=self.parse_page,
                              errback=self.on_error, cb_kwargs={"board": company})

    def board_request(self, board: str) -> scrapy.Request:
        return self.page_request(board, 0)

    def build(self, company: str, fetched_at: str) -> Callable[[Any], JobPostingItem]:
        return lambda posting: extract_posting(
            posting, company=company, company_name=self.board_name(company), source=self.name,
            fetched_at=fetched_at, crawl_run=self.crawl_run)

    def parse_page(self, response: Response,
                   board: str) -> Iterator[JobPostingItem | scrapy.Request]:
        postings = self.load_board(response, "content")
        if postings is None:
            return
        fetched_at = utc_now_iso()
        listed: list[Any] = []
        for posting in postings:
            asked = self.details_asked.get(board, 0)
            if isinstance(posting, dict) and isinstance(posting.get("id"), str) \
                    and posting["id"] and asked < self.max_details:
                self.details_asked[board] = asked + 1
                yield self.detail_request(board, posting)
            else:
                listed.append(posting)
        capped = sum(1 for p in listed if isinstance(p, dict) and p.get("id"))
        if capped and self.max_details:
            capped_by = self.run_args["details_capped"]
            capped_by[board] = capped_by.get(board, 0) + capped
        yield from self.emit(listed, self.build(board, fetched_at), response)
        yield from self.next_page(response, board, len(postings))

    def next_page(self, response: Response, board: str,
                  served: int) -> Iterator[scrapy.Request]:
        """The following page while ``totalFound`` says there is one; offsets advance by what
        was served, since the server may clamp ``limit``."""
        data = response.json()
        offset, total = data.get("offset"), data.get("totalFound")
        if not isinstance(offset, int) or not isinstance(total, int):
            self.count_error("format_changed", "no offset/totalFound in a postings page",
                             response.url)
            return
        if served and offset + served < total:
            yield self.page_request(board, offset + served)

    def detail_request(self, company: str, posting: dict[str, Any]) -> scrapy.Request:
        url = f"{self.company_url(company)}/{quote(posting['id'], safe='')}"
        return scrapy.Request(url, callback=self.parse_detail, errback=self.on_detail_error,
                              cb_kwargs={"board": company, "listed": posting})

    def parse_detail(self, response: Response, board: str,
                     listed: dict[str, Any]) -> Iterator[JobPostingItem]:
        try:
            detail = self.load_json(response)
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            detail = None
        if not isinstance(detail, dict) or detail.get("id") != listed["id"]:
            if detail is not None:
                self.count_error("format_changed", "job ad is not the posting's", response.url)
            detail = {}
        # The list entry stands in for whatever the detail lacks.
        yield from self.emit([{**listed, **detail}], self.build(board, utc_now_iso()), response)

    def on_detail_error(self, failure: Failure) -> None:
        """A failed job-ad request: 404 is a posting closed since its page was read (skipped,
        not an error); anything else is counted by kind. Neither is about the company's board,
        so the board's outcome is left alone."""
        if failure.check(HttpError) and failure.value.response.status == 404:  # type: ignore[union-attr]
            self.count_skip("posting_closed")
            return
        JobSpider.on_error(self, failure)
