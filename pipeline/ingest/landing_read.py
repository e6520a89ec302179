"""Reading a landing run: its manifest, its bytes checked against the manifest's digest, and its
posting rows; the next run read on a thread while the loader loads this one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import attrs

from handoff.landing import LandingRun, digest_mismatch
from handoff.personal import scrub_item
from pipeline.errors import LandingFileError
from pipeline.ingest.lines import partial_last_line, read_items
from pipeline.ingest.run_status import run_status
from pipeline.ingest.seeking import SUPPLY_SOURCES, is_supply
from pipeline.normalize.record import posting_row

log = logging.getLogger(__name__)


@attrs.frozen
class ReadRun:
    """A run as read: manifest, bytes, whether they match the manifest's digest, and (for a
    postings run; ``None`` for a supply run, which its own loader reads) the posting rows, the
    lines dropped and the line a dead crawl cut short."""

    manifest: dict[str, Any]
    data: bytes
    verified: bool
    rows: list[dict[str, Any]] | None = None
    bad: int = 0
    cut_line: int | None = None


def read_run(run: LandingRun) -> ReadRun:
    """Read ``run``; raises LandingFileError when its files cannot be read or do not match."""
    manifest = read_manifest(run)
    try:
        data = run.read_data()
    except OSError as exc:
        raise LandingFileError(f"{run.data_name}: unreadable landing file ({exc})") from exc
    verified = verify_landing(run, manifest, data)
    if str(manifest["source"]) in SUPPLY_SOURCES:
        return ReadRun(manifest, data, verified)
    rows, bad, cut_line = read_rows(run, manifest, data)
    return ReadRun(manifest, data, verified, rows, bad, cut_line)


def read_ahead(runs: Sequence[LandingRun]) -> Iterator[tuple[LandingRun, Future[ReadRun]]]:
    """Each run with its read, the next run's read started on a thread before this one is
    handed over. A read that fails raises from ``result()``, at its own run's turn."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="landing-read")
    try:
        ahead: Future[ReadRun] | None = None
        for index, run in enumerate(runs):
            current = ahead or pool.submit(read_run, run)
            ahead = pool.submit(read_run, runs[index + 1]) if index + 1 < len(runs) else None
            yield run, current
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def read_manifest(run: LandingRun) -> dict[str, Any]:
    try:
        manifest = json.loads(run.read_manifest().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LandingFileError(f"{run.manifest_name}: unreadable run manifest ({exc})") from exc
    if not isinstance(manifest, dict) or "run_id" not in manifest or "source" not in manifest:
        raise LandingFileError(f"{run.manifest_name}: run manifest without run_id or source")
    return manifest


def verify_landing(run: LandingRun, manifest: dict[str, Any], data: bytes) -> bool:
    """Whether ``data`` is the file its crawl recorded; raises if the manifest says otherwise.

    Lines lost at a line boundary still read as valid JSON Lines: loading them would close
    every posting the missing lines hold, so a mismatch refuses the file and nothing is
    written. A manifest without a digest (an older crawl) loads unverified and closes nothing.
    """
    if "landing" not in manifest:
        log.info("%s: manifest has no landing digest (an older crawl); loaded unverified, "
                 "it closes no postings", run.key)
        return False
    mismatch = digest_mismatch(manifest["landing"], data)
    if mismatch:
        raise LandingFileError(f"{run.data_name}: {mismatch}")
    return True


def read_rows(run: LandingRun, manifest: dict[str, Any], data: bytes
              ) -> tuple[list[dict[str, Any]], int, int | None]:
    """The run's posting rows (one per posting), how many lines were dropped, and the line a
    dead crawl cut short (skipped), if any."""
    rows: list[dict[str, Any]] = []
    bad = 0
    cut_line: int | None = None
    if run_status(manifest) == "failed" and partial_last_line(data):
        # A crawl killed mid-write leaves half a line; the lines before it are whole items.
        cut_line = data.count(b"\n") + 1
        log.warning("%s: line %d: cut short by the crawl's death; skipped", run.key, cut_line)
    for number, item, fast in read_items(data, run.data_name, skip_line=cut_line):
        # Files landed before the spiders dropped personal fields must not bring them in.
        item = scrub_item(item)
        if is_supply(item):
            # A person seeking work is supply, never a job posting (pipeline/ingest/seeking).
            bad += 1
            log.warning("%s: line %d: a seeking_work item in a postings run; dropped",
                        run.key, number)
            continue
        try:
            rows.append({**posting_row(item, orjson_safe=fast), "raw_item": item})
        except (KeyError, ValueError, TypeError) as exc:
            bad += 1
            log.warning("%s: line %d: dropped (%s)", run.key, number, exc)
    # The crawl's in-run dedup already keeps one copy per posting; keep the last as a guard.
    return list({row["posting_id"]: row for row in rows}.values()), bad, cut_line
