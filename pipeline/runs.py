"""What ``jobpulse runs`` shows: recent crawl runs, failures with their reason, and per source
the next scheduled time and how fresh its data is.

Runs come from ``crawl_runs`` over a read-only connection, so this never blocks a load. Next
times come from the scheduler's job store when one exists (what the service will really do),
else from the cron expressions in the schedule config.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import duckdb

from pipeline.config import Settings
from pipeline.schedule_config import ScheduleConfig, store_path
from warehouse.sql import load_sql

RUN_COLUMNS = ("run_id", "source", "started_at", "finished_at", "status", "finish_reason",
               "pages", "items_seen", "items_new", "items_changed", "items_unchanged",
               "items_closed", "items_dropped", "error_count", "errors", "loaded_at")



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
        parts = []
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
    """When the newest run that was not a failure finished: how fresh the source's data is."""


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
            "sources": [{k: plain(v) for k, v in attrs.asdict(s).items()}
                        for s in self.sources],
            "warehouse_note": self.warehouse_note,
        }


def recent_runs(con: duckdb.DuckDBPyConnection, *, limit: int = 20, source: str | None = None,
                failed: bool = False) -> list[RunRow]:
    """Newest runs first; ``failed`` keeps runs that failed or finished with errors."""
    rows = con.execute(load_sql("queries/recent_runs"),
                       {"source": source, "failed": failed, "limit": limit}).fetchall()
    return [_run_row(dict(zip(RUN_COLUMNS, row, strict=True))) for row in rows]


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
            rows = con.execute("select id, next_run_time from apscheduler_jobs").fetchall()
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
        out.append(SourceStatus(slug, enabled, entry.cron if entry else "-", next_at, next_from,
                                _utc(last_run_at), last_status, _utc(last_ok_at)))
    return out


def runs_report(settings: Settings, config: ScheduleConfig, *, limit: int = 20,
                source: str | None = None, failed: bool = False,
                wait_seconds: float = 10.0) -> RunsReport:
    """Everything ``jobpulse runs`` shows; a missing warehouse still shows the schedule."""
    from warehouse.db import CorruptWarehouse, WarehouseError, connect

    runs: list[RunRow] = []
    latest: dict[str, tuple[datetime | None, str | None, datetime | None]] = {}
    note = None
    try:
        con = connect(settings.db_path, read_only=True, wait_seconds=wait_seconds)
    except CorruptWarehouse:
        raise  # a damaged warehouse needs fixing, not a note under an empty table
    except WarehouseError as exc:
        note = str(exc)
    else:
        try:
            runs = recent_runs(con, limit=limit, source=source, failed=failed)
            latest = {row[0]: (row[1], row[2], row[3])
                      for row in con.execute(load_sql("queries/latest_run_per_source")).fetchall()}
        except duckdb.CatalogException:
            note = f"{settings.db_path} has no crawl_runs table yet: run `jobpulse load`"
        finally:
            con.close()
    statuses = source_statuses(config, store_path(settings), latest)
    if source:
        statuses = [s for s in statuses if s.source == source]
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
