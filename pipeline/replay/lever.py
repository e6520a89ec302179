"""The Lever Postings API endpoints the ``lever`` spider uses, answered from files.

Corpus layout: ``lever/<site>.json`` holds a site's postings as the bare JSON array the API
returns. ``skip`` and ``limit`` slice it; ``/v0/postings/<site>/<id>`` answers one posting.
Unknown sites and postings get the API's ``{"ok": false, "error": "Document not found"}`` 404.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

NOT_FOUND = {"ok": False, "error": "Document not found"}
_ROUTE = re.compile(r"/v0/postings/([^/]+)(?:/([^/]+))?/?")


def _site(root: Path, site: str) -> list[Any] | None:
    path = root / "lever" / f"{site}.json"
    if not re.fullmatch(r"[A-Za-z0-9._-]+", site) or not path.is_file():
        return None
    data: list[Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return max(int(value), 0) if value not in (None, "") else default
    except ValueError:
        return default


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    match = _ROUTE.fullmatch(path)
    if not match:
        return json_reply(NOT_FOUND, status=404)
    site, posting_id = match.groups()
    postings = _site(root, site)
    if postings is None:
        return json_reply(NOT_FOUND, status=404)
    if query.get("mode") != "json":
        # Without mode=json (or an Accept header) the API renders an HTML job list.
        body = f"<html><body><h1>{site} jobs</h1></body></html>".encode()
        return Reply(200, {"Content-Type": "text/html; charset=utf-8"}, body)
    if posting_id is not None:
        for posting in postings:
            if isinstance(posting, dict) and posting.get("id") == posting_id:
                return json_reply(posting)
        return json_reply(NOT_FOUND, status=404)
    skip = _int(query.get("skip"), 0) or 0
    limit = _int(query.get("limit"), None)
    chunk = postings[skip:] if limit is None else postings[skip : skip + limit]
    return json_reply(chunk)
