"""Trends that measure demand: coverage windows, the partial current month, and movers.

Most tests build a small warehouse by hand (postings, skills, crawl runs) so that each artefact
a pooled share suffers from is there on purpose, then refresh the marts.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import duckdb
import polars as pl
import pytest

from warehouse.db import connect
from warehouse.marts import refresh_marts
from warehouse.migrate import migrate

UTC = dt.UTC


def month_start(months_back: int, today: dt.date | None = None) -> dt.date:
    """The first day of the month ``months_back`` months before the current UTC month."""
    today = today or dt.datetime.now(UTC).date()
    index = today.year * 12 + today.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


class Warehouse:
    """A migrated warehouse file that tests fill with postings and runs, then refresh."""

    def __init__(self, path: Path) -> None:
        self.con = connect(path)
        migrate(self.con)
        self.postings: list[dict] = []
        self.skills: list[tuple[str, str]] = []
        self.ids = itertools.count(1)

    def run(self, source: str, started: dt.datetime, *, status: str = "ok",
            complete: bool = True, verified: bool = True, items: int = 10) -> None:
        self.con.execute(
            "insert into crawl_runs (run_id, source, started_at, finished_at, status, items_seen,"
            " complete_listing, verified) values (?, ?, ?, ?, ?, ?, ?, ?)",
            [f"{source}-{next(self.ids)}", source, started, started + dt.timedelta(minutes=30),
             status, items, complete, verified])

    def post(self, source: str, posted: dt.datetime | None, skills: tuple[str, ...] = (),
             *, first_seen: dt.datetime | None = None, count: int = 1,
             country: str = "DE") -> None:
        for _ in range(count):
            posting_id = f"p{next(self.ids)}"
            seen = first_seen or posted
            assert seen is not None
            self.postings.append({
                "posting_id": posting_id, "source": source, "source_id": posting_id,
                "posted_at": posted, "first_seen_at": seen, "last_seen_at": seen,
                "content_hash": posting_id, "last_run_id": "r", "country": country})
            self.skills += [(posting_id, skill) for skill in skills]

    def refresh(self) -> duckdb.DuckDBPyConnection:
        frame = pl.DataFrame(self.postings, schema={
            "posting_id": pl.String, "source": pl.String, "source_id": pl.String,
            "posted_at": pl.Datetime("us", "UTC"), "first_seen_at": pl.Datetime("us", "UTC"),
            "last_seen_at": pl.Datetime("us", "UTC"), "content_hash": pl.String,
            "last_run_id": pl.String, "country": pl.String})
        skills = pl.DataFrame(self.skills, schema={"posting_id": pl.String, "skill": pl.String},
                              orient="row")
        self.con.register("new_postings", frame)
        self.con.register("new_skills", skills)
        self.con.execute("insert into postings by name select * from new_postings")
        self.con.execute("insert into posting_skills select posting_id, skill from new_skills")
        self.con.execute("insert into skills select distinct skill, 'language', null "
                         "from new_skills where skill not in (select skill from skills)")
        self.con.unregister("new_postings")
        self.con.unregister("new_skills")
        self.postings, self.skills = [], []
        refresh_marts(self.con)
        return self.con


@pytest.fixture
def warehouse(tmp_path: Path):
    built = Warehouse(tmp_path / "w.duckdb")
    yield built
    built.con.close()


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> dict:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0], strict=True))


def test_survivors_of_a_snapshot_source_are_listed_but_not_counted(warehouse) -> None:
    first_crawl = dt.datetime(2026, 3, 15, 10, tzinfo=UTC)
    warehouse.run("greenhouse", first_crawl - dt.timedelta(days=30), status="partial")
    warehouse.run("greenhouse", first_crawl - dt.timedelta(days=20), verified=False)
    warehouse.run("greenhouse", first_crawl)
    warehouse.run("greenhouse", dt.datetime(2026, 5, 1, tzinfo=UTC))
    # Open when the first complete crawl came: survivors of unknown selection.
    warehouse.post("greenhouse", at(dt.date(2025, 6, 3)), ("Java",), count=10)
    warehouse.post("greenhouse", None, ("Java",), first_seen=first_crawl, count=3)
    # Published after it, or first seen by a later crawl without a date: demand.
    warehouse.post("greenhouse", at(dt.date(2026, 4, 3)), ("Go",), count=10)
    warehouse.post("greenhouse", None, ("Go",), first_seen=dt.datetime(2026, 5, 1, tzinfo=UTC),
                   count=2)
    # Career pages whose crawls never read a whole listing have no window at all.
    warehouse.run("jsonld", first_crawl, complete=False)
    warehouse.post("jsonld", at(dt.date(2026, 4, 3)), ("Java",), count=4)
    con = warehouse.refresh()

    coverage = one(con, "select * from source_coverage where source = 'greenhouse'")
    assert coverage["kind"] == "snapshot"
    assert coverage["coverage_from"] == first_crawl
    assert coverage["coverage_to"] == dt.datetime(2026, 5, 1, 0, 30, tzinfo=UTC)
    assert coverage["covered_months"] == [dt.date(2026, 3, 1), dt.date(2026, 4, 1),
                                          dt.date(2026, 5, 1)]
    assert (coverage["runs"], coverage["good_runs"], coverage["complete_runs"]) == (4, 4, 2)
    assert (coverage["postings_demand"], coverage["postings_carried"]) == (12, 13)
    jsonld = one(con, "select * from source_coverage where source = 'jsonld'")
    assert jsonld["coverage_from"] is None and jsonld["covered_months"] is None
    assert (jsonld["postings_demand"], jsonld["postings_carried"]) == (0, 4)

    new = con.execute("select month, skill, postings_with_skill, postings_total "
                      "from skill_monthly_share where basis = 'new' order by month").fetchall()
    assert new == [(dt.date(2026, 4, 1), "Go", 10, 10), (dt.date(2026, 5, 1), "Go", 2, 2)]
    # Survivors are active only from the month the window opened, when the source saw them.
    active = con.execute("select min(month) from skill_monthly_share where basis = 'active' "
                         "and skill = 'Java'").fetchall()[0][0]
    assert active == dt.date(2026, 3, 1)
    # They stay postings: markets still count them in their month.
    june = one(con, "select postings from market_monthly where market = 'DE' and skill = 'all'"
                    " and month = '2025-06-01'")
    assert june["postings"] == 10


def test_thread_sources_cover_their_thread_months(warehouse) -> None:
    warehouse.run("hn", dt.datetime(2026, 5, 2, tzinfo=UTC), complete=False)
    for month in (1, 2, 4):
        warehouse.post("hn", at(dt.date(2026, month, 2)), ("Rust",), count=3)
    con = warehouse.refresh()
    coverage = one(con, "select * from source_coverage where source = 'hn'")
    assert coverage["kind"] == "thread"
    assert coverage["covered_months"] == [dt.date(2026, m, 1) for m in (1, 2, 4)]
    assert coverage["coverage_from"] == dt.datetime(2026, 1, 1, tzinfo=UTC)
    assert coverage["coverage_to"] == dt.datetime(2026, 5, 1, tzinfo=UTC)
    assert (coverage["postings_demand"], coverage["postings_carried"]) == (9, 0)


def test_the_current_month_is_partial_and_never_compared(warehouse) -> None:
    # Sixteen months of Hacker News threads; the current month has a burst of Rust so far.
    for back in range(1, 17):
        month = month_start(back)
        warehouse.post("hn", at(month), ("Rust",), count=20)
        warehouse.post("hn", at(month), ("Java",), count=80)
    warehouse.post("hn", at(month_start(0), 0), ("Rust",), count=60)
    con = warehouse.refresh()
    partial = con.execute("select distinct month, partial from skill_monthly_share "
                          "where basis = 'new' and partial").fetchall()
    assert partial == [(month_start(0), True)]
    movers = con.execute("select skill, recent_to from skill_movers").fetchall()
    assert movers and all(recent_to == month_start(1) for _, recent_to in movers)
    rust = one(con, "select * from skill_movers where skill = 'Rust'")
    assert rust["change_pp"] == pytest.approx(0.0)
