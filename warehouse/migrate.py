"""Forward-only numbered migrations, each applied in one transaction with its record."""

from __future__ import annotations

import logging

import duckdb

from warehouse.sql import load_sql, sql_files

log = logging.getLogger(__name__)

class MigrationError(Exception):
    """A migration failed; it was rolled back and not recorded."""


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    con.execute(load_sql("migrate/create_table"))
    return [row[0] for row in con.execute(load_sql("migrate/applied")).fetchall()]


def migrate(con: duckdb.DuckDBPyConnection, *, stop_before: str | None = None) -> list[str]:
    """Apply pending migrations in order, then (re)create every view. Returns what was applied.

    ``stop_before`` names a migration not to apply (nor anything after it); naming one that is
    already applied is an error rather than a silent no-op.
    """
    done = set(applied(con))
    names = [p.stem for p in sql_files("migrations")]
    if stop_before is not None:
        if stop_before not in names:
            raise MigrationError(f"no migration named {stop_before!r}")
        if stop_before in done:
            raise MigrationError(f"migration {stop_before!r} is already applied")
    new: list[str] = []
    for path in sql_files("migrations"):
        if path.stem == stop_before:
            break
        if path.stem in done:
            continue
        con.execute("begin transaction")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(load_sql("migrate/record"), {"name": path.stem})
            con.execute("commit")
        except duckdb.Error as exc:
            con.execute("rollback")
            raise MigrationError(f"migration {path.stem} failed: {exc}") from exc
        log.info("applied migration %s", path.stem)
        new.append(path.stem)
    if stop_before is None:
        create_views(con)
    return new


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for path in sql_files("views"):
        con.execute(path.read_text(encoding="utf-8"))
