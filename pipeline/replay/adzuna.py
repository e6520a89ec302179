"""The Adzuna job search API the ``adzuna`` spider uses, answered from a corpus folder.

Corpus layout: ``adzuna/<country>.json`` = ``{"results": [...]}``, each country's results
newest first (a missing file is a country without matches). ``GET /v1/api/jobs/<country>/search
/<page>?app_id=..&app_key=..&results_per_page=N`` serves page ``page`` (1-based) of those with
``N`` capped at 50, in the real envelope ``{"__CLASS__", "count", "mean", "results"}``. Like the
real API it refuses a request without both key parts (HTTP 401, ``AUTH_FAIL``; any non-empty
values pass here) and writes the requester's app id into each ``redirect_url`` as
``utm_source``. Filters (``what``, ``max_days_old``) are not applied: the corpus is the answer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

MAX_PER_PAGE = 50
_SEARCH = re.compile(r"^/v1/api/jobs/([a-z]{2})/search/(\d+)$")
COUNTRIES = frozenset({"gb", "us", "de", "fr", "nl", "au", "ca", "in", "at", "be", "br", "ch",
                       "es", "it", "mx", "nz", "pl", "sg", "za"})


def _exception(status: int, kind: str, display: str) -> Reply:
    return json_reply({"__CLASS__": "Adzuna::API::Response::Exception", "exception": kind,
                       "display": display, "doc": "https://api.adzuna.com/v1/doc"},
                      status=status)


def _with_requester(job: Any, app_id: str) -> Any:
    if not isinstance(job, dict) or not isinstance(job.get("redirect_url"), str):
        return job  # malformed records (tests) are served as they are
    sep = "&" if "?" in job["redirect_url"] else "?"
    return {**job, "redirect_url": f"{job['redirect_url']}{sep}utm_medium=api"
                                   f"&utm_source={app_id}"}


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    if not query.get("app_id", "").strip() or not query.get("app_key", "").strip():
        return _exception(401, "AUTH_FAIL", "Authorisation failed")
    match = _SEARCH.match(path.rstrip("/"))
    if match is None:
        return _exception(404, "NOT_FOUND", "Not found")
    country, page = match.group(1), int(match.group(2))
    if country not in COUNTRIES:
        return _exception(400, "UNSUPPORTED_COUNTRY", f"Country {country} is not supported")
    try:
        per_page = min(max(int(query.get("results_per_page") or 10), 1), MAX_PER_PAGE)
    except ValueError:
        return _exception(400, "BAD_PARAMETER", "results_per_page must be an integer")
    source = root / "adzuna" / f"{country}.json"
    jobs: list[Any] = (json.loads(source.read_text(encoding="utf-8")).get("results") or []
                       if source.is_file() else [])
    start = (max(page, 1) - 1) * per_page
    served = [_with_requester(job, query["app_id"]) for job in jobs[start:start + per_page]]
    paid = [j.get("salary_min") for j in jobs if isinstance(j, dict)
            and isinstance(j.get("salary_min"), int | float)]
    return json_reply({"__CLASS__": "Adzuna::API::Response::JobSearchResults",
                       "count": len(jobs), "mean": round(sum(paid) / len(paid), 2) if paid else 0,
                       "results": served})
