"""The Workday career-site endpoints the ``workday`` spider uses, answered from files.

The real service gives each tenant its own host; here the board token (``tenant.wdN.site``) is
the first path segment: ``/workday/<token>/wday/cxs/<tenant>/<site>/jobs``. Corpus layout:
``workday/<token>.json`` holds ``{"postings": [<search entries>], "details": {"<externalPath>":
<detail response>}}``. The search is a POST whose JSON body (``limit`` at most 20, ``offset``)
slices the postings; like the real service it states ``total`` on the first page only and
rejects a body without paging (422).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

MAX_LIMIT = 20
_ROUTE = re.compile(r"/([A-Za-z0-9._-]+)/wday/cxs/([^/]+)/([^/]+)(/jobs|/job/.+)")


def error(status: int) -> Reply:
    # Error bodies are not confirmed against the live service (docs/sources/workday.md).
    return json_reply({"errorCode": f"HTTP_{status}", "httpStatus": status}, status=status)


def _board(root: Path, token: str, tenant: str, site: str) -> dict[str, Any] | None:
    parts = token.split(".", 2)
    path = root / "workday" / f"{token}.json"
    if len(parts) != 3 or (parts[0], parts[2]) != (tenant, site) or not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _paging(body: str | None) -> tuple[int, int] | None:
    try:
        query = json.loads(body or "")
    except json.JSONDecodeError:
        return None
    if not isinstance(query, dict):
        return None
    limit, offset = query.get("limit"), query.get("offset")
    if not isinstance(limit, int) or not isinstance(offset, int) or offset < 0:
        return None
    return limit, offset


def search(data: dict[str, Any], body: str | None) -> Reply:
    paging = _paging(body)
    if paging is None:
        return error(422)
    limit, offset = paging
    if not 0 < limit <= MAX_LIMIT:
        return error(400)
    postings = data.get("postings") or []
    return json_reply({
        # Later pages say 0, as large live tenants do.
        "total": len(postings) if offset == 0 else 0,
        "jobPostings": postings[offset : offset + limit],
        "facets": [],
    })


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug); a POST's body arrives as ``query["_body"]``."""
    match = _ROUTE.fullmatch(path)
    if not match:
        return error(404)
    token, tenant, site, rest = match.groups()
    data = _board(root, token, tenant, site)
    if data is None:
        return error(404)
    if rest == "/jobs":
        return search(data, query.get("_body"))
    detail = (data.get("details") or {}).get(rest)
    return json_reply(detail) if detail is not None else error(404)
