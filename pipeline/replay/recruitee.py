"""The Recruitee Careers Site API endpoint the ``recruitee`` spider uses, answered from files.

Corpus layout: ``recruitee/<company>.json`` holds one careers site's ``GET /api/offers/`` body as
Recruitee sends it (``{"offers": [...]}``). The real API gives each company its own host
(``https://<company>.recruitee.com``); here the company is the first path segment instead
(``/recruitee/<company>/api/offers/``), which is what the spider's ``board_base`` builds for a
base URL without a ``{board}`` placeholder. Unknown companies get a 404 with a JSON body.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.replay.responses import Reply, json_reply

# Reports agree an unknown company is a 404 with a JSON body; its exact text is unverified.
NOT_FOUND = {"error": "Not found"}
_ROUTE = re.compile(r"/([A-Za-z0-9][A-Za-z0-9._-]*)/api/offers/?")


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) as the company's careers site would."""
    match = _ROUTE.fullmatch(path)
    if not match:
        return json_reply(NOT_FOUND, status=404)
    file = root / "recruitee" / f"{match.group(1)}.json"
    if not file.is_file():
        return json_reply(NOT_FOUND, status=404)
    # Served as stored, so a test can plant a malformed record or body in the file itself.
    return Reply(200, {"Content-Type": "application/json; charset=utf-8"}, file.read_bytes())
