"""We Work Remotely's RSS feeds answered from a corpus folder.

Corpus layout mirrors the site's paths: ``weworkremotely/categories/<category>.rss`` and
``weworkremotely/remote-jobs.rss``. Unknown feeds get the site's HTML 404.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.replay.responses import Reply

_FEED = re.compile(r"/(?:categories/)?[a-z0-9-]+\.rss")


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    if _FEED.fullmatch(path):
        feed = root / "weworkremotely" / path.lstrip("/")
        if feed.is_file():
            return Reply(200, {"Content-Type": "application/rss+xml; charset=utf-8"},
                         feed.read_bytes())
    return Reply(404, {"Content-Type": "text/html; charset=utf-8"},
                 b"<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>")
