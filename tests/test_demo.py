"""``jobpulse demo --no-dashboard`` end to end in a temporary directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_demo_end_to_end(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBPULSE_")}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "demo", "--no-dashboard", "--months", "6"],
        cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for stage in ("generate corpus", "crawl hn", "load"):
        assert f"==> {stage}" in result.stdout
    assert "demo stages:" in result.stdout
    con = duckdb.connect(str(tmp_path / "data" / "jobpulse.duckdb"), read_only=True)
    postings, months = con.execute(
        "select count(*), count(distinct date_trunc('month', posted_at)) from postings"
    ).fetchall()[0]
    runs = con.execute("select source, status, items_new from crawl_runs").fetchall()
    shares = con.execute("select count(*) from skill_monthly_share where share > 0").fetchall()
    con.close()
    assert postings > 1000
    assert months >= 6
    assert {source for source, _, _ in runs} >= {"hn"}
    assert all(status == "ok" for _, status, _ in runs), runs
    assert sum(new for _, _, new in runs) == postings
    assert shares[0][0] > 50
