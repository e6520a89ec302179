"""The scheduler service: crawl each source on its own schedule, then load the warehouse.

APScheduler (3.x, background scheduler) keeps one job per enabled source in a SQLite job store
(``<data_dir>/scheduler.sqlite``), so next-run times survive a restart and runs missed while the
service was down are coalesced into one. A job stores only ``pipeline.ops.schedule:run_scheduled``
and the source's slug; everything else (args, base URL, locks) comes from the running service,
so the config file stays the single truth and is re-applied to the stored jobs at every start.

Each run crawls in its own subprocess (Twisted's reactor cannot restart) and then loads; loads
are serialised within the process, and a failing crawl or load is logged, never fatal. On
SIGTERM or SIGINT no new run starts, running crawls get ``stop_timeout`` seconds to finish, then
are asked to stop (SIGTERM: Scrapy closes the spider and writes the manifest), what landed is
loaded, and the service exits.

Run ``jobpulse schedule --help`` (or ``python -m pipeline.cli schedule --help``).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import attrs
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger

from pipeline.config import Settings
from pipeline.errors import JobpulseError
from pipeline.ops.schedule_config import REPORT_JOB, ScheduleConfig, store_path

log = logging.getLogger(__name__)

JOB_FUNC = "pipeline.ops.schedule:run_scheduled"
LOCK_FILE = "scheduler.lock"

_active: SchedulerService | None = None
"""The service of this process; stored jobs reach it through ``run_scheduled``."""


def run_scheduled(source: str) -> None:
    """The job function the job store refers to: one scheduled run of ``source``."""
    service = _active
    if service is None:
        log.warning("%s: no scheduler service in this process; run skipped", source)
        return
    if source == REPORT_JOB:
        service.run_report()
    else:
        service.run_source(source)


@attrs.frozen
class _Running:
    crawl_stop: threading.Event
    """Set to ask the run's crawl to stop (grace over, or crawl timeout)."""
    done: threading.Event
    """Set when the run, load included, is over."""


class SchedulerService:
    """One scheduler process: jobs synchronised with ``config``, runs, loads and shutdown."""

    def __init__(self, config: ScheduleConfig, settings: Settings, *,
                 base_url: str | None = None, every: float | None = None,
                 stop_timeout: float | None = None) -> None:
        if base_url and "{source}" not in base_url and len(config.enabled) > 1:
            raise JobpulseError("with several enabled sources, --base-url must contain {source}")
        if every is not None and every <= 0:
            raise JobpulseError("--every must be a positive number of seconds")
        self.config = config
        self.settings = settings
        self.base_url = base_url
        self.every = every
        self.stop_timeout = config.stop_timeout if stop_timeout is None else stop_timeout
        self.stopping = threading.Event()
        self.hurry = threading.Event()
        """Set by a second signal: stop the running crawls without waiting out the grace."""
        self._load_lock = threading.Lock()
        self._running: dict[str, _Running] = {}
        self._running_lock = threading.Lock()
        self._lock_handle: Any = None
        self.scheduler: BackgroundScheduler | None = None

    # -- jobs -----------------------------------------------------------------------------

    def trigger(self, slug: str) -> tuple[BaseTrigger, str]:
        """The trigger for ``slug`` and a description that tells whether a stored job is stale."""
        if self.every is not None:
            return IntervalTrigger(seconds=self.every), f"every {self.every:g}s"
        return (self.config.trigger(slug),
                f"cron '{self.config.cron(slug)}' {self.config.timezone}")

    def sync_jobs(self, scheduler: BackgroundScheduler) -> dict[str, list[str]]:
        """Make the stored jobs match the config: add, reschedule, update or remove."""
        changes: dict[str, list[str]] = {"added": [], "rescheduled": [], "kept": [],
                                         "removed": []}
        wanted = set(self.config.jobs)
        for job in scheduler.get_jobs():
            if job.id not in wanted:
                scheduler.remove_job(job.id)
                changes["removed"].append(job.id)
        options = {"coalesce": True, "max_instances": 1,
                   "misfire_grace_time": self.config.misfire_grace_time}
        for slug in sorted(wanted):
            trigger, described = self.trigger(slug)
            name = f"{slug} {described}"
            job = scheduler.get_job(slug)
            if job is None:
                scheduler.add_job(JOB_FUNC, trigger, args=[slug], id=slug, name=name, **options)
                changes["added"].append(slug)
                continue
            if job.name != name:
                # A new trigger also gets a new next-run time; an unchanged one keeps its own,
                # which is what lets a missed run be made up after a restart.
                scheduler.reschedule_job(slug, trigger=trigger)
                changes["rescheduled"].append(slug)
            else:
                changes["kept"].append(slug)
            scheduler.modify_job(slug, func=JOB_FUNC, args=[slug], name=name, **options)
        return changes

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Take the service lock, open the job store, synchronise jobs and start scheduling."""
        global _active
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        self._take_lock()
        scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(url=f"sqlite:///{store_path(self.settings)}")},
            executors={"default": ThreadPoolExecutor(max_workers=max(len(self.config.jobs), 1))},
            timezone=self.config.timezone,
        )
        _active = self
        # Paused until the jobs match the config, so no stale stored job fires meanwhile.
        scheduler.start(paused=True)
        self.scheduler = scheduler
        changes = self.sync_jobs(scheduler)
        log.info("scheduler: config %s, job store %s; %s", self.config.path,
                 store_path(self.settings),
                 ", ".join(f"{k} {' '.join(v)}" for k, v in changes.items() if v) or "no jobs")
        scheduler.resume()
        for job in scheduler.get_jobs():
            log.info("scheduler: %s next at %s", job.name,
                     job.next_run_time.isoformat() if job.next_run_time else "never (paused)")

    def run_forever(self) -> None:
        """Start, serve until SIGTERM or SIGINT, then shut down cleanly.

        The handlers stay installed until the process exits: a repeated SIGTERM from a service
        manager during the last moments of shutdown must not kill it with a signal status.
        """
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        try:
            self.start()
            while not self.stopping.wait(1.0):
                pass
        finally:
            self.shutdown()
            # Interpreter exit puts Python-level handlers back to the default (die by the
            # signal) but leaves an ignored signal ignored: a SIGTERM in the last instant must
            # not turn a clean exit into a killed one.
            for sig in (signal.SIGTERM, signal.SIGINT):
                with contextlib.suppress(OSError):  # a signal in flight: ignored all the same
                    signal.signal(sig, signal.SIG_IGN)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if self.stopping.is_set():
            log.info("scheduler: %s again: stopping running crawls now", name)
            self.hurry.set()
            return
        log.info("scheduler: %s: no new runs; running crawls may finish within %gs",
                 name, self.stop_timeout)
        self.stopping.set()

    def shutdown(self) -> None:
        """Stop scheduling, give running crawls their grace, stop them, wait for their loads."""
        global _active
        with self._running_lock:
            self.stopping.set()
        if self.scheduler is not None and self.scheduler.running:
            # wait=False: APScheduler 3.11 logs a RuntimeError when it waits for running jobs,
            # so the running runs are waited for here instead.
            self.scheduler.shutdown(wait=False)
        deadline = time.monotonic() + self.stop_timeout
        while self._snapshot() and time.monotonic() < deadline and not self.hurry.is_set():
            time.sleep(0.2)
        for source, running in self._snapshot().items():
            log.info("%s: grace over; asking the crawl to stop", source)
            running.crawl_stop.set()
        for running in self._snapshot().values():
            running.done.wait()
        _active = None
        self._release_lock()
        if self.scheduler is not None:
            log.info("scheduler: stopped")

    def _snapshot(self) -> dict[str, _Running]:
        with self._running_lock:
            return dict(self._running)

    def _take_lock(self) -> None:
        # Two services on one job store would both run every job.
        path = self.settings.data_dir / LOCK_FILE
        handle = path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            other = handle.read().strip() or "?"
            handle.close()
            raise JobpulseError(f"another scheduler (pid {other}) is using "
                                f"{self.settings.data_dir}; stop it first") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._lock_handle = handle

    def _release_lock(self) -> None:
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None

    # -- one run --------------------------------------------------------------------------

    @contextmanager
    def _registered(self, source: str) -> Iterator[threading.Event | None]:
        """The run's crawl-stop event, or ``None`` when the service is already stopping."""
        running = _Running(threading.Event(), threading.Event())
        # Checked under the same lock that shutdown() reads runs with, so a run either is
        # refused or is waited for: none can slip in between.
        with self._running_lock:
            refused = self.stopping.is_set()
            if not refused:
                self._running[source] = running
        if refused:
            yield None
            return
        try:
            yield running.crawl_stop
        finally:
            with self._running_lock:
                self._running.pop(source, None)
            running.done.set()

    def run_source(self, source: str) -> None:
        """Crawl ``source`` in a subprocess, then load; never raises (the service goes on)."""
        try:
            with self._registered(source) as crawl_stop:
                if crawl_stop is None:
                    log.info("%s: run not started: shutting down", source)
                    return
                self._run(source, crawl_stop)
        except JobpulseError as exc:
            # Something the operator can act on (e.g. the landing bucket is gone): one line.
            log.error("%s: run failed: %s", source, exc)
        except Exception:
            log.exception("%s: run failed unexpectedly", source)

    def _run(self, source: str, crawl_stop: threading.Event) -> None:
        from pipeline.ops.crawl import is_loopback, run_crawl
        from pipeline.ops.crawl_interval import too_soon
        from pipeline.ops.keys import skip_line
        from pipeline.ops.sources import get_source

        if (no_key := skip_line(get_source(source))) is not None:
            log.warning("%s", no_key)
            return
        url = self.base_url.replace("{source}", source) if self.base_url else None
        if not (url and is_loopback(url)):
            reason = too_soon(self.settings.landing_dir, source)
            if reason:
                log.info("%s: run skipped: %s", source, reason)
                return
        entry = self.config.sources[source]
        log.info("%s: run started%s", source, f" against {url}" if url else "")
        timer = threading.Timer(self.config.crawl_timeout, crawl_stop.set)
        timer.daemon = True
        timer.start()
        try:
            result = run_crawl(source, landing_dir=self.settings.landing_dir, base_url=url,
                               args=entry.args, settings=entry.settings, stop=crawl_stop,
                               own_session=True)
        finally:
            timer.cancel()
        m = result.manifest
        errors = ", ".join(f"{k}={v}" for k, v in sorted((m.get("errors") or {}).items()))
        crawled = (f"{m.get('finish_reason')}, {m.get('pages', 0)} pages, "
                   f"{m.get('items', 0)} items, errors: {errors or 'none'}, "
                   f"{result.seconds:.1f}s")
        loaded = self._load(result.run_id)
        level = logging.INFO if result.ok and "FAILED" not in loaded else logging.WARNING
        log.log(level, "%s: run %s ended: %s; %s", source, result.run_id, crawled, loaded)

    def run_report(self) -> None:
        """Write the last complete month's report (``jobpulse report``); never raises.

        Run after loads, never during one: the report reads the published warehouse.
        """
        import subprocess
        import sys

        report = self.config.report
        if report is None or self.stopping.is_set():
            return
        out = report.out if report.out.is_absolute() else self.settings.data_dir / report.out
        with self._load_lock:
            done = subprocess.run(
                [sys.executable, "-m", "pipeline.cli", "report", "--out", str(out), "--db",
                 str(self.settings.db_path)], capture_output=True, text=True, check=False)
        if done.returncode:
            log.error("report: FAILED: %s", (done.stderr.strip().splitlines() or ["?"])[-1])
        else:
            log.info("report: %s", done.stdout.strip())

    def _load(self, run_id: str) -> str:
        from pipeline.ingest.loader import load_warehouse

        # Two runs may end together; one load at a time from this process (the warehouse's
        # own lock also keeps other processes' loads apart).
        with self._load_lock:
            try:
                report = load_warehouse(self.settings, lambda msg: log.debug("load: %s", msg))
            except Exception as exc:
                log.debug("load failed", exc_info=True)
                return f"load FAILED: {type(exc).__name__}: {exc}"
        for outcome in report.files:
            if outcome.run_id != run_id:
                continue
            if outcome.error or outcome.counts is None:
                return f"load FAILED: {outcome.error}"
            c = outcome.counts
            return (f"loaded: {c.items_new} new, {c.items_changed} changed, "
                    f"{c.items_unchanged} unchanged, {c.items_closed} closed "
                    f"({report.total_postings} postings)")
        return "loaded by an earlier load"
