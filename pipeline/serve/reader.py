"""A long-lived, locked-down reader of the published warehouse for the MCP server and the API.

Every query runs on a private read-only snapshot of the warehouse file with file and network
access switched off and the settings locked (:func:`warehouse.readonly.lock_down`), so neither
a tool nor a user's SQL can write, read a file or reach the network. A load publishes by
renaming a new file over the old one; the next query after that opens the new snapshot.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from warehouse.answers import Answers, run_on
from warehouse.db import WarehouseError, open_snapshot, snapshot_cursor
from warehouse.readonly import QueryError, QueryResult, first_line, lock_down, run_query


class WarehouseReader:
    """Named queries and checked user SQL on the current snapshot of ``db``."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        self._lock = threading.Lock()
        self._ident: tuple[int, int, int] | None = None
        self._snapshot: duckdb.DuckDBPyConnection | None = None
        self.answers = Answers(self.run)
        self._cursor().close()  # a missing or corrupt file fails now, with its own message

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        try:
            stat = os.stat(self.db)
        except FileNotFoundError:
            raise WarehouseError(
                f"no warehouse at {self.db}: run `jobpulse load` (or `jobpulse demo`)") from None
        ident = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        with self._lock:
            if self._snapshot is None or ident != self._ident:
                snapshot = open_snapshot(self.db)
                lock_down(snapshot)
                self._snapshot, self._ident = snapshot, ident
            return snapshot_cursor(self._snapshot)

    def run(self, name: str, params: dict[str, Any] | None) -> pl.DataFrame:
        """``warehouse/sql/<name>.sql`` with ``params``; a DuckDB error becomes QueryError."""
        cursor = self._cursor()
        try:
            return run_on(cursor, name, params)
        except duckdb.Error as exc:
            raise QueryError(first_line(exc)) from exc
        finally:
            cursor.close()

    def sql(self, query: str, limit: int) -> QueryResult:
        """A user's read-only query under the same guard as ``jobpulse sql``."""
        cursor = self._cursor()
        try:
            return run_query(cursor, query, limit=limit)
        finally:
            cursor.close()
