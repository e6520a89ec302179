"""The Ashby public Job Posting API endpoint the ``ashby`` spider uses, answered from files.

Corpus layout: ``ashby/<board>.json`` holds a board's full response as the API sends it with
``includeCompensation=true`` (``{"apiVersion": "1", "jobs": [...]}``, compensation inside each
job); without that parameter ``compensation`` is left out. Unknown boards get a 404 (live reports
also describe an empty ``jobs`` list instead; a corpus can model that with an empty board file).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

# Body not confirmed against the live API (shared/sources/README.md §4 only knows the status).
NOT_FOUND = {"success": False, "error": "Job board not found"}
_ROUTE = re.compile(r"/posting-api/job-board/([^/]+)/?")


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    match = _ROUTE.fullmatch(path)
    if not match:
        return json_reply(NOT_FOUND, status=404)
    board = match.group(1)
    file = root / "ashby" / f"{board}.json"
    if not re.fullmatch(r"[A-Za-z0-9._-]+", board) or not file.is_file():
        return json_reply(NOT_FOUND, status=404)
    data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    if query.get("includeCompensation") != "true" and isinstance(data.get("jobs"), list):
        data["jobs"] = [{k: v for k, v in job.items() if k != "compensation"}
                        if isinstance(job, dict) else job for job in data["jobs"]]
    return json_reply(data)
