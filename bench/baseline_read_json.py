"""The baseline a load is compared with: DuckDB's own ``read_json`` of the same landing files
into a table, in the same process, median of runs. It parses and stores every field of every
line and does nothing else: no verification, no normalizing, no duplicates, no aggregates."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import duckdb


def read_json_seconds(files: list[Path], runs: int = 3) -> tuple[float, int]:
    """Median seconds to load ``files`` with ``read_json`` into a fresh DuckDB file, and rows."""
    times = []
    rows = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            con = duckdb.connect(str(Path(tmp) / "baseline.duckdb"))
            started = time.perf_counter()
            con.execute("create table items as select * from read_json(?, "
                        "format = 'newline_delimited', union_by_name = true)",
                        [[str(f) for f in files]])
            times.append(time.perf_counter() - started)
            rows = con.execute("select count(*) from items").fetchone()[0]  # type: ignore[index]
            con.close()
    return statistics.median(times), int(rows)
