"""Trends that measure demand: coverage windows, the partial current month, and movers.

Most tests build a small warehouse by hand (postings, skills, crawl runs) so that each artefact
a pooled share suffers from is there on purpose, then refresh the marts.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from statistics import NormalDist

import duckdb
import polars as pl
import pytest

from pipeline.demo.seeded_trends import SEEDED_FALLING, SEEDED_RISING
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
             country: str = "DE", role: str = "backend", city: str | None = None,
             work_mode: str | None = None, employment: str | None = None) -> None:
        for _ in range(count):
            posting_id = f"p{next(self.ids)}"
            seen = first_seen or posted
            assert seen is not None
            self.postings.append({
                "posting_id": posting_id, "source": source, "source_id": posting_id,
                "posted_at": posted, "first_seen_at": seen, "last_seen_at": seen,
                "content_hash": posting_id, "last_run_id": "r", "country": country,
                "role_family": role, "city": city, "work_mode": work_mode,
                "employment_type": employment})
            self.skills += [(posting_id, skill) for skill in skills]

    def refresh(self) -> duckdb.DuckDBPyConnection:
        frame = pl.DataFrame(self.postings, schema={
            "posting_id": pl.String, "source": pl.String, "source_id": pl.String,
            "posted_at": pl.Datetime("us", "UTC"), "first_seen_at": pl.Datetime("us", "UTC"),
            "last_seen_at": pl.Datetime("us", "UTC"), "content_hash": pl.String,
            "last_run_id": pl.String, "country": pl.String, "role_family": pl.String,
            "city": pl.String, "work_mode": pl.String, "employment_type": pl.String})
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
    # Every skill is tested at once: the interval's level is the false-coverage-rate one,
    # 1 - R q / m with R of the m skills selected at q = 0.05.
    selected = one(con, "select count(*) filter (where significant) as r, any_value(tests) "
                        "as m from skill_movers where role_family = 'engineering'")
    level = 1 - selected["r"] * 0.05 / selected["m"]
    assert rust["interval_level"] == pytest.approx(level)
    half = NormalDist().inv_cdf(1 - (1 - level) / 2) * variance ** 0.5 * 100
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


@pytest.mark.slow
def test_demo_movers_find_exactly_the_seeded_trends(demo_build: DemoBuild) -> None:
    assert demo_build.returncode == 0, demo_build.output
    con = connect(demo_build.db_path, read_only=True)
    try:
        movers = con.execute(
            "select skill, direction, comparison, recent_from, recent_to, past_from, sources "
            "from skill_movers where role_family = 'engineering' and significant").fetchall()
        partial = con.execute("select max(month) filter (where not partial), "
                              "min(month) filter (where partial) from skill_monthly_share "
                              "where basis = 'new'").fetchone()
    finally:
        con.close()
    # Exactly the seeded risers and fallers (pipeline/demo/seeded_trends.py), nothing else:
    # not hn_freelance joining with its PHP-heavy mix, not the partial month's Kubernetes,
    # not the non-engineering ads.
    assert {s for s, d, *_ in movers if d == "rising"} == set(SEEDED_RISING)
    assert {s for s, d, *_ in movers if d == "falling"} == set(SEEDED_FALLING)
    _, _, comparison, recent_from, recent_to, past_from, sources = movers[0]
    assert comparison == "year"
    # November 2026 is the demo's partial month, whenever the demo is built.
    assert partial == (dt.date(2026, 10, 1), dt.date(2026, 11, 1))
    assert (recent_from, recent_to, past_from) == (
        dt.date(2026, 8, 1), dt.date(2026, 10, 1), dt.date(2025, 8, 1))
    # hn_freelance joined after the year-ago window: only hn spans both.
    assert sources == ["hn"]


def test_many_flat_skills_give_no_chance_movers(warehouse) -> None:
    """Sixty skills with the same expected share in both windows and one real riser: at a
    plain 95 % level about three flat skills would "move" by chance; the false-discovery-rate
    threshold leaves only the real one."""
    import random

    rng = random.Random(11)
    flat = [f"Flat{i:02d}" for i in range(60)]
    for back in (*range(1, 4), *range(13, 16)):
        for _ in range(400):
            skills = tuple(s for s in flat if rng.random() < 0.2)
            real = rng.random() < (0.35 if back < 4 else 0.15)
            warehouse.post("hn", at(month_start(back)), skills + (("Rust",) if real else ()))
    con = warehouse.refresh()
    rows = con.execute("select skill, significant, p_value, tests from skill_movers "
                       "where role_family = 'engineering'").fetchall()
    assert {r[0] for r in rows if r[1]} == {"Rust"}
    # The plain 95 % rule would have flagged some of the flat ones.
    assert sum(1 for r in rows if r[0] != "Rust" and r[2] < 0.05) >= 1
    assert {r[3] for r in rows} == {61}


def test_a_recorded_corpus_keeps_its_own_partial_month(warehouse) -> None:
    from warehouse.load import set_data_as_of

    for back in (2, 3):
        warehouse.post("hn", at(month_start(back)), ("Go",), count=40)
    set_data_as_of(warehouse.con, at(month_start(3), 20))
    con = warehouse.refresh()
    partial = dict(con.execute("select month, bool_and(partial) from skill_monthly_share "
                               "where basis = 'new' group by month").fetchall())
    # "Now" is the recorded moment: its month is partial, the month after it too.
    assert partial == {month_start(3): True, month_start(2): True}


def test_normal_distribution_macros(warehouse) -> None:
    from statistics import NormalDist

    nd = NormalDist()
    for z in (-4.0, -1.96, -0.5, 0.0, 0.7, 2.5, 6.0):
        got = warehouse.con.execute("select normal_cdf(?)", [z]).fetchone()[0]
        assert got == pytest.approx(nd.cdf(z), abs=2e-7)
    for q in (1e-8, 0.001, 0.02, 0.3, 0.5, 0.975, 0.999999):
        got = warehouse.con.execute("select normal_quantile(?)", [q]).fetchone()[0]
        assert got == pytest.approx(nd.inv_cdf(q), rel=1e-8, abs=1e-9)


def test_non_engineering_postings_stay_out_of_shares_markets_and_companions(warehouse) -> None:
    place = {"city": "Berlin", "work_mode": "remote", "employment": "contract"}
    for back in range(1, 4):
        warehouse.post("hn", at(month_start(back)), ("Python", "PostgreSQL"), count=30,
                       **place)
        warehouse.post("hn", at(month_start(back)), ("Salesforce", "Python"), count=30,
                       role="non_engineering", **place)
    con = warehouse.refresh()
    shares = dict(con.execute("select skill, max(share) from skill_monthly_share "
                              "where basis = 'new' group by skill").fetchall())
    assert shares == {"Python": 1.0, "PostgreSQL": 1.0}
    # Every kind of market: a country, a city, remote work, contract hiring.
    markets = dict(con.execute("select market_type, sum(postings) from market_monthly "
                               "where skill = 'all' group by market_type").fetchall())
    assert markets == {"country": 90, "city": 90, "remote": 90, "employment": 90}
    companions = {r[0] for r in con.execute("select skill from skill_cooccurrence").fetchall()}
    assert "Salesforce" not in companions
    # Asked for, they have shares of their own.
    sales = con.execute("select max(share) from skill_share_monthly where skill = 'Salesforce' "
                        "and role_family = 'non_engineering'").fetchone()
    assert sales == (1.0,)


def test_a_source_leaving_moves_the_pooled_share_not_the_mover(warehouse) -> None:
    # Hacker News: a steady 20% Rust. A second thread source with 60% Rust is there a year ago
    # and gone since: the pooled share falls, demand within each source does not.
    for back in range(1, 17):
        post_share(warehouse, "hn", month_start(back), 200, 40)
    for back in range(8, 17):
        post_share(warehouse, "hn_freelance", month_start(back), 100, 60)
    con = warehouse.refresh()
    rust = one(con, "select * from skill_movers where role_family = 'engineering' "
                    "and skill = 'Rust'")
    assert rust["sources"] == ["hn"]
    assert rust["pooled_change_pp"] < -10
    assert rust["change_pp"] == pytest.approx(0.0)
    assert not rust["significant"] and rust["direction"] == "flat"


def test_filtered_shares_count_demand_as_the_prepared_ones(warehouse) -> None:
    from warehouse.sql import load_sql

    first_crawl = dt.datetime(2026, 3, 15, 10, tzinfo=UTC)
    warehouse.run("greenhouse", first_crawl)
    warehouse.post("greenhouse", at(dt.date(2025, 6, 3)), ("Java",), count=10)  # survivors
    warehouse.post("greenhouse", at(dt.date(2026, 4, 3)), ("Go",), count=6)
    warehouse.post("greenhouse", at(dt.date(2026, 4, 3)), ("Java",), count=4)
    con = warehouse.refresh()
    con.execute(load_sql("queries/dashboard/filtered_postings"))
    for basis in ("new", "active"):
        prepared = con.execute(
            "select month, skill, postings_with_skill, postings_total from skill_monthly_share "
            "where basis = ? order by all", [basis]).fetchall()
        filtered = con.execute(
            f"select month, skill, postings_with_skill, postings_total from "
            f"({load_sql('queries/dashboard/skill_share_filtered')}) order by all",
            {"date_from": None, "date_to": None, "sources": ["greenhouse"], "countries": [],
             "work_modes": [], "employment_types": [], "seniorities": [],
             "role_families": [], "skills": ["Go", "Java"], "basis": basis}).fetchall()
        assert filtered == prepared, basis
        assert all(month >= dt.date(2026, 3, 1) for month, *_ in filtered)
