"""A real source is not crawled again before its terms' minimum interval."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.ops.crawl_interval import too_soon


def manifest(landing: Path, source: str, started: datetime, base_url: str) -> None:
    folder = landing / source
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{started:%Y%m%dT%H%M%S}.run.json").write_text(json.dumps(
        {"run_id": "x", "source": source, "started_at": started.isoformat(),
         "args": {"base_url": base_url}}))


def test_too_soon_after_a_real_crawl(tmp_path: Path) -> None:
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    manifest(tmp_path, "remotive", now - timedelta(hours=2), "https://remotive.com")
    reason = too_soon(tmp_path, "remotive", now=now)
    assert reason is not None and "every 6 h" in reason and "120 min ago" in reason
    assert too_soon(tmp_path, "remotive", now=now + timedelta(hours=5)) is None


def test_local_crawls_do_not_count(tmp_path: Path) -> None:
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    manifest(tmp_path, "jobicy", now - timedelta(minutes=5), "http://127.0.0.1:8000/jobicy")
    assert too_soon(tmp_path, "jobicy", now=now) is None


def test_crawl_command_skips_without_touching_the_network(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    manifest(landing, "remotive", datetime.now(UTC) - timedelta(minutes=30),
             "https://remotive.com")
    result = CliRunner().invoke(cli, ["crawl", "remotive"], env={
        "JOBPULSE_LANDING_DIR": str(landing), "JOBPULSE_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert "skipped remotive: last crawled 30 min ago" in result.output
    assert "--force" in result.output
    assert len(list((landing / "remotive").glob("*.run.json"))) == 1
