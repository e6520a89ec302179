"""The Personio XML job feed the ``personio`` spider reads, answered from files.

Corpus layout: ``personio/<company>.xml`` holds one career site's ``GET /xml?language=en`` body as
Personio sends it (``<workzag-jobs>`` with one ``<position>`` per published job). The real feed
lives on the company's own host (``https://<company>.jobs.personio.de/xml``); here the company
is the first path segment (``/personio/<company>/xml``), which is what the spider's
``board_base`` builds for a base URL without a ``{board}`` placeholder. An unknown company gets
Personio's 404 HTML page.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.replay.responses import Reply

XML = {"Content-Type": "text/xml; charset=UTF-8"}
NOT_FOUND = Reply(404, {"Content-Type": "text/html; charset=UTF-8"},
                  b"<!DOCTYPE html><html><head><title>Page not found</title></head>"
                  b"<body><h1>Page not found</h1></body></html>")
_ROUTE = re.compile(r"/([A-Za-z0-9][A-Za-z0-9._-]*)/xml/?")


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    """Answer ``path`` (below the slug) as the company's career site would.

    The corpus holds the English feed only, so ``language`` is not looked at.
    """
    match = _ROUTE.fullmatch(path)
    if not match:
        return NOT_FOUND
    file = root / "personio" / f"{match.group(1)}.xml"
    if not file.is_file():
        return NOT_FOUND
    return Reply(200, XML, file.read_bytes())
