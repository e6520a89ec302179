"""The Greenhouse Job Board API endpoints the ``greenhouse`` spider uses, answered from files.

Corpus layout: ``greenhouse/<board_token>.json`` holds a board's full ``jobs`` response as the
API sends it with ``content=true&pay_transparency=true``; without those parameters the fields
they add (``content``, ``departments``, ``offices``; ``pay_input_ranges``) are left out, as the
real API does. Unknown boards and jobs get the API's 404 bodies.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

CONTENT_FIELDS = ("content", "departments", "offices")
BOARD_NOT_FOUND = {"status": 404, "error": "Job board not found"}
JOB_NOT_FOUND = {"status": 404, "error": "Job not found"}
_ROUTE = re.compile(r"/v1/boards/([^/]+)(/jobs(?:/([^/]+))?)?/?")


def _board(root: Path, token: str) -> dict[str, Any] | None:
    path = root / "greenhouse" / f"{token}.json"
    if not re.fullmatch(r"[A-Za-z0-9._-]+", token) or not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _shape(job: Any, query: dict[str, str]) -> Any:
    if not isinstance(job, dict):
        return job  # a fixture may hold a deliberately malformed record
    drop = set()
    if query.get("content") != "true":
        drop.update(CONTENT_FIELDS)
    if query.get("pay_transparency") != "true":
        drop.add("pay_input_ranges")
    return {k: v for k, v in job.items() if k not in drop}


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    match = _ROUTE.fullmatch(path)
    if not match:
        return json_reply({"status": 404, "error": "Not Found"}, status=404)
    token, jobs_part, job_id = match.groups()
    board = _board(root, token)
    if board is None:
        return json_reply(JOB_NOT_FOUND if job_id else BOARD_NOT_FOUND, status=404)
    jobs = board.get("jobs") or []
    if job_id is not None:
        for job in jobs:
            if isinstance(job, dict) and str(job.get("id")) == job_id:
                return json_reply(_shape(job, {**query, "content": "true"}))
        return json_reply(JOB_NOT_FOUND, status=404)
    if jobs_part is None:
        company = next((j.get("company_name") for j in jobs if isinstance(j, dict)), None)
        return json_reply({"name": board.get("name") or company or token,
                           "content": board.get("content") or ""})
    shaped = [_shape(job, query) for job in jobs]
    return json_reply({"jobs": shaped, "meta": {"total": len(shaped)}})
