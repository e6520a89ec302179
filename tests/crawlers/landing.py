"""What the spider tests read back from a crawl, and the crawl of a source's demo corpus."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import ReplayServer


def landed(result: CrawlResult) -> list[dict[str, Any]]:
    """The items a crawl landed, one per JSON line."""
    lines = result.landing_file.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def crawl_demo_corpus(source: str, write_corpus: Callable[..., Any], tmp_path: Path,
                      settings: Settings, *, seed: int, postings: tuple[int, int]
                      ) -> tuple[CrawlResult, list[dict[str, Any]]]:
    """Write ``source``'s demo corpus (twice, to check it comes out the same), crawl it from
    the replay server, and check what every clean crawl of it must show: a corpus of a size
    within ``postings``, a finished run without errors, and every posting landed once."""
    root = tmp_path / "corpus"
    made = write_corpus(root, seed=seed, months=12, end=date(2026, 11, 1))
    assert postings[0] <= made.postings <= postings[1]
    assert write_corpus(tmp_path / "again", seed=seed, months=12, end=date(2026, 11, 1)) == made
    server = ReplayServer(root)
    try:
        result = run_crawl(source, landing_dir=settings.landing_dir,
                           base_url=server.base(source), args=made.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert len(items) == made.postings == len({i["source_id"] for i in items})
    assert result.manifest["errors"] == {}
    return result, items
