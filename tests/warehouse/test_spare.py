"""The spare copy: the next writer starts from it instead of copying, and only when it is a copy
of the published file as it is now."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import warehouse.db
import warehouse.spare
import warehouse.spare_copy
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
    with writer(db) as con:
        con.execute("insert into t values (1)")
    assert not warehouse.spare._copies  # no process: the replaced file goes on a thread
    wait_for_spares()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.lock"]


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


def test_the_copy_runs_in_a_process_of_its_own(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table t (n integer); insert into t values (1)")
    copies = list(warehouse.spare._copies)
    assert [c.args[1:4] for c in copies] == [["-m", "warehouse.spare_copy", str(db)]]
    wait_for_spares()
    assert [c.returncode for c in copies] == [0]
    assert (tmp_path / "w.duckdb.spare").read_bytes() == db.read_bytes()
    assert (tmp_path / "w.duckdb.spare-of").read_text() == warehouse.spare.identity(db)
    # The next writer's process also removes the file that writer replaced.
    with writer(db) as con:
        con.execute("insert into t values (2)")
    assert warehouse.spare._copies[-1].args[4:] == [warehouse.spare.identity(db),
                                                     str(tmp_path / "w.duckdb.retired")]
    wait_for_spares()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "w.duckdb", "w.duckdb.lock", "w.duckdb.spare", "w.duckdb.spare-of"]


def test_the_copy_is_skipped_when_the_file_changed_since(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"published")
    before = warehouse.spare.identity(db)
    db.write_bytes(b"published again, by a newer writer")
    assert warehouse.spare_copy.main([str(db), before]) == 0
    assert not (tmp_path / "w.duckdb.spare").exists()
    assert warehouse.spare_copy.main([str(db), warehouse.spare.identity(db)]) == 0
    assert (tmp_path / "w.duckdb.spare").read_bytes() == db.read_bytes()


def _a_copy_of_the_published_file(tmp_path: Path) -> tuple[Path, threading.Thread, list[bool]]:
    """A published warehouse without a spare, and a thread about to copy it (not started);
    its result lands in the list."""
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table t (n integer); insert into t values (1)")
    wait_for_spares()
    warehouse.spare._discard_spare(db)
    published = warehouse.spare.identity(db)
    done: list[bool] = []
    copier = threading.Thread(
        target=lambda: done.append(warehouse.spare_copy.copy_when_idle(db, published)))
    return db, copier, done


def test_a_copy_waits_for_the_lock_while_its_file_is_still_published(tmp_path: Path) -> None:
    """An earlier copy (or a writer that has not published) holds the lock: the copy of the
    file that is still published waits and is made rather than left to the next writer."""
    db, copier, done = _a_copy_of_the_published_file(tmp_path)
    with warehouse.db.writer_lock(db, wait_seconds=0):
        copier.start()
        copier.join(0.6)
        assert copier.is_alive() and not (tmp_path / "w.duckdb.spare").exists()
    copier.join(10)
    assert done == [True]
    assert (tmp_path / "w.duckdb.spare").read_bytes() == db.read_bytes()


def test_a_copy_gives_up_once_a_newer_file_is_published(tmp_path: Path) -> None:
    db, copier, done = _a_copy_of_the_published_file(tmp_path)
    with warehouse.db.writer_lock(db, wait_seconds=0):
        copier.start()
        copier.join(0.3)
        # What a writer does when it publishes: a new file takes the name.
        staged = tmp_path / "w.duckdb.new"
        staged.write_bytes(db.read_bytes())
        staged.replace(db)
        copier.join(10)
        assert not copier.is_alive()
    assert done == [False]
    assert not (tmp_path / "w.duckdb.spare").exists()
