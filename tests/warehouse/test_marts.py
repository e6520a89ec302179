"""The views researchers and the dashboard build on, prepared at load time."""

from __future__ import annotations

import collections
import datetime as dt
import math
import shutil
from pathlib import Path

import duckdb
import pytest

from warehouse.db import connect
from warehouse.marts import refresh_marts


@pytest.fixture
def con(seeded_db: Path) -> duckdb.DuckDBPyConnection:
    connection = connect(seeded_db, read_only=True)
    yield connection
    connection.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def wilson(k: int, n: int) -> tuple[float, float]:
    p, z = k / n, 1.96
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_monthly_share_new_and_active_with_wilson_interval(con) -> None:
    new = rows(con, "select * from skill_monthly_share where basis = 'new' and skill = 'Python' "
                    "order by month")
    assert len(new) == 6  # the seed spreads postings over six months
    for r in new:
        assert r["postings_total"] == 20
        assert r["share"] == pytest.approx(r["postings_with_skill"] / 20)
        low, high = wilson(r["postings_with_skill"], 20)
        assert (r["ci_low"], r["ci_high"]) == (pytest.approx(low, abs=1e-3),
                                                 pytest.approx(high, abs=1e-3))
        assert r["low_support"] is True  # 20 postings a month is below the 30 threshold
    active = rows(con, "select * from skill_monthly_share where basis = 'active'")
    assert active and all(0 <= r["share"] <= 1 for r in active)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, month = [], first.replace(day=1)
    while month <= last:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def test_active_counts_every_open_month_of_each_job(seeded_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copyfile(seeded_db, db)
    con = connect(db)
    try:
        # The seed is Hacker News ads, each active in its thread's month only; as a board's
        # postings, half stay active from publication until last seen.
        con.execute("update postings set source = 'remotive' where hash(posting_id) % 2 = 0")
        # ... whose complete crawls go back before any of them, so every one is counted.
        con.execute("insert into crawl_runs (run_id, source, started_at, finished_at, status, "
                    "items_seen, complete_listing, verified) values ('r-2019', 'remotive', "
                    "'2019-01-01 00:00:00+00', '2019-01-01 00:10:00+00', 'ok', 50, true, true)")
        # A gap: three jobs open in spring 2020 only, and one open from 2019 into 2021 across it.
        con.execute("update postings set posted_at = timestamptz '2020-03-10 12:00:00+00', "
                    "last_seen_at = timestamptz '2020-04-20 00:00:00+00', closed_at = null "
                    "where posting_id in (select posting_id from postings_dedup "
                    "order by posting_id limit 3)")
        con.execute("update postings set posted_at = timestamptz '2019-11-10 12:00:00+00', "
                    "closed_at = timestamptz '2021-01-05 00:00:00+00' where posting_id = "
                    "(select posting_id from postings_dedup join posting_skills using (posting_id)"
                    " where source not in ('hn', 'hn_freelance') group by posting_id "
                    "order by count(*) desc, posting_id limit 1)")
        refresh_marts(con)
        jobs = con.execute(
            "select posting_id, source, cast(coalesce(posted_at, first_seen_at) as date), "
            "cast(coalesce(closed_at, last_seen_at) as date) from postings_dedup").fetchall()
        skills = con.execute("select posting_id, skill from posting_skills").fetchall()
        got = {(r[0], r[1]): (r[2], r[3]) for r in con.execute(
            "select month, skill, postings_with_skill, postings_total from mart_skill_monthly "
            "where basis = 'active'").fetchall()}
    finally:
        con.close()
    totals: collections.Counter[dt.date] = collections.Counter()
    with_skill: collections.Counter[tuple[dt.date, str]] = collections.Counter()
    skills_of = collections.defaultdict(list)
    for posting_id, skill in skills:
        skills_of[posting_id].append(skill)
    for posting_id, source, opened, last in jobs:
        # Hacker News ads count in their thread's month only.
        end = opened if source in ("hn", "hn_freelance") else max(opened, last)
        for month in _months(opened, end):
            totals[month] += 1
            for skill in skills_of[posting_id]:
                with_skill[month, skill] += 1
    assert totals[dt.date(2020, 9, 1)] == 1  # only the long job is open in the gap
    assert got == {key: (n, totals[key[0]]) for key, n in with_skill.items()}


def test_pay_by_skill_in_currency_and_usd(con) -> None:
    eur = rows(con, "select * from pay_by_skill where skill = 'Python' and currency = 'EUR' "
                    "and employment_type = 'all' and market = 'all'")
    assert len(eur) == 1
    r = eur[0]
    assert r["pay_kind"] == "salary" and r["pay_period"] == "year"
    assert r["p10"] <= r["median"] <= r["p90"]
    assert r["usd_median"] > r["median"]  # the euro was worth more than a dollar in 2026
    pooled = rows(con, "select * from pay_by_skill where skill = 'Python' and currency = 'all' "
                       "and employment_type = 'all' and market = 'all'")
    assert pooled[0]["median"] is None and pooled[0]["usd_median"] is not None


def test_pay_by_seniority_bands(con) -> None:
    bands = {r["seniority_band"] for r in rows(con, "select * from pay_by_seniority")}
    assert bands <= {"entry", "mid", "senior", "lead"} and "senior" in bands


def test_market_comparison_and_remote_share(con) -> None:
    de = rows(con, "select * from market_monthly where market_type = 'country' and market = 'DE' "
                   "and skill = 'all'")
    assert de and all(r["remote_share"] == 1.0 for r in de)  # every seeded ad is REMOTE (EU)
    remote = rows(con, "select * from market_monthly where market_type = 'remote'")
    assert remote


def test_cooccurrence_lift(con) -> None:
    pair = rows(con, "select * from skill_cooccurrence where skill = 'Django' "
                     "and other_skill = 'Python'")
    assert pair
    r = pair[0]
    expected = (r["postings_both"] / r["postings_total"]) / (
        (r["postings_skill"] / r["postings_total"]) * (r["postings_other"] / r["postings_total"]))
    assert r["lift"] == pytest.approx(expected)
    assert r["lift"] > 1
    parents = rows(con, "select * from skill_cooccurrence where skill = 'AWS Lambda' "
                        "and other_skill = 'AWS'")
    assert parents == []


def test_dedup_view_has_one_row_per_group(con) -> None:
    dup = con.execute("select count(*) - count(distinct coalesce(duplicate_group_id, posting_id))"
                      " from postings_dedup").fetchall()[0][0]
    assert dup == 0


def test_movers_without_a_year_of_history_compare_with_the_quarter_before(
        tmp_path: Path) -> None:
    from pipeline.config import Settings
    from pipeline.ingest.loader import load_warehouse
    from tests.warehouse.test_concurrency import write_landing

    data = tmp_path / "d"
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "l")
    write_landing(settings, runs=1, per_run=400)
    load_warehouse(settings)
    con = connect(settings.db_path, read_only=True)
    movers = rows(con, "select * from skill_movers")
    con.close()
    # All seeded postings fall within one year (January to October 2026), so there is no
    # year-ago window: the last three months are compared with the three before.
    assert movers
    assert {(m["comparison"], m["recent_from"], m["recent_to"], m["past_from"], m["past_to"])
            for m in movers} == {("quarter", dt.date(2026, 8, 1), dt.date(2026, 10, 1),
                                  dt.date(2026, 5, 1), dt.date(2026, 7, 1))}


def test_upgrades_refresh_the_marts(seeded_db: Path, settings) -> None:
    from click.testing import CliRunner

    from pipeline.cli import cli
    from pipeline.ingest.loader import load_warehouse

    def dedup_count() -> int:
        c = connect(seeded_db, read_only=True)
        try:
            return c.execute("select count(*) from postings_dedup").fetchall()[0][0]
        finally:
            c.close()

    expected = dedup_count()
    assert expected > 0
    # A load with nothing new still fills marts that a migration left empty.
    con = connect(seeded_db)
    con.execute("delete from mart_representatives; delete from mart_summary")
    con.close()
    assert dedup_count() == 0
    load_warehouse(settings)
    assert dedup_count() == expected
    # So does `jobpulse migrate` when it applies a migration that adds a mart.
    con = connect(seeded_db)
    con.execute("drop table mart_representatives; "
                "delete from _migrations where name = '0007_mart_representatives'")
    con.close()
    result = CliRunner().invoke(cli, ["migrate", "--db", str(seeded_db)])
    assert result.exit_code == 0, result.output
    assert "0007_mart_representatives" in result.output
    assert dedup_count() == expected
