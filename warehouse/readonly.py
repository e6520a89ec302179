"""Run researchers' SQL against the warehouse without any way to change it or reach outside it.

Three independent locks, because any one of them alone has gaps:

1. The file is opened read-only (:func:`warehouse.db.connect`), so DuckDB refuses every write to
   the warehouse itself.
2. The query text must be exactly one statement of type SELECT (this includes ``WITH ...
   SELECT``, ``FROM t``, ``VALUES``, ``DESCRIBE``, ``SHOW`` and ``SUMMARIZE``, which DuckDB
   parses as SELECT). ``COPY``, ``ATTACH``, ``INSTALL``/``LOAD``, ``SET``, ``PRAGMA``, ``CALL``
   and ``EXPORT`` are rejected before anything runs, and so is a SELECT whose parse tree holds
   a write (``with x as (delete ... returning *) select * from x``).
3. ``enable_external_access = false`` and then ``lock_configuration = true``: a SELECT can still
   call table functions such as ``read_csv('/etc/passwd')`` or ``read_parquet('https://...')``;
   with external access off DuckDB refuses every file and network access, and the locked
   configuration stops a query from turning it back on.

The module is shared by ``jobpulse sql`` and the dashboard's SQL page; it knows nothing about
output formats.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import duckdb

from warehouse.db import WarehouseError, connect
from warehouse.sql import load_sql

__all__ = [
    "QueryError",
    "QueryRejected",
    "QueryResult",
    "check_read_only",
    "list_relations",
    "lock_down",
    "open_read_only",
    "run_query",
    "unique_names",
]

# Internal bookkeeping that researchers have no use for.
INTERNAL_TABLES = frozenset({"_migrations"})

# DuckDB's statement types as the user wrote them ("install httpfs" is a LOAD statement).
_KIND_NAMES = {"LOAD": "INSTALL/LOAD", "VARIABLE_SET": "SET", "COPY_DATABASE": "COPY DATABASE",
               "CREATE_FUNC": "CREATE FUNCTION", "MERGE_INTO": "MERGE INTO"}


class QueryError(WarehouseError):
    """A query failed to parse or run; the message is one line."""


class QueryRejected(QueryError):
    """A query that is not a single read statement."""


@attrs.frozen
class QueryResult:
    """Column names, DuckDB type names and rows of a query (at most ``limit`` rows)."""

    columns: list[str]
    types: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool  # more rows exist than were fetched


def first_line(exc: BaseException) -> str:
    """DuckDB messages span several lines (the query with a caret); the first says it all."""
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    if isinstance(exc, duckdb.PermissionException):
        return f"read-only: queries cannot read files or the network ({line})"
    return line


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """Turn off file and network access for this database instance and lock the settings.

    DuckDB shares one instance among a process's connections to a file, so the instance may
    already be locked down by an earlier console; that is accepted only when external access
    is in fact off.
    """
    locked, external = con.execute(load_sql("readonly/settings")).fetchall()[0]
    if locked:
        if external:
            raise WarehouseError("the warehouse's settings are locked with external access on")
        return
    con.execute(load_sql("readonly/lockdown"))


def open_read_only(path: str | Path, *, wait_seconds: float = 10.0
                   ) -> duckdb.DuckDBPyConnection:
    """The warehouse opened read-only and locked down (see the module docstring)."""
    con = connect(path, read_only=True, wait_seconds=wait_seconds)
    try:
        lock_down(con)
    except duckdb.Error:
        con.close()
        raise
    return con


def check_read_only(query: str) -> str:
    """The query's single SELECT statement, without a trailing ``;``; else :class:`QueryRejected`.

    Parsing uses DuckDB's own parser, so what is checked is exactly what would run.
    """
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise QueryError(first_line(exc)) from exc
    if not statements:
        raise QueryRejected("empty query")
    if len(statements) > 1:
        raise QueryRejected(f"one statement at a time, got {len(statements)}")
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        kind = _KIND_NAMES.get(statement.type.name, statement.type.name.replace("_", " "))
        raise QueryRejected(f"read-only: only SELECT queries are allowed, not {kind}")
    sql = statement.query.strip().rstrip(";").rstrip()
    hidden = _hidden_write(sql)
    if hidden is not None:
        raise QueryRejected(f"read-only: only SELECT queries are allowed, not {hidden}")
    return sql


# Query nodes that only read. DuckDB also parses "with x as (delete ... returning *) select"
# as a SELECT statement, whose CTE body is a DELETE_QUERY_NODE (likewise INSERT, UPDATE and
# COPY); any node kind not listed here is refused, so a new writing kind is refused too.
_READ_NODES = frozenset({"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE",
                         "CTE_NODE"})
_parser_lock = threading.Lock()
_parser: duckdb.DuckDBPyConnection | None = None


def _hidden_write(sql: str) -> str | None:
    """The kind of a writing query node inside a SELECT statement (``"DELETE"``), else None.

    DuckDB's ``json_serialize_sql`` gives the parsed tree. It runs on a private in-memory
    connection (a fresh one per call costs ~30 ms), shared under a lock because the dashboard
    checks queries from several threads.
    """
    global _parser
    with _parser_lock:
        if _parser is None:
            _parser = duckdb.connect(":memory:")
        row = _parser.execute(load_sql("readonly/parse_tree"), {"sql": sql}).fetchone()
    tree = json.loads(row[0]) if row else {}
    if tree.get("error"):
        # Not a tree DuckDB can serialise: the read-only open (lock 1) still refuses writes.
        return None
    for kind in _node_kinds(tree.get("statements", [])):
        if kind not in _READ_NODES:
            return kind.removesuffix("_NODE").removesuffix("_QUERY")
    return None


def _node_kinds(value: Any) -> Iterator[str]:
    """Every ``"type"`` of a query node (``*_NODE``) in a serialised parse tree."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            kind = item.get("type")
            if isinstance(kind, str) and kind.endswith("_NODE"):
                yield kind
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def run_query(con: duckdb.DuckDBPyConnection, query: str, *, limit: int | None = None
              ) -> QueryResult:
    """Check and run ``query``; fetch at most ``limit`` rows (None: all of them)."""
    sql = check_read_only(query)
    try:
        # The user's own query, checked above: the one SQL that cannot live in a file.
        relation = con.sql(sql)
        columns = list(relation.columns)
        types = [str(t) for t in relation.types]
        # One row beyond the limit tells whether there was more, without counting everything.
        fetched = relation.fetchall() if limit is None else relation.limit(limit + 1).fetchall()
    except duckdb.Error as exc:
        raise QueryError(first_line(exc)) from exc
    truncated = limit is not None and len(fetched) > limit
    return QueryResult(columns, types, fetched[:limit] if truncated else fetched, truncated)


def iter_query(con: duckdb.DuckDBPyConnection, query: str, *, limit: int | None = None,
               batch_rows: int = 10_000
               ) -> tuple[list[str], list[str], Iterator[list[tuple[Any, ...]]]]:
    """Column names, type names and batches of rows, for results too big to hold at once.

    With ``limit``, at most ``limit + 1`` rows come back: the extra one tells the caller that
    there was more. Iterate the batches to the end: an unfinished result keeps the connection
    busy for the next query.
    """
    sql = check_read_only(query)
    try:
        # The user's own query, checked above: the one SQL that cannot live in a file.
        relation = con.sql(sql)
        columns = list(relation.columns)
        types = [str(t) for t in relation.types]
        if limit is not None:
            relation = relation.limit(limit + 1)
        reader = relation.to_arrow_reader(batch_rows)
    except duckdb.Error as exc:
        raise QueryError(first_line(exc)) from exc

    def batches() -> Iterator[list[tuple[Any, ...]]]:
        try:
            for batch in reader:
                # By position: a query may repeat a column name (``select 1 a, 2 a``).
                yield list(zip(*(column.to_pylist() for column in batch.columns), strict=True))
        except duckdb.Error as exc:
            raise QueryError(first_line(exc)) from exc
        finally:
            # An unfinished reader keeps the connection busy for the next query.
            reader.close()

    return columns, types, batches()


def list_relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """``(name, 'table'|'view')`` of everything a researcher can query, tables first."""
    return [(name, kind) for name, kind in con.sql(load_sql("catalog/relations")).fetchall()
            if name not in INTERNAL_TABLES]


def unique_names(columns: Sequence[str]) -> list[str]:
    """Column names made unique: a query may repeat one (``select 1 a, 2 a``), a frame or a
    JSON object may not, so the repeats become ``a_2``, ``a_3``, ..."""
    seen: dict[str, int] = {}
    out = []
    for name in columns:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out
