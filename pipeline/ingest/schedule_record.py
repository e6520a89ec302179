"""The ``source_schedule`` table a load records, worked out beside the load.

Freshness is judged against each source's longest gap between two scheduled crawls; working
those gaps out steps through two months of cron fire times per source (0.1 s for the bundled
schedule), pure Python that would otherwise sit on every load's critical path. It runs on a
thread while the load's SQL runs, and is written before the load is published.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import duckdb
import polars as pl

from warehouse.load import SOURCE_SCHEDULE_COLUMNS, replace_source_schedule

Progress = Callable[[str], None]


class ScheduleRecord:
    """The schedule config as it is now, read when the load starts (a broken file is said
    once, and the table keeps what it had), and its rows computed on a thread."""

    def __init__(self, progress: Progress) -> None:
        # Imported here: APScheduler's cron parsing is only needed once a load starts.
        from pipeline.ops.schedule_config import ScheduleConfigError, load_config, schedule_rows

        self._rows: Future[list[dict[str, Any]]] | None = None
        try:
            config = load_config()
        except ScheduleConfigError as exc:
            progress(f"source schedule not updated: {exc}")
            return
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="source-schedule")
        self._rows = pool.submit(schedule_rows, config, datetime.now(UTC))
        pool.shutdown(wait=False)

    def write(self, con: duckdb.DuckDBPyConnection) -> None:
        """Make ``source_schedule`` the config's rows (nothing when the config was broken)."""
        if self._rows is None:
            return
        replace_source_schedule(con, pl.DataFrame(self._rows.result(), schema={
            **dict.fromkeys(SOURCE_SCHEDULE_COLUMNS, pl.String), "enabled": pl.Boolean,
            "interval_hours": pl.Float64, "min_interval_hours": pl.Float64}))
