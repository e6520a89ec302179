"""The spare copy: the next writer starts from it instead of copying, and only when it is a copy
of the published file as it is now."""

from __future__ import annotations

from pathlib import Path

import pytest

import warehouse.db
import warehouse.spare
from warehouse.db import connect, writer
from warehouse.spare import wait_for_spares


@pytest.fixture(autouse=True)
def _small_files_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warehouse.spare, "SPARE_MIN_BYTES", 0)


def _rows(db: Path) -> list[tuple[int]]:
    con = connect(db, read_only=True)
    try:
        return con.execute("select n from t order by n").fetchall()
    finally:
        con.close()


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each writer started from the spare."""
    seen: list[bool] = []

    def spy(path: Path, staged: Path) -> bool:
        seen.append(warehouse.spare.take_spare(path, staged))
        return seen[-1]

    monkeypatch.setattr(warehouse.db, "take_spare", spy)
    return seen


def test_the_next_writer_starts_from_the_spare(tmp_path: Path, taken: list[bool]) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table t (n integer); insert into t values (1)")
    wait_for_spares()
    assert (tmp_path / "w.duckdb.spare").exists() and (tmp_path / "w.duckdb.spare-of").exists()
    with writer(db) as con:
        con.execute("insert into t values (2)")
    assert _rows(db) == [(1,), (2,)]
    wait_for_spares()
    # The spare now copies the second file: a third writer starts from it too.
    with writer(db) as con:
        con.execute("insert into t values (3)")
    assert _rows(db) == [(1,), (2,), (3,)]
    wait_for_spares()
    assert taken == [True, True]  # the first writer had no published file to copy


def test_a_spare_of_another_file_is_never_used(tmp_path: Path, taken: list[bool]) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table t (n integer); insert into t values (1)")
    wait_for_spares()
    # Changed in place behind the writers' back: the spare no longer matches.
    con = connect(db)
    con.execute("insert into t values (5)")
    con.close()
    with writer(db) as con:
        con.execute("insert into t values (2)")
    assert _rows(db) == [(1,), (2,), (5,)]
    wait_for_spares()
    assert taken == [False]


def test_a_failed_writer_leaves_the_published_file_and_no_spare_behind(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table t (n integer); insert into t values (1)")
    wait_for_spares()
    with pytest.raises(RuntimeError), writer(db) as con:
        con.execute("insert into t values (2)")
        raise RuntimeError("load failed")
    assert _rows(db) == [(1,)]
    assert not (tmp_path / "w.duckdb.spare").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.lock"]


def test_small_warehouses_keep_no_spare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warehouse.spare, "SPARE_MIN_BYTES", 1 << 40)
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table t (n integer)")
    wait_for_spares()
    assert not (tmp_path / "w.duckdb.spare").exists()


def test_the_replaced_file_is_removed_after_publishing(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table t (n integer); insert into t values (1)")
    reader = connect(db, read_only=True)
    try:
        # A name left by a writer that died before it removed the file it replaced.
        (tmp_path / "w.duckdb.retired").write_bytes(b"stale")
        with writer(db) as con:
            con.execute("insert into t values (2)")
        wait_for_spares()
        assert not (tmp_path / "w.duckdb.retired").exists()
        # A reader of the replaced file keeps reading it.
        assert reader.execute("select n from t order by n").fetchall() == [(1,)]
    finally:
        reader.close()
    assert _rows(db) == [(1,), (2,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "w.duckdb", "w.duckdb.lock", "w.duckdb.spare", "w.duckdb.spare-of"]
