"""``jobpulse export``: Parquet partitioned by month (read back with hive partitioning), CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli.warehouse import export
from pipeline.config import Settings
from tests.conftest import write_seed_landing
from warehouse.db import connect


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline.ingest.loader import load_warehouse

    data = tmp_path_factory.mktemp("export") / "data"
    settings = Settings(data_dir=data, db_path=data / "jobpulse.duckdb",
                        landing_dir=data / "landing")
    write_seed_landing(settings)
    assert not load_warehouse(settings).failed
    return settings.db_path


def relations(db: Path) -> dict[str, tuple[int, list[str]]]:
    """Every exportable table and view: row count and column names."""
    con = connect(db, read_only=True)
    try:
        names = [r[0] for r in con.sql(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "and table_name not in ('_migrations', 'raw_postings', 'taggings') "
            "and table_name not like 'mart\\_%' escape '\\'").fetchall()]
        return {n: (con.sql(f'select count(*) from "{n}"').fetchall()[0][0],
                    list(con.sql(f'select * from "{n}"').columns)) for n in names}
    finally:
        con.close()


def run(db: Path, *args: str):  # noqa: ANN201 - click's Result
    return CliRunner().invoke(export, [*args, "--db", str(db)])


def test_parquet_partitions_read_back(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = run(warehouse, "--out", str(out))
    assert result.exit_code == 0, result.output
    expected = relations(warehouse)
    assert {p.name for p in out.iterdir()} == set(expected)
    assert "raw_postings" not in result.output
    reader = duckdb.connect()
    for name, (rows, columns) in expected.items():
        assert f"{name}: {rows:,} rows" in result.output  # a progress line per table
        pattern = str(out / name / "**" / "*.parquet")
        got = reader.sql("select count(*) from read_parquet(?, hive_partitioning = true)",
                         params=[pattern]).fetchall()[0][0]
        assert got == rows, name
        read_columns = reader.sql("select * from read_parquet(?, hive_partitioning = true)",
                                  params=[pattern]).columns
        assert set(columns) <= set(read_columns), name

    months = sorted(p.name for p in (out / "postings").iterdir())
    assert months == [f"month=2026-{m:02d}" for m in range(1, 7)]
    # The partition is the posting month: coalesce(posted_at, first_seen_at).
    per_month = reader.sql(
        "select month, count(*) from read_parquet(?, hive_partitioning = true) "
        "group by month order by month", params=[str(out / "postings" / "**" / "*.parquet")],
    ).fetchall()
    assert per_month == [(f"2026-{m:02d}", 20) for m in range(1, 7)]
    # A view with a month column is partitioned by it; a table without a date is one file.
    assert any(p.name.startswith("month=") for p in (out / "skill_monthly_share").iterdir())
    assert [p.name for p in (out / "skills").iterdir()] == ["skills.parquet"]


def test_only_and_include_raw(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "some"
    result = run(warehouse, "--out", str(out), "--only", "skills,crawl_runs", "--include-raw")
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {"skills", "crawl_runs"}

    out_raw = tmp_path / "raw"
    result = run(warehouse, "--out", str(out_raw), "--only", "raw_postings")
    assert result.exit_code == 0, result.output
    got = duckdb.sql("select count(*) from read_parquet(?, hive_partitioning = true)",
                     params=[str(out_raw / "raw_postings" / "**" / "*.parquet")]).fetchall()
    assert got == [(120,)]


def test_unknown_name_is_one_line(warehouse: Path, tmp_path: Path) -> None:
    result = run(warehouse, "--out", str(tmp_path / "x"), "--only", "nope")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no table or view named nope")


def test_csv_one_file_per_folder(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = run(warehouse, "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    for name, (rows, columns) in relations(warehouse).items():
        files = list((out / name).iterdir())
        assert [f.name for f in files] == [f"{name}.csv"]
        with files[0].open(newline="", encoding="utf-8") as fh:
            data = list(csv.reader(fh))
        assert data[0] == columns
        assert len(data) - 1 == rows, name


def test_refuses_non_empty_dir_unless_overwrite(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "busy"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = run(warehouse, "--out", str(out), "--only", "skills")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "--overwrite" in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]

    for _ in range(2):  # a second --overwrite replaces the folder written by the first
        result = run(warehouse, "--out", str(out), "--only", "skills", "--overwrite")
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt", "skills"]
    assert (out / "keep.txt").read_text() == "mine"


def test_empty_table_still_readable(tmp_path: Path) -> None:
    from warehouse.migrate import migrate

    db = tmp_path / "empty.duckdb"
    con = connect(db)
    migrate(con)
    con.close()
    out = tmp_path / "out"
    result = run(db, "--out", str(out), "--only", "postings")
    assert result.exit_code == 0, result.output
    got = duckdb.sql("select count(*) from read_parquet(?, hive_partitioning = true)",
                     params=[str(out / "postings" / "**" / "*.parquet")]).fetchall()
    assert got == [(0,)]
