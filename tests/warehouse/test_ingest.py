"""Loading landing files: idempotent, incremental, and robust to bad files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from handoff.landing import file_digest
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from pipeline.ops.crawl import run_crawl
from tests.conftest import ReplayServer
from warehouse.db import connect


def item(source_id: str, **fields: Any) -> dict[str, Any]:
    base = {
        "source": "hn", "source_id": source_id, "url": f"https://hn.example/{source_id}",
        "fetched_at": "2026-10-05T00:00:00Z", "crawl_run": "run",
        "jobTitle": "Backend Engineer", "datePublished": "2026-10-01T15:00:00Z",
        "hiringOrganization": {"name": "Acme", "nameRaw": "Acme"},
        "description": "We use Python, PostgreSQL and Kubernetes on AWS.",
    }
    return {**base, **fields}


def write_run(settings: Settings, run_id: str, items: list[dict[str, Any]], *,
              manifest: dict[str, Any] | None = None, raw_lines: list[str] | None = None,
              complete_listing: bool = False) -> Path:
    folder = settings.landing_dir / "hn"
    folder.mkdir(parents=True, exist_ok=True)
    lines = raw_lines if raw_lines is not None else [
        json.dumps({**i, "crawl_run": run_id}) for i in items
    ]
    data = folder / f"{run_id}.jsonl"
    data.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    if manifest is not False:
        # As a crawl records it: the digest of the file it wrote.
        (folder / f"{run_id}.run.json").write_text(json.dumps(manifest or {
            "run_id": run_id, "source": "hn", "finish_reason": "finished",
            "started_at": "2026-10-05T00:00:00+00:00", "finished_at": "2026-10-05T00:01:00+00:00",
            "pages": 2, "items": len(lines), "dropped": 0, "errors": {},
            "complete_listing": complete_listing, "landing": file_digest(data.read_bytes()),
        }))
    return data


def counts(settings: Settings) -> dict[str, int]:
    con = connect(settings.db_path, read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0]
                for t in ("postings", "raw_postings", "posting_skills", "crawl_runs",
                          "landing_files")}
    finally:
        con.close()


def run_row(settings: Settings, run_id: str) -> dict[str, Any]:
    con = connect(settings.db_path, read_only=True)
    try:
        cur = con.execute("select * from crawl_runs where run_id = ?", [run_id])
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchall()[0], strict=True))
    finally:
        con.close()


def test_load_twice_changes_nothing(settings: Settings) -> None:
    write_run(settings, "r1", [item("1"), item("2")])
    first = load_warehouse(settings)
    assert not first.failed
    before = counts(settings)
    assert before["postings"] == 2 and before["raw_postings"] == 2
    assert before["posting_skills"] > 0
    second = load_warehouse(settings)
    assert second.files == []
    assert counts(settings) == before


def test_skills_are_tagged_with_taxonomy_version(settings: Settings) -> None:
    write_run(settings, "r1", [item("1")])
    load_warehouse(settings)
    con = connect(settings.db_path, read_only=True)
    skills = {r[0] for r in con.execute(
        "select skill from posting_skills where posting_id = 'hn:1'").fetchall()}
    version = con.execute("select taxonomy_version from postings").fetchall()[0][0]
    con.close()
    assert {"Python", "PostgreSQL", "Kubernetes", "AWS"} <= skills
    assert version


def test_recrawl_counts_new_changed_unchanged_and_closed(settings: Settings) -> None:
    write_run(settings, "r1", [item("1"), item("2"), item("3")], complete_listing=True)
    load_warehouse(settings)
    later = "2026-10-06T00:00:00Z"
    write_run(settings, "r2", [
        item("1", fetched_at=later),
        item("2", fetched_at=later, description="We moved to Go and ClickHouse."),
        item("4", fetched_at=later),
    ], complete_listing=True)
    load_warehouse(settings)
    row = run_row(settings, "r2")
    assert (row["items_new"], row["items_changed"], row["items_unchanged"],
            row["items_closed"]) == (1, 1, 1, 1)
    assert row["status"] == "ok"
    con = connect(settings.db_path, read_only=True)
    raw = con.execute("select count(*) from raw_postings where posting_id = 'hn:2'").fetchall()
    closed = con.execute(
        "select posting_id from postings where closed_at is not null").fetchall()
    seen = con.execute("select last_seen_at, first_seen_at from postings "
                       "where posting_id = 'hn:1'").fetchall()[0]
    skills = {r[0] for r in con.execute(
        "select skill from posting_skills where posting_id = 'hn:2'").fetchall()}
    con.close()
    assert raw[0][0] == 2  # both versions kept
    assert closed == [("hn:3",)]
    assert seen[0] > seen[1]
    assert "Go" in skills and "Python" not in skills


def test_corrupt_file_is_named_and_others_load(settings: Settings) -> None:
    write_run(settings, "r1", [item("1")])
    bad = write_run(settings, "r2", [], raw_lines=[json.dumps(item("2")), '{"source": "hn", '])
    write_run(settings, "r3", [item("3")])
    report = load_warehouse(settings)
    assert [f.key for f in report.failed] == ["hn/r2.jsonl"]
    assert str(bad) in (report.failed[0].error or "")
    assert "line 2" in (report.failed[0].error or "")
    assert counts(settings)["postings"] == 2
    # Fixing the file and loading again picks it up.
    write_run(settings, "r2", [item("2")])
    assert not load_warehouse(settings).failed
    assert counts(settings)["postings"] == 3


def test_file_without_manifest_waits(settings: Settings) -> None:
    write_run(settings, "r1", [item("1")], manifest=False)  # type: ignore[arg-type]
    report = load_warehouse(settings)
    assert report.incomplete == ["hn/r1.jsonl"]
    assert counts(settings)["postings"] == 0


def test_item_without_provenance_is_counted(settings: Settings) -> None:
    write_run(settings, "r1", [item("1"), {**item("2"), "fetched_at": None}])
    load_warehouse(settings)
    row = run_row(settings, "r1")
    assert row["items_seen"] == 1
    assert json.loads(row["errors"]) == {"bad_record": 1}
    assert row["status"] == "partial"


def test_monthly_share_view(settings: Settings) -> None:
    write_run(settings, "r1", [
        item("1"), item("2", description="Ruby on Rails and MySQL.", jobTitle="SRE"),
        item("3", datePublished="2026-09-02T10:00:00Z", jobTitle="Data Engineer",
             description="Python pipelines on Snowflake."),
    ])
    load_warehouse(settings)
    con = connect(settings.db_path, read_only=True)
    rows = con.execute("select month, skill, postings_with_skill, postings_total, share "
                       "from skill_monthly_share where skill = 'Python' and basis = 'new' "
                       "order by month").fetchall()
    con.close()
    assert [(str(r[0]), r[2], r[3]) for r in rows] == [("2026-09-01", 1, 1),
                                                     ("2026-10-01", 1, 2)]
    assert rows[1][4] == pytest.approx(0.5)


def test_a_duplicate_group_counts_once_in_its_first_month(settings: Settings) -> None:
    text = "We use Python, PostgreSQL and Kubernetes on AWS. " * 3
    write_run(settings, "r1", [
        item("1", description=text, datePublished="2026-09-02T10:00:00Z"),
        item("2", description=text, hiringOrganization={"name": "Acme Inc."}),
    ])
    load_warehouse(settings)
    con = connect(settings.db_path, read_only=True)
    groups = con.execute("select distinct duplicate_group_id from postings").fetchall()
    rows = con.execute("select cast(month as varchar), postings_with_skill, postings_total "
                       "from skill_monthly_share where skill = 'Python' and basis = 'new'"
                       ).fetchall()
    con.close()
    assert groups == [("hn:1",)]
    assert rows == [("2026-09-01", 1, 1)]


def test_crawl_fixture_server_into_warehouse(replay: ReplayServer, settings: Settings) -> None:
    result = run_crawl("hn", landing_dir=settings.landing_dir, base_url=replay.base("hn"),
                       args={"months": "0"})
    assert result.ok
    report = load_warehouse(settings)
    assert not report.failed
    assert counts(settings)["postings"] == 7
    row = run_row(settings, result.run_id)
    assert (row["pages"], row["items_seen"], row["items_new"], row["status"]) == (3, 7, 7, "ok")
    # A second crawl of the same threads stores nothing new.
    again = run_crawl("hn", landing_dir=settings.landing_dir, base_url=replay.base("hn"),
                      args={"months": "0"})
    load_warehouse(settings)
    row = run_row(settings, again.run_id)
    assert (row["items_new"], row["items_changed"], row["items_unchanged"]) == (0, 0, 7)
    assert counts(settings)["raw_postings"] == 7
