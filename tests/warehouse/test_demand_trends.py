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

from pipeline.demo import hn_trends
from tests.conftest import DemoBuild
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
             country: str = "DE", role: str = "backend") -> None:
        for _ in range(count):
            posting_id = f"p{next(self.ids)}"
            seen = first_seen or posted
            assert seen is not None
            self.postings.append({
                "posting_id": posting_id, "source": source, "source_id": posting_id,
                "posted_at": posted, "first_seen_at": seen, "last_seen_at": seen,
                "content_hash": posting_id, "last_run_id": "r", "country": country,
                "role_family": role})
            self.skills += [(posting_id, skill) for skill in skills]

    def refresh(self) -> duckdb.DuckDBPyConnection:
        frame = pl.DataFrame(self.postings, schema={
            "posting_id": pl.String, "source": pl.String, "source_id": pl.String,
            "posted_at": pl.Datetime("us", "UTC"), "first_seen_at": pl.Datetime("us", "UTC"),
            "last_seen_at": pl.Datetime("us", "UTC"), "content_hash": pl.String,
            "last_run_id": pl.String, "country": pl.String, "role_family": pl.String})
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
    rust = one(con, "select * from skill_movers where role_family = 'engineering' "
                    "and skill = 'Rust'")
    assert rust["change_pp"] == pytest.approx(0.0)


def post_share(warehouse: Warehouse, source: str, month: dt.date, total: int, with_skill: int,
               skill: str = "Rust", role: str = "backend") -> None:
    """``total`` postings in ``month``, ``with_skill`` of them mentioning ``skill``."""
    warehouse.post(source, at(month), (skill,), count=with_skill, role=role)
    warehouse.post(source, at(month), ("Java",), count=total - with_skill, role=role)


def test_a_source_joining_with_another_mix_moves_the_pooled_share_not_the_mover(
        warehouse) -> None:
    # Hacker News: a steady 20% Rust for sixteen months. A board whose complete crawls start
    # three months ago, with 70% Rust, joins in the recent window only.
    for back in range(1, 17):
        post_share(warehouse, "hn", month_start(back), 200, 40)
    warehouse.run("greenhouse", at(month_start(3), 0))
    for back in range(1, 4):
        post_share(warehouse, "greenhouse", month_start(back), 200, 140)
    con = warehouse.refresh()
    rust = one(con, "select * from skill_movers where role_family = 'engineering' "
                    "and skill = 'Rust'")
    assert rust["comparison"] == "year"
    assert (rust["recent_from"], rust["recent_to"]) == (month_start(3), month_start(1))
    assert (rust["past_from"], rust["past_to"]) == (month_start(15), month_start(13))
    assert rust["sources"] == ["hn"]
    assert rust["pooled_change_pp"] == pytest.approx(25.0)
    assert rust["change_pp"] == pytest.approx(0.0)
    assert rust["ci_low_pp"] < 0 < rust["ci_high_pp"]
    assert not rust["significant"] and rust["direction"] == "flat"
    # The monthly series shows who is present; the standardized share moves far less.
    months = {r[0]: r[1:] for r in con.execute(
        "select month, share, std_share, sources from skill_share_monthly "
        "where role_family = 'engineering' and skill = 'Rust'").fetchall()}
    assert months[month_start(4)] == (pytest.approx(0.2), pytest.approx(0.2), ["hn"])
    share, std_share, sources = months[month_start(1)]
    assert share == pytest.approx(0.45) and sources == ["greenhouse", "hn"]
    assert 0.2 < std_share < share


def test_a_change_within_sources_is_significant_with_its_interval(warehouse) -> None:
    for back in range(13, 16):
        post_share(warehouse, "hn", month_start(back), 300, 30)
        post_share(warehouse, "hn_freelance", month_start(back), 100, 10)
    for back in range(1, 4):
        post_share(warehouse, "hn", month_start(back), 300, 90)
        post_share(warehouse, "hn_freelance", month_start(back), 100, 30)
    # Sales postings never enter the engineering denominator.
    warehouse.post("hn", at(month_start(2)), ("Excel",), count=500, role="non_engineering")
    con = warehouse.refresh()
    rust = one(con, "select * from skill_movers where role_family = 'engineering' "
                    "and skill = 'Rust'")
    assert rust["sources"] == ["hn", "hn_freelance"]
    assert (rust["recent_total"], rust["past_total"]) == (1200, 1200)
    assert rust["change_pp"] == pytest.approx(20.0)
    # Fixed weights 3/4 and 1/4; variance sum of w^2 p (1 - p) / n over sources and windows.
    variance = sum(w * w * p * (1 - p) / n for w, n in ((0.75, 900), (0.25, 300))
                   for p in (0.1, 0.3))
    half = 1.96 * variance ** 0.5 * 100
    assert (rust["ci_low_pp"], rust["ci_high_pp"]) == (pytest.approx(20 - half),
                                                       pytest.approx(20 + half))
    assert rust["significant"] and rust["direction"] == "rising"
    java = one(con, "select * from skill_movers where role_family = 'engineering' "
                    "and skill = 'Java'")
    assert java["direction"] == "falling"
    assert con.execute("select count(*) from skill_movers where skill = 'Excel' "
                       "or role_family = 'non_engineering'").fetchall()[0][0] == 0
    families = {r[0] for r in con.execute("select role_family from skill_movers").fetchall()}
    assert families == {"backend", "engineering"}


def test_sources_that_cannot_span_a_year_compare_with_the_quarter_before(warehouse) -> None:
    warehouse.run("lever", at(month_start(7), 0))
    for back, share in ((6, 20), (5, 20), (4, 20), (3, 60), (2, 60), (1, 60)):
        post_share(warehouse, "lever", month_start(back), 100, share)
    con = warehouse.refresh()
    rust = one(con, "select * from skill_movers where role_family = 'engineering' "
                    "and skill = 'Rust'")
    assert rust["comparison"] == "quarter"
    assert (rust["past_from"], rust["past_to"]) == (month_start(6), month_start(4))
    assert rust["change_pp"] == pytest.approx(40.0) and rust["direction"] == "rising"


# The demo's Hacker News corpus draws each posting's stack from these tables, weighted by
# trends over the years (pipeline/demo/hn_trends.py). Frameworks are left out: their weight is
# within their language's postings, so a steady framework of a falling language falls too.
SEEDED_TABLES = (hn_trends.LANGUAGES, hn_trends.FRONTEND, hn_trends.DATASTORES, hn_trends.CLOUD,
                 hn_trends.INFRA, hn_trends.OBSERVABILITY, hn_trends.AI, hn_trends.DATA_TOOLS)


def seeded_direction(skill: str, recent: dt.date, past: dt.date) -> int | None:
    """+1, -1 or 0 as the seeded weights of ``skill`` go between the windows' middles; None
    when the corpus does not seed it, or its tables disagree."""
    def middle(first: dt.date) -> float:
        return first.year + first.month / 12  # the window's second month, as a fraction
    signs = set()
    for table in SEEDED_TABLES:
        for name, weights in table.items():
            if hn_trends.SYNONYMS.get(name, name) == skill:
                change = hn_trends.trend(weights, middle(recent)) \
                    - hn_trends.trend(weights, middle(past))
                signs.add((change > 1e-9) - (change < -1e-9))
    return signs.pop() if len(signs) == 1 else None


@pytest.mark.slow
def test_demo_movers_find_exactly_the_seeded_trends(demo_build: DemoBuild) -> None:
    assert demo_build.returncode == 0, demo_build.output
    con = connect(demo_build.db_path, read_only=True)
    try:
        movers = con.execute(
            "select skill, direction, significant, change_pp, comparison, recent_from, "
            "past_from, sources from skill_movers where role_family = 'engineering'").fetchall()
    finally:
        con.close()
    assert movers
    skill, _, _, _, comparison, recent_from, past_from, sources = movers[0]
    # Only Hacker News covers the demo's past: the boards' postings are survivors of one crawl.
    assert comparison == "year" and sources == ["hn", "hn_freelance"]
    seeded = {m[0]: seeded_direction(m[0], recent_from, past_from) for m in movers}
    significant = {m[0]: m[1] for m in movers if m[2]}
    for skill, direction in significant.items():
        # Rising ones rise, falling ones fall, steady ones are never significant.
        assert seeded[skill] != 0, (skill, direction)
        if seeded[skill] is not None:
            assert direction == ("rising" if seeded[skill] > 0 else "falling"), skill
    # The seeded moves large enough to be seen in three months of demo postings.
    assert significant.get("TypeScript") == "rising"
    assert significant.get("PHP") == "falling"
    steady = [s for s, d in seeded.items() if d == 0]
    assert {"Java", "C#", "Elixir", "AWS", "React"} <= set(steady)
