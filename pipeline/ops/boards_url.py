"""A company's careers URL to the board source and board token that crawl it (pure).

``recognise("https://job-boards.greenhouse.io/acme/jobs/123")`` is
``BoardRef("greenhouse", "acme")``; a URL of no ATS we know is ``None``. The token is what the
source's section of ``crawlers/boards.yaml`` lists: the board's path segment or subdomain, and
for Workday ``tenant.wdN.site`` (the host's tenant and data centre, then the career site).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, unquote, urlsplit

import attrs

TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
"""What the board spiders accept as a token (``crawlers/ats_boards.py``)."""
_LOCALE = re.compile(r"^[a-z]{2}(-[A-Za-z]{2,4})?$")
_WORKDAY_HOST = re.compile(r"^([a-z0-9][a-z0-9-]*)\.(wd\d{1,3})\.myworkdayjobs\.com$")
# Subdomains an ATS uses for itself, never a company's board.
_NOT_COMPANIES = frozenset({"www", "api", "app", "apply", "jobs", "careers", "help", "support",
                            "docs", "status", "blog", "developers", "marketplace"})


@attrs.frozen
class BoardRef:
    source: str
    token: str


def _first(segments: list[str]) -> str | None:
    return segments[0] if segments else None


def _greenhouse(host: str, segments: list[str], query: dict[str, list[str]]) -> str | None:
    if host == "boards-api.greenhouse.io":
        # /v1/boards/<token>/jobs
        return segments[2] if segments[:2] == ["v1", "boards"] and len(segments) > 2 else None
    if host in ("boards.greenhouse.io", "job-boards.greenhouse.io"):
        if segments[:1] == ["embed"]:
            # The embedded board: /embed/job_board?for=<token>
            return (query.get("for") or [None])[0]
        return _first(segments)
    return None


def _path_board(*hosts: str) -> Callable[[str, list[str], dict[str, list[str]]], str | None]:
    def token(host: str, segments: list[str], _query: dict[str, list[str]]) -> str | None:
        return _first(segments) if host in hosts else None
    return token


def _ashby(host: str, segments: list[str], _query: dict[str, list[str]]) -> str | None:
    if host == "api.ashbyhq.com" and segments[:2] == ["posting-api", "job-board"]:
        return segments[2] if len(segments) > 2 else None
    return _first(segments) if host == "jobs.ashbyhq.com" else None


def _smartrecruiters(host: str, segments: list[str], _query: dict[str, list[str]]
                     ) -> str | None:
    if host == "api.smartrecruiters.com" and segments[:2] == ["v1", "companies"]:
        return segments[2] if len(segments) > 2 else None
    if host in ("jobs.smartrecruiters.com", "careers.smartrecruiters.com"):
        return _first(segments)
    return None


def _workable(host: str, segments: list[str], _query: dict[str, list[str]]) -> str | None:
    if host == "apply.workable.com":
        if segments[:3] == ["api", "v3", "accounts"]:
            return segments[3] if len(segments) > 3 else None
        return _first(segments) if segments[:1] != ["api"] else None
    return _subdomain(host, "workable.com")


def _subdomain(host: str, domain: str) -> str | None:
    company = host.removesuffix("." + domain)
    if company == host or "." in company or company in _NOT_COMPANIES:
        return None
    return company


def _host_board(domain: str) -> Callable[[str, list[str], dict[str, list[str]]], str | None]:
    def token(host: str, _segments: list[str], _query: dict[str, list[str]]) -> str | None:
        return _subdomain(host, domain)
    return token


def _personio(host: str, _segments: list[str], _query: dict[str, list[str]]) -> str | None:
    return _subdomain(host, "jobs.personio.de") or _subdomain(host, "jobs.personio.com")


def _workday(host: str, segments: list[str], _query: dict[str, list[str]]) -> str | None:
    match = _WORKDAY_HOST.fullmatch(host)
    if not match:
        return None
    if segments[:2] == ["wday", "cxs"]:
        # The JSON API: /wday/cxs/<tenant>/<site>/jobs
        site = segments[3] if len(segments) > 3 else None
    else:
        site = _first(segments[1:] if segments and _LOCALE.fullmatch(segments[0]) else segments)
    return f"{match.group(1)}.{match.group(2)}.{site}" if site else None


RECOGNISERS: dict[str, Callable[[str, list[str], dict[str, list[str]]], str | None]] = {
    "greenhouse": _greenhouse,
    "lever": _path_board("jobs.lever.co"),
    "ashby": _ashby,
    "smartrecruiters": _smartrecruiters,
    "workable": _workable,
    "recruitee": _host_board("recruitee.com"),
    "personio": _personio,
    "workday": _workday,
    "bamboohr": _host_board("bamboohr.com"),
}
"""Source slug to a function of (lower-case host, path segments, query) giving the token."""


def recognise(url: str) -> BoardRef | None:
    """The board source and token of a careers URL, or ``None`` when no pattern fits.

    A URL without a scheme (``jobs.lever.co/acme``) is read as ``https://``.
    """
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    for source, find in RECOGNISERS.items():
        token = find(host, segments, query)
        if token and TOKEN.fullmatch(token):
            return BoardRef(source, token)
    return None
