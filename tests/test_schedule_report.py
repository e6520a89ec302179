"""The scheduler writes the monthly market report on its own cron, after loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.ops.schedule import SchedulerService
from pipeline.ops.schedule_config import REPORT_JOB, ScheduleConfigError, load_config
from tests.conftest import DemoBuild
from tests.test_schedule import BUNDLED_FILE, write_config


def test_bundled_config_schedules_the_report() -> None:
    config = load_config(BUNDLED_FILE)
    assert config.report is not None and config.report.enabled
    assert REPORT_JOB in config.jobs


@pytest.mark.parametrize(("body", "message"), [
    ("sources: {}\nreport: {schedule: 'every month'}\n", "report.schedule: bad cron"),
    ("sources: {}\nreport: {when: '0 0 1 * *'}\n", "report: unknown key 'when'"),
    ("sources: {}\nreport: [1]\n", "report: expected a mapping"),
])
def test_report_config_errors(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ScheduleConfigError, match=message):
        load_config(write_config(tmp_path / "s.yaml", body))


def test_report_job_is_synced_and_writes_the_report(tmp_path: Path, settings: Settings,
                                                    demo_build: DemoBuild,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    assert demo_build.returncode == 0, demo_build.output[-2000:]
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_build.db_path, settings.db_path)
    config = load_config(write_config(
        tmp_path / "s.yaml",
        "sources: {hn: {enabled: false}}\nreport: {schedule: '30 6 1 * *', out: monthly}\n"))
    service = SchedulerService(config, settings)
    service.start()
    try:
        assert service.scheduler is not None
        job = service.scheduler.get_job(REPORT_JOB)
        assert job is not None and "30 6 1 * *" in job.name
        with caplog.at_level("INFO"):
            service.run_report()
    finally:
        service.shutdown()
    written = sorted(p.name for p in (settings.data_dir / "monthly").glob("*.html"))
    assert written == ["jobpulse-report-2026-10.html"]  # the demo's last complete month
    assert any("report: wrote" in r.getMessage() for r in caplog.records)
