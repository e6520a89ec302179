"""Broken responses: each is counted by kind in the manifest and ``crawl_runs``; the rest lands.

Every case serves one page of a real crawl broken in one way through the replay server's
faults (``pipeline/replay/server.py``), crawls, loads the warehouse, and checks that the run
records exactly that error kind, that the other thread (hn) or board (greenhouse) landed, and
that the warehouse holds only the good postings.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from crawlers.extensions import summarize_stats
from crawlers.spiders._base import download_error_kind
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import ReplayServer
from tests.crawlers.landing import landed
from warehouse.db import connect

OCTOBER, SEPTEMBER = 47100000, 46800000
OCTOBER_ADS = {"47100011", "47100012", "47100015", "47100016", "47100017"}
HN_BROKEN = f"/hn/api/v1/items/{SEPTEMBER}"
HARBORLINE = {"7100001001", "7100001002", "7100001003"}
GH_BROKEN = "/greenhouse/v1/boards/tidewater/jobs"

# Low limits keep the slow and the huge cases fast: the 50 MiB body is refused at 10 MiB, the
# slow drip (2 s) outlasts its case's 1 s timeout on each of its 3 attempts.
TEST_SETTINGS = {"DOWNLOAD_TIMEOUT": "2", "DOWNLOAD_MAXSIZE": str(10 * 1024 * 1024)}

DEEP = 100_000
"""Far beyond Python's recursion limit, so json.loads raises RecursionError, not a parse error."""


def faults(path: str) -> dict[str, tuple[dict[str, Any], dict[str, str], str]]:
    """Case name to (fault at ``path``, extra Scrapy settings, expected error kind)."""
    return {
        "truncated_json": ({"body": '{"children": [ {"id": 1, '}, {}, "bad_json"),
        "wrong_content_type": ({"body": '{"children": [], "jobs": []}',
                                "content_type": "application/octet-stream"}, {},
                               "wrong_content_type"),
        "html_not_json": ({"body": "<!doctype html><html><body>Maintenance</body></html>",
                           "content_type": "text/html"}, {}, "html_not_json"),
        "huge_body": ({"size_mb": 50}, {}, "too_large"),
        "huge_body_without_length": ({"size_mb": 50, "no_length": True}, {}, "too_large"),
        "invalid_utf8": ({"body_hex": "7b226a6f6273223a205b22c328a0ff225d7d"}, {},
                         "bad_encoding"),
        "redirect_to_itself": ({"status": 302, "headers": {"Location": path}}, {},
                               "redirect_loop"),
        "too_many_redirects": ({"status": 302, "headers": {"Location": path + "?hop=1"}},
                               {"REDIRECT_MAX_TIMES": "0"}, "redirect_loop"),
        "slow_drip": ({"drip_seconds": 2}, {"DOWNLOAD_TIMEOUT": "1"}, "download_TimeoutError"),
        "deeply_nested_json": ({"nested_depth": DEEP}, {}, "deep_json"),
    }


HN_CASES = faults(HN_BROKEN)
GH_CASES = {k: v for k, v in faults(GH_BROKEN).items()
            if k in {"truncated_json", "huge_body", "invalid_utf8", "redirect_to_itself",
                     "slow_drip", "deeply_nested_json"}}


def warehouse_view(settings: Settings, run_id: str) -> tuple[dict[str, int], set[str], int]:
    """``crawl_runs.errors`` of the run, the posting ids, and the raw_postings count."""
    report = load_warehouse(settings)
    assert not report.failed, report.failed
    con = connect(settings.db_path, read_only=True)
    try:
        errors = json.loads(con.execute("select errors from crawl_runs where run_id = ?",
                                        [run_id]).fetchall()[0][0])
        ids = {r[0] for r in con.execute("select source_id from postings").fetchall()}
        raw = con.execute("select count(*) from raw_postings").fetchall()[0][0]
    finally:
        con.close()
    return errors, ids, raw


def check_run(result: CrawlResult, settings: Settings, kind: str, good: set[str]) -> None:
    manifest = result.manifest
    assert manifest["finish_reason"] == "finished", result.log_file.read_text()[-3000:]
    assert manifest["errors"] == {kind: 1}, result.log_file.read_text()[-3000:]
    assert {i["source_id"] for i in landed(result)} == good
    assert kind in result.log_file.read_text()
    errors, ids, raw = warehouse_view(settings, result.run_id)
    assert errors == {kind: 1}
    assert ids == good
    assert raw == len(good)


@pytest.mark.parametrize("case", sorted(HN_CASES))
def test_hn_broken_thread_is_counted_and_the_other_lands(
        case: str, replay: ReplayServer, settings: Settings) -> None:
    fault, extra, kind = HN_CASES[case]
    replay.set_faults({HN_BROKEN: fault})
    started = time.monotonic()
    result = run_crawl("hn", landing_dir=settings.landing_dir, base_url=replay.base("hn"),
                       args={"months": "0"}, settings={**TEST_SETTINGS, **extra})
    # A hang detector, not a benchmark: no case may wait for a 60 s timeout or 50 MiB.
    assert time.monotonic() - started < 30
    check_run(result, settings, kind, OCTOBER_ADS)


@pytest.mark.parametrize("case", sorted(GH_CASES))
def test_greenhouse_broken_board_is_counted_and_the_other_lands(
        case: str, replay: ReplayServer, settings: Settings) -> None:
    fault, extra, kind = GH_CASES[case]
    replay.set_faults({GH_BROKEN: fault})
    result = run_crawl("greenhouse", landing_dir=settings.landing_dir,
                       base_url=replay.base("greenhouse"),
                       args={"boards": "harborline,tidewater"},
                       settings={**TEST_SETTINGS, **extra})
    check_run(result, settings, kind, HARBORLINE)
    # A board went unread, so postings missing from it must not be closed.
    assert result.manifest["complete_listing"] is False


def test_remoteok_deep_json_is_counted(replay: ReplayServer, settings: Settings) -> None:
    """A single-request source: nothing lands, but the run is recorded with its error."""
    replay.set_faults({"/remoteok/api": {"nested_depth": DEEP}})
    result = run_crawl("remoteok", landing_dir=settings.landing_dir,
                       base_url=replay.base("remoteok"), settings=TEST_SETTINGS)
    check_run(result, settings, "deep_json", set())


def test_drip_within_the_timeout_is_read(replay: ReplayServer, settings: Settings) -> None:
    """A slow page that finishes in time is a good page: the drip fault delays, not breaks."""
    replay.set_faults({HN_BROKEN: {"drip_seconds": 1}})
    result = run_crawl("hn", landing_dir=settings.landing_dir, base_url=replay.base("hn"),
                       args={"months": "0"}, settings={"DOWNLOAD_TIMEOUT": "10"})
    assert result.manifest["errors"] == {}
    assert len(landed(result)) == 7


def test_faults_still_accept_the_old_format(tmp_path: Path) -> None:
    from pipeline.replay.server import Faults

    (tmp_path / "_faults.json").write_text(json.dumps({
        "/a": {"status": 500, "times": 1}, "/b": {"body": "{not json"},
        "/c": {"status": 429, "headers": {"Retry-After": "1"}, "content_type": "text/plain"},
    }))
    found = Faults(tmp_path)
    a = found.match("/a?x=1")
    assert a is not None and (a.status, a.body) == (500, b"")
    assert found.match("/a") is None  # times: 1
    b = found.match("/b")
    assert b is not None and (b.status, b.body) == (200, b"{not json")
    c = found.match("/c")
    assert c is not None and c.headers == {"Content-Type": "text/plain", "Retry-After": "1"}


def test_generated_bodies_are_exact_and_valid(tmp_path: Path) -> None:
    from pipeline.replay.server import nested_json, padded_json

    body = b"".join(padded_json(3 * 1024 * 1024 + 7))
    assert len(body) == 3 * 1024 * 1024 + 7
    assert json.loads(body) == {"children": []}
    assert nested_json(3) == b'{"children": [[[]]]}'


@pytest.mark.parametrize(("name", "message", "kind"), [
    ("DownloadTimeoutError", "Getting x took longer than 2 seconds.", "download_TimeoutError"),
    ("TimeoutError", "", "download_TimeoutError"),
    ("DownloadCancelledError", "Expected to receive 52428800 bytes which is larger than "
     "download max size (10485760)", "too_large"),
    ("DownloadCancelledError", "", "too_large"),
    ("IgnoreRequest", "max redirections reached", "redirect_loop"),
    ("IgnoreRequest", "redirect loop: a -> a", "redirect_loop"),
    ("IgnoreRequest", "Forbidden by robots.txt", "download_IgnoreRequest"),
    ("ConnectionRefusedError", "", "download_ConnectionRefusedError"),
])
def test_download_error_kinds(name: str, message: str, kind: str) -> None:
    assert download_error_kind(name, message) == kind


def test_manifest_counts_a_handled_download_failure_once() -> None:
    """Three timed-out attempts of one request are one error, not four."""
    stats = {
        "downloader/exception_type_count/scrapy.exceptions.DownloadTimeoutError": 3,
        "jobpulse/handled_exception/DownloadTimeoutError": 1,
        "jobpulse/error/download_TimeoutError": 1,
        # No errback saw this one (a retried attempt that then succeeded).
        "downloader/exception_type_count/twisted.internet.error.ConnectionLost": 1,
    }
    assert summarize_stats(stats)["errors"] == {"download_TimeoutError": 1,
                                                "download_ConnectionLost": 1}
