"""The Remotive remote-jobs API the ``remotive`` spider uses, answered from a corpus folder.

Corpus layout: ``remotive/remote-jobs.json``, the unfiltered ``GET /api/remote-jobs`` envelope
(``00-warning``, ``0-legal-notice``, ``job-count``, ``total-job-count``, ``jobs``). Filters work
as on the real API: ``category`` by slug (the job URL's ``/remote-jobs/<slug>/`` segment) or by
name, ``company_name``, ``search`` (title and description, case-insensitive) and ``limit``. There
is no pagination: a category's whole listing comes at once.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

_SLUG_IN_URL = re.compile(r"/remote-jobs/([^/]+)/")
WARNING = ("Remotive main domain moved to remotive.com ! Please make your API calls on "
           "remotive.com/api/remote-jobs instead of remotive.io now ;)")
LEGAL = ("Legal warning - Please link back to the URL found on Remotive AND mention Remotive as "
         "a source. Jobs displayed are delayed by 24 hours. We advise max. 4 calls a day.")


@lru_cache(maxsize=8)
def _envelope(path: Path, mtime: float) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def category_slug(job: dict[str, Any]) -> str:
    match = _SLUG_IN_URL.search(str(job.get("url") or ""))
    return match.group(1) if match else ""


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    if path.rstrip("/") != "/api/remote-jobs":
        return json_reply({"detail": "Not Found"}, status=404)
    source = root / "remotive" / "remote-jobs.json"
    envelope = (_envelope(source, source.stat().st_mtime) if source.is_file()
                else {"00-warning": WARNING, "0-legal-notice": LEGAL, "jobs": []})
    every = [j for j in envelope.get("jobs", []) if isinstance(j, dict)]
    jobs = every
    category = query.get("category", "").strip().lower()
    if category:
        jobs = [j for j in jobs if category in
                (category_slug(j), str(j.get("category", "")).lower())]
    company = query.get("company_name", "").strip().lower()
    if company:
        jobs = [j for j in jobs if company in str(j.get("company_name", "")).lower()]
    search = query.get("search", "").strip().lower()
    if search:
        jobs = [j for j in jobs if search in str(j.get("title", "")).lower()
                or search in str(j.get("description", "")).lower()]
    limit = query.get("limit", "")
    if limit.isdigit():
        jobs = jobs[: int(limit)]
    body = {k: v for k, v in envelope.items() if k != "jobs"}
    body.update({"job-count": len(jobs), "total-job-count": len(every), "jobs": jobs})
    return json_reply(body)
