"""The Algolia HN Search API endpoints the ``hn`` spiders use, answered from a corpus folder.

Corpus layout: ``hn/stories.json`` (search hits of the ``whoishiring`` stories, newest first) and
``hn/items/<id>.json`` (the ``items/{id}`` tree of a thread).
"""

from __future__ import annotations

import json
import math
import operator
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from pipeline.replay.responses import Reply, json_reply

MAX_HITS = 1000
_NUMERIC = re.compile(r"^(\w+)\s*(<=|>=|<|>|=)\s*(-?\d+(?:\.\d+)?)$")
_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
        "=": operator.eq}


@lru_cache(maxsize=8)
def _stories(path: Path, mtime: float) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    if path == "/api/v1/search_by_date":
        return _search(root, query)
    match = re.fullmatch(r"/api/v1/items/(\d+)", path)
    if match:
        item = root / "hn" / "items" / f"{match.group(1)}.json"
        if not item.is_file():
            return json_reply({"error": "Not Found", "status": 404}, status=404)
        return Reply(200, {"Content-Type": "application/json; charset=utf-8"}, item.read_bytes())
    return json_reply({"message": "Not Found", "status": 404}, status=404)


def _search(root: Path, query: dict[str, str]) -> Reply:
    stories_file = root / "hn" / "stories.json"
    hits = _stories(stories_file, stories_file.stat().st_mtime) if stories_file.is_file() else []
    tags = [t for t in query.get("tags", "").split(",") if t]
    hits = [h for h in hits if all(t in h.get("_tags", ()) for t in tags)]
    for flt in filter(None, query.get("numericFilters", "").split(",")):
        match = _NUMERIC.match(flt.strip())
        if not match:
            return json_reply({"message": f"invalid numericFilters: {flt}", "status": 400}, 400)
        field, op, value = match.group(1), _OPS[match.group(2)], float(match.group(3))
        hits = [h for h in hits if isinstance(h.get(field), int | float) and op(h[field], value)]
    try:
        per_page = min(max(int(query.get("hitsPerPage", 20)), 0), MAX_HITS)
        page = max(int(query.get("page", 0)), 0)
    except ValueError:
        return json_reply({"message": "invalid page or hitsPerPage", "status": 400}, 400)
    if per_page and page * per_page >= MAX_HITS:
        return json_reply(
            {"message": "you can only fetch the 1000 hits for this query", "status": 400}, 400
        )
    reachable = hits[:MAX_HITS]
    pages = math.ceil(len(reachable) / per_page) if per_page else 0
    chunk = reachable[page * per_page : (page + 1) * per_page] if per_page else []
    body = {
        "exhaustive": {"nbHits": True, "typo": True},
        "exhaustiveNbHits": True,
        "exhaustiveTypo": True,
        "hits": chunk,
        "hitsPerPage": per_page,
        "nbHits": len(hits),
        "nbPages": pages,
        "page": page,
        "params": urlencode({**query, "advancedSyntax": "true", "analyticsTags": "backend"}),
        "processingTimeMS": 1,
        "processingTimingsMS": {"request": {"roundTrip": 1}},
        "query": query.get("query", ""),
        "serverTimeMS": 2,
    }
    return json_reply(body)
