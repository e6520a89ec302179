"""``jobpulse runs``: recent runs from crawl_runs, failures with their reason, next times."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.schedule import runs_command
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from pipeline.ops.runs import ago, runs_report
from pipeline.ops.schedule import SchedulerService
from pipeline.ops.schedule_config import load_config
from tests.conftest import write_seed_landing

CONFIG = """
sources:
  hn: {schedule: "17 */6 * * *"}
  jobicy: {schedule: "5 */3 * * *"}
  remotive: {enabled: false}
"""


def landed_run(settings: Settings, source: str, run_id: str, started: str, items: int = 0,
               **manifest: object) -> None:
    folder = settings.landing_dir / source
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"source": source, "source_id": f"{run_id}-{n}",
                         "url": f"https://{source}.example/{run_id}/{n}",
                         "fetched_at": started, "crawl_run": run_id, "jobTitle": "Engineer",
                         "hiringOrganization": {"name": "Acme"}}) + "\n"
             for n in range(items)]
    (folder / f"{run_id}.jsonl").write_text("".join(lines), encoding="utf-8")
    (folder / f"{run_id}.run.json").write_text(json.dumps({
        "run_id": run_id, "source": source, "started_at": started,
        "finished_at": started.replace(":00+", ":30+"), "pages": 1, "items": items,
        "errors": {}, **manifest,
    }), encoding="utf-8")


@pytest.fixture
def warehouse(settings: Settings) -> Settings:
    # run "seed": hn, ok, 120 postings, 2026-11-01
    write_seed_landing(settings, started_at=datetime(2026, 11, 1, tzinfo=UTC))
    landed_run(settings, "jobicy", "j-failed", "2026-11-02T10:00:00+00:00", status="failed",
               finish_reason="crawler exited with 1: twisted ConnectionRefusedError",
               errors={"crawler_exit_1": 1})
    landed_run(settings, "hn", "h-partial", "2026-11-03T10:00:00+00:00", items=2,
               finish_reason="finished", errors={"http_500": 2})
    report = load_warehouse(settings)
    assert not report.failed
    return settings


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "schedule.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def invoke(settings: Settings, *args: str) -> str:
    result = CliRunner().invoke(runs_command, list(args), env={
        "JOBPULSE_DATA_DIR": str(settings.data_dir), "JOBPULSE_DB": str(settings.db_path),
        "JOBPULSE_LANDING_DIR": str(settings.landing_dir), "JOBPULSE_SCHEDULE_FILE": None,
    })
    assert result.exit_code == 0, result.output
    return result.output


def test_runs_shows_recent_runs_failures_and_next_times(warehouse: Settings,
                                                        config_file: Path) -> None:
    out = invoke(warehouse, "--config", str(config_file))
    lines = out.splitlines()
    run_lines = [line for line in lines if line.endswith(("seed", "j-failed", "h-partial"))]
    # Newest first, with counts.
    assert [line.split()[-1] for line in run_lines] == ["h-partial", "j-failed", "seed"]
    assert run_lines[2].split()[2:6] == ["hn", "ok", "60.0", "6"]
    assert "FAILED: finish reason: crawler exited with 1: twisted ConnectionRefusedError; " \
           "errors: crawler_exit_1=1" in out
    assert "PARTIAL: errors: http_500=2" in out
    sources = {line.split()[0]: line for line in lines[lines.index("Sources (times UTC):") + 2:]}
    assert set(sources) == {"hn", "jobicy", "remotive"}
    assert "17 */6 * * *" in sources["hn"] and "config" in sources["hn"]
    assert "disabled" in sources["remotive"]
    assert " failed " in sources["jobicy"]


def test_runs_filters_and_json(warehouse: Settings, config_file: Path) -> None:
    data = json.loads(invoke(warehouse, "--config", str(config_file), "--failed", "--json"))
    assert [r["run_id"] for r in data["runs"]] == ["h-partial", "j-failed"]
    failed = data["runs"][1]
    assert failed["status"] == "failed" and failed["errors"] == {"crawler_exit_1": 1}
    assert failed["reason"].startswith("finish reason: crawler exited with 1")
    assert failed["started_at"] == "2026-11-02T10:00:00+00:00" and failed["seconds"] == 30
    data = json.loads(invoke(warehouse, "--config", str(config_file), "--source", "hn",
                             "--limit", "1", "--json"))
    assert [r["run_id"] for r in data["runs"]] == ["h-partial"]
    [hn] = data["sources"]
    assert hn["source"] == "hn" and hn["last_status"] == "partial"
    # The newest run that was not a failure is how fresh the data is.
    assert hn["last_ok_at"] == "2026-11-03T10:00:30+00:00"
    next_at = datetime.fromisoformat(hn["next_run_at"])
    assert next_at.minute == 17 and next_at.hour % 6 == 0 and next_at > datetime.now(UTC)


def test_next_times_come_from_the_job_store(warehouse: Settings, config_file: Path) -> None:
    config = load_config(config_file)
    service = SchedulerService(config, warehouse, every=3600)
    service.start()
    assert service.scheduler is not None
    stored = {j.id: j.next_run_time for j in service.scheduler.get_jobs()}
    service.shutdown()
    report = runs_report(warehouse, config)
    by_source = {s.source: s for s in report.sources}
    assert by_source["hn"].next_from == "job store"
    assert by_source["hn"].next_run_at == stored["hn"]
    assert by_source["remotive"].next_run_at is None


def test_runs_without_a_warehouse_still_shows_the_schedule(settings: Settings,
                                                           config_file: Path) -> None:
    out = invoke(settings, "--config", str(config_file))
    assert out.startswith("no runs: no warehouse at ")
    assert "Sources (times UTC):" in out


def test_runs_rejects_an_unknown_source(settings: Settings, config_file: Path) -> None:
    result = CliRunner().invoke(runs_command, ["--config", str(config_file), "--source", "x"],
                                env={"JOBPULSE_DATA_DIR": str(settings.data_dir)})
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: unknown source 'x' (known: ")


def test_ago() -> None:
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    assert ago(now - timedelta(minutes=12), now) == "12 min ago"
    assert ago(now + timedelta(hours=3), now) == "in 3.0 h"
    assert ago(None, now) == "-"
