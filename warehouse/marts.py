"""Refresh the aggregates prepared at load time (``warehouse/sql/marts/``), in name order."""

from __future__ import annotations

import time

import duckdb

from warehouse.load import transaction
from warehouse.sql import load_sql, sql_files


def refresh_marts(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Recompute every mart in one transaction; returns seconds per mart."""
    timings: dict[str, float] = {}
    with transaction(con):
        for path in sql_files("marts"):
            started = time.monotonic()
            con.execute(path.read_text(encoding="utf-8"))
            timings[path.stem] = time.monotonic() - started
    return timings


def marts_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True until the first refresh (a refresh always writes the one-row summary)."""
    return con.execute(load_sql("queries/mart_summary_rows")).fetchall()[0][0] == 0
