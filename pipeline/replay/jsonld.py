"""Career pages and sitemaps for the ``jsonld`` spider, served as static files.

Corpus layout: any tree under ``jsonld/`` (``*.html`` pages, ``*.xml`` sitemaps), served at the
same path. Sitemaps in a corpus use relative ``<loc>``s, since a handler does not know the host
the server answers on; the spider resolves them against the sitemap's own URL.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.replay.responses import Reply

TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
         ".gz": "application/x-gzip"}


def handle(root: Path, path: str, query: dict[str, str]) -> Reply:
    base = (root / "jsonld").resolve()
    target = (base / path.lstrip("/")).resolve()
    if target.is_relative_to(base) and target.is_file() and target.suffix in TYPES:
        return Reply(200, {"Content-Type": TYPES[target.suffix]}, target.read_bytes())
    return Reply(404, {"Content-Type": "text/html; charset=utf-8"},
                 b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>")
