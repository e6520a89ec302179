"""End to end on an object store: `jobpulse crawl` lands a real crawl of the replay server in an
s3:// landing zone (moto on 127.0.0.1), and `jobpulse load` reads it from there."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from handoff.landing import parse_location
from pipeline.cli import cli
from pipeline.ops.crawl import run_crawl
from tests.conftest import ReplayServer, S3Bucket
from warehouse.db import connect


def jobpulse(args: list[str], env: dict[str, str | None]) -> Result:
    return CliRunner().invoke(cli, args, env=env)


def warehouse_rows(db: Path, sql: str) -> list[tuple]:
    con = connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def closed_port_url() -> str:
    """A loopback URL nothing listens on: S3 calls sent there fail, and go nowhere else."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.slow
def test_crawl_to_s3_then_load(replay: ReplayServer, s3: S3Bucket, tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = data / "jobpulse.duckdb"
    env: dict[str, str | None] = {"JOBPULSE_LANDING_DIR": s3.uri("landing"),
                                  "JOBPULSE_DATA_DIR": str(data), "JOBPULSE_DB": str(db)}

    crawled = jobpulse(["crawl", "remotive", "--base-url", replay.base("remotive")], env)
    assert crawled.exit_code == 0, crawled.output
    [data_key, manifest_key] = s3.keys("landing/remotive/")
    assert data_key.endswith(".jsonl") and manifest_key == data_key[:-6] + ".run.json"
    assert f"-> s3://{s3.name}/{data_key}" in crawled.output
    items = [json.loads(line) for line in s3.get(data_key).splitlines()]
    manifest = json.loads(s3.get(manifest_key))
    assert len(items) == manifest["items"] == 3
    assert manifest["errors"] == {} and manifest["finish_reason"] == "finished"
    # Nothing landed locally, and Scrapy's upload finished before the manifest was written.
    assert not (data / "landing").exists()
    [log] = (data / "logs" / "remotive").glob("*.log")
    text = log.read_text(encoding="utf-8")
    stored = text.index(f"Stored jsonlines feed (3 items) in: s3://{s3.name}/{data_key}")
    assert stored < text.index(f"run manifest written to s3://{s3.name}/{manifest_key}")

    loaded = jobpulse(["load"], env)
    assert loaded.exit_code == 0, loaded.output
    posting_ids = {f"remotive:{item['source_id']}" for item in items}
    assert {r[0] for r in warehouse_rows(db, "select posting_id from postings")} == posting_ids
    key = data_key.removeprefix("landing/")
    assert warehouse_rows(db, "select path, rows_read from landing_files") == [(key, 3)]
    assert warehouse_rows(db, "select status, landing_file from crawl_runs") == [("ok", key)]

    # A crawl still uploading, or one that died, has data but no manifest: not loaded yet.
    later = key.replace("remotive/", "remotive/9", 1)
    s3.put(f"landing/{later}", json.dumps({**items[0], "source_id": "999"}) + "\n")
    again = jobpulse(["load"], env)
    assert again.exit_code == 0, again.output
    assert "0 landing file(s) to load, 1 already loaded" in again.output
    assert ("skipped 1 landing file(s) without a run manifest (crawl still running, or died): "
            f"{later}") in again.output
    assert len(warehouse_rows(db, "select * from raw_postings")) == 3
    assert len(warehouse_rows(db, "select * from postings")) == 3
    assert len(warehouse_rows(db, "select * from landing_files")) == 1


def test_scrapy_endpoint_setting_overrides_the_environment(replay: ReplayServer, s3: S3Bucket,
                                                           tmp_path: Path) -> None:
    env: dict[str, str | None] = {"JOBPULSE_LANDING_DIR": s3.uri("landing"),
                                  "JOBPULSE_DATA_DIR": str(tmp_path / "data"),
                                  "AWS_ENDPOINT_URL": closed_port_url()}
    result = jobpulse(["crawl", "remotive", "--base-url", replay.base("remotive"),
                       "--set", f"AWS_ENDPOINT_URL={s3.endpoint}"], env)
    assert result.exit_code == 0, result.output
    [data_key, manifest_key] = s3.keys("landing/remotive/")
    assert len(s3.get(data_key).splitlines()) == json.loads(s3.get(manifest_key))["items"] == 3


def test_failed_upload_makes_a_failed_run(replay: ReplayServer, s3: S3Bucket,
                                          tmp_path: Path) -> None:
    # moto refuses an upload with an ACL that does not exist; the manifest's PUT has none.
    result = run_crawl("remotive", landing_dir=parse_location(s3.uri("landing")),
                       base_url=replay.base("remotive"), log_dir=tmp_path / "logs",
                       settings={"FEED_STORAGE_S3_ACL": "no-such-acl"})
    assert not result.ok
    assert result.manifest["status"] == "failed"
    assert result.manifest["errors"] == {"feed_store_failed": 1}
    assert result.manifest["items"] == 3  # scraped, then lost: the run must not look clean
    # An empty data object pairs the manifest, so the loader records the failed run.
    assert result.landing_file == f"s3://{s3.name}/landing/remotive/{result.run_id}.jsonl"
    assert s3.get(f"landing/remotive/{result.run_id}.jsonl") == b""


def test_missing_bucket_stops_crawl_and_load_with_one_line(replay: ReplayServer, s3: S3Bucket,
                                                           tmp_path: Path) -> None:
    env: dict[str, str | None] = {"JOBPULSE_LANDING_DIR": f"s3://{s3.name}-missing/landing",
                                  "JOBPULSE_DATA_DIR": str(tmp_path / "data"),
                                  "JOBPULSE_DB": str(tmp_path / "data" / "jobpulse.duckdb")}
    for args in (["crawl", "remotive", "--base-url", replay.base("remotive")], ["load"]):
        result = jobpulse(args, env)
        assert result.exit_code == 1
        assert result.output == (f"Error: the landing bucket '{s3.name}-missing' does not "
                                 f"exist (s3://{s3.name}-missing/landing); create it or "
                                 "correct JOBPULSE_LANDING_DIR\n")
    assert not (tmp_path / "data" / "logs").exists()  # the crawl never started


def test_missing_credentials_stop_load_with_one_line(s3: S3Bucket, tmp_path: Path) -> None:
    env: dict[str, str | None] = {"JOBPULSE_LANDING_DIR": s3.uri("landing"),
                                  "JOBPULSE_DB": str(tmp_path / "jobpulse.duckdb"),
                                  "AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}
    result = jobpulse(["load"], env)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: no AWS credentials for the landing zone s3://{s3.name}/landing: set "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)")
