"""The dashboard's long-lived snapshot follows each published load."""

from __future__ import annotations

import threading
from pathlib import Path

from dashboard.data import reader
from warehouse.db import writer


def count(db: Path) -> int:
    con = reader(str(db))
    try:
        return con.execute("select count(*) from t").fetchall()[0][0]
    finally:
        con.close()


def test_reader_moves_to_the_next_published_file(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table t as select range as x from range(3)")
    assert count(db) == 3
    held = reader(str(db))  # a query still running on the old snapshot
    with writer(db) as con:
        con.execute("insert into t select 99")
    assert count(db) == 4
    assert held.execute("select count(*) from t").fetchall()[0][0] == 3
    held.close()


def test_reader_serves_threads_at_once(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table t as select range as x from range(100000)")
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(count(db))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [100000] * 8
