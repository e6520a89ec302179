"""The only place that opens DuckDB: one writer (the loader) or many read-only readers."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb


class WarehouseError(Exception):
    """The warehouse cannot be opened or used as asked."""


def connect(path: str | Path, *, read_only: bool = False, wait_seconds: float = 0.0
            ) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file.

    A read-only open of a missing file is an error (there is nothing to read yet); a writer
    creates the file and its folder. DuckDB refuses an open while another process holds a
    conflicting lock; with ``wait_seconds`` the open is retried until then.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `jobpulse load` (or `jobpulse demo`)")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise WarehouseError(f"cannot open {path}: {exc}") from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
