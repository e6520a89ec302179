"""What ``jobpulse runs`` shows: recent crawl runs, failures with their reason, and per source
the next scheduled time and how fresh its data is.

Runs come from ``crawl_runs`` over a read-only connection, so this never blocks a load. Next
times come from the scheduler's job store when one exists (what the service will really do),
else from the cron expressions in the schedule config.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import duckdb

from handoff.landing import LandingLocation
from handoff.stores import open_store
from handoff.text import EPOCH, parse_iso_time
from pipeline.config import Settings
from pipeline.errors import LandingUnavailable
from pipeline.ingest.run_status import is_good, run_status
from pipeline.ops.schedule_config import ScheduleConfig, schedule_interval, store_path
from warehouse.sql import load_sql

STALE_AFTER = 2
"""A source crawled before with no good run within this many schedule intervals is stale."""

RUN_COLUMNS = ("run_id", "source", "started_at", "finished_at", "status", "finish_reason",
               "pages", "items_seen", "items_new", "items_changed", "items_unchanged",
               "items_closed", "items_dropped", "error_count", "errors", "loaded_at",
               "failure")



@attrs.frozen
class RunRow:
    run_id: str
    source: str
    started_at: datetime | None
    finished_at: datetime | None
    status: str
    finish_reason: str | None
    pages: int
    items_seen: int
    items_new: int
    items_changed: int
    items_unchanged: int
    items_closed: int
    items_dropped: int
    error_count: int
    errors: dict[str, int]
    loaded_at: datetime | None
    """``None`` for a run still waiting in the landing zone (read from its manifest)."""
    failure: str | None = None

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def reason(self) -> str | None:
        """Why a run failed or was partial: its finish reason and errors, in one phrase."""
        if self.status == "ok":
            return None
        if self.failure:
            return self.failure
        parts = []
        if self.status == "degraded":
            parts.append("far below the source's usual listing; closed nothing")
        if self.finish_reason != "finished":
            parts.append(f"finish reason: {self.finish_reason or 'unknown'}")
        if self.errors:
            parts.append("errors: " + ", ".join(f"{k}={v}" for k, v in
                                                sorted(self.errors.items())))
        return "; ".join(parts) or None


@attrs.frozen
class SourceStatus:
    source: str
    enabled: bool
    schedule: str
    next_run_at: datetime | None
    next_from: str | None
    """``job store`` or ``config`` (computed from the cron expression)."""
    last_run_at: datetime | None
    last_status: str | None
    last_ok_at: datetime | None
    """When the newest good run finished (items, not failed, not degraded): how fresh the
    source's data is."""
    interval: timedelta | None = None
    """The longest gap between two runs of its schedule."""
    stale: bool = False
    """Crawled before, but no good run within twice its schedule interval."""

    @property
    def freshness(self) -> str:
        """``stale``, ``fresh``, ``never good`` or ``never run``, for people and filters."""
        if self.last_run_at is None:
            return "never run"
        if self.stale:
            return "stale" if self.last_ok_at else "never good"
        return "fresh"


@attrs.frozen
class RunsReport:
    runs: list[RunRow]
    sources: list[SourceStatus]
    warehouse_note: str | None = None
    """Why no runs could be read (no warehouse yet, or it is busy), if so."""

    def to_json(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            return value.isoformat() if isinstance(value, datetime) else value

        return {
            "runs": [{**{k: plain(v) for k, v in attrs.asdict(r).items()},
                      "seconds": r.seconds, "reason": r.reason} for r in self.runs],
            "sources": [{**{k: plain(v) for k, v in attrs.asdict(s).items()
                            if k != "interval"},
                         "interval_hours": s.interval.total_seconds() / 3600
                         if s.interval else None,
                         "freshness": s.freshness}
                        for s in self.sources],
            "warehouse_note": self.warehouse_note,
        }


def recent_runs(con: duckdb.DuckDBPyConnection, *, limit: int = 20, source: str | None = None,
                failed: bool = False) -> list[RunRow]:
    """Newest runs first; ``failed`` keeps runs that failed or finished with errors."""
    rows = con.execute(load_sql("queries/recent_runs"),
                       {"source": source, "failed": failed, "limit": limit}).fetchall()
    return [_run_row(dict(zip(RUN_COLUMNS, row, strict=True))) for row in rows]


def landed_runs(landing: LandingLocation, loaded: set[str]) -> list[RunRow]:
    """Runs whose manifest is in the landing zone but that no load has recorded yet.

    A crawl that failed shows here at once, before any load: waiting for a load to learn that
    a source reached nothing is how a silent outage lasts for days.
    """
    runs, _incomplete = open_store(landing).runs()
    out = []
    for run in runs:
        if run.key in loaded:
            continue
        try:
            manifest = json.loads(run.read_manifest())
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(manifest, dict):
            out.append(manifest_row(manifest, run.run_id))
    return out


def manifest_row(manifest: dict[str, Any], run_id: str) -> RunRow:
    """A not yet loaded run as its manifest describes it."""
    def number(key: str) -> int:
        value = manifest.get(key)
        return int(value) if isinstance(value, int | float) else 0

    raw_errors = manifest.get("errors")
    errors = {str(k): int(v) for k, v in raw_errors.items()
              if isinstance(v, int | float)} if isinstance(raw_errors, dict) else {}
    failure = manifest.get("failure")
    return RunRow(
        run_id=str(manifest.get("run_id") or run_id), source=str(manifest.get("source") or "?"),
        started_at=_utc(parse_iso_time(manifest.get("started_at"))),
        finished_at=_utc(parse_iso_time(manifest.get("finished_at"))),
        status=run_status(manifest), finish_reason=manifest.get("finish_reason"),
        pages=number("pages"), items_seen=number("items"), items_new=0, items_changed=0,
        items_unchanged=0, items_closed=0, items_dropped=number("dropped"),
        error_count=sum(errors.values()), errors=errors, loaded_at=None,
        failure=str(failure) if failure else None)


def merge_latest(latest: dict[str, tuple[datetime | None, str | None, datetime | None]],
                 pending: list[RunRow]) -> None:
    """Fold runs not yet loaded into each source's (last run, its status, last good run)."""
    for run in pending:
        last_run_at, last_status, last_ok_at = latest.get(run.source, (None, None, None))
        last_run_at, last_ok_at = _utc(last_run_at), _utc(last_ok_at)
        if run.started_at and (last_run_at is None or run.started_at > last_run_at):
            last_run_at, last_status = run.started_at, run.status
        if is_good(run.status, run.items_seen) and run.finished_at \
                and (last_ok_at is None or run.finished_at > last_ok_at):
            last_ok_at = run.finished_at
        latest[run.source] = (last_run_at, last_status, last_ok_at)


def _run_row(row: dict[str, Any]) -> RunRow:
    errors = row["errors"]
    if isinstance(errors, str):
        errors = json.loads(errors or "{}")
    row["errors"] = {str(k): int(v) for k, v in (errors or {}).items()}
    for key in ("started_at", "finished_at", "loaded_at"):
        row[key] = _utc(row[key])
    return RunRow(**row)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def stored_next_runs(store: Path) -> dict[str, datetime | None] | None:
    """Next-run time of each job in the scheduler's job store, or ``None`` without a store."""
    if not store.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
        try:
            rows = con.execute(load_sql("queries/scheduler_next_runs")).fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    # APScheduler stores next_run_time as a UTC epoch; NULL means the job is paused.
    return {str(job_id): datetime.fromtimestamp(t, UTC) if t is not None else None
            for job_id, t in rows}


def source_statuses(config: ScheduleConfig, store: Path,
                    latest: dict[str, tuple[datetime | None, str | None, datetime | None]],
                    now: datetime | None = None) -> list[SourceStatus]:
    """One status per source in the config or with runs in the warehouse."""
    now = now or datetime.now(UTC)
    stored = stored_next_runs(store)
    out = []
    for slug in sorted(set(config.sources) | set(latest)):
        entry = config.sources.get(slug)
        enabled = bool(entry and entry.enabled)
        next_at: datetime | None = None
        next_from: str | None = None
        if enabled and stored is not None and slug in stored:
            next_at, next_from = stored[slug], "job store"
        elif enabled:
            next_at = _utc(config.trigger(slug).get_next_fire_time(None, now))
            next_from = "config"
        last_run_at, last_status, last_ok_at = latest.get(slug, (None, None, None))
        last_run_at, last_ok_at = _utc(last_run_at), _utc(last_ok_at)
        interval = schedule_interval(config.trigger(slug), now) if entry else None
        stale = bool(enabled and interval and last_run_at is not None
                     and (last_ok_at is None or now - last_ok_at > STALE_AFTER * interval))
        out.append(SourceStatus(slug, enabled, entry.cron if entry else "-", next_at, next_from,
                                last_run_at, last_status, last_ok_at, interval, stale))
    return out


def runs_report(settings: Settings, config: ScheduleConfig, *, limit: int = 20,
                source: str | None = None, failed: bool = False,
                wait_seconds: float = 10.0) -> RunsReport:
    """Everything ``jobpulse runs`` shows; a missing warehouse still shows the schedule."""
    from warehouse.db import CorruptWarehouse, WarehouseError, connect
    from warehouse.load import loaded_files  # polars and pyarrow: only when runs are read

    runs: list[RunRow] = []
    latest: dict[str, tuple[datetime | None, str | None, datetime | None]] = {}
    loaded: set[str] = set()
    notes = []
    try:
        con = connect(settings.db_path, read_only=True, wait_seconds=wait_seconds)
    except CorruptWarehouse:
        raise  # a damaged warehouse needs fixing, not a note under an empty table
    except WarehouseError as exc:
        notes.append(str(exc))
    else:
        try:
            runs = recent_runs(con, limit=limit, source=source, failed=failed)
            latest = {row[0]: (row[1], row[2], row[3])
                      for row in con.execute(load_sql("queries/latest_run_per_source")).fetchall()}
            loaded = loaded_files(con)
        except duckdb.CatalogException:
            notes.append(f"{settings.db_path} has no crawl_runs table yet: run `jobpulse load`")
        finally:
            con.close()
    try:
        pending = landed_runs(settings.landing_dir, loaded)
    except LandingUnavailable as exc:
        pending = []
        notes.append(str(exc))
    merge_latest(latest, pending)
    pending = [r for r in pending if (source is None or r.source == source)
               and (not failed or r.status != "ok")]
    runs = sorted(runs + pending, key=lambda r: (r.started_at or EPOCH, r.run_id),
                  reverse=True)[:limit]
    statuses = source_statuses(config, store_path(settings), latest)
    if source:
        statuses = [s for s in statuses if s.source == source]
    note = "; ".join(notes) if notes and not runs else None
    return RunsReport(runs, statuses, note)


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """``12 min ago`` / ``in 3 h`` style, for people reading the table."""
    if moment is None:
        return "-"
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    span = abs(seconds)
    if span < 90:
        text = f"{span:.0f} s"
    elif span < 90 * 60:
        text = f"{span / 60:.0f} min"
    elif span < 36 * 3600:
        text = f"{span / 3600:.1f} h"
    else:
        text = f"{span / 86400:.1f} d"
    return f"{text} ago" if seconds >= 0 else f"in {text}"
