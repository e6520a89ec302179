"""Readers keep working during a load, and a killed load re-run is as if it had run once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from tests.conftest import ROOT
from warehouse.db import connect

pytestmark = pytest.mark.slow


def write_landing(settings: Settings, runs: int, per_run: int, offset: int = 0) -> None:
    folder = settings.landing_dir / "hn"
    folder.mkdir(parents=True, exist_ok=True)
    stacks = ["Python, Django, PostgreSQL on AWS", "Go and Kubernetes on Google Cloud",
              "TypeScript, Node.js and MongoDB on Azure", "Rust, Kafka and ClickHouse"]
    for r in range(offset, offset + runs):
        run_id = f"2026{r:04d}"
        lines = []
        for i in range(per_run):
            n = r * per_run + i
            lines.append(json.dumps({
                "source": "hn", "source_id": str(n), "url": f"https://hn.example/{n}",
                "fetched_at": "2026-11-01T00:00:00Z", "crawl_run": run_id,
                "jobTitle": "Senior Backend Engineer",
                "datePublished": f"2026-{1 + n % 10:02d}-03T12:00:00Z",
                "hiringOrganization": {"name": f"Company {n}"},
                "jobLocation": {"raw": "Berlin, Germany"}, "remoteStatus": "REMOTE (EU)",
                "baseSalary": {"raw": f"€{60 + n % 40}k-{90 + n % 40}k"},
                "description": f"Posting {n}. Our stack: {stacks[n % 4]}. " * 5,
            }))
        (folder / f"{run_id}.jsonl").write_text("\n".join(lines) + "\n")
        (folder / f"{run_id}.run.json").write_text(json.dumps({
            "run_id": run_id, "source": "hn", "finish_reason": "finished", "pages": 1,
            "items": per_run, "errors": {}, "started_at": "2026-11-01T00:00:00+00:00",
            "finished_at": "2026-11-01T00:01:00+00:00"}))


def env_for(settings: Settings) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "JOBPULSE_DB": str(settings.db_path),
            "JOBPULSE_LANDING_DIR": str(settings.landing_dir),
            "JOBPULSE_DATA_DIR": str(settings.data_dir)}


def load_command() -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "load"]


def state(db: Path) -> dict[str, object]:
    """Everything a load decides, without load timestamps."""
    con = connect(db, read_only=True)
    try:
        def rows(sql: str) -> list[tuple]:
            return sorted(con.execute(sql).fetchall())

        return {
            "postings": rows("select posting_id, content_hash, pay_min, country, first_seen_at "
                             "from postings"),
            "raw": rows("select posting_id, content_hash, run_id from raw_postings"),
            "skills": rows("select posting_id, skill from posting_skills"),
            "runs": rows("select run_id, status, items_seen, items_new, items_changed "
                         "from crawl_runs"),
            "files": rows("select path, sha256, rows_read from landing_files"),
        }
    finally:
        con.close()


def test_readers_never_fail_nor_see_a_half_loaded_run(settings: Settings,
                                                      tmp_path: Path) -> None:
    write_landing(settings, runs=2, per_run=300)
    load_warehouse(settings)
    before = state(settings.db_path)
    write_landing(settings, runs=8, per_run=300, offset=2)
    stop = tmp_path / "stop"
    readers = [
        subprocess.Popen([sys.executable, "-m", "tests.warehouse.reader_loop",
                          str(settings.db_path), str(stop), str(tmp_path / f"r{i}.json")],
                         cwd=ROOT, env=env_for(settings), stderr=subprocess.PIPE, text=True)
        for i in range(3)
    ]
    time.sleep(1.0)
    load = subprocess.run(load_command(), cwd=tmp_path, env=env_for(settings),
                          capture_output=True, text=True, timeout=300)
    time.sleep(0.5)
    stop.touch()
    for reader in readers:
        _, err = reader.communicate(timeout=60)
        assert reader.returncode == 0, err
    assert load.returncode == 0, load.stdout + load.stderr
    after = state(settings.db_path)
    published = {(len(before["postings"]), 600, 2), (len(after["postings"]), 3000, 10)}
    seen = []
    for i in range(3):
        seen += json.loads((tmp_path / f"r{i}.json").read_text())
    assert len(seen) > 20
    for postings, items_new, files, bad_shares in seen:
        assert (postings, items_new, files) in published
        assert bad_shares == 0
    assert {tuple(s[:3]) for s in seen} == published  # reads before and after the publish


def test_killed_load_rerun_is_as_if_it_ran_once(tmp_path: Path) -> None:
    def make(name: str) -> Settings:
        data = tmp_path / name
        s = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
        write_landing(s, runs=2, per_run=200)
        load_warehouse(s)
        write_landing(s, runs=6, per_run=300, offset=2)
        return s

    clean, crashed = make("clean"), make("crashed")
    load_warehouse(clean)
    expected = state(clean.db_path)
    for delay in (0.3, 1.0, 2.0, 3.5):
        proc = subprocess.Popen(load_command(), cwd=tmp_path, env=env_for(crashed),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # Whatever the kill interrupted, the published warehouse is a whole state.
        assert len(state(crashed.db_path)["files"]) in (2, 8)
    rerun = subprocess.run(load_command(), cwd=tmp_path, env=env_for(crashed),
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert state(crashed.db_path) == expected


def test_second_writer_waits_for_the_first(settings: Settings) -> None:
    from warehouse.db import WarehouseError, writer

    with writer(settings.db_path) as con:
        con.execute("create table t (x int)")
        with pytest.raises(WarehouseError, match="another process is writing"), \
                writer(settings.db_path, wait_seconds=0.3):
            pass
    con = connect(settings.db_path, read_only=True)
    assert con.execute("select count(*) from t").fetchall() == [(0,)]
    con.close()


def test_writer_checkpoints_only_when_it_publishes(settings: Settings) -> None:
    from warehouse.db import writer

    with writer(settings.db_path) as con:
        # Runs commit into the private copy without checkpointing it each time.
        threshold = con.execute("select current_setting('checkpoint_threshold')").fetchall()[0][0]
        con.execute("create table t as select range as x from range(100000)")
        con.execute("begin transaction")
        con.execute("insert into t select range from range(100000)")
        con.execute("commit")
        assert settings.db_path.with_name(settings.db_path.name + ".next.wal").stat().st_size > 0
    assert threshold == "953.6 MiB"  # DuckDB's spelling of 1GB
    # Published checkpointed: the file holds everything, with no log beside it.
    assert not settings.db_path.with_name(settings.db_path.name + ".wal").exists()
    con = connect(settings.db_path, read_only=True)
    assert con.execute("select count(*) from t").fetchall() == [(200000,)]
    con.close()
