"""A backfill: ``jobpulse crawl hn --since`` brings every monthly thread of several years, once.

The corpus is built for the test: 40 months (April 2011 to July 2014, the first whoishiring
years, where the demo's HN ids must still be positive) of small threads, served by the replay
server. Its 120 search hits (hiring, wants to be hired, freelancer) take two pages of the
spider's 100, so the search pagination is crossed. One CLI crawl of ``hn`` (a range means
every thread in it, not the newest one) and one crawl of ``hn_seeking`` over the same range.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.demo.hn_calendar import iter_hn_months
from pipeline.demo.hn_corpus import write_hn_corpus
from pipeline.ops.crawl import run_crawl
from tests.conftest import ROOT, ReplayServer

END = dt.date(2014, 7, 1)
MONTHS = 40
START = dt.date(2011, 4, 1)


def landed(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_backfill_brings_every_month_once(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "corpus"
    summary = write_hn_corpus(root, seed=3, months=MONTHS, end=END, postings_per_month=(3, 6),
                              freelance_from=START, partial_last_month=False,
                              seekers_per_month=(2, 4))
    server = ReplayServer(root)
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT),
               "JOBPULSE_DATA_DIR": str(settings.data_dir),
               "JOBPULSE_LANDING_DIR": str(settings.landing_dir)}
        first = iter_hn_months(END, MONTHS)[0]
        cli = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", "crawl", "hn", "--since", f"{first:%Y-%m}",
             "--base-url", server.base("hn")],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert cli.returncode == 0, cli.stdout + cli.stderr
        seeking = run_crawl("hn_seeking", landing_dir=settings.landing_dir,
                            base_url=server.base("hn_seeking"),
                            args={"since": f"{first:%Y-%m}", "months": "0"})
        assert seeking.ok, seeking.log_file.read_text()
    finally:
        server.stop()

    months = [f"{m:%Y-%m}" for m in iter_hn_months(END, MONTHS)]
    (hn_file,) = (settings.landing_dir / "hn").glob("*.jsonl")
    ads = landed(hn_file)
    threads = {(a["extra"]["story_id"], a["extra"]["thread"]) for a in ads}
    # Every month's hiring thread, and no thread twice.
    assert len(threads) == MONTHS
    assert sorted(dt.datetime.strptime(t.rsplit("(", 1)[1].rstrip(")"), "%B %Y").strftime(
        "%Y-%m") for _, t in threads) == months
    assert len({a["source_id"] for a in ads}) == len(ads)
    manifest = json.loads(next((settings.landing_dir / "hn").glob("*.run.json")).read_text())
    assert manifest["pages"] == 2 + MONTHS  # two search pages, one items request a thread
    assert manifest["errors"] == {}
    skipped = manifest["skipped"]
    assert len(ads) + skipped.get("seeker", 0) + skipped.get("not_an_ad", 0) == summary.postings

    posts = landed(seeking.landing_file)
    assert sorted(Counter(p["thread_month"] for p in posts)) == months
    assert len(posts) + seeking.manifest["skipped"].get("not_a_profile", 0) == summary.seekers
