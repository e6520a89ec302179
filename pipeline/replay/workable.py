"""The Workable jobs widget endpoint the ``workable`` spider uses, answered from files.

Corpus layout: ``workable/<account>.json`` holds an account's widget answer with details
(``{"name", "description", "jobs": [...]}``). ``/api/v1/widget/accounts/<account>`` serves it;
without ``details=true`` the jobs lose their ``description``, as on the real API. An unknown
account is a 404.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

NOT_FOUND = {"error": "Not Found"}
_ROUTE = re.compile(r"/api/v1/widget/accounts/([^/]+)/?")


def _account(root: Path, account: str) -> dict[str, Any] | None:
    path = root / "workable" / f"{account}.json"
    if not re.fullmatch(r"[A-Za-z0-9._-]+", account) or not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    match = _ROUTE.fullmatch(path)
    data = _account(root, match.group(1)) if match else None
    if data is None:
        return json_reply(NOT_FOUND, status=404)
    if query.get("details") != "true":
        jobs = [{k: v for k, v in job.items() if k != "description"}
                if isinstance(job, dict) else job for job in data.get("jobs") or []]
        data = {**data, "jobs": jobs}
    return json_reply(data)
