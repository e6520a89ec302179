"""``bench.bench_warehouse``: the CPU a load spent is counted in every process it used."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import warehouse.spare
from bench.bench_warehouse import cold_loads, cpu_budget, cpu_seconds, scheduled_loads, spare_ready
from pipeline.config import Settings


def test_cpu_seconds_count_finished_children() -> None:
    own_before, children_before = cpu_seconds()
    subprocess.run([sys.executable, "-c", "sum(i * i for i in range(3_000_000))"], check=True)
    own_after, children_after = cpu_seconds()
    assert children_after - children_before > 0.05
    assert own_after >= own_before


def test_cpu_budget_is_per_posting_against_the_target() -> None:
    cores = len(os.sched_getaffinity(0))
    line = cpu_budget(1_000, 0.1, 0.2, target=10_000)
    assert "0.1 s in the loading process" in line
    assert "0.2 s in the normalizer processes" in line
    assert "= 300 CPU-us per posting" in line
    assert f"10,000 postings/s on {cores} core(s) allows at most {cores * 100}" in line


def test_no_scheduled_loads_asked_for_none_run(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, db_path=tmp_path / "w.duckdb",
                        landing_dir=tmp_path / "landing")
    scheduled_loads(settings, 500, 0)
    assert not (tmp_path / "landing").exists()
    assert not (tmp_path / "w.duckdb").exists()


def test_spare_ready_waits_only_for_a_spare_there_will_be(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"small")
    spare_ready(db, timeout=30)  # too small for a spare: returns at once
    monkeypatch.setattr(warehouse.spare, "SPARE_MIN_BYTES", 0)
    (tmp_path / "w.duckdb.spare-of").write_text(warehouse.spare.identity(db), encoding="ascii")
    spare_ready(db, timeout=30)  # the mark names the published file: ready
    db.write_bytes(b"published again")
    started = time.monotonic()
    spare_ready(db, timeout=0.5)  # a stale mark: waits, up to the timeout
    assert time.monotonic() - started >= 0.5


def test_a_failed_cold_load_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "w.duckdb").mkdir()  # not a warehouse file
    settings = Settings(data_dir=tmp_path, db_path=tmp_path / "w.duckdb",
                        landing_dir=tmp_path / "landing")
    with pytest.raises(SystemExit,
                       match=r"^bench_warehouse: jobpulse load \(this checkout\) failed: Error: "):
        cold_loads(settings, 5, 1)


def test_cold_loads_take_turns_with_another_checkout(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # The other checkout is this one again: both must load, one after the other.
    settings = Settings(data_dir=tmp_path, db_path=tmp_path / "w.duckdb",
                        landing_dir=tmp_path / "landing")
    other = Path(__file__).resolve().parents[2]
    cold_loads(settings, 5, 1, against=other)
    out = capsys.readouterr().out
    runs = [line for line in out.splitlines() if line.startswith("jobpulse load 1 ")]
    assert [r.split("(a fresh process, ", 1)[1].split(")")[0] for r in runs] == [
        "this checkout", str(other)]
    assert "median" in out and str(other) in out
    con = duckdb.connect(str(settings.db_path), read_only=True)
    assert con.execute("select count(*) from postings").fetchall() == [(10,)]
