"""The Reed Jobseeker API the ``reed`` spider uses, answered from a corpus folder.

Corpus layout: ``reed/jobs.json`` = ``{"results": [...search results...], "details":
{"<jobId>": {...detail...}}}``. ``GET /api/1.0/search?resultsToTake=N&resultsToSkip=S`` serves
``results[S:S+N]`` (``N`` capped at 100) as ``{"results", "ambiguousLocations",
"totalResults"}``; ``GET /api/1.0/jobs/<jobId>`` serves the detail, or 404 for a job that has
none (gone since the search). Like the real API every request needs HTTP Basic auth with a key
as user name (any non-empty key passes here), else 401 with a ``WWW-Authenticate`` challenge.
Search filters (``keywords``, ``locationName``) are not applied: the corpus is the answer.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

MAX_TAKE = 100
_DETAIL = re.compile(r"^/api/1\.0/jobs/(\d+)$")


def _key_of(headers: dict[str, str]) -> str:
    """The user name of a Basic ``Authorization`` header, ``""`` if there is none."""
    value = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "basic":
        return ""
    try:
        return base64.b64decode(token.strip(), validate=True).decode("utf-8").partition(":")[0]
    except (binascii.Error, UnicodeDecodeError):
        return ""


def handle(root: Path, path: str, query: dict[str, str], *,
           headers: dict[str, str] | None = None) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    if not _key_of(headers or {}).strip():
        reply = json_reply({"message": "Authorization has been denied for this request."},
                           status=401)
        return Reply(401, {**reply.headers, "WWW-Authenticate": 'Basic realm="reed.co.uk"'},
                     reply.body)
    source = root / "reed" / "jobs.json"
    corpus: dict[str, Any] = (json.loads(source.read_text(encoding="utf-8"))
                              if source.is_file() else {})
    path = path.rstrip("/")
    if (match := _DETAIL.match(path)) is not None:
        detail = (corpus.get("details") or {}).get(match.group(1))
        if detail is None:
            return json_reply({"message": "Job not found"}, status=404)
        return json_reply(detail)
    if path != "/api/1.0/search":
        return json_reply({"message": "No HTTP resource was found"}, status=404)
    try:
        take = min(max(int(query.get("resultsToTake") or MAX_TAKE), 1), MAX_TAKE)
        skip = max(int(query.get("resultsToSkip") or 0), 0)
    except ValueError:
        return json_reply({"message": "The request is invalid."}, status=400)
    results: list[Any] = list(corpus.get("results") or [])
    return json_reply({"results": results[skip:skip + take], "ambiguousLocations": [],
                       "totalResults": len(results)})
