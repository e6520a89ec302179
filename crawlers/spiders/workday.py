"""Workday career sites through the JSON search their own pages use.

A board is ``tenant.wdN.site`` (``nvidia.wd5.NVIDIAExternalCareerSite``): the host is
``tenant.wdN.myworkdayjobs.com`` and the API lives under ``/wday/cxs/{tenant}/{site}``.

* ``POST .../jobs`` with ``{"appliedFacets": {}, "limit": 20, "offset": N, "searchText": ""}``
  answers ``{"total", "jobPostings": [{title, externalPath, locationsText, postedOn,
  bulletFields}], "facets"}``; ``total`` is only reliable on the first page (later pages send 0),
  and ``limit`` may not exceed 20.
* ``GET ...{externalPath}`` answers ``{"jobPostingInfo": {id, title, jobDescription, location,
  additionalLocations, postedOn, startDate, timeType, jobReqId, externalUrl, ...},
  "hiringOrganization": {name}}``.

``postedOn`` is relative text ("Posted 3 Days Ago", "Posted 30+ Days Ago"): it becomes a date
only when it names one day. Workday shows no pay field. See docs/sources/workday.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import JsonRequest, Response
from twisted.python.failure import Failure

from crawlers.ats_boards import BoardSpider, organization
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, JobSpider, record_ident, records_in, utc_now_iso
from handoff.text import html_to_text

PAGE_SIZE = 20  # the most the search accepts
DEFAULT_MAX_PAGES = 25
_POD = re.compile(r"^wd[0-9]{1,3}$")
_POSTED = re.compile(r"^\s*posted\s+(today|yesterday|(\d{1,4})\s+days?\s+ago)\s*$", re.IGNORECASE)
_COUNT_ONLY = re.compile(r"^\s*\d+\s+locations?\s*$", re.IGNORECASE)


def split_token(board: str) -> tuple[str, str, str]:
    """``"nvidia.wd5.NVIDIAExternalCareerSite"`` to ``("nvidia", "wd5", "NVIDIAExternal...")``;
    split on the first two dots (a site name may hold more)."""
    parts = board.split(".", 2)
    if len(parts) != 3 or not parts[0] or not parts[2] or not _POD.match(parts[1]):
        raise ValueError(f"invalid Workday board {board!r}: expected tenant.wdN.site")
    return parts[0], parts[1], parts[2]


def posted_on_day(text: Any, today: date) -> date | None:
    """The day ``postedOn`` names, counted back from ``today``; ``None`` unless it names exactly
    one day ("Posted 30+ Days Ago" is any day before that, and other languages are unknown)."""
    match = _POSTED.match(text) if isinstance(text, str) else None
    if match is None:
        return None
    word, days = match.groups()
    back = 0 if word.lower() == "today" else 1 if word.lower() == "yesterday" else int(days)
    try:
        return today - timedelta(days=back)
    except OverflowError:
        return None


def location_text(info: dict[str, Any], listed: dict[str, Any]) -> str | None:
    places = [info.get("location"), *(info.get("additionalLocations") or [])]
    text = "; ".join(dict.fromkeys(p.strip() for p in places if isinstance(p, str) and p.strip()))
    if text:
        return text
    listed_text = listed.get("locationsText")
    # "3 Locations" counts places without naming any.
    if isinstance(listed_text, str) and listed_text.strip() and not _COUNT_ONLY.match(listed_text):
        return listed_text.strip()
    return None


def extract_posting(listed: dict[str, Any], detail: dict[str, Any], *, board: str,
                    board_name: str, source: str, fetched_at: str, crawl_run: str,
                    as_of: date | None = None) -> JobPostingItem:
    """Build the raw item for one posting: its search entry and its detail response.

    ``postedOn`` counts back from ``as_of`` (default: the day of ``fetched_at``)."""
    tenant, pod, site = split_token(board)
    info = detail["jobPostingInfo"]
    if not isinstance(info, dict):
        raise TypeError("jobPostingInfo is not an object")
    posting_id = info["id"]
    if not isinstance(posting_id, str) or not posting_id:
        raise ValueError(f"bad posting id {posting_id!r}")
    title = info.get("title") or listed.get("title")
    if title is not None and not isinstance(title, str):
        raise TypeError("title is not a string")
    posted_raw = info.get("postedOn") or listed.get("postedOn")
    posted = posted_on_day(posted_raw, as_of or datetime.fromisoformat(fetched_at).date())
    body_html = info.get("jobDescription") if isinstance(info.get("jobDescription"), str) else ""
    remote = info.get("remoteType") or listed.get("remoteType")
    external = info.get("externalUrl")
    employer = detail.get("hiringOrganization")
    country = info.get("country")
    return JobPostingItem(
        source=source,
        # Ids are per tenant: the board keeps two tenants' postings apart.
        source_id=f"{board}:{posting_id}",
        url=external if isinstance(external, str) and external.startswith("http")
        else f"https://{tenant}.{pod}.myworkdayjobs.com/{site}{listed.get('externalPath', '')}",
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title.strip() if title else None,
        datePublished=f"{posted.isoformat()}T00:00:00Z" if posted else None,
        datePublishedRaw=posted_raw,
        hiringOrganization=organization(None, board_name),
        jobLocation={"raw": location} if (location := location_text(info, listed)) else None,
        remoteStatus=remote if isinstance(remote, str) and remote else None,
        employmentType=info.get("timeType") or listed.get("timeType"),
        baseSalary=None,  # the API has no pay field; pay in the text is the normalizer's
        description=html_to_text(body_html) or None,
        descriptionHtml=body_html or None,
        extra={
            "board": board,
            "tenant": tenant,
            "site": site,
            "externalPath": listed.get("externalPath"),
            "jobReqId": info.get("jobReqId"),
            "jobPostingId": info.get("jobPostingId"),
            "bulletFields": listed.get("bulletFields"),
            "postedOn": posted_raw,
            # The meaning of startDate is not settled (docs/sources/workday.md): kept, not used.
            "startDate": info.get("startDate"),
            "timeType": info.get("timeType"),
            "remoteType": remote,
            "country": country.get("descriptor") if isinstance(country, dict) else None,
            "locationsText": listed.get("locationsText"),
            "employer": employer.get("name") if isinstance(employer, dict) else None,
            "work_mode_field": remote,
        },
    )


class WorkdaySpider(BoardSpider):
    """Every posting of each configured Workday career site, 20 per search page, then one detail
    request each. Extra arguments: ``max_pages`` (else the setting
    ``JOBPULSE_WORKDAY_MAX_PAGES``, default 25), search pages read per board at most, a board
    with more being reported under ``capped_boards`` and the listing then not complete;
    ``posted_as_of`` (``YYYY-MM-DD``), the day relative dates count back from, for responses
    recorded earlier (default: the day each response is read)."""

    name = "workday"
    default_base_url = "https://{board}"
    custom_settings: ClassVar[dict[str, Any]] = {
        # Workday publishes no limit for the career-site API and answers bursts with 429; we
        # keep one request at a time per tenant host, two seconds apart (our own figure).
        "DOWNLOAD_DELAY": 2.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def __init__(self, *args: Any, max_pages: int | str | None = None,
                 posted_as_of: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.as_of = date.fromisoformat(posted_as_of) if posted_as_of else None
        if self.as_of is not None:
            self.run_args["posted_as_of"] = self.as_of.isoformat()
        self.max_pages_arg = int(max_pages) if max_pages not in (None, "") else None
        self.max_pages = DEFAULT_MAX_PAGES
        self.totals: dict[str, int] = {}
        self.capped: dict[str, dict[str, int | None]] = {}
        self.run_args["capped_boards"] = self.capped

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> WorkdaySpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, WorkdaySpider)
        spider.max_pages = spider.max_pages_arg or crawler.settings.getint(
            "JOBPULSE_WORKDAY_MAX_PAGES", DEFAULT_MAX_PAGES)
        if spider.max_pages < 1:
            raise ValueError("max_pages must be 1 or more")
        for board in spider.board_names:
            split_token(board)  # a malformed token fails the run, not one request
        spider.run_args["max_pages"] = spider.max_pages
        return spider

    def board_name(self, board: str) -> str:
        return self.board_names.get(board) or split_token(board)[0]

    def board_base(self, board: str) -> str:
        """``https://tenant.wdN.myworkdayjobs.com/wday/cxs/tenant/site``, or below a base URL
        without the placeholder (the replay server) the token as a path segment."""
        tenant, pod, site = split_token(board)
        api = f"/wday/cxs/{quote(tenant, safe='')}/{quote(site, safe='')}"
        if "{board}" in self.base_url:
            return self.base_url.replace("{board}", f"{tenant}.{pod}.myworkdayjobs.com") + api
        return f"{self.base_url}/{quote(board, safe='')}{api}"

    def page_request(self, board: str, page: int) -> scrapy.Request:
        body = {"appliedFacets": {}, "limit": PAGE_SIZE, "offset": page * PAGE_SIZE,
                "searchText": ""}
        return JsonRequest(f"{self.board_base(board)}/jobs", data=body,
                           callback=self.parse_page, errback=self.on_error,
                           cb_kwargs={"board": board, "page": page})

    def board_request(self, board: str) -> scrapy.Request:
        return self.page_request(board, 0)

    def parse_page(self, response: Response, board: str,
                   page: int) -> Iterator[scrapy.Request]:
        try:
            data = self.load_json(response)
            postings = records_in(data, "jobPostings")
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            self.note_board(board, status=response.status, error=exc.kind)
            return
        self.note_board(board, status=response.status, jobs=len(postings))
        total = data.get("total")
        if page == 0 and isinstance(total, int) and not isinstance(total, bool):
            self.totals[board] = total
        base = self.board_base(board)
        for index, record in enumerate(postings):
            path = record.get("externalPath") if isinstance(record, dict) else None
            if not isinstance(path, str) or not path.startswith("/job/"):
                self.count_error("bad_record", f"record #{index} (id {record_ident(record)}): "
                                 f"no externalPath", response.url)
                continue
            yield scrapy.Request(f"{base}{path}", callback=self.parse_detail,
                                 errback=self.on_detail_error,
                                 headers={"Accept": "application/json"},
                                 cb_kwargs={"board": board, "listed": record})
        yield from self.next_page(board, page, len(postings))

    def next_page(self, board: str, page: int, listed: int) -> Iterator[scrapy.Request]:
        seen = (page + 1) * PAGE_SIZE
        # Later pages report total 0: page against the first page's figure; without one, go on
        # while pages come back full.
        more = seen < self.totals[board] if board in self.totals else listed >= PAGE_SIZE
        if not listed or not more:
            return
        if page + 1 >= self.max_pages:
            self.capped[board] = {"pages": page + 1, "total": self.totals.get(board)}
            self.complete_listing = False
            self.logger.warning("workday board %s: stopped at the page cap (%d pages of %d, "
                                "total %s)", board, page + 1, PAGE_SIZE,
                                self.totals.get(board, "unknown"))
            return
        yield self.page_request(board, page + 1)

    def parse_detail(self, response: Response, board: str,
                     listed: dict[str, Any]) -> Iterator[JobPostingItem]:
        try:
            detail = self.load_json(response)
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            return
        if not isinstance(detail, dict) or not isinstance(detail.get("jobPostingInfo"), dict):
            self.count_error("format_changed", "no jobPostingInfo object", response.url)
            return
        fetched_at = utc_now_iso()
        yield from self.emit([detail], lambda record: extract_posting(
            listed, record, board=board, board_name=self.board_name(board), source=self.name,
            fetched_at=fetched_at, crawl_run=self.crawl_run, as_of=self.as_of), response)

    def on_detail_error(self, failure: Failure) -> None:
        # Counted, but not the board's outcome: one posting gone since the search says nothing
        # about the board.
        JobSpider.on_error(self, failure)
