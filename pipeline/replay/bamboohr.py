"""The BambooHR careers-site endpoints the ``bamboohr`` spider uses, answered from files.

The real service gives each company its own host; here the company is the first path segment
(``/bamboohr/<company>/careers/list``). Corpus layout: ``bamboohr/<company>.json`` holds
``{"list": <the /careers/list response>, "details": {"<id>": <the /careers/<id>/detail
response>}}``. An unknown company is redirected to bamboohr.com, as the real hosts do; an
unknown position of a known company gets a 404.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

ELSEWHERE = "https://www.bamboohr.com/"
# The body of a missing position is not known (docs/sources/bamboohr.md): any 404 will do.
NOT_FOUND = {"error": "Not found"}
_ROUTE = re.compile(r"/([A-Za-z0-9._-]+)/careers/(?:list|([0-9]+)/detail)/?")


def _company(root: Path, company: str) -> dict[str, Any] | None:
    path = root / "bamboohr" / f"{company}.json"
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) as a company's careers host would."""
    match = _ROUTE.fullmatch(path)
    if not match:
        return json_reply(NOT_FOUND, status=404)
    company, posting_id = match.groups()
    data = _company(root, company)
    if data is None:
        return Reply(302, {"Location": ELSEWHERE, "Content-Type": "text/html"}, b"")
    if posting_id is None:
        return json_reply(data.get("list"))
    detail = (data.get("details") or {}).get(posting_id)
    if detail is None:
        return json_reply(NOT_FOUND, status=404)
    return json_reply(detail)
