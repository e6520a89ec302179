"""Migrations: apply from empty, a second run does nothing, failures roll back."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse import migrate as migrate_module
from warehouse.db import WarehouseError, connect
from warehouse.migrate import MigrationError, applied, migrate
from warehouse.sql import sql_files

TABLES = {"crawl_runs", "landing_files", "raw_postings", "postings", "skills", "posting_skills"}


def test_migrate_from_empty_then_noop(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    first = migrate(con)
    assert first == [p.stem for p in sql_files("migrations")]
    assert migrate(con) == []
    tables = {r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_type = 'BASE TABLE'"
    ).fetchall()}
    assert tables >= TABLES
    views = {r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_type = 'VIEW'"
    ).fetchall()}
    assert "skill_monthly_share" in views
    con.close()


def test_postings_has_the_columns_researchers_rely_on(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    migrate(con)
    columns = {r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = 'postings'"
    ).fetchall()}
    assert {"posting_id", "source", "source_id", "url", "title", "company", "posted_at",
            "first_seen_at", "last_seen_at"} <= columns


def test_stop_before(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    names = [p.stem for p in sql_files("migrations")]
    assert migrate(con, stop_before=names[0]) == []
    assert applied(con) == []
    migrate(con)
    with pytest.raises(MigrationError, match="already applied"):
        migrate(con, stop_before=names[0])
    with pytest.raises(MigrationError, match="no migration"):
        migrate(con, stop_before="9999_nope")


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "9999_bad.sql"
    bad.write_text("create table half_done (x int); select * from no_such_table;")
    real = sql_files("migrations")
    monkeypatch.setattr(migrate_module, "sql_files",
                        lambda folder: real + [bad] if folder == "migrations" else [])
    con = connect(tmp_path / "w.duckdb")
    with pytest.raises(MigrationError, match="9999_bad"):
        migrate(con)
    assert "9999_bad" not in applied(con)
    with pytest.raises(duckdb.CatalogException):
        con.execute("select * from half_done")


def test_read_only_open_of_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="no warehouse"):
        connect(tmp_path / "missing.duckdb", read_only=True)


def test_long_text_columns_move_to_zstd_with_rows_and_columns_unchanged(tmp_path: Path) -> None:
    """0030 makes postings and raw_postings again: same columns in the same order, same
    constraints, same rows in the same order, description and item stored with zstd."""
    path = tmp_path / "w.duckdb"
    con = connect(path)
    migrate(con, stop_before="0030_long_text_zstd")
    con.execute("""
        insert into raw_postings
        select 'hn:' || i, 'hn', '' || i, 'r1', now(), 'h' || i,
            json_object('description', repeat('Python and Go services. ', 40) || i), now()
        from range(3000) as t(i)""")
    con.execute("""
        insert into postings by name
        select 'hn:' || i as posting_id, 'hn' as source, '' || i as source_id,
            repeat('We build APIs in Rust and Postgres. ', 30) || i as description,
            now() as first_seen_at, now() as last_seen_at, 'h' || i as content_hash,
            'r1' as last_run_id, ['python', 'go'] as tags, 12.5 as pay_min,
            'remote' as work_mode, 'hn:' || (i // 2) as duplicate_group_id
        from range(3000) as t(i)""")
    shape = ("select column_name, data_type, is_nullable from information_schema.columns "
             "where table_name = ? order by ordinal_position")
    before = {t: (con.execute(shape, [t]).fetchall(),
                  con.execute(f"select rowid, * from {t} order by rowid").fetchall())
              for t in ("postings", "raw_postings")}
    assert migrate(con) == ["0030_long_text_zstd"]
    for table, (columns, rows) in before.items():
        assert con.execute(shape, [table]).fetchall() == columns
        assert con.execute(f"select rowid, * from {table} order by rowid").fetchall() == rows
    con.execute("checkpoint")
    stored = dict(con.execute(
        "select column_name, list(distinct compression) from ("
        " select 'postings' as t, * from pragma_storage_info('postings') union all by name"
        " select 'raw_postings' as t, * from pragma_storage_info('raw_postings'))"
        " where column_name in ('description', 'item') and segment_type <> 'VALIDITY'"
        " group by column_name").fetchall())
    assert stored == {"description": ["ZSTD"], "item": ["ZSTD"]}
    with pytest.raises(duckdb.ConstraintException):
        con.execute("insert into postings (posting_id) values ('x')")
    con.close()
