"""Recruitee careers sites through the public Careers Site API.

``GET https://{company}.recruitee.com/api/offers/`` returns ``{"offers": [...]}``: every
published offer of the company in one response, description and requirements as HTML, the
work mode as three flags (``remote``, ``hybrid``, ``on_site``) and, where the company shows it,
a ``salary`` object (``min``, ``max``, ``currency``, ``period``). Each company has its own host,
so the base URL carries a ``{board}`` placeholder (see docs/sources/recruitee.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawlers.ats_boards import BoardSpider, iso_utc, organization, structured_salary
from crawlers.items import JobPostingItem
from crawlers.spiders._base import utc_now_iso
from handoff.text import html_to_text

HOSTED_URL = "https://{board}.recruitee.com/o/{slug}"
# Recruitee's ``salary.period`` has been seen both as a noun and as an adjective.
PERIODS = {"year": "year", "yearly": "year", "annual": "year", "annually": "year",
           "month": "month", "monthly": "month", "week": "week", "weekly": "week",
           "day": "day", "daily": "day", "hour": "hour", "hourly": "hour"}
_WORDS = (("fulltime", "Full-time"), ("parttime", "Part-time"), ("fixed_term", "fixed-term"))


def recruitee_time(value: Any) -> str | None:
    """``published_at`` as ISO UTC ``Z``: Recruitee writes ``2026-07-30 19:46:15 UTC``; older
    payloads and the docs show ISO 8601 with an offset. ``None`` when unreadable."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith(" UTC"):
        text = text.removesuffix(" UTC").replace(" ", "T", 1) + "+00:00"
    return iso_utc(text)


def employment_label(code: Any) -> str | None:
    """``employment_type_code`` in words the employment normalizer reads.

    ``fulltime_permanent`` is ``Full-time``: "permanent" says nothing about hours, and the
    normalizer would read it as full-time even beside ``parttime``.
    """
    if not isinstance(code, str) or not code.strip():
        return None
    text = code.strip().lower()
    if text != "permanent":
        text = text.replace("_permanent", "")
    for word, label in _WORDS:
        text = text.replace(word, label)
    return text.replace("_", " ").strip() or None


def work_mode(offer: dict[str, Any]) -> str | None:
    """The mode the three flags state; hybrid first (a hybrid offer may also say remote)."""
    if offer.get("hybrid") is True:
        return "Hybrid"
    if offer.get("remote") is True:
        return "Remote"
    if offer.get("on_site") is True:
        return "On-site"
    return None


def extract_salary(salary: Any) -> dict[str, Any] | None:
    """The offer's ``salary`` object as ``baseSalary``; ``None`` without a figure."""
    if not isinstance(salary, dict):
        return None
    period = salary.get("period")
    rate = PERIODS.get(period.strip().lower()) if isinstance(period, str) else None
    result = structured_salary(raw=None, low=salary.get("min"), high=salary.get("max"),
                               currency=salary.get("currency"), rate_type=rate)
    if result is not None:
        result["period"] = period
    return result


def location_text(offer: dict[str, Any]) -> str:
    """Every location of the offer: the ``locations`` list where present, else ``location``,
    else city and country."""
    names = []
    for place in offer.get("locations") or []:
        if isinstance(place, dict):
            name = place.get("name") or ", ".join(
                str(place[k]) for k in ("city", "state", "country") if place.get(k))
            if name:
                names.append(str(name).strip())
    if names:
        return "; ".join(dict.fromkeys(names))
    flat = offer.get("location")
    if isinstance(flat, str) and flat.strip():
        return flat.strip()
    return ", ".join(str(offer[k]).strip() for k in ("city", "country") if offer.get(k))


def skip_reason(offer: Any) -> str | None:
    """Why an offer of the list is not a public posting (reports say drafts can appear)."""
    if isinstance(offer, dict) and offer.get("status") not in (None, "published"):
        return "not_published"
    return None


def extract_posting(offer: dict[str, Any], *, board: str, board_name: str, source: str,
                    fetched_at: str, crawl_run: str) -> JobPostingItem:
    """Build the raw item for one published offer."""
    offer_id = offer["id"]
    if isinstance(offer_id, bool) or not isinstance(offer_id, int | str) or \
            not str(offer_id).strip():
        raise ValueError(f"bad offer id {offer_id!r}")
    title = offer.get("title")
    if title is not None and not isinstance(title, str):
        raise TypeError("title is not a string")
    body = "".join(str(offer.get(k) or "") for k in ("description", "requirements"))
    location = location_text(offer)
    mode = work_mode(offer)
    slug = offer.get("slug")
    url = offer.get("careers_url") or (HOSTED_URL.format(board=board, slug=slug)
                                       if slug else None)
    published = offer.get("published_at") or offer.get("created_at")
    company = offer.get("company_name")
    experience = offer.get("experience_code")
    return JobPostingItem(
        source=source,
        source_id=str(offer_id).strip(),
        url=url or "",
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title.strip() if title else None,
        datePublished=recruitee_time(published),
        datePublishedRaw=published,
        hiringOrganization=organization(company if isinstance(company, str) and company.strip()
                                        else None, board_name),
        jobLocation={"raw": location} if location else None,
        remoteStatus=mode,
        employmentType=employment_label(offer.get("employment_type_code")),
        baseSalary=extract_salary(offer.get("salary")),
        description=html_to_text(body) or None,
        descriptionHtml=body or None,
        extra={
            "board": board,
            "slug": slug,
            "department": offer.get("department"),
            "city": offer.get("city"),
            "country": offer.get("country"),
            "country_code": offer.get("country_code"),
            "remote": offer.get("remote"),
            "hybrid": offer.get("hybrid"),
            "on_site": offer.get("on_site"),
            "employment_type_code": offer.get("employment_type_code"),
            "experience_code": experience,
            # entry_level/mid_level/senior_level/...: read by the seniority parser.
            "seniority_hints": [experience] if isinstance(experience, str) and
            experience.strip() else [],
            "education_code": offer.get("education_code"),
            "category_code": offer.get("category_code"),
            "min_hours": offer.get("min_hours"),
            "max_hours": offer.get("max_hours"),
            "tags": offer.get("tags"),
            "applyUrl": offer.get("careers_apply_url"),
            "close_at": offer.get("close_at"),
            # Recruitee's own work-mode flags, read by the work-mode normalizer.
            "work_mode_field": mode,
        },
    )


class RecruiteeSpider(BoardSpider):
    """Every published offer of each configured Recruitee careers site."""

    name = "recruitee"
    default_base_url = "https://{board}.recruitee.com"
    custom_settings: ClassVar[dict[str, Any]] = {
        # Recruitee publishes no rate limit for the Careers Site API (docs.recruitee.com, "Intro
        # to Careers Site API"); one request a second per host, as for the other ATS boards.
        "DOWNLOAD_DELAY": 1.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def board_request(self, board: str) -> scrapy.Request:
        return scrapy.Request(f"{self.board_base(board)}/api/offers/", callback=self.parse_board,
                              errback=self.on_error, cb_kwargs={"board": board})

    def parse_board(self, response: Response, board: str) -> Iterator[JobPostingItem]:
        offers = self.load_board(response, "offers")
        if offers is None:
            return
        fetched_at = utc_now_iso()
        yield from self.emit(offers, lambda offer: extract_posting(
            offer, board=board, board_name=self.board_name(board), source=self.name,
            fetched_at=fetched_at, crawl_run=self.crawl_run), response, skip=skip_reason)
