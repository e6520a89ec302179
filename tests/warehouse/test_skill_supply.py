"""Supply against demand: ``skill_supply_monthly`` on a hand-built warehouse, and the readers.

The landing zone holds, written here: HN hiring ads (source ``hn``) and "Who wants to be hired?"
posts (source ``hn_seeking``, kind ``seeking_work``) for three months:

* January 2026: 10 engineering ads (6 name Python, 4 Go) and 20 seeking posts (5 Python, 15 Go).
* February 2026: 8 ads, all Python; 4 seeking posts, all Python.
* March 2026: 5 ads, no seeking thread loaded (so no supply month).

By hand: January Python demand 6/10 = 0.6, supply 5/20 = 0.25, ratio 2.4; January Go demand
4/10 = 0.4 and supply 15/20 = 0.75, but 4 ads are under the minimum of 5, so no ratio; February
Python 8/8 against 4/4, 4 posts under the minimum, so no ratio; March is absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from pipeline.ingest.seeking import is_supply, post_key, yes_no
from tests.crawlers.test_personal_data import EMAIL
from warehouse.db import connect

STARTED = datetime(2026, 4, 1, 12, tzinfo=UTC)
NAME = "Jane Quinlan"


def _manifest(folder: Path, run: str, source: str, items: int) -> None:
    (folder / f"{run}.run.json").write_text(json.dumps({
        "run_id": run, "source": source, "finish_reason": "finished", "pages": 1,
        "items": items, "errors": {}, "started_at": STARTED.isoformat(),
        "finished_at": STARTED.isoformat()}), encoding="utf-8")


def _write(folder: Path, run: str, source: str, items: list[dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{run}.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items),
                                         encoding="utf-8")
    _manifest(folder, run, source, len(items))


def hiring_ad(n: int, month: int, skill: str) -> dict[str, Any]:
    return {"source": "hn", "source_id": f"9{n:03d}", "url": f"https://hn.example/{n}",
            "fetched_at": "2026-04-01T00:00:00Z", "crawl_run": "hiring",
            "jobTitle": "Backend Engineer", "datePublished": f"2026-{month:02d}-05T12:00:00Z",
            "hiringOrganization": {"name": f"Company {n}"},
            "description": f"We build APIs in {skill} and run them ourselves."}


def seeking_item(n: int, month: int, skill: str, **extra: Any) -> dict[str, Any]:
    return {"source": "hn_seeking", "source_id": f"7{n:03d}",
            "url": "https://news.ycombinator.com/item?id=1", "fetched_at": "2026-04-01T00:00:00Z",
            "crawl_run": "seeking", "kind": "seeking_work", "story_id": 1,
            "thread": f"Ask HN: Who wants to be hired? (Month {month})",
            "thread_month": f"2026-{month:02d}", "location": "Berlin, Germany",
            "remote": "Yes", "relocate": "No", "technologies": skill,
            "text": "Backend developer.", "years": 7, "seniority": "senior",
            "labels": ["Location"], **extra}


def write_landing(settings: Settings) -> None:
    ads = [hiring_ad(i, 1, "Python" if i < 6 else "Go") for i in range(10)]
    ads += [hiring_ad(100 + i, 2, "Python") for i in range(8)]
    ads += [hiring_ad(200 + i, 3, "Python") for i in range(5)]
    # A person's post that strayed into a postings file: never a posting.
    stray = seeking_item(999, 1, "Python", text=f"{NAME}, jane@example.com")
    _write(settings.landing_dir / "hn", "hiring", "hn", [*ads, stray])
    posts = [seeking_item(i, 1, "Python" if i < 5 else "Go") for i in range(20)]
    posts += [seeking_item(100 + i, 2, "Python") for i in range(4)]
    _write(settings.landing_dir / "hn_seeking", "seeking", "hn_seeking", posts)


@pytest.fixture(scope="module")
def supply_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    data = tmp_path_factory.mktemp("supply") / "data"
    settings = Settings(data_dir=data, db_path=data / "jobpulse.duckdb",
                        landing_dir=data / "landing")
    write_landing(settings)
    report = load_warehouse(settings)
    assert not report.failed, report.failed
    # Loading again changes nothing.
    assert load_warehouse(settings).files == []
    yield settings.db_path


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_view_has_the_hand_counted_shares_and_ratios(supply_db: Path) -> None:
    got = rows(supply_db, """
        select strftime(month, '%Y-%m'), skill, hiring_with_skill, hiring_posts,
            round(demand_share, 4), seeking_with_skill, seeking_posts, round(supply_share, 4),
            round(demand_supply_ratio, 4)
        from skill_supply_monthly where skill in ('Python', 'Go') order by 1, 2""")
    assert got == [
        ("2026-01", "Go", 4, 10, 0.4, 15, 20, 0.75, None),
        ("2026-01", "Python", 6, 10, 0.6, 5, 20, 0.25, 2.4),
        ("2026-02", "Python", 8, 8, 1.0, 4, 4, 1.0, None),
    ]


def test_supply_never_enters_postings_runs_or_marts(supply_db: Path) -> None:
    assert rows(supply_db, "select source, count(*) from postings group by 1") == [("hn", 23)]
    assert rows(supply_db, "select source from crawl_runs") == [("hn",)]
    assert rows(supply_db, "select count(*) from mart_source_coverage "
                           "where source = 'hn_seeking'") == [(0,)]
    assert rows(supply_db, "select run_id, items_seen, items_new from seeking_runs") == [
        ("seeking", 24, 24)]
    assert rows(supply_db, "select count(*), count(distinct post_key) from seeking_posts") == [
        (24, 24)]
    assert rows(supply_db, "select items_dropped from crawl_runs") == [(1,)]


def test_data_health_counts_supply_runs_as_the_sources_runs(supply_db: Path) -> None:
    from warehouse.answers import Answers, snapshot_runner

    status = Answers(snapshot_runner(supply_db)).source_status()
    row = status.filter(status["source"] == "hn_seeking").row(0, named=True)
    assert (row["runs"], row["last_items"], row["errors"]) == (1, 24, 0)
    assert row["freshness"] != "never run"


def test_no_personal_data_in_the_warehouse(supply_db: Path) -> None:
    from tests.crawlers.test_personal_data import _text_of

    con = connect(supply_db, read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "and table_type = 'BASE TABLE'").fetchall()]
        for table in tables:
            text = _text_of(con.execute(f'select * from "{table}"').fetchall())
            assert not EMAIL.search(text) and NAME not in text, table
    finally:
        con.close()
    # The key is a hash, not the comment id.
    assert rows(supply_db, "select post_key from seeking_posts order by post_key limit 1")[0][
        0] != "7000"
    assert post_key("hn_seeking", "7000") in {
        r[0] for r in rows(supply_db, "select post_key from seeking_posts")}


def test_stored_fields(supply_db: Path) -> None:
    assert rows(supply_db, """
        select distinct thread_month, country, remote, relocate, years, seniority
        from seeking_posts where thread_month = '2026-02-01'""") == [
        (datetime(2026, 2, 1).date(), "DE", True, False, 7, "senior")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Yes", True), ("yes, or hybrid", True), ("Remote only", True), ("No", False),
    ("Not right now", False), ("Maybe", None), ("", None), (None, None)])
def test_yes_no(text: str | None, expected: bool | None) -> None:
    assert yes_no(text) is expected


def test_kind_decides_supply() -> None:
    assert is_supply({"kind": "seeking_work"})
    assert not is_supply({"kind": "freelance_demand"}) and not is_supply(None)


def test_skill_explorer_panel(supply_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.dashboard.test_pages import captions, charts, clear_caches, open_page

    monkeypatch.setenv("JOBPULSE_DB", str(supply_db))
    clear_caches()
    try:
        at = open_page("skill_explorer")
        at.selectbox(key="explorer_skill").set_value("Python").run()
        assert not at.exception, [e.value for e in at.exception]
        assert "Demand and supply (Hacker News)" in [s.value for s in at.subheader]
        metric = next(m for m in at.metric if m.label.startswith("Demand to supply"))
        assert (metric.label, metric.value) == ("Demand to supply, Jan 2026", "2.40")
        assert "at least 5 posts on each side" in captions(at)
        assert charts(at) >= 2
        at.selectbox(key="explorer_skill").set_value("Go").run()
        assert "too few for a demand-to-supply ratio" in captions(at)
    finally:
        clear_caches()


def test_api_and_mcp_answer_from_the_view(supply_db: Path) -> None:
    from fastapi.testclient import TestClient

    from pipeline.serve.api import create_app
    from pipeline.serve.reader import WarehouseReader
    from tests.serve.test_mcp_server import _call_all

    with TestClient(create_app(WarehouseReader(supply_db))) as client:
        body = client.get("/skills/python/supply").json()
        assert body["skill"] == "Python"
        assert [(r["month"], r["demand_supply_ratio"]) for r in body["rows"]] == [
            ("2026-01-01", 2.4), ("2026-02-01", None)]
        since = client.get("/skills/Python/supply", params={"since": "2026-02"}).json()
        assert [r["month"] for r in since["rows"]] == ["2026-02-01"]
        csv = client.get("/skills/Python/supply", params={"format": "csv"}).text
        assert csv.splitlines()[0].startswith("month,skill,hiring_with_skill")
        bad = client.get("/skills/Pythn/supply")
        assert bad.status_code == 422 and "unknown skill" in bad.text
    names, results = _call_all(supply_db, [("skill_supply", {"skill": "go"}),
                                           ("skill_supply", {"skill": "Go", "since": "June"})])
    assert "skill_supply" in names
    error, text = results[0]
    answer = json.loads(text)
    assert not error and answer["skill"] == "Go"
    assert [(r["seeking_with_skill"], r["demand_supply_ratio"]) for r in answer["rows"]] == [
        (15, None)]
    assert results[1][0] and "since must be YYYY-MM" in results[1][1]
