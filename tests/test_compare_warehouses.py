"""``bench.compare_warehouses``: what decides that a restructure left the demo warehouse alone."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bench.compare_warehouses import compare, main


def warehouse(path: Path, *statements: str) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create table postings (posting_id varchar, url varchar, pay double, "
                "tags varchar[], item json, loaded_at timestamptz)")
    con.execute("insert into postings values "
                "('a', 'http://127.0.0.1:4100/x', 1e5 / 3, ['b', 'a'], "
                "'{\"k\": 1, \"crawl_run\": \"r1\"}', now()), "
                "('b', null, 0.3, [], '{}', now()), ('b', null, 0.3, [], '{}', now())")
    con.execute("create view v as select count(*) as n from postings")
    for statement in statements:
        con.execute(statement)
    con.close()
    return path


def test_equal_up_to_clock_port_run_ids_list_order_and_float_noise(tmp_path: Path) -> None:
    a = warehouse(tmp_path / "a.duckdb")
    b = warehouse(tmp_path / "b.duckdb",
                  "update postings set url = 'http://127.0.0.1:5999/x', tags = ['a', 'b'], "
                  "item = '{\"k\": 1, \"crawl_run\": \"r2\"}', loaded_at = now() + interval 1 day "
                  "where posting_id = 'a'",
                  "update postings set pay = 0.1::double + 0.2::double "
                  "where rowid = (select max(rowid) from postings where posting_id = 'b')")
    assert compare(a, b) == []
    assert main([str(a), str(b)]) == 0


def test_every_real_difference_is_named(tmp_path: Path) -> None:
    a = warehouse(tmp_path / "a.duckdb")
    b = warehouse(tmp_path / "b.duckdb",
                  "update postings set pay = pay + 1 where posting_id = 'a'",
                  # one duplicate row fewer: EXCEPT ALL counts copies
                  "delete from postings where rowid = (select max(rowid) from postings)",
                  "create table extra (x int)")
    problems = compare(a, b)
    assert "extra: only in B" in problems
    assert "postings: 2 of 3 rows only in A, 1 only in B (columns compared: 5)" in problems
    assert any(p.startswith("v: 1 of 1 rows only in A") for p in problems)
    assert main([str(a), str(b)]) == 1
    assert main([str(a), str(tmp_path / "missing.duckdb")]) == 2


def test_a_prefix_compares_only_the_relations_it_names(tmp_path: Path) -> None:
    a = warehouse(tmp_path / "a.duckdb", "create table mart_x as select 1 as n")
    b = warehouse(tmp_path / "b.duckdb", "create table mart_x as select 2 as n",
                  "update postings set pay = pay + 1 where posting_id = 'a'")
    assert compare(a, b, prefix="mart_") == [
        "mart_x: 1 of 1 rows only in A, 1 only in B (columns compared: 1)"]
    assert compare(a, b, prefix="nothing_") == []
