"""The loader's SQL pairing finds the same duplicate groups as the pure Python reference."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from bench.bench_normalize import make_postings
from pipeline.config import Settings
from pipeline.ingest.duplicates import mark_duplicates
from pipeline.ingest.loader import load_warehouse
from pipeline.normalize.dedup import (
    NUM_PERM,
    DedupInput,
    band_keys,
    find_duplicates,
    normalize_company,
)
from warehouse.db import connect, writer


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data = tmp_path_factory.mktemp("dedup")
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
    # Reposts within weeks of the original, with edits: both exact-key and text duplicates.
    rng = random.Random(3)
    rows = make_postings(3000, seed=11)
    for part in range(3):
        _write_run(settings, f"run{part}", [{
            "source": "bench", "source_id": pid, "url": f"https://example.org/{pid}",
            "fetched_at": "2026-11-01T00:00:00Z",
            "jobTitle": rng.choice([title, f"{title} (Remote)", "Engineer"]),
            "datePublished": f"{day.isoformat()}T12:00:00Z",
            "hiringOrganization": {"name": company},
            "jobLocation": {"raw": loc}, "description": body,
        } for pid, company, title, loc, body, day in rows[part * 1000 : (part + 1) * 1000]])
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


def _reference_flags(db: Path) -> dict[str, tuple[str, str]]:
    """The flags the pure Python reference gives the warehouse's postings."""
    con = connect(db, read_only=True)
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
    return {m.posting_id: (m.group_id, m.evidence) for m in expected}


def test_sql_pairing_matches_python_reference(loaded: Settings) -> None:
    expected = _reference_flags(loaded.db_path)
    flags = _flags(loaded.db_path)
    assert len(expected) > 100
    assert flags == expected
    assert any(ev.startswith("minhash:") for _, ev in flags.values())


def test_postings_without_signature_get_one_and_the_same_groups(loaded: Settings) -> None:
    before = _flags(loaded.db_path)
    with writer(loaded.db_path) as con:
        con.execute("delete from posting_signatures where posting_id in "
                    "(select posting_id from postings order by posting_id limit 1500)")
        assert mark_duplicates(con).flagged == len(before)
        unsigned = con.execute(
            "select count(*) from postings anti join posting_signatures using (posting_id)"
        ).fetchall()[0][0]
    assert unsigned == 0
    assert _flags(loaded.db_path) == before


def _write_run(settings: Settings, run_id: str, items: list[dict]) -> None:
    folder = settings.landing_dir / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{run_id}.jsonl").open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps({**item, "crawl_run": run_id}) + "\n")
    (folder / f"{run_id}.run.json").write_text(json.dumps({
        "run_id": run_id, "source": "bench", "finish_reason": "finished", "errors": {},
        "started_at": "2026-11-02T00:00:00+00:00", "finished_at": "2026-11-02T00:01:00+00:00"}))


def _stored(db: Path) -> tuple[dict[str, tuple[str, str]], set[tuple]]:
    con = connect(db, read_only=True)
    try:
        pairs = set(con.execute("select earlier, later, evidence, similarity "
                                "from duplicate_pairs").fetchall())
    finally:
        con.close()
    return _flags(db), pairs


def _full_pass_of(db: Path, tmp: Path) -> tuple[dict[str, tuple[str, str]], set[tuple]]:
    copy = tmp / "full.duckdb"
    shutil.copyfile(db, copy)
    con = connect(copy)
    try:
        assert mark_duplicates(con, full=True).full
    finally:
        con.close()
    return _stored(copy)


def test_loads_pair_again_only_what_they_touch_and_match_a_full_pass(
        loaded: Settings, tmp_path: Path) -> None:
    data = tmp_path / "w"
    data.mkdir()
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
    shutil.copyfile(loaded.db_path, settings.db_path)
    con = connect(settings.db_path, read_only=True)
    try:
        current = {r[0]: r[1:] for r in con.execute(
            "select source_id, company, title, location_raw, description, "
            "cast(posted_at as date) from postings").fetchall()}
        grouped = [r[0] for r in con.execute(
            "select source_id from postings where duplicate_group_id is not null "
            "order by posting_id").fetchall()]
    finally:
        con.close()
    rng = random.Random(5)
    ids = sorted(current)

    def item(source_id: str, company, title, loc, body, day) -> dict:
        return {"source": "bench", "source_id": source_id,
                "url": f"https://example.org/{source_id}",
                "fetched_at": "2026-11-02T00:00:00Z", "jobTitle": title,
                "datePublished": f"{day.isoformat()}T12:00:00Z",
                "hiringOrganization": {"name": company}, "jobLocation": {"raw": loc},
                "description": body}

    for step in range(4):
        items = []
        # Reposts of grouped and ungrouped postings, some edited, some much later, some dated
        # before the posting they copy (they precede it among its candidates).
        for n, source_id in enumerate(rng.sample(grouped, 25) + rng.sample(ids, 25)):
            company, title, loc, body, day = current[source_id]
            items.append(item(f"new{step}-{n}", company, title,
                              rng.choice([loc, "Remote"]),
                              body + rng.choice(["", " Apply today."]),
                              day + dt.timedelta(days=rng.choice([3, 20, 60, 90, -4, -30, -60]))))
        # Changed postings: new text, a date moved out of the window, another company (one
        # that parts it from its group, or one that a group can still take), a body too short
        # to sign, or only a new date.
        for source_id in rng.sample(grouped, 30) + rng.sample(ids, 20):
            company, title, loc, body, day = current[source_id]
            change = rng.randrange(6)
            if change == 0:
                body = " ".join(reversed(body.split()))
            elif change == 1:
                day = day + dt.timedelta(days=200)
            elif change == 2:
                company = f"Other {company}"
            elif change == 3:
                body = "Short ad, apply now."
            elif change == 4:
                company = f"{company} Robotics"
            else:
                day = day + dt.timedelta(days=1)
            current[source_id] = (company, title, loc, body, day)
            items.append(item(source_id, company, title, loc, body, day))
        _write_run(settings, f"step{step}", items)
        messages: list[str] = []
        report = load_warehouse(settings, messages.append)
        assert not report.failed
        assert any("paired again" in m for m in messages)  # not a full pass
        incremental = _stored(settings.db_path)
        assert incremental == _full_pass_of(settings.db_path, tmp_path)
        assert _text_pairs_across_companies(settings.db_path) > 0
        assert _kept_companies_are_current(settings.db_path)
        assert _stored_bands(settings.db_path) == _bands_of_signatures(settings.db_path)
    con = connect(settings.db_path, read_only=True)
    try:
        pending = con.execute("select count(*) from dedup_pending").fetchall()[0][0]
    finally:
        con.close()
    assert pending == 0
    assert incremental[0] == _reference_flags(settings.db_path)


def _text_pairs_across_companies(db: Path) -> int:
    """Stored text pairs whose postings' companies can never share a group (the pass leaves
    them out when it looks for what to regroup)."""
    con = connect(db, read_only=True)
    try:
        rows = con.execute("select a.company, b.company from duplicate_pairs as d "
                           "join postings as a on a.posting_id = d.earlier "
                           "join postings as b on b.posting_id = d.later "
                           "where d.evidence = 'text'").fetchall()
    finally:
        con.close()
    names = [(normalize_company(a), normalize_company(b)) for a, b in rows]
    return sum(a is not None and b is not None and a != b and not a.startswith(b + " ")
               and not b.startswith(a + " ") for a, b in names)


def _kept_companies_are_current(db: Path) -> bool:
    """The pass keeps the normalized company of every posting named in a text pair, as the
    posting has it now."""
    con = connect(db, read_only=True)
    try:
        named = con.execute(
            "select p.posting_id, p.company from postings as p where p.posting_id in "
            "(select earlier from duplicate_pairs where evidence = 'text' "
            "union select later from duplicate_pairs where evidence = 'text')").fetchall()
        kept = dict(con.execute("select posting_id, company from dedup_companies").fetchall())
    finally:
        con.close()
    return all(pid in kept and kept[pid] == normalize_company(company) for pid, company in named)


def _stored_bands(db: Path) -> set[tuple[str, int, int]]:
    con = connect(db, read_only=True)
    try:
        return set(con.execute("select posting_id, band, key from posting_bands").fetchall())
    finally:
        con.close()


def _bands_of_signatures(db: Path) -> set[tuple[str, int, int]]:
    """Every signed posting's band keys, computed again from its stored signature."""
    con = connect(db, read_only=True)
    try:
        rows = con.execute("select posting_id, minhash from posting_signatures "
                           "where minhash is not null").fetchall()
    finally:
        con.close()
    keys = band_keys(np.array([m for _, m in rows], dtype=np.uint32).reshape(-1, NUM_PERM))
    return {(pid, band, int(key)) for (pid, _), row in zip(rows, keys, strict=True)
            for band, key in enumerate(row)}


def test_a_full_pass_stores_the_same_signatures_by_day(loaded: Settings, tmp_path: Path) -> None:
    copy = tmp_path / "w.duckdb"
    shutil.copyfile(loaded.db_path, copy)
    read = ("select s.posting_id, s.minhash, "
            "cast(coalesce(p.posted_at, p.first_seen_at) as date) as day from posting_signatures "
            "as s join postings as p using (posting_id) order by s.rowid")
    con = connect(copy)
    try:
        # Signatures stored in another order (as by loads of old postings).
        con.execute("create temp table shuffled as select * from posting_signatures "
                    "order by hash(posting_id)")
        con.execute("delete from posting_signatures")
        con.execute("insert into posting_signatures select * from shuffled")
        before = con.execute(read).fetchall()
        assert mark_duplicates(con, full=True).full
        after = con.execute(read).fetchall()
    finally:
        con.close()
    assert sorted(before, key=lambda r: r[0]) == sorted(after, key=lambda r: r[0])
    # The next load's pass finds every paired posting's company already kept.
    assert _kept_companies_are_current(copy)
    signed = [(day, pid) for pid, minhash, day in after if minhash is not None]
    assert signed == sorted(signed)
    assert signed != [(day, pid) for pid, minhash, day in before if minhash is not None]


def test_a_warehouse_without_band_keys_stores_them_all_then_pairs_the_load(
        loaded: Settings, tmp_path: Path) -> None:
    """A warehouse from before band keys were stored: the next load's pass stores every
    posting's, then pairs only what the load touched, as a full pass would."""
    data = tmp_path / "w"
    data.mkdir()
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
    shutil.copyfile(loaded.db_path, settings.db_path)
    con = connect(settings.db_path)
    try:
        con.execute("delete from posting_bands")
        rows = con.execute(
            "select source_id, company, title, location_raw, description, "
            "cast(posted_at as date) from postings where duplicate_group_id is not null "
            "order by posting_id limit 20").fetchall()
    finally:
        con.close()
    # Reposts dated after their original and before it (a posting it then precedes is paired
    # again too).
    _write_run(settings, "after", [{
        "source": "bench", "source_id": f"again-{source_id}",
        "url": f"https://example.org/again-{source_id}", "fetched_at": "2026-11-02T00:00:00Z",
        "jobTitle": title,
        "datePublished": f"{(day + dt.timedelta(days=5 if n % 2 else -3)).isoformat()}T12:00:00Z",
        "hiringOrganization": {"name": company}, "jobLocation": {"raw": loc},
        "description": body + " Apply today."}
        for n, (source_id, company, title, loc, body, day) in enumerate(rows)])
    messages: list[str] = []
    assert not load_warehouse(settings, messages.append).failed
    assert any("paired again" in m for m in messages)  # not a full pass
    stored = _stored(settings.db_path)
    assert any(pid.startswith("bench:again-") for pid in stored[0])
    assert stored == _full_pass_of(settings.db_path, tmp_path)
    assert _stored_bands(settings.db_path) == _bands_of_signatures(settings.db_path)
