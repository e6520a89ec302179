"""The scheduler service: config checks, job-store state across restarts, and the real service
crawling the local replay server in a subprocess, including a SIGTERM in the middle of a run."""

from __future__ import annotations

import os
import queue
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.ops.schedule import SchedulerService
from pipeline.ops.schedule_config import (
    BUNDLED_FILE,
    ScheduleConfigError,
    cron_trigger,
    cron_weekdays,
    load_config,
    store_path,
)
from pipeline.ops.sources import SOURCES
from tests.conftest import ROOT, ReplayServer
from warehouse.db import connect


def write_config(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


HN_ONLY = """
sources:
  hn: {enabled: true, schedule: "17 */6 * * *"}
  arbeitnow: {enabled: false}
"""


class Service:
    """``python -m pipeline.cli schedule`` in a subprocess, its log lines read as they come."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "schedule", *args], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip())
            self._queue.put(line.rstrip())

    def wait_for(self, pattern: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self._queue.empty():
                    break
                continue
            if re.search(pattern, line):
                return line
        self.stop(signal.SIGKILL)
        raise AssertionError(f"no line matching {pattern!r}; output:\n" + "\n".join(self.lines))

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=timeout)


@pytest.fixture
def env(make_env: Callable[[], dict[str, str]]) -> dict[str, str]:
    return {**os.environ, **make_env()}


@pytest.fixture
def start_service(env: dict[str, str]) -> Iterator[Callable[[list[str]], Service]]:
    """Starts services that are killed at teardown, so a failing test leaves none behind."""
    started: list[Service] = []

    def start(args: list[str]) -> Service:
        started.append(Service(args, env))
        return started[-1]

    yield start
    for service in started:
        if service.proc.poll() is None:
            service.proc.kill()
            service.proc.wait(timeout=10)


def crawl_runs(settings: Settings) -> list[tuple]:
    con = connect(settings.db_path, read_only=True, wait_seconds=10)
    try:
        return con.execute(
            "select run_id, status, finish_reason, items_seen, items_new, items_unchanged "
            "from crawl_runs order by started_at").fetchall()
    finally:
        con.close()


# -- config ---------------------------------------------------------------------------------

def test_bundled_config_matches_the_registry() -> None:
    config = load_config(BUNDLED_FILE)
    assert set(config.sources) == set(SOURCES)
    for slug, entry in config.sources.items():
        assert entry.cron == SOURCES[slug].schedule, slug
    assert config.misfire_grace_time == 3600 and config.stop_timeout == 300


def test_config_file_from_the_environment(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path / "s.yaml", HN_ONLY)
    monkeypatch.setenv("JOBPULSE_SCHEDULE_FILE", str(path))
    config = load_config()
    assert config.path == path
    assert [s.slug for s in config.enabled] == ["hn"]


@pytest.mark.parametrize(("body", "message"), [
    ("sources:\n  hackernews: {schedule: '0 * * * *'}\n", "unknown source 'hackernews'"),
    ("sources:\n  hn: {schedule: '0 * * *'}\n", "sources.hn.schedule: bad cron expression"),
    ("sources:\n  hn: {schedule: '61 * * * *'}\n", "bad cron expression '61 * * * *'"),
    ("sources:\n  hn: {enable: true}\n", "sources.hn: unknown key 'enable'"),
    ("timezone: Mars/Olympus\nsources: {}\n", "unknown time zone"),
    ("stop_timeout: -1\nsources: {}\n", "stop_timeout: expected a positive number"),
    ("sources: [hn]\n", "sources: expected a mapping"),
    ("sources: {hn: {\n", "not valid YAML"),
])
def test_config_errors_are_one_clear_line(tmp_path: Path, body: str, message: str) -> None:
    path = write_config(tmp_path / "s.yaml", body)
    with pytest.raises(ScheduleConfigError) as info:
        load_config(path)
    assert message in str(info.value)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_cron_weekdays_count_sunday_as_zero_like_cron() -> None:
    assert cron_weekdays("0") == "sun" and cron_weekdays("7") == "sun"
    assert cron_weekdays("1-5") == "mon-fri"
    assert cron_weekdays("0-6") == "sun,mon-sat"
    assert cron_weekdays("5-7") == "sun,fri-sat"
    assert cron_weekdays("*") == "*" and cron_weekdays("mon,wed") == "mon,wed"
    # 2026-11-22 is a Sunday: "every Monday 09:00" must fire on the 23rd, as cron would.
    from datetime import UTC, datetime

    fire = cron_trigger("0 9 * * 1", "UTC").get_next_fire_time(
        None, datetime(2026, 11, 22, 12, tzinfo=UTC))
    assert fire is not None and fire.date().isoformat() == "2026-11-23"


def test_service_start_up_error_is_one_line(tmp_path: Path, env: dict[str, str]) -> None:
    path = write_config(tmp_path / "bad.yaml",
                        "sources:\n  nosuch: {}\n  hn: {schedule: 'every hour'}\n")
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "schedule", "--config",
                             str(path)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: schedule config {path}: ")
    assert "unknown source 'nosuch'" in lines[0] and "bad cron expression" in lines[0]


def test_base_url_needs_a_placeholder_for_several_sources(tmp_path: Path,
                                                          settings: Settings) -> None:
    config = load_config(write_config(tmp_path / "s.yaml",
                                      "sources:\n  hn: {}\n  jobicy: {}\n"))
    with pytest.raises(Exception, match=r"must contain \{source\}"):
        SchedulerService(config, settings, base_url="http://127.0.0.1:1/x")


# -- job store and restarts (in process, nothing crawled) -----------------------------------

class CountingService(SchedulerService):
    """Records runs instead of crawling, to watch what the scheduler decides."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.calls: list[float] = []

    def run_source(self, source: str) -> None:
        self.calls.append(time.monotonic())


def stored_jobs(settings: Settings) -> dict[str, float | None]:
    con = sqlite3.connect(store_path(settings))
    try:
        return dict(con.execute("select id, next_run_time from apscheduler_jobs").fetchall())
    finally:
        con.close()


def test_restart_keeps_jobs_and_resyncs_with_the_config(tmp_path: Path,
                                                        settings: Settings) -> None:
    config = load_config(write_config(tmp_path / "s.yaml", HN_ONLY))
    first = CountingService(config, settings)
    first.start()
    first.shutdown()
    before = stored_jobs(settings)
    assert list(before) == ["hn"] and before["hn"] is not None

    again = CountingService(config, settings)
    again.start()
    assert again.scheduler is not None
    assert [j.id for j in again.scheduler.get_jobs()] == ["hn"]
    again.shutdown()
    assert stored_jobs(settings) == before  # same job, same next-run time: no duplicate

    changed = load_config(write_config(
        tmp_path / "s.yaml",
        "sources:\n  hn: {enabled: false}\n  jobicy: {schedule: '5 */3 * * *'}\n"
        "  arbeitnow: {schedule: '0 2 * * 0'}\n"))
    service = CountingService(changed, settings)
    service.start()
    assert service.scheduler is not None
    changes = service.sync_jobs(service.scheduler)  # a second sync finds nothing to do
    service.shutdown()
    assert changes == {"added": [], "rescheduled": [], "kept": ["arbeitnow", "jobicy"],
                       "removed": []}
    assert sorted(stored_jobs(settings)) == ["arbeitnow", "jobicy"]


def test_missed_runs_are_coalesced_after_a_restart(tmp_path: Path, settings: Settings) -> None:
    config = load_config(write_config(tmp_path / "s.yaml", HN_ONLY))
    service = CountingService(config, settings, every=3)
    service.start()
    service.shutdown()  # before its first run
    time.sleep(6.5)  # the service is "down" while two runs fall due
    restarted = CountingService(config, settings, every=3)
    restarted.start()
    deadline = time.monotonic() + 2
    while not restarted.calls and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # a second, uncoalesced run would come right behind the first
    restarted.shutdown()
    assert len(restarted.calls) == 1, restarted.calls


def test_a_second_service_on_the_same_data_is_refused(tmp_path: Path,
                                                      settings: Settings) -> None:
    config = load_config(write_config(tmp_path / "s.yaml", HN_ONLY))
    first = CountingService(config, settings)
    first.start()
    try:
        with pytest.raises(Exception, match="another scheduler"):
            CountingService(config, settings).start()
    finally:
        first.shutdown()


# -- the real service against the replay server ---------------------------------------------

@pytest.mark.slow
def test_scheduled_runs_load_then_find_nothing_new(tmp_path: Path, replay: ReplayServer,
                                                   settings: Settings,
                                                   start_service: Callable[[list[str]], Service],
                                                   ) -> None:
    config = write_config(tmp_path / "s.yaml", HN_ONLY)
    service = start_service(["--config", str(config), "--base-url", f"{replay.url}/{{source}}",
                             "--every", "1"])
    service.wait_for(r"added hn")
    first = service.wait_for(r"hn: run \S+ ended")
    assert re.search(r"finished, \d+ pages, 5 items, errors: none", first), first
    assert "loaded: 5 new, 0 changed, 0 unchanged" in first
    rows = crawl_runs(settings)
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [("ok", "finished", 5, 5)]

    second = service.wait_for(r"hn: run \S+ ended")
    assert "loaded: 0 new, 0 changed, 5 unchanged" in second
    assert service.stop() == 0
    service.wait_for(r"scheduler: stopped")
    runs = crawl_runs(settings)
    assert len(runs) >= 2
    assert runs[1][4] == 0 and runs[1][5] == 5  # items_new == 0, items_unchanged == 5
    con = connect(settings.db_path, read_only=True)
    try:
        assert con.execute("select count(*) from postings").fetchall()[0][0] == 5
    finally:
        con.close()
    assert list(stored_jobs(settings)) == ["hn"]


def wait_until_spider_opened(settings: Settings, timeout: float = 60) -> None:
    # A crawl stopped before its spider opens writes no manifest of its own; wait for it to
    # be really crawling, which is the case this test is about.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for log_file in (settings.data_dir / "logs" / "hn").glob("*.log"):
            if "Spider opened" in log_file.read_text(encoding="utf-8", errors="replace"):
                return
        time.sleep(0.2)
    raise AssertionError("the crawl did not open its spider")


@pytest.mark.slow
def test_sigterm_during_a_run_stops_cleanly_and_records_it(tmp_path: Path,
                                                           replay: ReplayServer,
                                                           settings: Settings,
                                                           start_service: Callable[
                                                               [list[str]], Service],
                                                           ) -> None:
    # A fixed download delay keeps the crawl busy long enough to be interrupted: after
    # robots.txt, each of its 3+ requests waits 6 s, while the stop reaches it ~2 s after the
    # spider opens. Scrapy's graceful close waits out the one delayed request in progress, so
    # the delay is also the floor of this test's run time.
    config = write_config(tmp_path / "s.yaml", """
sources:
  hn: {schedule: "17 */6 * * *",
       settings: {DOWNLOAD_DELAY: 6, DOWNLOAD_DELAY_JITTER: 0}}
""")
    service = start_service(["--config", str(config), "--base-url", f"{replay.url}/{{source}}",
                             "--every", "1", "--stop-timeout", "1"])
    service.wait_for(r"hn: run started")
    wait_until_spider_opened(settings)
    service.proc.send_signal(signal.SIGTERM)
    service.wait_for(r"grace over; asking the crawl to stop")
    ended = service.wait_for(r"hn: run \S+ ended")
    assert "shutdown" in ended and "loaded:" in ended
    # One SIGTERM is all a clean stop needs: the service exits on its own.
    assert service.proc.wait(timeout=60) == 0
    assert not any("Traceback" in line or "RuntimeError" in line for line in service.lines)
    runs = crawl_runs(settings)
    assert len(runs) == 1
    assert runs[0][1] == "failed" and runs[0][2] == "shutdown"
    assert not list(settings.landing_dir.glob("hn/*.tmp"))
