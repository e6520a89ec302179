"""Export the warehouse's tables and views as Parquet (hive-partitioned by month) or CSV.

Layout: one folder per table or view, named after it. Parquet output of something with a date
is partitioned ``DIR/<name>/month=YYYY-MM/data_0.parquet`` (readable by DuckDB, Spark and Trino
with hive partitioning); anything else is one file ``DIR/<name>/<name>.parquet`` or
``DIR/<name>/<name>.csv``.

The month comes from ``coalesce(posted_at, first_seen_at)`` for ``postings`` (the month the
trend views use), ``coalesce(fetched_at, loaded_at)`` for ``raw_postings``, and a ``month``
column for anything that has one (views added later included). In partitioned Parquet the
partition value replaces that column, as the text ``YYYY-MM``.

What to export is discovered from the catalog, so tables and views added by later migrations
are exported without changes here. DuckDB writes the files itself (``COPY ... TO``), which works
on a read-only connection, so an export never blocks readers nor risks the warehouse.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

import attrs
import duckdb

from warehouse.checks import quote_ident
from warehouse.db import WarehouseError, connect
from warehouse.sql import load_sql

__all__ = ["ExportError", "Exported", "Relation", "export_warehouse", "exportable"]

Format = Literal["parquet", "csv"]

# How postings were tagged (a 150 KB taxonomy in one field) is the rebuild's bookkeeping.
INTERNAL_TABLES = frozenset({"_migrations", "taggings"})
RAW_TABLES = frozenset({"raw_postings"})

# Tables whose month is not a plain ``month`` column. SQL expressions over known columns.
MONTH_EXPRESSIONS = {
    "postings": "coalesce(posted_at, first_seen_at)",
    "raw_postings": "coalesce(fetched_at, loaded_at)",
}
PARTITION_COLUMN = "month"

# Column types written as text: Parquet's JSON annotation is not understood by every reader.
TEXT_TYPES = frozenset({"JSON"})
DATE_TYPES = ("DATE", "TIMESTAMP")


class ExportError(WarehouseError):
    """The export cannot be done as asked (unknown name, non-empty folder, ...)."""


@attrs.frozen
class Relation:
    """A table or view to export, with its columns and their DuckDB types."""

    name: str
    is_view: bool
    columns: tuple[str, ...]
    types: tuple[str, ...]

    def column_type(self, column: str) -> str | None:
        for name, type_ in zip(self.columns, self.types, strict=True):
            if name == column:
                return type_
        return None

    @property
    def month_label(self) -> str | None:
        """SQL giving the ``YYYY-MM`` partition value, or None when there is no date."""
        if self.name in MONTH_EXPRESSIONS:
            return f"strftime({MONTH_EXPRESSIONS[self.name]}, '%Y-%m')"
        month_type = self.column_type(PARTITION_COLUMN)
        if month_type is None:
            return None
        column = quote_ident(PARTITION_COLUMN)
        if month_type.upper().startswith(DATE_TYPES):
            return f"strftime({column}, '%Y-%m')"
        # Already text (or a number): taken as it is.
        return f"cast({column} as varchar)"


@attrs.frozen
class Exported:
    name: str
    rows: int
    files: int
    partitions: int  # 0 when written as a single file
    path: Path
    seconds: float


def exportable(con: duckdb.DuckDBPyConnection) -> list[Relation]:
    """Every table and view except internal bookkeeping, tables first.

    ``mart_*`` tables are left out: each is exported once, under its view's stable name.
    """
    rows = con.sql(load_sql("catalog/relations_with_columns")).fetchall()
    return [Relation(name, bool(is_view), tuple(columns), tuple(types))
            for name, is_view, columns, types in rows
            if name not in INTERNAL_TABLES and not name.startswith("mart_")]


def select_relations(available: Sequence[Relation], only: Iterable[str] = (),
                     include_raw: bool = False) -> list[Relation]:
    """The relations to write: ``only`` if given (in catalog order), else all but raw tables."""
    wanted = list(dict.fromkeys(only))
    if not wanted:
        return [r for r in available if include_raw or r.name not in RAW_TABLES]
    names = {r.name for r in available}
    unknown = [n for n in wanted if n not in names]
    if unknown:
        raise ExportError(f"no table or view named {', '.join(unknown)}; "
                          f"available: {', '.join(sorted(names))}")
    return [r for r in available if r.name in wanted]


def _select_sql(relation: Relation, partitioned: bool) -> str:
    # Composed here, not in a file: names, columns and types come from the catalog.
    replace = {name: f"cast({quote_ident(name)} as varchar)"
               for name, type_ in zip(relation.columns, relation.types, strict=True)
               if type_.upper() in TEXT_TYPES}
    extra = ""
    label = relation.month_label
    if partitioned and label is not None:
        if PARTITION_COLUMN in relation.columns:
            # The partition value stands for the month column; keeping both clashes on read.
            replace[PARTITION_COLUMN] = label
        else:
            extra = f", {label} as {quote_ident(PARTITION_COLUMN)}"
    star = "*"
    if replace:
        star += " replace (" + ", ".join(f"{expr} as {quote_ident(name)}"
                                         for name, expr in replace.items()) + ")"
    return f"select {star}{extra} from {quote_ident(relation.name)}"


def _prepare_out(out_dir: Path, names: Sequence[str], overwrite: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not overwrite:
            raise ExportError(f"{out_dir} is not empty; use --overwrite to replace the "
                              "folders of the exported tables")
        # Only the folders this export writes: anything else in DIR is the user's.
        for name in names:
            target = out_dir / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)


def _copy(con: duckdb.DuckDBPyConnection, query: str, target: Path, options: str) -> int:
    # Composed from _select_sql and the format's options; the path is a bound parameter,
    # never spliced into the SQL text. COPY returns its row count.
    return int(con.execute(f"copy ({query}) to ? ({options})", [str(target)]).fetchall()[0][0])


def export_relation(con: duckdb.DuckDBPyConnection, relation: Relation, out_dir: Path,
                    fmt: Format) -> Exported:
    started = time.monotonic()
    folder = out_dir / relation.name
    folder.mkdir(parents=True, exist_ok=False)
    partitioned = fmt == "parquet" and relation.month_label is not None
    try:
        if fmt == "csv":
            rows = _copy(con, _select_sql(relation, False), folder / f"{relation.name}.csv",
                         "format csv, header true")
        else:
            rows = 0
            if partitioned:
                rows = _copy(con, _select_sql(relation, True), folder,
                             f"format parquet, compression zstd, partition_by "
                             f"({quote_ident(PARTITION_COLUMN)}), filename_pattern 'data_{{i}}'")
            if rows == 0:
                # A partitioned COPY of nothing writes no file, and readers fail on a folder
                # without files: write one empty file that still carries the schema.
                partitioned = False
                rows = _copy(con, _select_sql(relation, False),
                             folder / f"{relation.name}.parquet",
                             "format parquet, compression zstd")
    except duckdb.Error as exc:
        raise ExportError(f"{relation.name}: {str(exc).strip().splitlines()[0]}") from exc
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    partitions = len({p.parent for p in files}) if partitioned else 0
    return Exported(relation.name, rows, len(files), partitions, folder,
                    time.monotonic() - started)


def export_warehouse(db_path: str | Path, out_dir: str | Path, *, fmt: Format = "parquet",
                     only: Iterable[str] = (), include_raw: bool = False,
                     overwrite: bool = False,
                     progress: Callable[[Exported], None] | None = None) -> list[Exported]:
    """Write the warehouse's tables and views under ``out_dir`` (see the module docstring)."""
    if fmt not in ("parquet", "csv"):
        raise ExportError(f"unknown format {fmt!r}: use parquet or csv")
    out = Path(out_dir)
    con = connect(db_path, read_only=True, wait_seconds=10)
    try:
        relations = select_relations(exportable(con), only, include_raw)
        _prepare_out(out, [r.name for r in relations], overwrite)
        done = []
        for relation in relations:
            exported = export_relation(con, relation, out, fmt)
            if progress is not None:
                progress(exported)
            done.append(exported)
        return done
    finally:
        con.close()
