"""The Jobicy remote-jobs API v2 the ``jobicy`` spider uses, answered from a corpus folder.

Corpus layout: ``jobicy/remote-jobs.json``, the unfiltered ``GET /api/v2/remote-jobs`` envelope
(``apiVersion``, ``documentationUrl``, ``friendlyNotice``, ..., ``jobs``) with the jobs newest
first. Filters work as on the real API: ``industry`` by slug (matched against the entity-escaped
``jobIndustry`` names through :data:`INDUSTRIES`), ``geo`` by region slug (:data:`REGIONS`,
matched against ``jobGeo``), ``tag`` as a keyword in title or description, ``count`` 1..100 of
the newest matches. No match answers ``jobCount: 0`` with an empty ``jobs`` list.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

INDUSTRIES = {
    "dev": "Programming", "engineering": "Engineering", "data-science": "Data Science",
    "technical-support": "Technical Support", "marketing": "Marketing",
    "design-multimedia": "Design & Multimedia", "management": "Product & Operations",
    "accounting-finance": "Accounting & Finance", "healthcare": "Healthcare & Medical",
    "supporting": "Customer Success", "hr": "HR & Recruiting", "seller": "Sales",
}
"""Industry slugs of ``?get=industries`` and the names jobs carry (before escaping)."""
REGIONS = {
    "usa": "USA", "canada": "Canada", "uk": "UK", "europe": "Europe", "emea": "EMEA",
    "latam": "LATAM", "apac": "APAC", "anywhere": "Anywhere", "germany": "Germany",
}
MAX_COUNT = 100


@lru_cache(maxsize=8)
def _envelope(path: Path, mtime: float) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _industries(job: dict[str, Any]) -> set[str]:
    return {html.unescape(str(i)) for i in job.get("jobIndustry") or []}


def _regions(job: dict[str, Any]) -> set[str]:
    return {p.strip().lower() for p in str(job.get("jobGeo") or "").split(",")}


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    if path.rstrip("/") != "/api/v2/remote-jobs":
        return json_reply({"success": False, "error": "Unknown endpoint"}, status=404)
    source = root / "jobicy" / "remote-jobs.json"
    envelope = (_envelope(source, source.stat().st_mtime) if source.is_file()
                else {"apiVersion": "2.2.13", "jobs": []})
    try:
        count = min(max(int(query.get("count") or 50), 1), MAX_COUNT)
    except ValueError:
        return json_reply({"success": False, "error": "count must be a number"}, status=400)
    jobs = [j for j in envelope.get("jobs", []) if isinstance(j, dict)]
    filters: dict[str, Any] = {"count": count}
    industry = query.get("industry", "").strip()
    if industry:
        filters["industry"] = industry
        name = INDUSTRIES.get(industry)
        jobs = [j for j in jobs if name in _industries(j)] if name else []
    geo = query.get("geo", "").strip()
    if geo:
        filters["geo"] = geo
        region = REGIONS.get(geo, geo).lower()
        jobs = [j for j in jobs if region in _regions(j)]
    tag = query.get("tag", "").strip().lower()
    if tag:
        filters["tag"] = tag
        jobs = [j for j in jobs if tag in str(j.get("jobTitle", "")).lower()
                or tag in str(j.get("jobDescription", "")).lower()]
    jobs = jobs[:count]
    body = {k: v for k, v in envelope.items() if k != "jobs"}
    body.update({"jobCount": len(jobs), "appliedFilters": filters, "jobs": jobs})
    return json_reply(body)
