"""Hacker News "Ask HN: Freelancer? Seeking freelancer?" threads: the demand side only.

The thread mixes two kinds of top-level comments: clients hiring (``SEEKING FREELANCER | Acme |
REMOTE | $90/hr``) and freelancers advertising themselves (``SEEKING WORK | ...``). Only the
first kind is a job posting. Everything else (search, thread fetch, months/since/until, error
accounting) is the ``hn`` spider's.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import attrs

from crawlers.hn_text import Header, hn_html_to_text, parse_header
from crawlers.items import JobPostingItem
from crawlers.spiders.hn import HnSpider, extract_posting, skip_reason

# "SEEKING FREELANCER", "Seeking Freelancer:", "seeking freelancers -", "SEEKING FREELANCE DEV".
_DEMAND = re.compile(r"^\s*seeking\s+freelancers?\b\s*[:|\-–—]?\s*", re.IGNORECASE)
_SUPPLY = re.compile(r"^\s*seeking\s+(?:work|freelance\s+work|projects?|contracts?)\b",
                     re.IGNORECASE)
KIND = "freelance_demand"


def first_line(node: dict[str, Any]) -> str:
    return hn_html_to_text(node.get("text") or "").split("\n", 1)[0]


def freelance_skip_reason(node: dict[str, Any], story_id: int) -> str | None:
    """Why a node of a freelancer thread is not a client's post, or ``None`` when it is one."""
    reason = skip_reason(node, story_id)
    if reason == "seeker":
        return "seeking_work"
    if reason:
        return reason
    line = first_line(node)
    if _DEMAND.match(line):
        return None
    if _SUPPLY.match(line):
        return "seeking_work"
    return "not_freelance_demand"


def demand_header(line: str) -> Header:
    """Parse the first line with its ``SEEKING FREELANCER`` field removed, so the client's
    company comes first the way :func:`parse_header` expects."""
    rest = _DEMAND.sub("", line, count=1).strip()
    rest = re.sub(r"^[|\-–—:]\s*", "", rest)
    header = parse_header(rest)
    if header.company is None and rest and len(rest) <= 60:
        # A lone field ("SEEKING FREELANCER: Acme Corp") is the client's name.
        header = attrs.evolve(header, company=rest, fields=(rest,))
    return attrs.evolve(header, line=line)


def extract_freelance_posting(node: dict[str, Any], *, source: str, story_id: int, thread: str,
                              fetched_at: str, crawl_run: str) -> JobPostingItem:
    """The ``hn`` item for one client post, with header fields read past the demand marker."""
    item = extract_posting(node, source=source, story_id=story_id, thread=thread,
                           fetched_at=fetched_at, crawl_run=crawl_run)
    header = demand_header(first_line(node))
    extra = dict(item.extra or {})
    extra.update(kind=KIND, header=header.line, header_fields=list(header.fields),
                 header_url=header.url)
    return attrs.evolve(
        item,
        jobTitle=header.role,
        hiringOrganization={"name": header.company, "nameRaw": header.company}
        if header.company
        else None,
        jobLocation={"raw": header.location} if header.location else None,
        remoteStatus=header.remote,
        employmentType=header.employment,
        baseSalary={"raw": header.pay} if header.pay else None,
        extra=extra,
    )


class HnFreelanceSpider(HnSpider):
    """Monthly "Freelancer? Seeking freelancer?" threads; one item per SEEKING FREELANCER post.

    Arguments as for ``hn``: ``months``, ``since``, ``until``, ``base_url``.
    """

    name = "hn_freelance"
    thread_prefix: ClassVar[str] = "Ask HN: Freelancer? Seeking freelancer?"

    def node_skip_reason(self, node: dict[str, Any], story_id: int) -> str | None:
        return freelance_skip_reason(node, story_id)

    def build_posting(self, node: dict[str, Any], *, story_id: int, thread: str,
                      fetched_at: str) -> JobPostingItem:
        return extract_freelance_posting(node, source=self.name, story_id=story_id,
                                         thread=thread, fetched_at=fetched_at,
                                         crawl_run=self.crawl_run)
