"""Personio career sites through their public XML job feed.

``GET https://{company}.jobs.personio.de/xml?language=en`` returns every published position of
the company in one XML document: ``<workzag-jobs>`` with one ``<position>`` each (``id``,
``name``, ``office``, ``additionalOffices``, ``department``, ``jobDescriptions`` as named HTML
sections in CDATA, ``employmentType``, ``schedule``, ``seniority``, ``createdAt``, ...). The feed
carries no pay field. The XML is parsed strictly with entities, DTDs and network access off; a
body that is not such a feed is counted, never half-read (see docs/sources/personio.md).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from lxml import etree
from scrapy.http import Response

from crawlers.ats_boards import BoardSpider, iso_utc, organization
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, FormatChanged, utc_now_iso
from handoff.text import html_to_text

HOSTED_URL = "https://{board}.jobs.personio.de/job/{id}"
ROOT_TAG = "workzag-jobs"
SCHEDULES = {"full-time": "Full-time", "part-time": "Part-time",
             "full-or-part-time": "Full-time or part-time"}
# "permanent" says nothing about hours (the schedule does), and the employment normalizer would
# read it as full-time; the other kinds are kept in words it reads.
KINDS = {"permanent": "", "intern": "Internship", "trainee": "Trainee",
         "freelance": "Freelance", "working_student": "Working student"}
EXTRA_FIELDS = ("subcompany", "office", "department", "recruitingCategory", "employmentType",
                "seniority", "schedule", "yearsOfExperience", "occupation",
                "occupationCategory", "keywords")


def feed_positions(body: bytes) -> list[Any]:
    """The ``<position>`` elements of a feed body, or :class:`BadPayload` saying why not.

    ``bad_xml``: not well-formed, too deep, or declaring a DTD (no feed does; refusing one
    keeps entity tricks out); ``html_not_xml``: a web page (an unknown company's
    redirect target); ``format_changed``: XML, but not a ``<workzag-jobs>`` feed.
    """
    if not body.strip():
        raise BadPayload("bad_xml", "empty body")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        head = body.lstrip()[:15].lower()
        kind = "html_not_xml" if head.startswith((b"<!doctype html", b"<html")) else "bad_xml"
        raise BadPayload(kind, f"unreadable XML: {exc}") from exc
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag.lower() == "html":
        raise BadPayload("html_not_xml", "an HTML page, not the XML feed")
    if root.getroottree().docinfo.doctype:
        raise BadPayload("bad_xml", "XML with a DOCTYPE refused")
    if tag != ROOT_TAG:
        raise FormatChanged(f"root element <{tag}>, not <{ROOT_TAG}>")
    return list(root.iterchildren("position"))


def _text(element: Any, name: str) -> str | None:
    value = element.findtext(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def offices(position: Any) -> list[str]:
    """``office`` then ``additionalOffices``, which feeds write as ``<office>`` children or as
    plain text; duplicates dropped."""
    names = [_text(position, "office")]
    for extra in position.iterchildren("additionalOffices"):
        children = list(extra.iterchildren("office"))
        names.extend((c.text or "").strip() for c in children)
        if not children:
            names.append((extra.text or "").strip())
    return list(dict.fromkeys(n for n in names if n))


def employment_label(kind: str | None, schedule: str | None) -> str | None:
    """``schedule`` and ``employmentType`` in words the employment normalizer reads:
    ``("permanent", "part-time")`` is ``Part-time``, ``("intern", "full-time")`` is
    ``Full-time, Internship``; unknown values are kept as written."""
    parts = [SCHEDULES.get(schedule.lower(), schedule) if schedule else None,
             KINDS.get(kind.lower(), kind) if kind else None]
    words = [p for p in parts if p]
    if not words and kind:
        return kind  # "permanent" alone: better than nothing for the reader of the row
    return ", ".join(words) or None


def sections(position: Any) -> list[tuple[str, str]]:
    """The ``jobDescriptions`` blocks as ``(name, HTML)`` pairs, empty ones left out."""
    found = []
    for block in position.iterfind("jobDescriptions/jobDescription"):
        value = _text(block, "value")
        if value:
            found.append((_text(block, "name") or "", value))
    return found


def description_html(blocks: list[tuple[str, str]]) -> str:
    return "".join((f"<h3>{html.escape(name)}</h3>" if name else "") + value
                   for name, value in blocks)


def extract_posting(position: Any, *, board: str, board_name: str, source: str,
                    fetched_at: str, crawl_run: str) -> JobPostingItem:
    """Build the raw item for one ``<position>``; ``ValueError`` without an id."""
    position_id = _text(position, "id")
    if not position_id:
        raise ValueError("position without an id")
    places = offices(position)
    blocks = sections(position)
    markup = description_html(blocks)
    created = _text(position, "createdAt")
    kind, schedule = _text(position, "employmentType"), _text(position, "schedule")
    extra: dict[str, Any] = {name: _text(position, name) for name in EXTRA_FIELDS}
    extra.update(board=board, additionalOffices=places[1:],
                 sections=[name for name, _ in blocks],
                 # entry-level/experienced/executive/student: read by the seniority parser.
                 seniority_hints=[extra["seniority"]] if extra["seniority"] else [])
    return JobPostingItem(
        source=source,
        source_id=position_id,
        url=HOSTED_URL.format(board=board, id=position_id),
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=_text(position, "name"),
        datePublished=iso_utc(created),
        datePublishedRaw=created,
        hiringOrganization=organization(_text(position, "subcompany"), board_name),
        jobLocation={"raw": "; ".join(places)} if places else None,
        # The feed has no work-mode field; an office called "Remote" is read as a place.
        remoteStatus=None,
        employmentType=employment_label(kind, schedule),
        baseSalary=None,
        description=html_to_text(markup) or None,
        descriptionHtml=markup or None,
        extra=extra,
    )


class PersonioSpider(BoardSpider):
    """Every published position of each configured Personio career site."""

    name = "personio"
    default_base_url = "https://{board}.jobs.personio.de"
    custom_settings: ClassVar[dict[str, Any]] = {
        # Personio states no rate limit for the feed, but live reports (2026) see 429s on quick
        # repeats; one request every two seconds per host, each host read once a run.
        "DOWNLOAD_DELAY": 2.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def board_request(self, board: str) -> scrapy.Request:
        # Without ``language`` the feed answers in German.
        return scrapy.Request(f"{self.board_base(board)}/xml?language=en",
                              callback=self.parse_board, errback=self.on_error,
                              cb_kwargs={"board": board})

    def parse_board(self, response: Response, board: str) -> Iterator[JobPostingItem]:
        try:
            positions = feed_positions(response.body)
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            self.note_board(board, status=response.status, error=exc.kind)
            return
        # The body is XML, so the outcome is noted here rather than by load_board.
        self.note_board(board, status=response.status, jobs=len(positions))
        fetched_at = utc_now_iso()
        yield from self.emit(positions, lambda position: extract_posting(
            position, board=board, board_name=self.board_name(board), source=self.name,
            fetched_at=fetched_at, crawl_run=self.crawl_run), response)
