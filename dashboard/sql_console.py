"""The SQL page's runner: ``warehouse.readonly`` plus a row limit and a time limit.

``warehouse.readonly`` supplies the guarantees (read-only open, a single SELECT, external access
off and the configuration locked). This adds the time limit: DuckDB has no statement timeout,
so a timer thread calls ``con.interrupt()``, which makes the running query raise.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import attrs
import polars as pl

from warehouse.readonly import (
    QueryError,
    check_read_only,
    open_read_only,
    run_query,
    unique_names,
)
from warehouse.sql import sql_files


def _examples() -> dict[str, str]:
    """Title (the file's leading ``--`` line) and query of each ``warehouse/sql/examples`` file."""
    examples = {}
    for path in sql_files("examples"):
        title, _, query = path.read_text(encoding="utf-8").partition("\n")
        examples[title.removeprefix("--").strip()] = query.strip()
    return examples


EXAMPLES = _examples()
"""The page's example queries, in file-name order (the first is shown on arrival)."""


class QueryTimeout(QueryError):
    """The query ran past its time limit and was interrupted."""


@attrs.frozen
class ConsoleResult:
    frame: pl.DataFrame
    truncated: bool  # the query had more rows than the limit
    seconds: float


def _frame(columns: list[str], rows: list[tuple[object, ...]]) -> pl.DataFrame:
    # A query may repeat a column name (``select 1 a, 2 a``); a frame may not.
    names = unique_names(columns)
    try:
        return pl.DataFrame(rows, schema=names, orient="row", strict=False,
                            infer_schema_length=None)
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        # Types Polars cannot hold as they are (e.g. mixed structs) are shown as text.
        return pl.DataFrame([tuple(None if v is None else str(v) for v in r) for r in rows],
                            schema=names, orient="row")


def run(db: str | Path, sql: str, *, limit: int, seconds: float) -> ConsoleResult:
    """Run one read-only query with at most ``limit`` rows and ``seconds`` of run time."""
    check_read_only(sql)  # reject writes before opening anything
    con = open_read_only(db)
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(seconds, stop)
    started = time.monotonic()
    timer.start()
    try:
        result = run_query(con, sql, limit=limit)
    except QueryError as exc:
        if timed_out.is_set():
            raise QueryTimeout(f"stopped after the time limit of {seconds:g} s") from exc
        raise
    finally:
        timer.cancel()
        con.close()
    return ConsoleResult(_frame(result.columns, result.rows), result.truncated,
                         time.monotonic() - started)
