"""The only place that opens DuckDB: one writer at a time, any number of read-only readers.

DuckDB lets one process open a file read-write or many open it read-only, never both. jobpulse
therefore never writes the published file in place. :func:`writer` takes an exclusive lock,
copies the published file to ``<db>.next``, hands out a read-write connection to that copy,
and on success checkpoints it and renames it over the published file in one atomic step.
Readers (``connect(read_only=True)``) never block the writer and never see a half-written
load: a reader that opened the old file keeps reading that snapshot until it closes, and the
next open sees the new one. A writer killed at any point leaves the published file as it was;
the stale copy is discarded by the next writer. A large warehouse also keeps a spare copy,
made in the background after each publish, that the next writer starts from instead of
copying (:mod:`warehouse.spare`), and the replaced file's blocks are freed in the background
too.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from warehouse.spare import (
    copy_in_background,
    identity,
    in_background,
    take_spare,
    wants_spare,
)
from warehouse.sql import load_sql


class WarehouseError(Exception):
    """The warehouse cannot be opened or used as asked."""


class CorruptWarehouse(WarehouseError):
    """The warehouse file is not a DuckDB database, or DuckDB found it damaged."""


# How DuckDB words a file it cannot read as a database: a foreign or empty file, a truncated
# one, a failed block checksum. Matched on the message because DuckDB raises these as plain
# IOException or duckdb.Error, the same classes as a lock conflict or a full disk.
_CORRUPT_MARKERS = ("not a valid duckdb database", "could not read enough bytes",
                    "corrupt database file", "database file with version number")


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def corrupt_error(path: Path, exc: BaseException, *, shown_as: Path | None = None
                  ) -> CorruptWarehouse | None:
    """A one-line :class:`CorruptWarehouse` for ``path`` if ``exc`` says the file is damaged.

    ``shown_as`` names a private copy of ``path`` (the writer's ``<db>.next``) that DuckDB's
    message mentions; the user only knows ``path``, so that is the name shown.
    """
    detail = _first_line(exc)
    if not any(marker in detail.lower() for marker in _CORRUPT_MARKERS):
        return None
    if shown_as is not None:
        detail = detail.replace(str(shown_as.resolve()), str(path.resolve()))
        detail = detail.replace(str(shown_as), str(path))
    return CorruptWarehouse(f"{path} is not a DuckDB database (or is corrupt): {detail}")


def _open_error(path: Path, exc: BaseException) -> WarehouseError:
    return corrupt_error(path, exc) or WarehouseError(f"cannot open {path}: {_first_line(exc)}")


def connect(path: str | Path, *, read_only: bool = False, wait_seconds: float = 0.0
            ) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file directly.

    Readers use ``read_only=True``. Writing code should use :func:`writer` instead; a direct
    read-write open is for tools and tests working on a private file. A read-only open of a
    missing file is an error (there is nothing to read yet). DuckDB refuses an open while a
    conflicting lock is held; with ``wait_seconds`` the open is retried until then.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `jobpulse load` (or `jobpulse demo`)")
    if not read_only:
        _make_parent(path)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise _open_error(path, exc) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
        except duckdb.Error as exc:
            # A failed block checksum is a plain duckdb.Error, not an IOException.
            raise _open_error(path, exc) from exc


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseError(f"cannot create the folder of {path}: {exc.strerror or exc}"
                             ) from exc


def open_snapshot(path: str | Path) -> duckdb.DuckDBPyConnection:
    """The published file attached read-only to a private in-memory DuckDB instance.

    ``duckdb.connect(path)`` hands out one cached instance per path for the whole process, so
    a reader kept open across loads would keep seeing the file it first opened. A private
    instance per published file lets a long-lived reader (the dashboard) keep DuckDB's caches
    warm and still move to the next snapshot by opening a new one. Cursors of the returned
    connection must run ``use warehouse`` (see :func:`snapshot_cursor`).
    """
    path = Path(path)
    if not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `jobpulse load` (or `jobpulse demo`)")
    con = duckdb.connect()
    try:
        con.execute(load_sql("db/attach_snapshot"), {"path": str(path)})
        con.execute(load_sql("db/use_snapshot"))
    except duckdb.Error as exc:
        con.close()
        raise _open_error(path, exc) from exc
    return con


def check_warehouse(path: str | Path) -> None:
    """:class:`CorruptWarehouse` if ``path`` exists and DuckDB cannot read it.

    For commands that write the warehouse only after long work (a crawl with --load, the demo,
    the scheduler): a damaged file should stop them before they start, not after. A missing
    file passes (the first load creates it), and so does one another process holds locked.
    """
    if not Path(path).exists():
        return
    try:
        open_snapshot(path).close()
    except CorruptWarehouse:
        raise
    except WarehouseError:
        return


def snapshot_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A connection of its own (for one thread) on an :func:`open_snapshot` instance."""
    cursor = con.cursor()
    cursor.execute(load_sql("db/use_snapshot"))
    return cursor


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


@contextlib.contextmanager
def writer_lock(path: Path, wait_seconds: float) -> Iterator[None]:
    """Exclusive lock that serialises writers (released by the OS if the process dies)."""
    _make_parent(path)
    try:
        handle = _sibling(path, ".lock").open("a")
    except OSError as exc:
        raise WarehouseError(f"cannot lock {path}: {exc.strerror or exc}") from exc
    with handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseError(
                        f"another process is writing {path} (lock {handle.name}); "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _discard(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _open_staged(path: Path, staged: Path) -> duckdb.DuckDBPyConnection:
    """Copy the published file (and a WAL left behind) to ``staged`` and open the copy."""
    try:
        if path.exists() and not take_spare(path, staged):
            shutil.copyfile(path, staged)
            wal = _sibling(path, ".wal")
            if wal.exists():
                # Left by a direct writer that died; DuckDB replays it when the copy opens.
                shutil.copyfile(wal, _sibling(staged, ".wal"))
    except OSError as exc:
        raise WarehouseError(f"cannot copy {path} to {staged}: {exc.strerror or exc}") from exc
    try:
        return duckdb.connect(str(staged))
    except duckdb.Error as exc:
        raise (corrupt_error(path, exc, shown_as=staged)
               or WarehouseError(f"cannot open {path}: {_first_line(exc)}")) from exc


@contextlib.contextmanager
def writer(path: str | Path, *, wait_seconds: float = 600.0
           ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection whose changes are published atomically when the block ends."""
    path = Path(path)
    staged = _sibling(path, ".next")
    with writer_lock(path, wait_seconds):
        _discard(staged, _sibling(staged, ".wal"))
        try:
            con = _open_staged(path, staged)
        except BaseException:
            # The copy of a damaged file is useless; nothing may stay behind but the original.
            _discard(staged, _sibling(staged, ".wal"))
            raise
        try:
            # The staged copy is private until published, so its commits need no early
            # checkpoints. At the default 16 MB each run's commit checkpointed and rewrote the
            # table's last, half-filled row groups: a 1M-posting load wrote for 52-64 s and left
            # a 1,331 MB file; with 1 GB, 27 s and 1,069 MB. Memory and WAL stay under ~1 GB.
            con.execute(load_sql("db/writer_settings"))
            yield con
            con.execute("checkpoint")
        except BaseException as exc:
            con.close()
            _discard(staged, _sibling(staged, ".wal"))
            # Damage can also surface later, when the block holding it is first read.
            if isinstance(exc, duckdb.Error):
                corrupt = corrupt_error(path, exc, shown_as=staged)
                if corrupt is not None:
                    raise corrupt from exc
            raise
        con.close()
        with staged.open("rb+") as handle:
            os.fsync(handle.fileno())
        retired = _retire(path)
        os.replace(staged, path)
        _discard(_sibling(path, ".wal"))
        _fsync_dir(path.parent)
    _after_publishing(path, retired)


def _retire(path: Path) -> Path | None:
    """Give the published file a second name, ``<db>.retired``, so that replacing it does not
    free its blocks: unlinking a 1.2 GB file took 0.28 s of every load, now spent after the
    publish, in the background. ``None`` when there is no file or the folder cannot link."""
    retired = _sibling(path, ".retired")
    _discard(retired)  # left by a process that died before removing it
    try:
        os.link(path, retired)
    except OSError:  # no file yet, or a filesystem without hard links: the replace frees it
        return None
    return retired


def _after_publishing(path: Path, retired: Path | None) -> None:
    """Remove the replaced file (``retired``) and copy the one just published to its spare,
    under the writer lock (skipped if another writer holds it: that one publishes a newer file).

    Both in the background. A file large enough for a spare has both done by a detached process
    (unlinking 1.5 GB took 0.3 s, the copy and its flush about 1 s, which every ``jobpulse
    load`` waited for before it exited); a small one's removal runs on a thread."""
    if wants_spare(path) and copy_in_background(path, identity(path), remove=retired):
        return
    if retired is not None:
        in_background(lambda: _discard(retired), f"removing the previous {path.name}")
