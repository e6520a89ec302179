"""Landing stores: a folder and an S3 bucket (moto on 127.0.0.1) list and read runs alike."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawlers.extensions import summarize_stats
from handoff.landing import (
    LocalLanding,
    S3Location,
    feed_uri,
    parse_location,
)
from handoff.s3 import S3Landing
from handoff.stores import open_store
from pipeline.config import Settings
from pipeline.errors import JobpulseError, LandingUnavailable
from pipeline.ingest.loader import find_complete_runs, load_run, load_warehouse
from pipeline.ops.crawl import _land_staged_feed
from pipeline.ops.crawl_interval import last_real_crawl, too_soon
from tests.conftest import S3Bucket

MANIFEST = {"run_id": "r", "source": "hn", "finish_reason": "finished", "errors": {},
            "started_at": "2026-10-05T00:00:00+00:00", "pages": 1}
ITEM = {"source": "hn", "url": "https://hn.example/1", "fetched_at": "2026-10-05T00:00:00Z",
        "crawl_run": "r", "jobTitle": "Backend Engineer", "description": "Python and AWS."}

# Relative names and contents, written under a prefix of the bucket and into a folder.
LAYOUT: dict[str, bytes] = {
    "hn/20260101T000000Z-a.jsonl": b'{"a": 1}\n',
    "hn/20260101T000000Z-a.run.json": b'{"run_id": "20260101T000000Z-a"}',
    "greenhouse/20260101T000000Z-a.jsonl": b"",
    "greenhouse/20260101T000000Z-a.run.json": b"{}",
    "hn/20250101T000000Z-b.jsonl": b'{"b": 1}\n',  # no manifest yet
    "lever/20260101T000000Z-c.run.json": b"{}",  # a manifest without its data
    "top.jsonl": b"",  # not in a source folder
    "hn/deep/20260101T000000Z-d.jsonl": b"",  # one folder too deep
    "hn/deep/20260101T000000Z-d.run.json": b"{}",
    "hn/20260101T000000Z-e.run.tmp": b"{",
}
COMPLETE = ["greenhouse/20260101T000000Z-a.jsonl", "hn/20260101T000000Z-a.jsonl"]
INCOMPLETE = ["hn/20250101T000000Z-b.jsonl"]


def write_local(folder: Path, layout: dict[str, bytes]) -> None:
    for relative, data in layout.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_s3_store_lists_complete_and_incomplete_runs(s3: S3Bucket, tmp_path: Path) -> None:
    for relative, data in LAYOUT.items():
        s3.put(f"landing/{relative}", data)
    # Neighbours of the prefix are not part of the landing zone.
    s3.put("landing-old/hn/20270101T000000Z-x.jsonl", b"")
    s3.put("landing-old/hn/20270101T000000Z-x.run.json", b"{}")
    s3.put("other/hn/20270101T000000Z-y.jsonl", b"")

    store = open_store(s3.uri("landing"))
    assert isinstance(store, S3Landing)
    runs, incomplete = store.runs()
    assert [run.key for run in runs] == COMPLETE
    assert incomplete == INCOMPLETE

    # A folder with the same files gives the same answer: keys do not depend on the store.
    write_local(tmp_path / "landing", LAYOUT)
    local_runs, local_incomplete = LocalLanding(tmp_path / "landing").runs()
    assert [run.key for run in local_runs] == COMPLETE
    assert local_incomplete == INCOMPLETE

    hn = runs[1]
    assert hn.run_id == "20260101T000000Z-a"
    assert hn.read_data() == b'{"a": 1}\n'
    assert json.loads(hn.read_manifest()) == {"run_id": "20260101T000000Z-a"}
    assert hn.data_name == f"s3://{s3.name}/landing/hn/20260101T000000Z-a.jsonl"
    assert hn.manifest_name == f"s3://{s3.name}/landing/hn/20260101T000000Z-a.run.json"


def test_s3_store_reads_writes_and_lists_manifests(s3: S3Bucket) -> None:
    store = open_store(S3Location(s3.name))  # the bucket's root, no prefix
    store.check()
    assert not store.exists("hn/r1.run.json")
    store.write_atomic("hn/r1.run.json", b'{"run_id": "r1"}')
    store.write_atomic("hn/r1.jsonl", b"")
    s3.put("hn/nested/r2.run.json", b"{}")
    assert store.exists("hn/r1.run.json")
    assert s3.keys() == ["hn/nested/r2.run.json", "hn/r1.jsonl", "hn/r1.run.json"]
    assert store.read("hn/r1.run.json") == b'{"run_id": "r1"}'
    [manifest] = store.manifests("hn")
    assert manifest.relative == "hn/r1.run.json"
    assert manifest.modified is not None and manifest.modified.tzinfo is not None
    assert store.manifests("lever") == []
    with pytest.raises(OSError, match="NoSuchKey"):
        store.read("hn/missing.jsonl")


def test_missing_bucket_is_one_clear_line(s3: S3Bucket) -> None:
    store = open_store(f"s3://{s3.name}-missing/landing")
    with pytest.raises(LandingUnavailable, match="does not exist") as raised:
        store.check()
    assert "\n" not in str(raised.value) and f"{s3.name}-missing" in str(raised.value)
    with pytest.raises(LandingUnavailable, match="does not exist"):
        store.runs()


def test_missing_credentials_is_one_clear_line(s3: S3Bucket,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    store = open_store(s3.uri())
    with pytest.raises(LandingUnavailable, match="no AWS credentials.*AWS_ACCESS_KEY_ID"):
        store.runs()
    with pytest.raises(LandingUnavailable, match="no AWS credentials"):
        store.check()


def test_unreadable_objects_fail_their_run_only(s3: S3Bucket, tmp_path: Path) -> None:
    landing = s3.uri("landing")
    good = json.dumps({**ITEM, "source_id": "1"}) + "\n"
    s3.put("landing/hn/r1.jsonl", good)
    s3.put("landing/hn/r1.run.json", json.dumps({**MANIFEST, "run_id": "r1"}))
    s3.put("landing/hn/r2.jsonl", good + '{"source": "hn", \n')
    s3.put("landing/hn/r2.run.json", json.dumps({**MANIFEST, "run_id": "r2"}))
    s3.put("landing/hn/r3.jsonl", good)
    s3.put("landing/hn/r3.run.json", "{not json")
    data = tmp_path / "data"
    settings = Settings(data_dir=data, db_path=data / "w.duckdb",
                        landing_dir=parse_location(landing))
    report = load_warehouse(settings)
    errors = {f.key: f.error or "" for f in report.failed}
    assert set(errors) == {"hn/r2.jsonl", "hn/r3.jsonl"}
    assert errors["hn/r2.jsonl"].startswith(f"s3://{s3.name}/landing/hn/r2.jsonl: line 2")
    assert errors["hn/r3.jsonl"].startswith(
        f"s3://{s3.name}/landing/hn/r3.run.json: unreadable run manifest")
    assert [f.key for f in report.files if not f.error] == ["hn/r1.jsonl"]
    assert report.total_postings == 1


def test_object_gone_after_listing_is_a_landing_file_error(s3: S3Bucket) -> None:
    from pipeline.errors import LandingFileError

    s3.put("landing/hn/r1.jsonl", b"")
    s3.put("landing/hn/r1.run.json", json.dumps({**MANIFEST, "run_id": "r1"}))
    [run], _ = find_complete_runs(parse_location(s3.uri("landing")))
    s3.client.delete_object(Bucket=s3.name, Key="landing/hn/r1.jsonl")
    with pytest.raises(LandingFileError, match="unreadable landing file .*NoSuchKey"):
        load_run(None, run, None, None)  # type: ignore[arg-type]  # fails before using them


def test_last_real_crawl_reads_s3_manifests(s3: S3Bucket) -> None:
    now = datetime.now(UTC)
    for run, started, base in [("a", now - timedelta(hours=9), "https://remotive.com"),
                               ("b", now - timedelta(hours=2), "https://remotive.com"),
                               ("c", now - timedelta(minutes=1), "http://127.0.0.1:1/remotive")]:
        s3.put(f"landing/remotive/{run}.run.json", json.dumps(
            {"run_id": run, "source": "remotive", "started_at": started.isoformat(),
             "args": {"base_url": base}}))
    location = parse_location(s3.uri("landing"))
    assert last_real_crawl(location, "remotive") == now - timedelta(hours=2)
    reason = too_soon(location, "remotive", now=now)
    assert reason is not None and "120 min ago" in reason
    assert last_real_crawl(location, "jobicy") is None


def test_a_killed_crawls_staged_feed_is_landed_once(s3: S3Bucket, tmp_path: Path) -> None:
    store = open_store(s3.uri("landing"))
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "feed-x").write_bytes(b'{"a": 1}\n{"b"')
    _land_staged_feed(store, "hn/r1.jsonl", staging)
    assert s3.get("landing/hn/r1.jsonl") == b'{"a": 1}\n{"b"'
    (staging / "feed-x").write_bytes(b"other")
    _land_staged_feed(store, "hn/r1.jsonl", staging)  # an uploaded feed is never replaced
    assert s3.get("landing/hn/r1.jsonl") == b'{"a": 1}\n{"b"'


def test_failed_feed_upload_is_an_error_of_the_run() -> None:
    summary = summarize_stats({"item_scraped_count": 3, "finish_reason": "finished",
                               "feedexport/failed_count/S3FeedStorage": 1})
    assert summary["errors"] == {"feed_store_failed": 1}


@pytest.mark.parametrize(("text", "expected"), [
    ("s3://bucket/landing", S3Location("bucket", "landing")),
    ("s3://bucket/a/b/", S3Location("bucket", "a/b")),
    ("s3://bucket", S3Location("bucket", "")),
    ("data/landing", Path("data/landing")),
    ("/srv/jobpulse/landing", Path("/srv/jobpulse/landing")),
])
def test_parse_location(text: str, expected: object) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize("text", ["s3://", "s3:///landing", "gs://bucket/landing",
                                  "s3://key:secret@bucket/landing", "s3://bucket/x?versionId=1"])
def test_parse_location_rejects(text: str) -> None:
    with pytest.raises(JobpulseError):
        parse_location(text)


def test_feed_uri() -> None:
    assert feed_uri("data/landing") == os.path.join("data/landing", "%(name)s",
                                                    "%(crawl_run)s.jsonl")
    assert feed_uri("s3://bucket/landing/") == "s3://bucket/landing/%(name)s/%(crawl_run)s.jsonl"
    assert feed_uri("s3://bucket/100%") == "s3://bucket/100%%/%(name)s/%(crawl_run)s.jsonl"


def test_settings_from_env_accepts_s3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBPULSE_LANDING_DIR", "s3://bucket/landing/")
    assert Settings.from_env().landing_dir == S3Location("bucket", "landing")
    monkeypatch.delenv("JOBPULSE_LANDING_DIR")
    monkeypatch.setenv("JOBPULSE_DATA_DIR", "somewhere")
    assert Settings.from_env().landing_dir == Path("somewhere/landing")


def test_runs_are_read_ahead_in_order_and_a_bad_one_fails_at_its_turn(tmp_path: Path) -> None:
    from pipeline.errors import LandingFileError
    from pipeline.ingest.landing_read import read_ahead

    line = json.dumps({**ITEM, "source_id": "1"}).encode() + b"\n"
    write_local(tmp_path, {
        "hn/20260101T000000Z-a.jsonl": line,
        "hn/20260101T000000Z-a.run.json": json.dumps({**MANIFEST, "run_id": "a"}).encode(),
        "hn/20260102T000000Z-b.jsonl": line,
        "hn/20260102T000000Z-b.run.json": b"{",  # cut short
        "hn/20260103T000000Z-c.jsonl": line + line.replace(b'"1"', b'"2"'),
        "hn/20260103T000000Z-c.run.json": json.dumps({**MANIFEST, "run_id": "c"}).encode(),
    })
    runs, _ = find_complete_runs(tmp_path)
    seen: list[tuple[str, int | str]] = []
    for run, read in read_ahead(runs):
        try:
            seen.append((run.run_id, len(read.result().rows or [])))
        except LandingFileError as exc:
            seen.append((run.run_id, "unreadable run manifest" if "unreadable run manifest"
                         in str(exc) else str(exc)))
    assert seen == [("20260101T000000Z-a", 1), ("20260102T000000Z-b", "unreadable run manifest"),
                    ("20260103T000000Z-c", 2)]
