"""No recruiter's name or e-mail is stored, shown or exported.

Greenhouse ``metadata`` fields of type ``user`` carry a recruiter's or hiring manager's name and
e-mail. The ``saltmarsh`` fixture board has two, a null one and a ``url`` field holding a
``mailto:`` address; a real crawl of it through the replay server and a load into a temporary
warehouse must leave no e-mail address in the landing zone or in any column of any table.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs

from crawlers.spiders.greenhouse import extract_posting
from handoff.personal import public_metadata
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from pipeline.ops.crawl import run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from warehouse.db import connect

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
BOARD = FIXTURE_SITES / "greenhouse" / "saltmarsh.json"
PEOPLE = ("Ann Lee", "Raj Patel")


def jobs() -> list[dict[str, Any]]:
    return json.loads(BOARD.read_text(encoding="utf-8"))["jobs"]


def test_the_fixture_holds_personal_data() -> None:
    # Guards the test below against passing on a board with nothing to remove.
    text = BOARD.read_text(encoding="utf-8")
    assert len(set(EMAIL.findall(text))) == 3
    assert all(person in text for person in PEOPLE)


def test_user_fields_and_addresses_are_dropped() -> None:
    kept = public_metadata(jobs()[0]["metadata"])
    assert kept is not None
    assert [(f["name"], f["value_type"]) for f in kept] == [
        ("Employment Type", "single_select"), ("Salary Range", "currency_range"),
        ("Remote Eligible", "yes_no")]
    assert public_metadata(jobs()[1]["metadata"]) == [jobs()[1]["metadata"][0]]
    assert public_metadata(None) is None
    assert public_metadata([{"id": 1, "name": "Recruiter", "value_type": "user",
                             "value": {"name": "Ann Lee", "email": "ann@example.com"}},
                            "not a field"]) == []


def test_item_keeps_the_job_fields() -> None:
    item = extract_posting(jobs()[0], board="saltmarsh", board_name="Saltmarsh",
                           source="greenhouse", fetched_at="2026-11-01T00:00:00Z",
                           crawl_run="r1")
    assert item.employmentType == "Full-time"
    assert item.extra is not None
    assert [f["id"] for f in item.extra["metadata"]] == [4301, 4303, 4306]
    assert not EMAIL.search(json.dumps(item.extra))


def _text_of(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def warehouse_addresses(db: Path) -> dict[str, list[str]]:
    """E-mail addresses in any column of any table, by ``table.column``; also whether any of
    the named people appears."""
    con = connect(db, read_only=True)
    found: dict[str, list[str]] = {}
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'main' and table_type = 'BASE TABLE'").fetchall()]
        assert "raw_postings" in tables and "postings" in tables
        for table in tables:
            cursor = con.execute(f'select * from "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _text_of(value)
                    hits = EMAIL.findall(text) + [p for p in PEOPLE if p in text]
                    if hits:
                        found.setdefault(f"{table}.{column}", []).extend(hits)
    finally:
        con.close()
    return found


def test_no_address_reaches_the_landing_zone_or_the_warehouse(
        replay: ReplayServer, settings: Settings) -> None:
    result = run_crawl("greenhouse", landing_dir=settings.landing_dir,
                       base_url=replay.base("greenhouse"), args={"boards": "saltmarsh"})
    assert result.ok, result.log_file.read_text()
    landed = Path(result.landing_file).read_text(encoding="utf-8")
    items = [json.loads(line) for line in landed.splitlines() if line.strip()]
    assert {i["source_id"] for i in items} == {"7300003001", "7300003002"}
    # What the board says about the job itself still lands.
    assert {i["employmentType"] for i in items} == {"Full-time", "Contract"}
    for path in settings.landing_dir.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not EMAIL.findall(text), path
            assert not [p for p in PEOPLE if p in text], path

    report = load_warehouse(settings)
    assert not report.failed, report.failed
    con = connect(settings.db_path, read_only=True)
    try:
        assert con.execute("select count(*) from raw_postings").fetchall()[0][0] == 2
    finally:
        con.close()
    assert warehouse_addresses(settings.db_path) == {}


def old_crawl_item(job: dict[str, Any]) -> dict[str, Any]:
    """A raw item as crawls landed it before personal fields were dropped: metadata whole."""
    item = extract_posting(job, board="saltmarsh", board_name="Saltmarsh", source="greenhouse",
                           fetched_at="2026-11-01T00:00:00Z", crawl_run="old")
    data = json.loads(json.dumps(attrs.asdict(item), default=str))
    data["extra"]["metadata"] = job["metadata"]
    return data


def test_files_landed_before_the_rule_are_scrubbed_when_loaded(settings: Settings) -> None:
    folder = settings.landing_dir / "greenhouse"
    folder.mkdir(parents=True)
    items = [old_crawl_item(job) for job in jobs()]
    assert EMAIL.search(json.dumps(items))
    (folder / "old.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items))
    (folder / "old.run.json").write_text(json.dumps({
        "run_id": "old", "source": "greenhouse", "finish_reason": "finished", "pages": 1,
        "items": len(items), "errors": {}, "started_at": "2026-11-01T00:00:00+00:00"}))
    assert not load_warehouse(settings).failed
    assert warehouse_addresses(settings.db_path) == {}


def test_the_upgrade_scrubs_raw_items_already_stored(settings: Settings) -> None:
    from warehouse.db import writer
    from warehouse.migrate import migrate

    test_files_landed_before_the_rule_are_scrubbed_when_loaded(settings)
    items = [old_crawl_item(job) for job in jobs()]
    with writer(settings.db_path) as con:
        # As a warehouse loaded before the rule holds them, and not yet upgraded.
        for posting_item in items:
            con.execute("update raw_postings set item = ? where source_id = ?",
                        [json.dumps(posting_item), posting_item["source_id"]])
        con.execute("delete from _migrations where name = '0014_scrub_personal_metadata'")
    assert warehouse_addresses(settings.db_path)
    with writer(settings.db_path) as con:
        assert migrate(con) == ["0014_scrub_personal_metadata"]
    assert warehouse_addresses(settings.db_path) == {}
    con = connect(settings.db_path, read_only=True)
    try:
        kept = con.execute("select item->'$.extra.metadata' from raw_postings").fetchall()
    finally:
        con.close()
    # The fields about the job stay.
    assert all("Employment Type" in str(row[0]) for row in kept)
