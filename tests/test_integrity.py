"""Integrity of what a run claims: verified landing files, degraded and failed runs, freshness.

A landing file cut at a line boundary is still valid JSON Lines, so only the digest its crawl
recorded shows the loss; a run far below its source's usual size, or one that reached nothing,
must never close postings or make a source look fresh.
"""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from handoff.landing import file_digest
from pipeline.cli import cli
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from pipeline.ingest.run_status import is_good, judge_size, run_status
from pipeline.ops.crawl import run_crawl
from pipeline.ops.runs import runs_report
from pipeline.ops.schedule_config import cron_trigger, load_config, schedule_interval
from tests.conftest import ReplayServer
from warehouse.db import connect

NOW = datetime.now(UTC)


def item(source_id: str, run_id: str) -> dict[str, Any]:
    return {"source": "remoteok", "source_id": source_id,
            "url": f"https://remoteok.example/{source_id}", "fetched_at": NOW.isoformat(),
            "crawl_run": run_id, "jobTitle": "Backend Engineer",
            "hiringOrganization": {"name": f"Company {source_id}"},
            "description": "Python and PostgreSQL."}


def land(settings: Settings, run_id: str, ids: range | list[int], *, started: datetime,
         cut_to: int | None = None, complete: bool = True, digest: bool = True,
         **manifest: Any) -> Path:
    """A remoteok run as a crawl lands it; ``cut_to`` then cuts the file after that many lines."""
    folder = settings.landing_dir / "remoteok"
    folder.mkdir(parents=True, exist_ok=True)
    data = "".join(json.dumps(item(str(i), run_id)) + "\n" for i in ids).encode()
    path = folder / f"{run_id}.jsonl"
    path.write_bytes(data if cut_to is None else b"".join(data.splitlines(True)[:cut_to]))
    body = {"run_id": run_id, "source": "remoteok", "finish_reason": "finished",
            "started_at": started.isoformat(),
            "finished_at": (started + timedelta(minutes=1)).isoformat(),
            "pages": 1, "items": len(ids), "dropped": 0, "errors": {},
            "complete_listing": complete, **manifest}
    if digest:
        body["landing"] = file_digest(data)
    (folder / f"{run_id}.run.json").write_text(json.dumps(body), encoding="utf-8")
    return path


def env(settings: Settings) -> dict[str, str]:
    return {"JOBPULSE_DATA_DIR": str(settings.data_dir), "JOBPULSE_DB": str(settings.db_path),
            "JOBPULSE_LANDING_DIR": str(settings.landing_dir)}


def query(settings: Settings, sql: str) -> list[tuple[Any, ...]]:
    con = connect(settings.db_path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def open_postings(settings: Settings) -> int:
    return query(settings, "select count(*) from postings where closed_at is null")[0][0]


def test_a_file_cut_at_a_line_boundary_is_refused_and_closes_nothing(settings: Settings
                                                                      ) -> None:
    land(settings, "20261101T000000Z-a", range(318), started=NOW - timedelta(hours=2))
    assert not load_warehouse(settings).failed
    assert open_postings(settings) == 318
    # The next complete listing lost its last 218 lines at a line boundary: still valid JSON.
    land(settings, "20261101T010000Z-b", range(318), started=NOW - timedelta(hours=1),
         cut_to=100)
    # Another source's file in the same load still loads.
    land(settings, "20261101T010000Z-c", range(1000, 1003), started=NOW - timedelta(hours=1),
         complete=False)
    result = CliRunner().invoke(cli, ["load"], env=env(settings))
    assert result.exit_code == 1
    refused = [line for line in result.output.splitlines() if "NOT LOADED" in line]
    assert len(refused) == 1
    assert "remoteok/20261101T010000Z-b.jsonl: manifest says 318 items / " in refused[0]
    assert ", file has 100 / " in refused[0]
    assert "Traceback" not in result.output
    assert open_postings(settings) == 321
    assert query(settings, "select count(*) from crawl_runs where run_id like '%-b'") == [(0,)]
    assert query(settings, "select count(*) from landing_files") == [(2,)]
    # It stays in the landing zone, refused again until someone re-crawls or removes it.
    again = CliRunner().invoke(cli, ["load"], env=env(settings))
    assert again.exit_code == 1 and "NOT LOADED" in again.output


def test_a_run_without_a_digest_loads_but_closes_nothing(settings: Settings) -> None:
    land(settings, "20261101T000000Z-a", range(10), started=NOW - timedelta(hours=2))
    land(settings, "20261101T010000Z-b", range(8), started=NOW - timedelta(hours=1),
         digest=False)
    assert not load_warehouse(settings).failed
    assert open_postings(settings) == 10
    assert query(settings, "select verified, items_closed from crawl_runs order by run_id") \
        == [(True, 0), (False, 0)]


def test_a_complete_listing_far_below_the_usual_size_is_degraded(settings: Settings) -> None:
    start = NOW - timedelta(hours=10)
    for n, size in enumerate([100, 96, 104]):
        land(settings, f"20261101T0{n}0000Z-good", range(size), started=start + timedelta(hours=n))
    assert not load_warehouse(settings).failed
    assert open_postings(settings) == 104
    # 40 items against a median of 100: a broken listing, not 64 closed jobs.
    land(settings, "20261101T040000Z-short", range(40), started=start + timedelta(hours=4))
    report = load_warehouse(settings)
    [outcome] = report.files
    assert outcome.status == "degraded" and outcome.counts and outcome.counts.items_closed == 0
    assert open_postings(settings) == 104
    assert query(settings, "select status, baseline_items from crawl_runs "
                           "where run_id like '%-short'") == [("degraded", 100.0)]
    # A degraded run is no good run: freshness still counts from the last good one.
    statuses = {s.source: s for s in runs_report(settings, load_config()).sources}
    assert statuses["remoteok"].last_status == "degraded"
    assert statuses["remoteok"].last_ok_at == start + timedelta(hours=2, minutes=1)
    # A listing back to its usual size closes what it no longer lists.
    land(settings, "20261101T050000Z-back", range(90), started=start + timedelta(hours=5))
    [outcome] = load_warehouse(settings).files
    assert outcome.status == "ok" and outcome.counts and outcome.counts.items_closed == 14
    out = CliRunner().invoke(cli, ["runs", "--failed"], env=env(settings)).output
    assert "DEGRADED: far below the source's usual listing; closed nothing" in out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_crawl_that_reached_nothing_fails_and_shows_before_any_load(settings: Settings
                                                                      ) -> None:
    base = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = CliRunner().invoke(cli, ["crawl", "hn", "--base-url", base], env=env(settings))
    assert result.exit_code == 1
    failure = [line for line in result.output.splitlines() if "FAILED" in line]
    assert len(failure) == 1 and "hn: FAILED: no items from 0 page(s); errors: " in failure[0]
    assert "ConnectionRefused" in failure[0]
    [manifest_file] = (settings.landing_dir / "hn").glob("*.run.json")
    manifest = json.loads(manifest_file.read_text())
    assert manifest["status"] == "failed" and manifest["items"] == 0

    # `runs` reads the landing zone: the failure shows before any load.
    runs = CliRunner().invoke(cli, ["runs", "--failed", "--json"], env=env(settings))
    assert runs.exit_code == 0, runs.output
    data = json.loads(runs.output)
    [run] = data["runs"]
    assert run["status"] == "failed" and run["loaded_at"] is None
    assert run["reason"].startswith("no items from 0 page(s)")
    hn = next(s for s in data["sources"] if s["source"] == "hn")
    assert hn["last_status"] == "failed" and hn["last_ok_at"] is None
    assert hn["freshness"] == "never good"

    # Loaded, it is a failed run: the source is not fresh, and `check` says so.
    assert not load_warehouse(settings).failed
    assert query(settings, "select status, items_seen from crawl_runs") == [("failed", 0)]
    check = CliRunner().invoke(cli, ["check"], env=env(settings))
    assert check.exit_code == 1 and "sources_fresh" in check.output


def test_a_crawl_of_the_replay_server_records_the_digest_of_its_file(
        replay: ReplayServer, settings: Settings) -> None:
    result = run_crawl("remoteok", landing_dir=settings.landing_dir,
                       base_url=replay.base("remoteok"))
    assert result.ok
    data = Path(result.landing_file).read_bytes()
    assert result.manifest["landing"] == file_digest(data)
    assert result.manifest["landing"]["lines"] == result.manifest["items"] > 0
    assert not load_warehouse(settings).failed
    assert query(settings, "select verified, status from crawl_runs") == [(True, "ok")]


def test_stale_after_twice_the_schedule_interval(settings: Settings) -> None:
    # remoteok runs every 6 h in the bundled schedule.
    land(settings, "20261101T000000Z-a", range(5), started=NOW - timedelta(hours=14))
    assert not load_warehouse(settings).failed
    status = {s.source: s for s in runs_report(settings, load_config()).sources}["remoteok"]
    assert status.interval == timedelta(hours=6)
    assert status.stale and status.freshness == "stale"
    land(settings, "20261101T100000Z-b", range(5), started=NOW - timedelta(hours=1))
    status = {s.source: s for s in runs_report(settings, load_config()).sources}["remoteok"]
    # Fresh again from a good run that no load has taken in yet.
    assert not status.stale and status.freshness == "fresh"
    out = CliRunner().invoke(cli, ["runs"], env=env(settings)).output
    assert "(not loaded yet)" in out


@pytest.mark.parametrize(("manifest", "status"), [
    ({"finish_reason": "finished", "items": 3, "errors": {}}, "ok"),
    ({"finish_reason": "finished", "items": 3, "errors": {"http_500": 1}}, "partial"),
    ({"finish_reason": "finished", "items": 0, "errors": {"http_500": 1}}, "failed"),
    ({"finish_reason": "finished", "items": 0, "errors": {}}, "ok"),
    ({"finish_reason": "shutdown", "items": 3, "errors": {}}, "failed"),
    ({"finish_reason": "finished", "items": 3, "errors": {}, "status": "failed"}, "failed"),
])
def test_run_status(manifest: dict[str, Any], status: str) -> None:
    assert run_status(manifest) == status


def test_judge_size() -> None:
    assert judge_size("ok", 49, True, 100.0) == "degraded"
    assert judge_size("partial", 49, True, 100.0) == "degraded"
    assert judge_size("ok", 50, True, 100.0) == "ok"
    # Only complete listings are comparable; no history judges nothing; failed stays failed.
    assert judge_size("ok", 1, False, 100.0) == "ok"
    assert judge_size("ok", 1, True, None) == "ok"
    assert judge_size("failed", 0, True, 100.0) == "failed"
    assert is_good("ok", 1) and is_good("partial", 1)
    assert not is_good("ok", 0) and not is_good("degraded", 5) and not is_good("failed", 5)


@pytest.mark.parametrize(("cron", "hours"), [
    ("17 */6 * * *", 6), ("5 4 * * *", 24), ("0 9 * * 1-5", 72), ("0 0 2 * *", 31 * 24),
])
def test_schedule_interval_is_the_longest_gap(cron: str, hours: int) -> None:
    start = datetime(2026, 12, 4, 12, tzinfo=UTC)
    assert schedule_interval(cron_trigger(cron, "UTC"), start) == timedelta(hours=hours)
