"""The loader's SQL pairing finds the same duplicate groups as the pure Python reference."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bench.bench_normalize import make_postings
from pipeline.config import Settings
from pipeline.dedup import DedupInput, find_duplicates
from pipeline.ingest import load_warehouse, mark_duplicates
from warehouse.db import connect, writer


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data = tmp_path_factory.mktemp("dedup")
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
    # Reposts within weeks of the original, with edits: both exact-key and text duplicates.
    rng = random.Random(3)
    folder = settings.landing_dir / "bench"
    folder.mkdir(parents=True)
    rows = make_postings(3000, seed=11)
    for part in range(3):
        run_id = f"run{part}"
        with (folder / f"{run_id}.jsonl").open("w", encoding="utf-8") as out:
            for pid, company, title, loc, body, day in rows[part * 1000 : (part + 1) * 1000]:
                out.write(json.dumps({
                    "source": "bench", "source_id": pid, "url": f"https://example.org/{pid}",
                    "fetched_at": "2026-11-01T00:00:00Z", "crawl_run": run_id,
                    "jobTitle": rng.choice([title, f"{title} (Remote)", "Engineer"]),
                    "datePublished": f"{day.isoformat()}T12:00:00Z",
                    "hiringOrganization": {"name": company},
                    "jobLocation": {"raw": loc}, "description": body,
                }) + "\n")
        (folder / f"{run_id}.run.json").write_text(json.dumps({
            "run_id": run_id, "source": "bench", "finish_reason": "finished", "errors": {},
            "started_at": "2026-11-01T00:00:00+00:00",
            "finished_at": "2026-11-01T00:01:00+00:00"}))
    load_warehouse(settings)
    return settings


def _flags(db: Path) -> dict[str, tuple[str, str]]:
    con = connect(db, read_only=True)
    try:
        rows = con.execute("select posting_id, duplicate_group_id, duplicate_evidence "
                           "from postings where duplicate_group_id is not null").fetchall()
    finally:
        con.close()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_sql_pairing_matches_python_reference(loaded: Settings) -> None:
    con = connect(loaded.db_path, read_only=True)
    try:
        rows = con.execute(
            "select posting_id, company, title, location_raw, description, "
            "cast(coalesce(posted_at, first_seen_at) as date), dedup_key from postings"
        ).fetchall()
    finally:
        con.close()
    expected = find_duplicates(
        DedupInput(r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6] or "") for r in rows
    )
    flags = _flags(loaded.db_path)
    assert len(expected) > 100
    assert flags == {m.posting_id: (m.group_id, m.evidence) for m in expected}
    assert any(ev.startswith("minhash:") for _, ev in flags.values())


def test_postings_without_signature_get_one_and_the_same_groups(loaded: Settings) -> None:
    before = _flags(loaded.db_path)
    with writer(loaded.db_path) as con:
        con.execute("delete from posting_signatures where posting_id in "
                    "(select posting_id from postings order by posting_id limit 1500)")
        assert mark_duplicates(con) == len(before)
        unsigned = con.execute(
            "select count(*) from postings anti join posting_signatures using (posting_id)"
        ).fetchall()[0][0]
    assert unsigned == 0
    assert _flags(loaded.db_path) == before
