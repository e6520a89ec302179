"""The Himalayas browse API the ``himalayas`` spider uses, answered from a corpus folder.

Corpus layout: ``himalayas/jobs.json`` = ``{"comments", "updatedAt", "jobs": [...]}`` with the
jobs newest first, optionally ``"totalCount"`` to override the count the API reports (it is
approximate on the real API). ``GET /jobs/api?limit=L&offset=N`` serves ``jobs[N:N+L]`` with ``L``
capped at 20, echoing ``offset``/``limit``. A job carrying ``"_withheld": true`` holds its slot
but is not served, the way jobs that expire between counting and serving make a real page come
back short in the middle of the results; keys starting with ``_`` are never served.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

MAX_LIMIT = 20
COMMENTS = "The API returns at most 20 jobs per request."


@lru_cache(maxsize=8)
def _corpus(path: Path, mtime: float) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _public(job: Any) -> Any:
    if not isinstance(job, dict):
        return job  # a malformed record (tests) is served as it is
    return {k: v for k, v in job.items() if not k.startswith("_")}


def _withheld(job: Any) -> bool:
    return isinstance(job, dict) and bool(job.get("_withheld"))


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    if path.rstrip("/") != "/jobs/api":
        return json_reply({"error": "Not found"}, status=404)
    source = root / "himalayas" / "jobs.json"
    empty: dict[str, Any] = {"comments": COMMENTS, "updatedAt": 0, "jobs": []}
    corpus = _corpus(source, source.stat().st_mtime) if source.is_file() else empty
    try:
        limit = min(max(int(query.get("limit") or MAX_LIMIT), 1), MAX_LIMIT)
        offset = max(int(query.get("offset") or 0), 0)
    except ValueError:
        return json_reply({"error": "limit and offset must be integers"}, status=400)
    jobs: list[Any] = list(corpus.get("jobs") or [])
    total = corpus.get("totalCount", len(jobs))
    page = [_public(j) for j in jobs[offset: offset + limit] if not _withheld(j)]
    return json_reply({
        "comments": corpus.get("comments", COMMENTS),
        "updatedAt": corpus.get("updatedAt", 0),
        "offset": offset,
        "limit": limit,
        "totalCount": total,
        "jobs": page,
    })
