"""``jobpulse demo --no-dashboard`` end to end in a temporary directory (``demo_build``)."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import DEMO_MONTHS, DemoBuild


@pytest.mark.slow
def test_demo_end_to_end(demo_build: DemoBuild) -> None:
    assert demo_build.returncode == 0, demo_build.output
    for stage in ("generate corpus", "crawl ", "load"):
        assert f"==> {stage}" in demo_build.output
    assert "    crawl hn: " in demo_build.output
    assert "demo stages:" in demo_build.output
    con = duckdb.connect(str(demo_build.db_path), read_only=True)
    postings, months = con.execute(
        "select count(*), count(distinct date_trunc('month', posted_at)) from postings"
    ).fetchall()[0]
    runs = con.execute("select source, status, items_new from crawl_runs").fetchall()
    shares = con.execute("select count(*) from skill_monthly_share where share > 0").fetchall()
    by_source = dict(con.execute("select source, count(*) from postings group by 1").fetchall())
    hn_months = [n for _, n in con.execute(
        "select date_trunc('month', posted_at) as m, count(*) from postings where source = 'hn' "
        "group by m order by m").fetchall()]
    other = con.execute(
        "select count(*) filter (where description like '%to join the % team.%'), count(*) "
        "from postings where source = 'hn'").fetchall()[0]
    con.close()
    assert postings > 1000
    assert months >= DEMO_MONTHS
    assert {source for source, _, _ in runs} >= {"hn"}
    assert all(status == "ok" for _, status, _ in runs), runs
    assert sum(new for _, _, new in runs) == postings
    assert shares[0][0] > 50
    # The known answer (pipeline/demo/seeded_trends.py): freelancer threads joined before the
    # last six months, the current month is partial, about 12 % of HN ads are not engineering.
    assert by_source.get("hn_freelance", 0) > 100
    assert hn_months[-1] < 0.7 * min(hn_months[:-1])
    assert 0.07 < other[0] / other[1] < 0.17
