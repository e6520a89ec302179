"""Data checks: queries over the warehouse that return the rows breaking a rule.

Each ``warehouse/sql/checks/NNN_name.sql`` is one check: a query whose result is the offending
rows (none means the check passes) and whose leading ``--`` comment says what it checks. The
runner adds, for every view other than ``skill_monthly_share`` that has a ``share`` column, the
same share-in-[0, 1] test, so views added later are covered without a new file.

A check whose query cannot run (a table it needs is missing) fails with the error instead of
rows: a check that silently stops checking is worse than a failure.
"""

from __future__ import annotations

from typing import Any

import attrs
import duckdb

from warehouse.sql import load_sql, sql_files

__all__ = ["CheckResult", "Check", "load_checks", "quote_ident", "run_checks"]

SAMPLE_ROWS = 5
SHARE_CHECKED_BY_FILE = "skill_monthly_share"


@attrs.frozen
class Check:
    """A named query returning offending rows, with what it checks in words."""

    name: str
    description: str
    sql: str


@attrs.define
class CheckResult:
    """How many rows broke a check and the first few of them (or why it could not run)."""

    name: str
    description: str
    failed_rows: int = 0
    columns: list[str] = attrs.field(factory=list)
    sample: list[tuple[Any, ...]] = attrs.field(factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.failed_rows == 0


def quote_ident(name: str) -> str:
    """A DuckDB identifier in double quotes, embedded quotes doubled (names come from catalogs)."""
    return '"' + name.replace('"', '""') + '"'


def _description(sql: str) -> str:
    lines = []
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped.startswith("--"):
            break
        lines.append(stripped.removeprefix("--").strip())
    return " ".join(lines)


def _name(stem: str) -> str:
    # "010_postings_unique_posting_id" -> "postings_unique_posting_id": the number only orders.
    prefix, sep, rest = stem.partition("_")
    return rest if sep and prefix.isdigit() else stem


def load_checks() -> list[Check]:
    """The checks in ``warehouse/sql/checks``, in file-name order."""
    checks = []
    for path in sql_files("checks"):
        sql = path.read_text(encoding="utf-8")
        checks.append(Check(_name(path.stem), _description(sql), sql))
    return checks


def share_checks(con: duckdb.DuckDBPyConnection) -> list[Check]:
    """The share-in-[0, 1] check for every view with a ``share`` column not covered by a file."""
    checks = []
    for (view,) in con.sql(load_sql("catalog/views_with_share")).fetchall():
        if view == SHARE_CHECKED_BY_FILE:
            continue
        # Composed here, not in a file: the view's name comes from the catalog.
        share = quote_ident("share")
        # NULL is allowed here: in other views a share may not apply (no postings to divide by).
        # NaN needs no test of its own: DuckDB orders it above every number.
        sql = (f"select * from {quote_ident(view)} "
               f"where {share} < 0 or {share} > 1")
        checks.append(Check(f"share_in_range:{view}",
                            f"Shares in the view {view} lie in [0, 1].", sql))
    return checks


def run_check(con: duckdb.DuckDBPyConnection, check: Check, *, sample_rows: int = SAMPLE_ROWS
              ) -> CheckResult:
    result = CheckResult(check.name, check.description)
    # Composed around the check's own SQL (a file, or a generated share check). The newline
    # before ")" keeps a trailing "--" comment in the file from swallowing it.
    body = check.sql.strip().rstrip(";")
    try:
        result.failed_rows = con.sql(f"select count(*) from ({body}\n) as offending"
                                     ).fetchall()[0][0]
        if result.failed_rows:
            relation = con.sql(body)
            result.columns = list(relation.columns)
            result.sample = relation.limit(sample_rows).fetchall()
    except duckdb.Error as exc:
        message = str(exc).strip().splitlines()
        result.error = message[0] if message else type(exc).__name__
    return result


def run_checks(con: duckdb.DuckDBPyConnection, *, sample_rows: int = SAMPLE_ROWS
               ) -> list[CheckResult]:
    """Run every check (files, then generated share checks); never raises for a failing one."""
    checks = load_checks() + share_checks(con)
    return [run_check(con, c, sample_rows=sample_rows) for c in checks]
