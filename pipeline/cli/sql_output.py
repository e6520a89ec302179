"""How ``jobpulse sql`` shows a result: an aligned table, CSV with a header, or JSON Lines.

Values are rendered the way people read them (NULL, true/false, ISO 8601 times, short floats);
JSON output keeps numbers as numbers. Rows are streamed in batches, so csv and json output of a
large result never sits in memory at once.
"""

from __future__ import annotations

import csv
import datetime
import json
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any

import click
import duckdb

__all__ = ["TABLE_DEFAULT_LIMIT", "format_table", "print_result"]

TABLE_DEFAULT_LIMIT = 1000
MAX_CELL = 40
NUMERIC_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                 "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL")


def _text(value: Any) -> str:
    """A value as people read it in a table cell."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return str(value)
        return format(value, ".6g") if abs(value) < 1e6 else format(value, ".1f")
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(_plain(value), ensure_ascii=False)
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    return str(value)


def _plain(value: Any) -> Any:
    """A value JSON can hold; Decimals become numbers, times ISO 8601 text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _cell(value: Any, width: int) -> str:
    # Line breaks would tear the table apart; long cells are cut with an ellipsis.
    text = _text(value).replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]],
                 types: Sequence[str] = (), *, max_cell: int = MAX_CELL) -> list[str]:
    """Rows as aligned text lines: header, rule, rows; numbers right-aligned."""
    numeric = [str(t).upper().startswith(NUMERIC_TYPES) for t in types] or [False] * len(columns)
    header = [_cell(c, max_cell) for c in columns]
    body = [[_cell(v, max_cell) for v in row] for row in rows]
    widths = [max([len(header[i]), *(len(r[i]) for r in body)]) for i in range(len(columns))]

    def line(cells: Sequence[str]) -> str:
        return " | ".join(c.rjust(w) if num else c.ljust(w)
                          for c, w, num in zip(cells, widths, numeric, strict=True)).rstrip()

    return [line(header), "-+-".join("-" * w for w in widths), *(line(r) for r in body)]


def print_result(con: duckdb.DuckDBPyConnection, query: str, fmt: str, limit: int | None,
                  out: IO[str]) -> None:
    """Run ``query`` and write it to ``out``; ``limit`` as given to --limit (None: default)."""
    from warehouse.readonly import iter_query, unique_names

    if limit is None:
        limit = TABLE_DEFAULT_LIMIT if fmt == "table" else None
    elif limit == 0:
        limit = None
    columns, types, batches = iter_query(con, query, limit=limit)
    shown, truncated = 0, False
    if fmt == "table":
        rows: list[tuple[Any, ...]] = []
        for batch in batches:
            rows.extend(batch)
        if limit is not None and len(rows) > limit:
            rows, truncated = rows[:limit], True
        for text in format_table(columns, rows, types):
            out.write(text + "\n")
        shown = len(rows)
        if truncated:
            out.write(f"(first {shown} rows shown; --limit 0 shows all)\n")
        else:
            out.write(f"({shown} row{'s' if shown != 1 else ''})\n")
    else:
        writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
        # JSON objects cannot repeat a key; "select 1 a, 2 a" keeps both as a and a_2.
        names = unique_names(columns)
        if writer is not None:
            writer.writerow(columns)
        for batch in batches:
            for row in batch:
                if limit is not None and shown >= limit:
                    truncated = True
                    break
                shown += 1
                if writer is not None:
                    writer.writerow(["" if v is None else v if isinstance(v, str) else
                                     _text(v) for v in row])
                else:
                    out.write(json.dumps(dict(zip(names, (_plain(v) for v in row), strict=True)),
                                         ensure_ascii=False) + "\n")
    out.flush()
    if truncated and fmt != "table":
        click.echo(f"(first {limit} rows; --limit 0 shows all)", err=True)
