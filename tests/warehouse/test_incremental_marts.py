"""A load refreshes only the marts' months and groups it touched, and they equal a full refresh.

Each scenario loads a warehouse run by run (new, changed, closed and reposted postings, a new
source, a new month, non-engineering roles) and after every load compares every mart (the only
tables a refresh writes) with a copy whose marts were all computed again
(``bench.compare_warehouses``: EXCEPT ALL both ways, doubles to 9 significant digits).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
from pathlib import Path

import duckdb
import pytest

from bench.bench_normalize import make_postings
from bench.compare_warehouses import compare
from handoff.landing import file_digest
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from warehouse.db import connect
from warehouse.marts import INCREMENTAL, refresh_marts
from warehouse.sql import load_sql

PAYS = ["$150k-190k", "€70-90k", "$90/hr", "€600/day", "", ""]
OTHER_ROLES = ["Account Executive", "Product Designer", "Recruiter", "Sales Manager"]
START = dt.date(2025, 1, 1)


class Corpus:
    """Postings of several sources as crawls land them, changed step by step."""

    def __init__(self, settings: Settings, seed: int) -> None:
        self.settings = settings
        self.rng = random.Random(seed)
        self.pool = make_postings(1200, seed)
        self.used = 0
        self.listings: dict[str, dict[str, dict]] = {}
        self.runs = 0

    def fresh(self, source: str, count: int, first: dt.date, days: int) -> None:
        listing = self.listings.setdefault(source, {})
        for _ in range(count):
            number, company, title, loc, body, _day = self.pool[self.used]
            self.used += 1
            if self.rng.random() < 0.1:
                title = self.rng.choice(OTHER_ROLES)
            day = first + dt.timedelta(days=self.rng.randrange(days))
            pay = self.rng.choice(PAYS)
            listing[f"{source}-{number}"] = {
                "source": source, "source_id": f"{source}-{number}",
                "url": f"https://example.org/{source}/{number}",
                "jobTitle": title, "datePublished": f"{day.isoformat()}T12:00:00Z",
                "hiringOrganization": {"name": company}, "jobLocation": {"raw": loc},
                "baseSalary": {"raw": pay} if pay else None, "description": body,
            }

    def repost(self, source: str, count: int, days: int) -> None:
        """Copies of earlier postings under new ids, some days later: duplicates."""
        listing = self.listings[source]
        for n, item in enumerate(self.rng.sample(sorted(listing.values(),
                                                        key=lambda i: i["source_id"]), count)):
            day = dt.date.fromisoformat(item["datePublished"][:10]) + dt.timedelta(days=days)
            sid = f"{item['source_id']}-re{self.runs}-{n}"
            listing[sid] = {**item, "source_id": sid, "url": item["url"] + f"?re={n}",
                            "datePublished": f"{day.isoformat()}T12:00:00Z"}

    def change(self, source: str, count: int) -> None:
        listing = self.listings[source]
        for sid in self.rng.sample(sorted(listing), count):
            item = dict(listing[sid])
            what = self.rng.randrange(4)
            if what == 0:
                item["description"] = item["description"] + " We also use Rust and Kafka."
            elif what == 1:
                item["baseSalary"] = {"raw": self.rng.choice(PAYS[:4])}
            elif what == 2:
                item["jobTitle"] = self.rng.choice(OTHER_ROLES + ["Senior Backend Engineer"])
            else:
                day = dt.date.fromisoformat(item["datePublished"][:10]) - dt.timedelta(days=40)
                item["datePublished"] = f"{day.isoformat()}T12:00:00Z"
            listing[sid] = item

    def drop(self, source: str, count: int) -> None:
        listing = self.listings[source]
        for sid in self.rng.sample(sorted(listing), count):
            del listing[sid]

    def land(self, source: str, when: dt.datetime, *, complete: bool,
             only: int | None = None) -> None:
        """A crawl of ``source`` at ``when``: its whole listing, or ``only`` some of it."""
        self.runs += 1
        run_id = f"{when:%Y%m%dT%H%M%S}-{self.runs:03d}"
        items = sorted(self.listings[source].values(), key=lambda i: i["source_id"])
        if only is not None:
            items = self.rng.sample(items, only)
        folder = self.settings.landing_dir / source
        folder.mkdir(parents=True, exist_ok=True)
        stamp = when.isoformat().replace("+00:00", "Z")
        data = "".join(json.dumps({**i, "fetched_at": stamp, "crawl_run": run_id}) + "\n"
                       for i in items).encode()
        (folder / f"{run_id}.jsonl").write_bytes(data)
        (folder / f"{run_id}.run.json").write_text(json.dumps({
            "run_id": run_id, "source": source, "finish_reason": "finished", "errors": {},
            "started_at": when.isoformat(),
            "finished_at": (when + dt.timedelta(minutes=5)).isoformat(),
            "complete_listing": complete, "landing": file_digest(data)}))


def _load(settings: Settings, as_of: dt.datetime) -> list[str]:
    messages: list[str] = []
    report = load_warehouse(settings, messages.append, data_as_of=as_of)
    assert not report.failed
    return [m for m in messages if m.startswith("aggregates")]


# A pay bucket's number is the order it was first seen in: the same buckets, numbered in order.
RENUMBER_BUCKETS = """
create temp table renumbered as
select bucket_id, row_number() over (order by mart, slice, measure, bucket) as new_id
from mart_pay_buckets;
update mart_pay_values as v set bucket_id = -r.new_id from renumbered as r
where v.bucket_id = r.bucket_id;
update mart_pay_buckets as b set bucket_id = -r.new_id from renumbered as r
where b.bucket_id = r.bucket_id;
"""


def _pay_as_by_sorting(con: duckdb.DuckDBPyConnection) -> None:
    """The pay marts, whose percentiles a refresh reads from counts of each exact pay, equal
    those DuckDB's quantile_cont sorts out of each row's postings, row by row."""
    con.execute(load_sql("reference/pay_by_sorting"))
    for mart in ("mart_pay_by_skill", "mart_pay_by_seniority"):
        assert con.execute(f"select count(*) from {mart}").fetchall()[0][0] > 0
        for one, other in ((mart, f"sorted_{mart[5:]}"), (f"sorted_{mart[5:]}", mart)):
            assert con.execute(f"select * from {one} except all select * from {other}"
                               ).fetchall() == []


def _same_as_full_refresh(settings: Settings, tmp: Path) -> None:
    full, loaded = tmp / "full.duckdb", tmp / "loaded.duckdb"
    shutil.copyfile(settings.db_path, full)
    shutil.copyfile(settings.db_path, loaded)
    for path, refresh in ((full, True), (loaded, False)):
        con = connect(path)
        try:
            if refresh:
                refresh_marts(con)
                _pay_as_by_sorting(con)
            orphans = con.execute("select count(*) from mart_pay_values anti join "
                                  "mart_pay_buckets using (bucket_id)").fetchall()[0][0]
            assert orphans == 0
            con.execute(RENUMBER_BUCKETS)
        finally:
            con.close()
    assert compare(loaded, full, prefix="mart_") == []


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(6), tzinfo=dt.UTC)


# `make fuzz` (JOBPULSE_FUZZ_EXAMPLES set) runs more corpora than `make test` has time for.
SEEDS = [1, 2, 3] if os.environ.get("JOBPULSE_FUZZ_EXAMPLES") else [1]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_load_refreshes_the_marts_as_a_full_refresh_would(
        tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # A crawl of a whole listing touches most of a warehouse this small; at scale it is a
    # sliver, so the shares that force a full refresh and a full duplicate pass are lifted.
    monkeypatch.setattr("warehouse.marts.FULL_REFRESH_SHARE", 1.0)
    monkeypatch.setattr("pipeline.ingest.duplicates.FULL_PASS_SHARE", 1.0)
    data = tmp_path / "w"
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
    corpus = Corpus(settings, seed)
    # The first load: a board crawled whole (its window opens), Hacker News threads, a board
    # never seen whole; the second, a year on, sees part of the board again.
    corpus.fresh("remotive", 250, START, 420)
    corpus.fresh("hn", 120, START, 420)
    corpus.fresh("bench", 80, START, 420)
    first = dt.date(2025, 2, 10)
    for source in ("remotive", "hn", "bench"):
        corpus.land(source, _at(first), complete=source == "remotive")
    assert _load(settings, _at(first))[0].startswith("aggregates ready (all recomputed")
    _same_as_full_refresh(settings, tmp_path)
    day = dt.date(2026, 3, 10)
    corpus.land("remotive", _at(day), complete=False, only=100)
    said = _load(settings, _at(day))
    assert said and "all recomputed: a new month" in said[0], said
    _same_as_full_refresh(settings, tmp_path)

    steps = [
        # New postings (some non-engineering), changed ones, closed ones, reposts.
        lambda: (corpus.fresh("remotive", 30, day - dt.timedelta(days=25), 25),
                 corpus.change("remotive", 15), corpus.drop("remotive", 20),
                 corpus.repost("remotive", 8, 3),
                 corpus.land("remotive", _at(day), complete=True)),
        # A new source, and Hacker News ads reposted and changed.
        lambda: (corpus.fresh("arbeitnow", 40, day - dt.timedelta(days=60), 60),
                 corpus.land("arbeitnow", _at(day), complete=True),
                 corpus.repost("hn", 6, 10), corpus.change("hn", 10),
                 corpus.fresh("hn", 10, day - dt.timedelta(days=20), 20),
                 corpus.land("hn", _at(day), complete=False)),
        # A partial crawl (closes nothing) seeing part of the board again, some changed: jobs
        # last seen a year ago stay active until now.
        lambda: (corpus.change("remotive", 10),
                 corpus.land("remotive", _at(day), complete=False, only=60)),
        # A whole crawl of the board from before its first, landed late: its window opens
        # earlier, also for the jobs closed since, which the crawl does not touch.
        lambda: corpus.land("remotive", _at(dt.date(2025, 1, 20)), complete=True),
        # Postings in a month later than any before (the 24-month window moves), in the
        # board's first whole crawl (its window opens: every one of its jobs counts now).
        lambda: (corpus.fresh("bench", 15, day, 5), corpus.change("bench", 5),
                 corpus.land("bench", _at(day), complete=True)),
    ]
    for step in steps:
        day += dt.timedelta(days=2)
        step()
        said = _load(settings, _at(day))
        assert said and said[0].startswith("aggregates for"), said
        _same_as_full_refresh(settings, tmp_path)

    # Next month: partial flags move, so everything is computed again.
    day = dt.date(2026, 4, 2)
    corpus.fresh("remotive", 10, day - dt.timedelta(days=3), 3)
    corpus.land("remotive", _at(day), complete=True)
    said = _load(settings, _at(day))
    assert said and "all recomputed: a new month" in said[0], said
    _same_as_full_refresh(settings, tmp_path)


def test_a_mart_without_an_incremental_refresh_makes_loads_refresh_everything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "w"
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
    monkeypatch.setattr("warehouse.marts.FULL_REFRESH_SHARE", 1.0)
    monkeypatch.setattr("pipeline.ingest.duplicates.FULL_PASS_SHARE", 1.0)
    corpus = Corpus(settings, 3)
    day = dt.date(2026, 3, 10)
    corpus.fresh("remotive", 40, START, 400)
    corpus.land("remotive", _at(day), complete=True)
    _load(settings, _at(day))
    corpus.fresh("remotive", 5, day - dt.timedelta(days=5), 5)
    corpus.land("remotive", _at(day + dt.timedelta(days=1)), complete=False)
    monkeypatch.setattr("warehouse.marts.INCREMENTAL", INCREMENTAL - {"080_summary"})
    said = _load(settings, _at(day + dt.timedelta(days=1)))
    assert said and "no incremental refresh for 080_summary" in said[0], said


def _pay_rows(settings: Settings, skill: str) -> list[tuple]:
    con = connect(settings.db_path)
    try:
        return con.execute(
            "select currency, employment_type, market, postings, median, usd_median "
            "from pay_by_skill where skill = ? order by all", [skill]).fetchall()
    finally:
        con.close()


def test_pay_rows_follow_each_change_of_one_posting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("warehouse.marts.FULL_REFRESH_SHARE", 1.0)
    monkeypatch.setattr("pipeline.ingest.duplicates.FULL_PASS_SHARE", 1.0)
    data = tmp_path / "w"
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
    corpus = Corpus(settings, 5)
    corpus.fresh("remotive", 80, START, 400)
    listing = corpus.listings["remotive"]
    ids = sorted(listing)
    # Pay spread wide (so percentiles fall between two values), some postings without.
    for n, sid in enumerate(ids):
        listing[sid]["baseSalary"] = (
            {"raw": f"${90 + n * 37 % 80}k-{170 + n * 53 % 90}k"} if n % 4 else None)
    # Haskell: one posting of its own, then a second with the same pay.
    one, two = ids[1], ids[2]
    listing[one]["jobTitle"] = "Senior Backend Engineer"
    listing[one]["description"] += " Our services are written in Haskell."
    listing[one]["baseSalary"] = {"raw": "$120k-150k"}
    day = dt.date(2026, 3, 10)
    corpus.land("remotive", _at(day), complete=True)
    _load(settings, _at(day))
    assert [r[3] for r in _pay_rows(settings, "Haskell")] == [1, 1, 1, 1]

    def salary(raw: str | None) -> dict | None:
        return {"raw": raw} if raw else None

    steps = [
        # Its pay changes: the rows of one value follow.
        lambda: listing[one].update(baseSalary=salary("$100k-130k")),
        # A second posting with the same pay: a tie.
        lambda: listing[two].update(
            jobTitle="Backend Engineer", baseSalary=salary("$100k-130k"),
            description=listing[two]["description"] + " We use Haskell."),
        # The first loses its pay, then the second leaves engineering: no Haskell pay is left.
        lambda: listing[one].update(baseSalary=None),
        lambda: listing[two].update(jobTitle="Account Executive"),
        # Pay again, in another currency, and a change of pay across the others.
        lambda: (listing[one].update(baseSalary=salary("€80-95k")),
                 [listing[sid].update(baseSalary=salary("$140k")) for sid in ids[10:30]]),
    ]
    counts = []
    for step in steps:
        day += dt.timedelta(days=1)
        step()
        corpus.land("remotive", _at(day), complete=True)
        said = _load(settings, _at(day))
        assert said and said[0].startswith("aggregates for"), said
        _same_as_full_refresh(settings, tmp_path)
        counts.append(max((r[3] for r in _pay_rows(settings, "Haskell")), default=0))
    assert counts == [1, 2, 1, 0, 1]
