"""Arbeitnow's ``/api/job-board-api`` answered from a corpus folder.

Corpus layout: ``arbeitnow/pages/<n>.json``, each a whole page exactly as the API returns it
(``links`` pointing at the real host, as the real API's do). A page past the last one gets the
API's empty page. A handler does not know the host it was reached on, so links cannot name the
replay server; the spider maps them onto its own ``base_url``.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.replay.responses import Reply, json_reply

REAL_API = "https://www.arbeitnow.com/api/job-board-api"
TERMS = ("This is a free public API for jobs, please do not abuse. I would appreciate linking "
         "back to the site. By using the API, you agree to the terms of service present on "
         "Arbeitnow.com")
INFO = "Jobs are updated every hour and order by the `created_at` timestamp."


def empty_page(page: int, per_page: int = 100) -> dict[str, object]:
    return {
        "data": [],
        "links": {"first": f"{REAL_API}?page=1", "last": None,
                  "prev": f"{REAL_API}?page={page - 1}" if page > 1 else None, "next": None},
        "meta": {"current_page": page, "from": None, "path": REAL_API, "per_page": per_page,
                 "to": None, "terms": TERMS, "info": INFO},
    }


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    if path.rstrip("/") != "/api/job-board-api":
        return json_reply({"message": "Not Found"}, status=404)
    try:
        page = int(query.get("page", "1") or "1")
    except ValueError:
        return json_reply({"message": "The page must be an integer."}, status=422)
    page = max(page, 1)
    stored = root / "arbeitnow" / "pages" / f"{page}.json"
    if stored.is_file():
        return Reply(200, {"Content-Type": "application/json", "x-ratelimit-limit": "50"},
                     stored.read_bytes())
    return json_reply(empty_page(page))
