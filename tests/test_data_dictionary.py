"""warehouse/README.md documents exactly the tables, views and columns a migrated warehouse has.

Format (see the README): per table or view a ``### name`` heading followed by a Markdown table
``| column | type | meaning |``. The test builds a fresh warehouse with every migration and view
and names whatever is missing on either side, so a new view or column fails here until it is
documented.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warehouse.db import connect
from warehouse.migrate import migrate
from warehouse.readonly import open_read_only, run_query

DICTIONARY = Path(__file__).resolve().parent.parent / "warehouse" / "README.md"
INTERNAL = {"_migrations"}

_HEADING = re.compile(r"^###\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")  # "\|" inside a meaning is not a cell border
_RULE = re.compile(r"^\|?\s*:?-{3,}")

Schema = dict[str, dict[str, str]]


def parse_dictionary(text: str) -> Schema:
    """``{table: {column: type}}`` from the ``### name`` sections of the dictionary."""
    documented: Schema = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _HEADING.match(lines[i].strip())
        i += 1
        if not match:
            continue
        name = match.group(1)
        assert name not in documented, f"{DICTIONARY.name}: '### {name}' appears twice"
        while i < len(lines) and not lines[i].lstrip().startswith("|"):
            assert not lines[i].startswith("#"), \
                f"{DICTIONARY.name}: '### {name}' has no '| column | type | meaning |' table"
            i += 1
        rows = []
        while i < len(lines) and lines[i].lstrip().startswith("|"):
            rows.append(lines[i].strip())
            i += 1
        assert rows, f"{DICTIONARY.name}: '### {name}' has no '| column | type | meaning |' table"
        header = [c.strip().lower() for c in _CELL_SPLIT.split(rows[0].strip("|"))]
        assert header == ["column", "type", "meaning"], \
            f"{DICTIONARY.name}: '### {name}' table header is {header}, " \
            "expected | column | type | meaning |"
        columns: dict[str, str] = {}
        for row in rows[1:]:
            if _RULE.match(row):
                continue
            cells = [c.strip() for c in _CELL_SPLIT.split(row.strip().strip("|"))]
            assert len(cells) == 3 and all(cells), \
                f"{DICTIONARY.name}: '### {name}': malformed row {row!r}"
            column = cells[0].strip("`")
            assert column not in columns, f"{DICTIONARY.name}: {name}.{column} listed twice"
            columns[column] = cells[1].strip("`")
        documented[name] = columns
    return documented


def _normalize_type(type_: str) -> str:
    return re.sub(r"\s+", "", type_).upper()


@pytest.fixture(scope="module")
def actual(tmp_path_factory: pytest.TempPathFactory) -> Schema:
    path = tmp_path_factory.mktemp("dictionary") / "fresh.duckdb"
    con = connect(path)
    try:
        migrate(con)
        rows = con.sql(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_catalog = current_database() and table_schema = 'main' "
            "order by table_name, ordinal_position"
        ).fetchall()
    finally:
        con.close()
    schema: Schema = {}
    for table, column, type_ in rows:
        if table not in INTERNAL:
            schema.setdefault(table, {})[column] = type_
    return schema


@pytest.fixture(scope="module")
def documented() -> Schema:
    return parse_dictionary(DICTIONARY.read_text(encoding="utf-8"))


def test_every_table_view_and_column_is_documented(actual: Schema, documented: Schema) -> None:
    missing_tables = sorted(set(actual) - set(documented))
    missing_columns = sorted(
        f"{table}.{column} ({type_})"
        for table, columns in actual.items() if table in documented
        for column, type_ in columns.items() if column not in documented[table]
    )
    problems = []
    if missing_tables:
        problems.append("tables/views not documented (add a '### name' section): "
                        + ", ".join(missing_tables))
    if missing_columns:
        problems.append("columns not documented: " + ", ".join(missing_columns))
    assert not problems, f"{DICTIONARY}: " + "; ".join(problems)


def test_dictionary_lists_nothing_that_does_not_exist(actual: Schema, documented: Schema) -> None:
    stale_tables = sorted(set(documented) - set(actual))
    stale_columns = sorted(
        f"{table}.{column}"
        for table, columns in documented.items() if table in actual
        for column in columns if column not in actual[table]
    )
    problems = []
    if stale_tables:
        problems.append("documented but not in the warehouse: " + ", ".join(stale_tables))
    if stale_columns:
        problems.append("documented columns that do not exist: " + ", ".join(stale_columns))
    assert not problems, f"{DICTIONARY}: " + "; ".join(problems)


def test_documented_types_match(actual: Schema, documented: Schema) -> None:
    wrong = sorted(
        f"{table}.{column} is {actual[table][column]}, documented as {type_}"
        for table, columns in documented.items() if table in actual
        for column, type_ in columns.items()
        if column in actual[table]
        and _normalize_type(type_) != _normalize_type(actual[table][column])
    )
    assert not wrong, f"{DICTIONARY}: wrong types: " + "; ".join(wrong)


def test_parser_reports_a_heading_without_table() -> None:
    with pytest.raises(AssertionError, match="### broken"):
        parse_dictionary("### broken\n\nsome text\n\n### next\n")
    parsed = parse_dictionary("### t\n\n| column | type | meaning |\n|---|---|---|\n"
                              "| a | VARCHAR | x \\| y |\n")
    assert parsed == {"t": {"a": "VARCHAR"}}


def test_example_queries_run(seeded_db: Path) -> None:
    """The README's SQL examples (except the Parquet ones) run on a loaded warehouse."""
    text = DICTIONARY.read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```sql\n(.*?)```", text, flags=re.S)
              if "read_parquet" not in b]
    assert len(blocks) >= 4
    con = open_read_only(seeded_db)
    try:
        for block in blocks:
            run_query(con, block, limit=5)
    finally:
        con.close()
