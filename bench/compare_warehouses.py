"""``python -m bench.compare_warehouses A.duckdb B.duckdb``: are two warehouses the same data?

Every table and view of either file is compared both ways with ``EXCEPT ALL`` (so duplicates
count), column by column over the columns both have. Two builds of the same demo differ in
what the clock and the run ids put there, so those columns are left out by name (``--keep`` one
to compare it anyway), and the same keys are removed from JSON columns (a raw item's
``crawl_run`` and ``fetched_at``), as is the port of the demo's local server from text. Lists
are compared sorted. Doubles are compared to 9 significant digits: DuckDB sums in
parallel, and the order of a float sum moves its last bits.

Exit 0 when every relation matches, 1 with one line per difference otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

VOLATILE_COLUMNS = frozenset({
    # when things happened on this machine
    "loaded_at", "fetched_at", "first_seen_at", "last_seen_at", "closed_at", "started_at",
    "finished_at", "updated_at", "applied_at", "seconds", "recorded_at",
    # a snapshot source's coverage window opens and closes with its crawls' times
    "coverage_from", "coverage_to", "undated_from",
    # run identity: ids carry their start time
    "run_id", "last_run_id", "crawl_run", "landing_file", "path",
    # a landing file's bytes hold its run id and fetch times, and a local page's URL its port;
    # a posting's content hash covers them (its raw item is compared instead)
    "sha256", "bytes", "content_hash",
})
VOLATILE_JSON_KEYS = ("crawl_run", "fetched_at")
DIGITS = 9


def relations(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, str]:
    """Name -> ``BASE TABLE`` or ``VIEW`` of every relation in ``catalog``'s main schema."""
    rows = con.execute(
        "select table_name, table_type from information_schema.tables "
        "where table_catalog = ? and table_schema = 'main'", [catalog]).fetchall()
    return {name: kind for name, kind in rows if not name.startswith("_")}


def columns(con: duckdb.DuckDBPyConnection, catalog: str, name: str) -> dict[str, str]:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema = 'main' and table_name = ? "
        "order by ordinal_position", [catalog, name]).fetchall()
    return dict(rows)


def comparable(column: str, data_type: str) -> str:
    """A select expression for ``column`` that two equal builds produce identically."""
    quoted = '"' + column.replace('"', '""') + '"'
    if data_type == "JSON":
        patch = "{" + ", ".join(f'"{key}": null' for key in VOLATILE_JSON_KEYS) + "}"
        return f"{_no_port(f'cast(json_merge_patch({quoted}, {patch!r}) as varchar)')} as {quoted}"
    if data_type == "VARCHAR":
        return f"{_no_port(quoted)} as {quoted}"
    if data_type.endswith("[]"):
        # Lists built by an aggregate come in the order its threads finished.
        return f"list_sort({quoted}) as {quoted}"
    if data_type in {"DOUBLE", "FLOAT", "REAL"}:
        # Significant digits, not decimals: shares are near 0 and salaries near 1e5.
        return (f"case when {quoted} = 0 or {quoted} is null or isnan({quoted}) then {quoted} "
                f"else round({quoted}, {DIGITS} - 1 - cast(floor(log10(abs({quoted}))) as int)) "
                f"end as {quoted}")
    return quoted


def _no_port(expression: str) -> str:
    """The demo serves its corpus on a free port, which ends up in URLs of local pages."""
    return f"regexp_replace({expression}, '127\\.0\\.0\\.1:[0-9]+', '127.0.0.1:PORT', 'g')"


def compare(a: Path, b: Path, keep: frozenset[str] = frozenset(),
            prefix: str = "") -> list[str]:
    """One line per difference between the warehouses ``a`` and ``b``; empty when equal.

    ``prefix`` limits the comparison to the relations whose names start with it (two copies
    of one warehouse that only a refresh of the marts has touched differ in ``mart_`` alone).
    """
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")
    problems: list[str] = []
    in_a, in_b = ({name: kind for name, kind in relations(con, side).items()
                   if name.startswith(prefix)} for side in ("a", "b"))
    for name in sorted(set(in_a) ^ set(in_b)):
        problems.append(f"{name}: only in {'A' if name in in_a else 'B'}")
    ignored = VOLATILE_COLUMNS - keep
    for name in sorted(set(in_a) & set(in_b)):
        cols_a, cols_b = columns(con, "a", name), columns(con, "b", name)
        if set(cols_a) != set(cols_b):
            problems.append(f"{name}: columns differ: only in A {sorted(set(cols_a) - set(cols_b))}"
                            f", only in B {sorted(set(cols_b) - set(cols_a))}")
        shared = [c for c in cols_a if c in cols_b and c not in ignored]
        if not shared:
            continue
        select = ", ".join(comparable(c, cols_a[c]) for c in shared)
        counts = []
        for left, right in (("a", "b"), ("b", "a")):
            sql = (f"select count(*) from (select {select} from {left}.main.\"{name}\" "
                   f"except all select {select} from {right}.main.\"{name}\")")
            counts.append(con.execute(sql).fetchall()[0][0])
        total = con.execute(f'select count(*) from a.main."{name}"').fetchall()[0][0]
        if any(counts):
            problems.append(f"{name}: {counts[0]} of {total} rows only in A, {counts[1]} only "
                            f"in B (columns compared: {len(shared)})")
    con.close()
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare_warehouses",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--keep", action="append", default=[],
                        help="compare this volatile column too (repeatable)")
    args = parser.parse_args(argv)
    for path in (args.a, args.b):
        if not path.is_file():
            print(f"compare_warehouses: no such warehouse: {path}", file=sys.stderr)
            return 2
    problems = compare(args.a, args.b, frozenset(args.keep))
    for line in problems:
        print(line)
    ignored = sorted(VOLATILE_COLUMNS - set(args.keep))
    print(("DIFFERENT" if problems else "IDENTICAL")
          + f" (every table and view, EXCEPT ALL both ways; left out: {', '.join(ignored)})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
