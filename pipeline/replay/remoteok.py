"""The Remote OK JSON API the ``remoteok`` spider uses, answered from a corpus folder.

Corpus layout: ``remoteok/api.json``, the whole ``GET /api`` answer exactly as the API gives it
(legal notice first, then the jobs, mojibake included); it is served byte for byte. The
``tag``/``tags`` filter keeps the legal notice and the jobs carrying any of the tags, as clients
of the real API use it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.replay.responses import Reply, json_reply

_JSON = {"Content-Type": "application/json; charset=utf-8"}


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) with ``query`` parameters as the real API would."""
    if path.rstrip("/") != "/api":
        return Reply(404, {"Content-Type": "text/html; charset=utf-8"},
                     b"<!doctype html><title>404</title><p>Not found</p>")
    api = root / "remoteok" / "api.json"
    if not api.is_file():
        # The real API always answers, at worst with just its legal notice.
        return json_reply([{"last_updated": 0, "legal": "API Terms of Service"}])
    wanted = {t.strip().lower() for t in (query.get("tags") or query.get("tag") or "").split(",")
              if t.strip()}
    if not wanted:
        return Reply(200, dict(_JSON), api.read_bytes())
    data: list[Any] = json.loads(api.read_text(encoding="utf-8"))
    kept = [j for j in data if not isinstance(j, dict) or "id" not in j
            or wanted & {str(t).lower() for t in j.get("tags") or []}]
    # The real API escapes non-ASCII, which is also what keeps its mojibake visible as \u00c3.
    return Reply(200, dict(_JSON), json.dumps(kept).encode("utf-8"))
