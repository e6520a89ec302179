"""The SmartRecruiters Posting API endpoints the ``smartrecruiters`` spider uses, from files.

Corpus layout: ``smartrecruiters/<company>.json`` holds a company's postings as the API's
posting details (a JSON array). ``/v1/companies/<company>/postings`` pages through them with
``limit`` (default 10, clamped to 100) and ``offset`` in the ``{offset, limit, totalFound,
content}`` envelope, each entry without the detail-only fields; ``.../postings/<id>`` answers one
detail. An unknown company is an empty 200 page, as the real API answers; an unknown posting is
a 404.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
DETAIL_ONLY = ("jobAd", "postingUrl", "applyUrl", "referralUrl", "active", "compensation")
POSTING_NOT_FOUND = {"message": "Posting not found", "code": "POSTING_NOT_FOUND"}
_ROUTE = re.compile(r"/v1/companies/([^/]+)/postings(?:/([^/]+))?/?")


def _company(root: Path, company: str) -> list[Any]:
    path = root / "smartrecruiters" / f"{company}.json"
    if not re.fullmatch(r"[A-Za-z0-9._-]+", company) or not path.is_file():
        return []
    data: list[Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value), 0) if value not in (None, "") else default
    except ValueError:
        return default


def list_entry(posting: Any) -> Any:
    """A posting as the list shows it: the detail without its job ad and links."""
    if not isinstance(posting, dict):
        return posting
    return {k: v for k, v in posting.items() if k not in DETAIL_ONLY}


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    match = _ROUTE.fullmatch(path)
    if not match:
        return json_reply({"message": "Not found"}, status=404)
    company, posting_id = match.groups()
    postings = _company(root, company)
    if posting_id is not None:
        for posting in postings:
            if isinstance(posting, dict) and posting.get("id") == posting_id:
                return json_reply(posting)
        return json_reply(POSTING_NOT_FOUND, status=404)
    offset = _int(query.get("offset"), 0)
    limit = min(_int(query.get("limit"), DEFAULT_LIMIT), MAX_LIMIT)
    content = [list_entry(p) for p in postings[offset : offset + limit]]
    return json_reply({"offset": offset, "limit": limit, "totalFound": len(postings),
                       "content": content})
