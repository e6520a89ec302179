"""The pool of normalizer processes gives exactly what normalizing in-process gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipeline.ingest.pool import HANDED_FIELDS, Normalizer, handed_over, taken_over
from pipeline.normalize.skills import SkillExtractor, load_taxonomy


def rows(n: int) -> list[dict]:
    start = datetime(2025, 6, 2, 23, 59, 59, 999_999, tzinfo=UTC)
    stacks = ["Python and PostgreSQL on AWS", "Go, Kubernetes and GCP", "Rust and Kafka"]
    return [{
        "posting_id": f"t:{i}", "title": "Senior Backend Engineer", "company": f"C{i}",
        "location_raw": ["Berlin, Germany", "NYC, NY", "Remote (EU)"][i % 3],
        "remote_raw": None, "employment_raw": "Full-time", "pay_raw": f"€{60 + i % 30}k-90k",
        "description": f"Stack: {stacks[i % 3]}.",
        # Times a day apart, to the microsecond, some before the epoch: the pay's exchange
        # rate is the posting day's; no date of posting on some.
        "posted_at": None if i % 6 == 0 else start - timedelta(days=i * 7, microseconds=i),
        "fetched_at": start + timedelta(days=i % 40),
        "tags": [], "raw_item": raw_item(i, f"Stack: {stacks[i % 3]}."), "item": "{}",
    } for i in range(n)]


def raw_item(i: int, description: str) -> dict:
    """Items whose structured pay, remote flag and thread kind change the normalized columns."""
    item: dict = {"description": description, "jobTitle": "Senior Backend Engineer"}
    if i % 4 == 1:
        item["baseSalary"] = {"currency": "USD", "valueMin": 120000 + i, "valueMax": 150000,
                              "rateType": "year", "raw": "$120k-150k"}
    if i % 5 == 2:
        item["remoteStatus"] = True
    if i % 7 == 3:
        item["extra"] = {"kind": "freelance_demand", "seniority_hints": ["lead"]}
    return item


def test_rows_cross_to_the_workers_with_what_the_normalizers_read() -> None:
    data = rows(50)
    data[3]["posted_at"] = datetime(1969, 12, 31, 23, 59, 59, 1, tzinfo=UTC)
    back = taken_over(handed_over(data))
    for sent, got in zip(data, back, strict=True):
        for name in (*HANDED_FIELDS, "posted_at", "fetched_at"):
            assert got[name] == sent[name], name
            assert getattr(got[name], "tzinfo", None) is getattr(sent[name], "tzinfo", None)
        assert got["raw_item"] == {k: v for k, v in sent["raw_item"].items()
                                   if k in ("baseSalary", "remoteStatus", "extra")}


def test_pool_matches_in_process() -> None:
    extractor = SkillExtractor(load_taxonomy())
    data = rows(2_500)
    local = Normalizer(extractor, workers=1)(data)
    pool = Normalizer(extractor, workers=2, min_parallel=0)
    try:
        parallel = pool(data)
    finally:
        pool.close()
    for name in ("enriched", "skills", "signatures"):
        assert getattr(parallel, name).equals(getattr(local, name)), name
    assert local.enriched.height == 2_500 and local.signatures.height == 2_500
    assert local.enriched.row(0, named=True)["pay_currency"] == "EUR"
    assert local.skills.filter(posting_id="t:0").height > 0


def test_small_batches_go_to_the_workers_once_a_load_adds_up() -> None:
    """A backfill of many small runs: the first batches in-process, the rest on the workers
    once ``min_parallel`` rows have been started, with the same frames."""
    extractor = SkillExtractor(load_taxonomy())
    data = rows(1_200)
    batches = [data[i : i + 300] for i in range(0, len(data), 300)]
    local = Normalizer(extractor, workers=1)
    pool = Normalizer(extractor, workers=2, min_parallel=500)
    try:
        started = [pool.start(batches[0])]
        assert pool._pool is None  # 300 rows so far: in-process
        started += [pool.start(batch) for batch in batches[1:]]  # 600 and more
        assert pool._pool is not None
        for batch, pending in zip(batches, started, strict=True):
            assert pending.result().enriched.equals(local(batch).enriched)
    finally:
        pool.close()
