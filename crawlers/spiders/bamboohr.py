"""BambooHR career sites through the JSON their own careers pages read.

``GET https://{company}.bamboohr.com/careers/list`` answers ``{"result": [...]}``: every open
position with its id, title, department, employment status and location, but no text, date or
pay. ``GET .../careers/{id}/detail`` answers ``{"result": {"jobOpening": {...}}}`` with the HTML
description, ``datePosted`` (a day), ``compensation`` (free text) and the share URL. An unknown
company is redirected to bamboohr.com's own site. See docs/sources/bamboohr.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers.ats_boards import BoardSpider, organization
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, JobSpider, record_ident, utc_now_iso
from handoff.text import html_to_text

HOSTED_URL = "https://{board}.bamboohr.com/careers/{id}"
# locationType as the careers site sends it ("1" remote and "2" hybrid seen in client code;
# "0" on-site inferred, see docs/sources/bamboohr.md).
LOCATION_TYPES = {"0": "on-site", "1": "remote", "2": "hybrid"}
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[T ])")
_JOB_ID = re.compile(r"^[0-9]{1,12}$")
REDIRECTS = [301, 302, 303, 307, 308]


def job_id(record: Any) -> str:
    """The numeric id of a listed position (a string or a number in the list)."""
    if not isinstance(record, dict):
        raise TypeError("listed position is not an object")
    value = record["id"]
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not _JOB_ID.match(text):
        raise ValueError(f"bad job id {value!r}")
    return text


def posted_day(value: Any) -> str | None:
    """``datePosted`` (``"2026-10-14"``) as midnight UTC; the site states no time or zone."""
    match = _DAY.match(value) if isinstance(value, str) else None
    return f"{match.group(1)}T00:00:00Z" if match else None


def location_text(*places: Any) -> str | None:
    """The first of ``location``/``atsLocation`` objects that names a place, as one line."""
    for place in places:
        if not isinstance(place, dict):
            continue
        parts = [place.get(k) for k in ("city", "state", "province", "addressCountry",
                                        "country")]
        text = ", ".join(dict.fromkeys(str(p).strip() for p in parts
                                       if isinstance(p, str) and p.strip()))
        if text:
            return text
    return None


def work_mode(opening: dict[str, Any]) -> str | None:
    mode = LOCATION_TYPES.get(str(opening.get("locationType")))
    if mode is None and opening.get("isRemote") is True:
        mode = "remote"
    return mode


def extract_posting(listed: dict[str, Any], opening: dict[str, Any], *, board: str,
                    board_name: str, source: str, fetched_at: str,
                    crawl_run: str) -> JobPostingItem:
    """Build the raw item for one position: its list entry merged with its detail."""
    posting_id = job_id(listed)
    merged = {**listed, **{k: v for k, v in opening.items() if v not in (None, "")}}
    title = merged.get("jobOpeningName")
    if title is not None and not isinstance(title, str):
        raise TypeError("jobOpeningName (the title) is not a string")
    mode = work_mode(merged)
    location = location_text(opening.get("location"), opening.get("atsLocation"),
                             listed.get("location"), listed.get("atsLocation"))
    if location is None and mode == "remote":
        location = "Remote"
    body_html = merged.get("description") if isinstance(merged.get("description"), str) else ""
    compensation = merged.get("compensation")
    pay = compensation.strip() if isinstance(compensation, str) else ""
    posted = merged.get("datePosted")
    share = merged.get("jobOpeningShareUrl")
    return JobPostingItem(
        source=source,
        # Ids count up per company: two companies both have a position 12.
        source_id=f"{board}:{posting_id}",
        url=share if isinstance(share, str) and share.startswith("http")
        else HOSTED_URL.format(board=board, id=posting_id),
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title.strip() if title else None,
        datePublished=posted_day(posted),
        datePublishedRaw=posted,
        hiringOrganization=organization(None, board_name),
        jobLocation={"raw": location} if location else None,
        remoteStatus=mode,
        employmentType=merged.get("employmentStatusLabel"),
        # Free text ("$90,000 - $110,000 per year", "DOE"): the pay normalizer reads it.
        baseSalary={"raw": pay} if pay else None,
        description=html_to_text(body_html) or None,
        descriptionHtml=body_html or None,
        extra={
            "board": board,
            "department": merged.get("departmentLabel"),
            "employmentStatus": merged.get("employmentStatusLabel"),
            "minimumExperience": merged.get("minimumExperience"),
            "locationType": merged.get("locationType"),
            "isRemote": merged.get("isRemote"),
            "location": opening.get("location") or listed.get("location"),
            "compensation": pay or None,
            "work_mode_field": mode,
        },
    )


def skip_reason(opening: dict[str, Any]) -> str | None:
    """A detail whose status is not ``Open`` (closed between the list and the detail)."""
    status = opening.get("jobOpeningStatus")
    return "not_open" if isinstance(status, str) and status != "Open" else None


class BambooHRSpider(BoardSpider):
    """Every open position of each configured BambooHR careers site: the list, then one detail
    request per position (the list carries no description, date or pay)."""

    name = "bamboohr"
    default_base_url = "https://{board}.bamboohr.com"
    custom_settings: ClassVar[dict[str, Any]] = {
        # The careers JSON is undocumented and unmetered as far as any source says; each company
        # is its own host, so one request a second per host, one at a time, is our own ceiling.
        "DOWNLOAD_DELAY": 1.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def board_request(self, board: str, url: str | None = None) -> scrapy.Request:
        # An unknown company answers with a redirect to bamboohr.com: see it, do not follow it.
        return scrapy.Request(url or f"{self.board_base(board)}/careers/list",
                              callback=self.parse_list, errback=self.on_error,
                              meta={"dont_redirect": True, "handle_httpstatus_list": REDIRECTS},
                              cb_kwargs={"board": board}, dont_filter=url is not None)

    def parse_list(self, response: Response, board: str) -> Iterator[scrapy.Request]:
        if response.status in REDIRECTS:
            target = response.urljoin(
                response.headers.get(b"Location", b"").decode("latin-1"))
            if (urlsplit(target).netloc == urlsplit(response.url).netloc
                    and len(response.meta.get("hops", ())) < 2):
                # A move within the company's own host (a trailing slash) is still the board.
                request = self.board_request(board, target)
                request.meta["hops"] = [*response.meta.get("hops", ()), response.url]
                yield request
                return
            self.count_error("board_not_found", f"{board} redirects to {target}", response.url)
            # BambooHR sends an unknown company to its own home page: the board moved away.
            self.note_board(board, status=response.status, error="board_not_found",
                            moved_to=target)
            return
        listed = self.load_board(response, "result")
        if listed is None:
            return
        base = self.board_base(board)
        for index, record in enumerate(listed):
            try:
                posting_id = job_id(record)
            except (KeyError, TypeError, ValueError) as exc:
                self.count_error("bad_record", f"record #{index} (id {record_ident(record)}): "
                                 f"{exc!r}", response.url)
                continue
            yield scrapy.Request(f"{base}/careers/{posting_id}/detail",
                                 callback=self.parse_detail, errback=self.on_detail_error,
                                 meta={"dont_redirect": True},
                                 cb_kwargs={"board": board, "listed": record})

    def parse_detail(self, response: Response, board: str,
                     listed: dict[str, Any]) -> Iterator[JobPostingItem]:
        try:
            data = self.load_json(response)
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            return
        result = data.get("result") if isinstance(data, dict) else None
        opening = result.get("jobOpening") if isinstance(result, dict) else None
        if not isinstance(opening, dict):
            self.count_error("format_changed", "no result.jobOpening object", response.url)
            return
        fetched_at = utc_now_iso()
        yield from self.emit([opening], lambda detail: extract_posting(
            listed, detail, board=board, board_name=self.board_name(board), source=self.name,
            fetched_at=fetched_at, crawl_run=self.crawl_run), response, skip=skip_reason)

    def on_detail_error(self, failure: Failure) -> None:
        # Counted, but not the board's outcome: one position closed since the list (404) says
        # nothing about the board.
        JobSpider.on_error(self, failure)
