"""Runs loaded in one go equal runs loaded one load each, though the loader normalizes each run
before the one ahead of it is written (``pipeline/ingest/prepare.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

import pipeline.ingest.loader as loader
from pipeline.config import Settings
from pipeline.errors import LandingFileError

TABLES = {
    "postings": "select * exclude (first_seen_at, last_seen_at) from postings",
    "posting_skills": "select * from posting_skills",
    "posting_signatures": "select * from posting_signatures",
    "skills": "select * from skills",
    "taggings": "select state_hash, taxonomy from taggings",
}

BODY = ("We build the payments backend in {stack}; you will design services, review code "
        "and own what you ship, with a team of eight engineers.")


def item(number: int, stack: str, pay: str | None, run: str) -> dict[str, Any]:
    return {"source": "hn", "source_id": str(number), "url": f"https://hn.example/{number}",
            "fetched_at": "2026-10-05T00:00:00Z", "crawl_run": run,
            "jobTitle": f"Backend Engineer {number}",
            "hiringOrganization": {"name": f"Company {number}"},
            "baseSalary": {"raw": pay} if pay else None,
            "description": BODY.format(stack=stack)}


# Posting 1 stays as it was, 2 changes and changes back, 3 appears in the second run, 4 only
# in the first and the last.
RUNS = {
    "20261005T000000Z-a": [(1, "Python and PostgreSQL", "$120k-$150k"),
                           (2, "Go and Kafka", None), (4, "Rust", "€80k")],
    "20261006T000000Z-b": [(1, "Python and PostgreSQL", "$120k-$150k"),
                           (2, "Go, Kafka and Kubernetes", "$90/hr"), (3, "Elixir", None)],
    "20261007T000000Z-c": [(2, "Go and Kafka", None), (3, "Elixir", None),
                           (4, "Rust and AWS", "€85k")],
}


def write_runs(landing: Path, runs: dict[str, list[tuple[int, str, str | None]]]) -> None:
    folder = landing / "hn"
    folder.mkdir(parents=True, exist_ok=True)
    for run, rows in runs.items():
        (folder / f"{run}.jsonl").write_text(
            "".join(json.dumps(item(*row, run)) + "\n" for row in rows), encoding="utf-8")
        (folder / f"{run}.run.json").write_text(json.dumps({
            "run_id": run, "source": "hn", "finish_reason": "finished", "errors": {},
            "started_at": "2026-10-05T00:00:00+00:00", "pages": 1}), encoding="utf-8")


def settings_in(folder: Path) -> Settings:
    return Settings(data_dir=folder, db_path=folder / "w.duckdb", landing_dir=folder / "landing")


def contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall(), key=repr)
                for name, sql in TABLES.items()}


def test_one_load_of_many_runs_equals_a_load_per_run(tmp_path: Path) -> None:
    together = settings_in(tmp_path / "together")
    write_runs(together.landing_dir, RUNS)
    report = loader.load_warehouse(together)
    counts = [(f.counts.items_new, f.counts.items_changed) for f in report.files if f.counts]
    assert counts == [(3, 0), (1, 1), (0, 2)]
    assert [sorted(f.rewritten) for f in report.files] == [
        ["hn:1", "hn:2", "hn:4"], ["hn:2", "hn:3"], ["hn:2", "hn:4"]]

    apart = settings_in(tmp_path / "apart")
    for run, rows in RUNS.items():
        write_runs(apart.landing_dir, {run: rows})
        loader.load_warehouse(apart)
    loaded = contents(together.db_path)
    assert loaded == contents(apart.db_path)
    # Written with the first run only, the taxonomy is there all the same.
    assert len(loaded["skills"]) > 1_000 and len(loaded["taggings"]) == 1
    with duckdb.connect(str(together.db_path), read_only=True) as con:
        pay = dict(con.execute("select posting_id, pay_raw from postings").fetchall())
    assert pay["hn:4"] == "€85k" and pay["hn:2"] is None


def test_a_run_that_is_not_written_is_not_counted_on(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The next run is made ready as if this one were written; when this one fails after all,
    the next is made ready again against what the warehouse holds."""
    settings = settings_in(tmp_path)
    write_runs(settings.landing_dir, RUNS)
    write_run = loader.write_run

    def failing(con: duckdb.DuckDBPyConnection, **kwargs: Any) -> Any:
        if kwargs["run"].run_id == "20261006T000000Z-b":
            raise LandingFileError("hn/20261006T000000Z-b.jsonl: refused")
        return write_run(con, **kwargs)

    monkeypatch.setattr(loader, "write_run", failing)
    report = loader.load_warehouse(settings)
    assert [f.error for f in report.files] == [
        None, "hn/20261006T000000Z-b.jsonl: refused", None]
    last = report.files[2]
    assert last.counts is not None
    assert (last.counts.items_new, last.counts.items_changed) == (1, 1)
    # Posting 3 first reaches the warehouse in the last run, normalized: had the failed run
    # counted as written, it would look unchanged and land without its normalized columns.
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        dedup_key, = con.execute(
            "select dedup_key from postings where posting_id = 'hn:3'").fetchall()[0]
        skills = {s for s, in con.execute(
            "select skill from posting_skills where posting_id = 'hn:3'").fetchall()}
    assert dedup_key is not None and "Elixir" in skills
