"""``jobpulse sql``: read-only queries in three formats, every write or escape attempt refused."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.warehouse import sql
from pipeline.config import Settings
from tests.conftest import write_seed_landing
from warehouse.db import connect
from warehouse.readonly import QueryRejected, check_read_only


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One loaded warehouse for the module: every test here only reads it."""
    from pipeline.ingest.loader import load_warehouse

    data = tmp_path_factory.mktemp("sql") / "data"
    settings = Settings(data_dir=data, db_path=data / "jobpulse.duckdb",
                        landing_dir=data / "landing")
    write_seed_landing(settings)
    assert not load_warehouse(settings).failed
    return settings.db_path


def run(db: Path, *args: str, stdin: str | None = None):  # noqa: ANN201 - click's Result
    return CliRunner().invoke(sql, [*args, "--db", str(db)], input=stdin)


def fingerprint(db: Path) -> tuple[str, dict[str, int]]:
    """The file's hash and every table's row count: unchanged means nothing was written."""
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    con = connect(db, read_only=True)
    try:
        tables = [r[0] for r in con.sql(
            "select table_name from information_schema.tables "
            "where table_schema = 'main' and table_type = 'BASE TABLE'").fetchall()]
        counts = {t: con.sql(f'select count(*) from "{t}"').fetchall()[0][0] for t in tables}
    finally:
        con.close()
    return digest, counts


def test_table_format_is_aligned(warehouse: Path) -> None:
    result = run(warehouse, "select skill, category from skills where skill in "
                 "('Python', 'PostgreSQL') order by skill")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("|")[0].strip() == "skill"
    assert set(lines[1]) <= {"-", "+"}
    assert lines[2].startswith("PostgreSQL | ") and lines[3].startswith("Python     | ")
    assert lines[-1] == "(2 rows)"


def test_table_truncates_long_cells(warehouse: Path) -> None:
    result = run(warehouse, "select repeat('x', 200) as long_text")
    assert result.exit_code == 0, result.output
    cell = result.stdout.splitlines()[2]
    assert cell.endswith("…") and len(cell) <= 40


def test_csv_format(warehouse: Path) -> None:
    result = run(warehouse, "select posting_id, source, posted_at from postings "
                 "order by posting_id limit 3", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    assert rows[0]["source"] == "hn" and rows[0]["posted_at"].startswith("2026-")


def test_json_lines_format(warehouse: Path) -> None:
    query = ("select month, skill, share, postings_total, 1.25::decimal(18, 2) as amount, "
             "null as nothing from skill_monthly_share order by month, skill limit 4")
    result = run(warehouse, query, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4
    assert set(rows[0]) == {"month", "skill", "share", "postings_total", "amount", "nothing"}
    assert 0 <= rows[0]["share"] <= 1 and rows[0]["amount"] == 1.25
    assert rows[0]["nothing"] is None and rows[0]["month"].startswith("2026-")


def test_with_select_and_describe_are_reads(warehouse: Path) -> None:
    result = run(warehouse, "with s as (select skill from skills) select count(*) as n from s",
                 "--format", "csv")
    assert result.exit_code == 0, result.output
    assert int(result.stdout.splitlines()[1]) > 100
    assert run(warehouse, "describe postings").exit_code == 0


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_limit(warehouse: Path, fmt: str) -> None:
    result = run(warehouse, "select posting_id from postings order by posting_id",
                 "--limit", "7", "--format", fmt)
    assert result.exit_code == 0, result.output
    body = [line for line in result.stdout.splitlines() if line.startswith(("hn:", '{"'))]
    assert len(body) == 7
    assert "--limit 0" in result.output  # says that more rows exist


def test_limit_zero_means_all(warehouse: Path) -> None:
    result = run(warehouse, "select posting_id from postings", "--limit", "0", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + 120


@pytest.mark.parametrize(("query", "expected"), [
    ("insert into skills values ('Cobol', 'language', null)", "only SELECT"),
    ("create table evil (a integer)", "only SELECT"),
    ("update postings set title = 'x'", "only SELECT"),
    ("drop table postings", "only SELECT"),
    ("copy postings to '{out}/postings.csv'", "only SELECT"),
    ("copy (select 1) to '{out}/x.parquet' (format parquet)", "only SELECT"),
    ("attach '{out}/other.duckdb' as other", "only SELECT"),
    ("install httpfs", "only SELECT"),
    ("load httpfs", "only SELECT"),
    ("set enable_external_access = true", "only SELECT"),
    ("pragma enable_profiling", "only SELECT"),
    ("select 1; drop table postings", "one statement"),
    ("select * from read_csv('/etc/passwd')", "cannot read files"),
    ("select * from read_text('/etc/hostname')", "cannot read files"),
    ("select * from read_parquet('https://example.com/x.parquet')", "cannot read files"),
    ("select * from glob('/etc/*')", "cannot read files"),
])
def test_writes_and_escapes_are_refused(warehouse: Path, tmp_path: Path, query: str,
                                        expected: str) -> None:
    before = fingerprint(warehouse)
    result = run(warehouse, query.format(out=tmp_path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.output
    assert fingerprint(warehouse) == before
    assert list(tmp_path.iterdir()) == []


def test_bad_sql_is_one_line(warehouse: Path) -> None:
    for query in ("selec 1", "select * from no_such_table", ""):
        result = run(warehouse, query)
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stderr.startswith("Error: ")


def test_missing_warehouse(tmp_path: Path) -> None:
    result = run(tmp_path / "nope.duckdb", "select 1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no warehouse at")


def test_query_from_stdin(warehouse: Path) -> None:
    result = run(warehouse, "-", "--format", "csv", stdin="select 41 + 1 as answer;\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["answer", "42"]


def test_interactive_prompt(warehouse: Path) -> None:
    script = "\n".join([
        "select 1 as one;",
        ".tables",
        "select",
        "  count(*) as skills_count",
        "from skills;",
        "select * from no_such_table;",       # an error, and the prompt goes on
        "insert into skills values ('x', 'y', null);",
        "select 'after errors' as still;",
        ".quit",
        "select 'never' as not_run;",
    ]) + "\n"
    before = fingerprint(warehouse)
    result = run(warehouse, "--format", "csv", stdin=script)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "one\n1\n" in out
    assert re.search(r"^skills_count\n[1-9][0-9]*$", out, flags=re.M)
    assert "postings" in out and "skill_monthly_share" in out and "view" in out
    assert "still\nafter errors\n" in out
    assert "never" not in out
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith("Error: ") for e in errors)
    assert "only SELECT" in errors[1]
    assert fingerprint(warehouse) == before


def test_interactive_ends_at_eof_and_runs_unterminated_query(warehouse: Path) -> None:
    result = run(warehouse, "--format", "csv", stdin="select 5 as five")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["five", "5"]


def test_check_read_only_accepts_only_single_selects() -> None:
    assert check_read_only("  select 1 ;  ") == "select 1"
    assert check_read_only("from skills") == "from skills"
    for query in ("checkpoint", "export database '/tmp/x'", "call pragma_version()"):
        with pytest.raises(QueryRejected):
            check_read_only(query)
