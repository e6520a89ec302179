"""Reed.co.uk through its Jobseeker API, with the user's own key (HTTP Basic, key as user name).

``GET /api/1.0/search?keywords=..&resultsToTake=100&resultsToSkip=N`` answers
``{"results": [...], "ambiguousLocations": [...], "totalResults": n}``; a result has ``jobId``,
``employerName``, ``jobTitle``, ``locationName``, ``minimumSalary``/``maximumSalary``,
``currency``, ``date``/``expirationDate`` (``dd/mm/yyyy``), a ``jobDescription`` snippet and
``jobUrl``, but no pay period: a contract's ``500`` is a day rate, a permanent job's ``50000`` a
salary. ``GET /api/1.0/jobs/{jobId}`` adds it (``salaryType``: ``per annum``/``per day``/
``per hour``...), ``contractType``, ``fullTime``/``partTime``, the ``salary`` text, the full
HTML ``jobDescription`` and ``datePosted``; so every result costs one detail request (turn them
off with ``details=0``: pay then has no period and its size decides). IR35 status, which UK
contractors price in, is only ever stated in the text: :func:`ir35_status` reads it.

The key comes from ``JOBPULSE_REED_KEY`` (:mod:`crawlers.keys`) and travels only in the
``Authorization`` header. Reed publishes no rate limit: one request a second.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.feed_text import structured_salary
from crawlers.items import JobPostingItem
from crawlers.keys import basic_auth, read_key
from crawlers.spiders._base import BadPayload, KeyedSpider, records_in, utc_now_iso
from handoff.text import html_to_text, iso_z

KEY_ENV = "JOBPULSE_REED_KEY"
PAGE_SIZE = 100
"""The API's largest ``resultsToTake``."""
DEFAULT_MAX_RESULTS = 300
"""A run reads at most this many results (and as many detail pages)."""
PERIODS = {"per annum": "year", "per year": "year", "per month": "month", "per week": "week",
           "per day": "day", "per hour": "hour"}
_OUTSIDE = re.compile(r"\boutside(?:\s+of)?(?:\s+the)?\s+ir\s?-?35\b|\bir\s?-?35\s*[:\-(/]?\s*"
                      r"(?:status\s*[:\-]?\s*)?outside\b", re.IGNORECASE)
_EITHER = re.compile(r"\b(?:inside|outside)\s*(?:or|/|and|&)\s*(?:inside|outside)"
                     r"(?:\s+of)?(?:\s+the)?\s+ir\s?-?35\b", re.IGNORECASE)
_INSIDE = re.compile(r"\binside(?:\s+of)?(?:\s+the)?\s+ir\s?-?35\b|\bir\s?-?35\s*[:\-(/]?\s*"
                     r"(?:status\s*[:\-]?\s*)?inside\b", re.IGNORECASE)


def ir35_status(*texts: Any) -> str | None:
    """``outside``/``inside`` when the texts state one IR35 status, ``undetermined`` when they
    name both ("inside or outside IR35 to be confirmed"), else ``None``."""
    text = " ".join(t for t in texts if isinstance(t, str))
    if _EITHER.search(text):
        return "undetermined"
    outside, inside = bool(_OUTSIDE.search(text)), bool(_INSIDE.search(text))
    if outside and inside:
        return "undetermined"
    return "outside" if outside else "inside" if inside else None


def uk_date_to_iso(value: Any) -> str | None:
    """``"18/09/2026"`` (day first) -> ``"2026-09-18T00:00:00Z"``; ``None`` if not such a date."""
    if not isinstance(value, str):
        return None
    try:
        day = datetime.strptime(value.strip(), "%d/%m/%Y").replace(tzinfo=UTC)
    except ValueError:
        return None
    return iso_z(day)


def pay_period(salary_type: Any) -> str | None:
    """``salaryType`` as a period; unknown or absent gives none (the amount's size decides)."""
    return PERIODS.get(salary_type.strip().lower()) if isinstance(salary_type, str) else None


def employment_of(detail: dict[str, Any]) -> str | None:
    """``Permanent, Full-time``; a contract is just ``Contract`` (or ``Temporary``): a
    full-time contract is a contract first, and the employment parser takes the first word."""
    kind = detail.get("contractType").strip() if isinstance(detail.get("contractType"),
                                                            str) else ""
    if kind.lower() in ("contract", "temporary"):
        return kind
    words = [kind, "Full-time" if detail.get("fullTime") is True else "",
             "Part-time" if detail.get("partTime") is True else ""]
    return ", ".join(w for w in words if w) or None


def extract_posting(result: dict[str, Any], detail: dict[str, Any] | None, *, source: str,
                    fetched_at: str, crawl_run: str) -> JobPostingItem:
    """The raw item of one search ``result``, completed by its ``detail`` when it was read.

    ``ValueError`` when the result has no numeric ``jobId``.
    """
    if not isinstance(result, dict):
        raise TypeError(f"result is a {type(result).__name__}, not an object")
    job_id = result["jobId"]
    if isinstance(job_id, bool) or not isinstance(job_id, int | str) or not str(job_id).isdigit():
        raise ValueError(f"jobId {job_id!r} is not numeric")
    merged = {**result, **{k: v for k, v in (detail or {}).items() if v is not None}}
    title = (merged.get("jobTitle") or "").strip()
    company_raw = merged.get("employerName")
    company = company_raw.strip() if isinstance(company_raw, str) else ""
    body = merged.get("jobDescription") if isinstance(merged.get("jobDescription"), str) else None
    posted_raw = merged.get("datePosted") or merged.get("date")
    period = pay_period(merged.get("salaryType"))
    salary_text = merged.get("salary") if isinstance(merged.get("salary"), str) else None
    location = (merged.get("locationName") or "").strip()
    ir35 = ir35_status(title, body)
    return JobPostingItem(
        source=source,
        source_id=str(job_id),
        url=merged.get("jobUrl") or "",
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title or None,
        datePublished=uk_date_to_iso(posted_raw),
        datePublishedRaw=posted_raw if isinstance(posted_raw, str) else None,
        hiringOrganization={"name": company, "nameRaw": company_raw} if company else None,
        jobLocation={"raw": location} if location else None,
        employmentType=employment_of(detail or {}),
        # The amounts are per salaryType (detail only); without it they carry no period.
        baseSalary=structured_salary(merged.get("minimumSalary"), merged.get("maximumSalary"),
                                     currency=merged.get("currency") or "GBP", rate=period,
                                     raw=salary_text),
        description=html_to_text(body),
        descriptionHtml=body if detail else None,
        extra={
            "salary_type": merged.get("salaryType"),
            "salary_text": salary_text,
            "yearly_minimum_salary": merged.get("yearlyMinimumSalary"),
            "yearly_maximum_salary": merged.get("yearlyMaximumSalary"),
            "contract_type": merged.get("contractType"),
            "ir35": ir35,
            "expires_at": uk_date_to_iso(merged.get("expirationDate")),
            "external_url": merged.get("externalUrl"),
            "employer_id": merged.get("employerId"),
            "applications": merged.get("applications", merged.get("applicationCount")),
            "detail": detail is not None,
        },
    )


class ReedSpider(KeyedSpider):
    """Reed search results for ``keywords``, newest as Reed orders them, each with its detail.

    Arguments: ``keywords`` (default ``backend developer``), ``location`` (Reed's
    ``locationName``, optional), ``max_results`` (default 300, ``0`` = all), ``details``
    (``1``/``0``, default ``1``), ``base_url``.
    """

    name = "reed"
    service = "Reed"
    key_env = KEY_ENV
    default_base_url = "https://www.reed.co.uk"
    custom_settings = {
        # Reed publishes no limit for the Jobseeker API: one request a second, one at a time.
        "DOWNLOAD_DELAY": 1.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        # Scrapy's cache stores request headers, the Authorization header (the key) among them.
        "HTTPCACHE_ENABLED": False,
    }

    def __init__(self, *args: Any, keywords: str = "backend developer",
                 location: str | None = None, max_results: int | str = DEFAULT_MAX_RESULTS,
                 details: str = "1", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        (key,) = read_key(KEY_ENV, "api_key")
        self.auth = basic_auth(key)
        self.keywords = keywords.strip()
        self.location = location.strip() if location and location.strip() else None
        self.max_results = int(max_results)
        if self.max_results < 0 or details not in ("0", "1"):
            raise ValueError("max_results must be 0 (all) or more, details 0 or 1")
        self.details = details == "1"
        self.run_args.update(keywords=self.keywords, location=self.location,
                             max_results=self.max_results, details=int(self.details))

    def request(self, url: str, callback: Any, errback: Any, **cb_kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=errback, cb_kwargs=cb_kwargs,
                              headers={"Authorization": self.auth})

    def search_request(self, skip: int) -> scrapy.Request:
        params: dict[str, Any] = {"keywords": self.keywords}
        if self.location:
            params["locationName"] = self.location
        take = PAGE_SIZE if not self.max_results else min(PAGE_SIZE, self.max_results - skip)
        params.update(resultsToTake=take, resultsToSkip=skip)
        return self.request(f"{self.base_url}/api/1.0/search?{urlencode(params)}",
                            self.parse_search, self.on_key_error, skip=skip)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.search_request(0)

    def parse_search(self, response: Response,
                     skip: int) -> Iterator[JobPostingItem | scrapy.Request]:
        try:
            data = self.load_json(response)
            results = records_in(data, "results")
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            return
        fetched_at = utc_now_iso()
        detailed = []
        for result in results:
            job_id = result.get("jobId") if isinstance(result, dict) else None
            if self.details and isinstance(job_id, int) and not isinstance(job_id, bool):
                detailed.append(self.request(f"{self.base_url}/api/1.0/jobs/{job_id}",
                                             self.parse_detail, self.on_detail_error,
                                             result=result))
            else:
                # No detail to wait for (turned off, or no id to ask with): count it now.
                yield from self.emit([result], lambda r: self.build(r, None, fetched_at),
                                     response)
        yield from detailed
        total = data.get("totalResults")
        following = skip + len(results)
        if (results and isinstance(total, int) and following < total
                and not (self.max_results and following >= self.max_results)):
            yield self.search_request(following)

    def build(self, result: Any, detail: dict[str, Any] | None,
              fetched_at: str | None = None) -> JobPostingItem:
        return extract_posting(result, detail, source=self.name,
                               fetched_at=fetched_at or utc_now_iso(), crawl_run=self.crawl_run)

    def parse_detail(self, response: Response, result: dict[str, Any]) -> Iterator[Any]:
        try:
            detail = self.load_json(response)
            if not isinstance(detail, dict) or detail.get("jobId") != result.get("jobId"):
                raise BadPayload("format_changed", "detail is not the job that was asked for")
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            detail = None  # the search result still is a posting, without its period
        yield from self.emit([result], lambda r: self.build(r, detail), response)

    def on_detail_error(self, failure: Failure) -> Iterator[JobPostingItem]:
        """A detail that failed (gone since the search, refused): the search result alone."""
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(HttpError) and failure.value.response.status == 404:
            # The job closed between search and detail: no fault of the run, but worth a count.
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("jobpulse/detail_gone")
        else:
            self.on_key_error(failure)
        result = request.cb_kwargs.get("result")
        response = getattr(failure.value, "response", None)
        if response is None:
            response = Response(request.url, request=request)
        yield from self.emit([result], lambda r: self.build(r, None), response)
