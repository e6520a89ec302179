"""``jobpulse demo --no-dashboard`` end to end in a temporary directory (``demo_build``)."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import DEMO_MONTHS, DemoBuild


@pytest.mark.slow
def test_demo_end_to_end(demo_build: DemoBuild) -> None:
    assert demo_build.returncode == 0, demo_build.output
    for stage in ("generate corpus", "crawl hn", "load"):
        assert f"==> {stage}" in demo_build.output
    assert "demo stages:" in demo_build.output
    con = duckdb.connect(str(demo_build.db_path), read_only=True)
    postings, months = con.execute(
        "select count(*), count(distinct date_trunc('month', posted_at)) from postings"
    ).fetchall()[0]
    runs = con.execute("select source, status, items_new from crawl_runs").fetchall()
    shares = con.execute("select count(*) from skill_monthly_share where share > 0").fetchall()
    con.close()
    assert postings > 1000
    assert months >= DEMO_MONTHS
    assert {source for source, _, _ in runs} >= {"hn"}
    assert all(status == "ok" for _, status, _ in runs), runs
    assert sum(new for _, _, new in runs) == postings
    assert shares[0][0] > 50
